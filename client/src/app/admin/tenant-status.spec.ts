import type { AdminTenantDto } from '@contracts/workspaces';
import { failingSections, filterCounts, matchesFilter, odooHealth, problemsOf } from './tenant-status';

function tenant(overrides: Partial<AdminTenantDto> = {}): AdminTenantDto {
  return {
    tenantId: 't1',
    name: 'Acme',
    isActive: true,
    createdAt: '2026-12-01T10:00:00.000Z',
    members: 2,
    source: 'workspace',
    odoo: { host: 'acme.odoo.com', database: 'acme' },
    odooVersion: '17.0+e-20240709',
    lastAggregation: { at: '2026-12-06T10:00:00.000Z', errorKinds: {} },
    lastDashboardRequestAt: '2026-12-06T10:00:00.000Z',
    ...overrides,
  };
}

describe('tenant status', () => {
  it('calls Odoo OK when every section loaded, or only apps are missing', () => {
    expect(odooHealth(tenant())).toBe('ok');
    const missingHelpdesk = tenant({ lastAggregation: { at: 'x', errorKinds: { helpdesk: 'module-missing' } } });
    expect(odooHealth(missingHelpdesk)).toBe('ok');
  });

  it('calls Odoo failing when a section failed for another reason, and names the sections', () => {
    const failing = tenant({
      lastAggregation: { at: 'x', errorKinds: { crm: 'auth', helpdesk: 'module-missing', inventory: 'timeout' } },
    });
    expect(odooHealth(failing)).toBe('failing');
    expect(failingSections(failing)).toBe('CRM: auth, Inventory: timeout');
    expect(problemsOf(failing)).toEqual(['odoo-failing']);
  });

  it('tells not connected and no data yet apart from failing', () => {
    expect(odooHealth(tenant({ source: 'none', odoo: null }))).toBe('not-connected');
    const notConnected = Object.fromEntries(
      ['accounting', 'crm', 'projects', 'helpdesk', 'inventory'].map((key) => [key, 'not-connected']),
    );
    expect(odooHealth(tenant({ lastAggregation: { at: 'x', errorKinds: notConnected } }))).toBe('not-connected');
    expect(odooHealth(tenant({ lastAggregation: null }))).toBe('no-data');
    expect(problemsOf(tenant({ lastAggregation: null }))).toEqual([]);
  });

  it('filters by problem and counts each filter', () => {
    const list = [
      tenant({ tenantId: 'a' }),
      tenant({ tenantId: 'b', isActive: false, lastDashboardRequestAt: null }),
      tenant({ tenantId: 'c', lastAggregation: { at: 'x', errorKinds: { accounting: 'network' } } }),
      tenant({ tenantId: 'd', lastDashboardRequestAt: null, source: 'none', odoo: null, lastAggregation: null }),
    ];
    expect(list.filter((t) => matchesFilter(t, 'never-used')).map((t) => t.tenantId)).toEqual(['b', 'd']);
    expect(list.filter((t) => matchesFilter(t, 'odoo-failing')).map((t) => t.tenantId)).toEqual(['c']);
    expect(list.filter((t) => matchesFilter(t, 'all'))).toHaveLength(4);
    expect(filterCounts(list)).toEqual({ all: 4, 'odoo-failing': 1, inactive: 1, 'never-used': 2 });
  });
});
