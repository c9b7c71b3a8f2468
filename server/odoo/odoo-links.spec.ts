import { defaultPublicUrl, OdooLinks, publicOdooUrl, PublicUrlError } from './odoo-links';

describe('OdooLinks', () => {
  it.each([16, 17])('uses /web# fragments on Odoo %i', (major) => {
    const links = new OdooLinks('https://erp.example.com', major);
    expect(links.record('account.move', 42)).toBe('https://erp.example.com/web#id=42&model=account.move&view_type=form');
    expect(links.action('stock.action_replenishment')).toBe('https://erp.example.com/web#action=stock.action_replenishment');
  });

  it.each([18, 19])('uses /odoo paths on Odoo %i', (major) => {
    const links = new OdooLinks('https://erp.example.com/prefix', major);
    expect(links.record('project.task', 7)).toBe('https://erp.example.com/prefix/odoo/project.task/7');
    expect(links.action('project.action_view_all_task')).toBe('https://erp.example.com/prefix/odoo/action-project.action_view_all_task');
  });

  it.each([null, undefined, 0, -3, 1.5])('gives no record link for the id %p', (id) => {
    expect(new OdooLinks('https://erp.example.com', 18).recordOrNull('crm.lead', id)).toBeNull();
  });
});

describe('public Odoo URLs', () => {
  it('drops a trailing slash, query and fragment but keeps a path prefix', () => {
    expect(publicOdooUrl('https://erp.example.com/')).toBe('https://erp.example.com');
    expect(publicOdooUrl('https://erp.example.com/odoo-prod//?debug=1#x')).toBe('https://erp.example.com/odoo-prod');
  });

  it.each(['ftp://erp.example.com', 'erp.example.com', 'javascript:alert(1)', ''])('refuses %p', (value) => {
    expect(() => publicOdooUrl(value)).toThrow(PublicUrlError);
  });

  it('refuses credentials when given explicitly, and strips them from a connection URL', () => {
    expect(() => publicOdooUrl('https://bot:secret@erp.example.com')).toThrow('must not contain credentials');
    expect(defaultPublicUrl('https://bot:secret@erp.example.com:8069/')).toBe('https://erp.example.com:8069');
  });
});
