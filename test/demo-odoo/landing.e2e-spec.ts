import { createHash } from 'node:crypto';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo';

// The pages behind deep links, over real HTTP: what the server writes for /odoo/... paths, and
// the /web page whose fragment only a browser sees (the script itself is checked in a browser).
let demo: DemoOdooServer;

beforeAll(async () => {
  demo = await startDemoOdoo({ port: 0, today: new Date('2025-06-15T09:00:00Z') });
});
afterAll(() => demo.close());

async function get(url: string, init: RequestInit = {}) {
  const res = await fetch(url, { redirect: 'manual', ...init });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

/** The text of the element carrying a data-testid. */
function testid(body: string, id: string): string | undefined {
  const m = new RegExp(`<[a-z]+ data-testid="${id}">([^<]*)</`).exec(body);
  return m?.[1];
}

describe('deep-link landing pages', () => {
  it.each([
    ['globex', 'account.move', '5'],
    ['umbrella', 'crm.lead', '12'],
  ])('/odoo/<model>/<id> on %s names the model and the record', async (db, model, id) => {
    const r = await get(`${demo.urlFor(db)}/odoo/${model}/${id}`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(testid(r.body, 'odoo-model')).toBe(model);
    expect(testid(r.body, 'odoo-record-id')).toBe(id);
    expect(testid(r.body, 'odoo-action')).toBe('');
    expect(testid(r.body, 'odoo-database')).toBe(db);
    expect(testid(r.body, 'odoo-target')).toBe(`Odoo would open record ${id} of ${model}.`);
    expect(r.body).not.toContain('<script');
  });

  it('/odoo/action-<xmlid> names the action, with a record when one follows', async () => {
    const r = await get(`${demo.urlFor('umbrella')}/odoo/action-account.action_move_out_invoice`);
    expect(testid(r.body, 'odoo-action')).toBe('account.action_move_out_invoice');
    expect(testid(r.body, 'odoo-model')).toBe('');
    expect(testid(r.body, 'odoo-target')).toBe('Odoo would open the action account.action_move_out_invoice.');
    const withRecord = await get(`${demo.urlFor('umbrella')}/odoo/action-stock.action_replenishment/7`);
    expect([testid(withRecord.body, 'odoo-action'), testid(withRecord.body, 'odoo-record-id')]).toEqual(['stock.action_replenishment', '7']);
  });

  it('answers on the shared URL too, without naming a database', async () => {
    const r = await get(`${demo.url}/odoo/project.task/3`);
    expect(r.status).toBe(200);
    expect([testid(r.body, 'odoo-model'), testid(r.body, 'odoo-record-id'), testid(r.body, 'odoo-database')]).toEqual(['project.task', '3', '']);
  });

  it('/odoo does not exist on a 16 or 17 database, as in Odoo 17.0', async () => {
    expect((await get(`${demo.urlFor('acme')}/odoo/account.move/5`)).status).toBe(404);
    expect((await get(`${demo.urlFor('initech')}/odoo`)).status).toBe(404);
    expect((await get(`${demo.url}/odoo/account.move/5`, { headers: { 'X-Odoo-Database': 'acme' } })).status).toBe(404);
  });

  it('escapes what the path carries and names nothing for a path it cannot read', async () => {
    const r = await get(`${demo.urlFor('globex')}/odoo/${encodeURIComponent('<img src=x onerror=alert(1)>')}/1`);
    expect(r.status).toBe(200);
    expect(r.body).not.toContain('<img');
    expect(testid(r.body, 'odoo-model')).toBe('');
    expect(testid(r.body, 'odoo-target')).toBe('This link names no record or action.');
    const odd = await get(`${demo.urlFor('globex')}/odoo/account.move/5%3Cb%3E`);
    expect([testid(odd.body, 'odoo-model'), testid(odd.body, 'odoo-record-id')]).toEqual(['account.move', '']);
  });

  it.each(['initech', 'acme', 'globex', 'umbrella'])('/web on %s is a page whose script reads the fragment, allowed by its CSP hash', async (db) => {
    const r = await get(`${demo.urlFor(db)}/web`);
    expect(r.status).toBe(200);
    for (const id of ['odoo-model', 'odoo-record-id', 'odoo-action']) expect(testid(r.body, id)).toBe('');
    expect(testid(r.body, 'odoo-database')).toBe(db);
    const script = /<script>([\s\S]*)<\/script>/.exec(r.body)?.[1] ?? '';
    expect(script).toContain('location.hash');
    expect(script).toContain('textContent');
    expect(script).not.toContain('innerHTML');
    const hash = createHash('sha256').update(script).digest('base64');
    expect(r.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);
    expect(r.headers.get('content-security-policy')).toContain("default-src 'none'");
  });

  it('ignores the query string of /web (the fragment never reaches the server)', async () => {
    const r = await get(`${demo.urlFor('acme')}/web?debug=1`);
    expect(r.status).toBe(200);
    expect(testid(r.body, 'odoo-target')).toBe('This link names no record or action.');
  });

  it('refuses other methods and keeps unknown paths at 404', async () => {
    const post = await get(`${demo.urlFor('globex')}/odoo/account.move/5`, { method: 'POST' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expect((await get(`${demo.urlFor('globex')}/web/nope`)).status).toBe(404);
    expect((await get(`${demo.urlFor('globex')}/odooo/account.move/5`)).status).toBe(404);
    expect((await get(`${demo.url}/db/nope/web`)).status).toBe(404);
  });
});
