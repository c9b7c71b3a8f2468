import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { AdminTenantDto, AuditEntryDto } from '@contracts/workspaces';
import { nextRequest } from '../../testing/http-helpers';
import { USER_LOCALE } from '../core/locale';
import { Confirmer } from '../core/ui/confirm';
import { AdminPage } from './admin-page';

function row(overrides: Partial<AdminTenantDto>): AdminTenantDto {
  return {
    tenantId: 't1',
    name: 'Acme',
    isActive: true,
    createdAt: '2026-12-01T10:00:00.000Z',
    members: 3,
    source: 'workspace',
    odoo: { host: 'acme.odoo.com', database: 'acme' },
    odooVersion: '17.0',
    lastAggregation: { at: '2026-12-06T10:00:00.000Z', errorKinds: {} },
    lastDashboardRequestAt: '2026-12-06T10:00:00.000Z',
    ...overrides,
  };
}

function entry(action: AuditEntryDto['action'], tenantId: string | null): AuditEntryDto {
  return { at: '2026-12-06T10:00:00.000Z', actorEmail: 'ops@example.com', tenantId, action, details: { reason: 'x' } };
}

describe('AdminPage', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: USER_LOCALE, useValue: 'en-US' },
        { provide: Confirmer, useValue: { ask: () => true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  async function render() {
    const fixture = TestBed.createComponent(AdminPage);
    (await nextRequest(http, '/api/admin/tenants')).flush([
      row({ tenantId: 'a', name: 'Acme' }),
      row({
        tenantId: 'b',
        name: 'Broken',
        lastAggregation: { at: '2026-12-06T09:00:00.000Z', errorKinds: { crm: 'auth' } },
      }),
      row({ tenantId: 'c', name: 'Idle', isActive: false, lastDashboardRequestAt: null, lastAggregation: null }),
    ]);
    const audit = await nextRequest(http, (r) => r.url === '/api/admin/audit');
    expect(audit.request.params.get('limit')).toBe('50');
    expect(audit.request.params.has('cursor')).toBe(false);
    audit.flush({
      items: [entry('workspace.deactivated', 'c'), entry('operator.granted', null)],
      nextCursor: 'page-2',
    });
    await settle(fixture);
    const host = fixture.nativeElement as HTMLElement;
    return { fixture, host };
  }

  async function settle(fixture: { whenStable(): Promise<unknown> }) {
    await new Promise((resolve) => setTimeout(resolve));
    await fixture.whenStable();
  }

  const names = (host: HTMLElement) =>
    Array.from(host.querySelectorAll<HTMLElement>('[data-testid="admin-tenant-row"]')).map((r) => r.dataset['name']);
  const badges = (host: HTMLElement, name: string) =>
    Array.from(host.querySelectorAll<HTMLElement>(`[data-name="${name}"] [data-badge]`)).map((b) => b.dataset['badge']);

  it('lists every workspace with its status badges, and filters by problem', async () => {
    const { fixture, host } = await render();
    expect(names(host)).toEqual(['Acme', 'Broken', 'Idle']);
    expect(badges(host, 'Acme')).toEqual(['odoo-ok']);
    expect(badges(host, 'Broken')).toEqual(['odoo-failing']);
    expect(badges(host, 'Idle')).toEqual(['no-data', 'inactive', 'never-used']);

    const filter = host.querySelector<HTMLSelectElement>('[data-testid="admin-filter"]')!;
    expect(Array.from(filter.options).map((o) => o.textContent?.trim())).toEqual([
      'All workspaces (3)',
      'Odoo failing (1)',
      'Inactive (1)',
      'Never used (1)',
    ]);
    filter.value = 'odoo-failing';
    filter.dispatchEvent(new Event('change'));
    await settle(fixture);
    expect(names(host)).toEqual(['Broken']);
  });

  it('deactivates and activates a workspace with the answer of the server', async () => {
    const { fixture, host } = await render();
    host.querySelector<HTMLButtonElement>('[data-name="Acme"] [data-testid="admin-deactivate"]')!.click();
    const request = await nextRequest(http, '/api/admin/tenants/a/deactivate');
    expect(request.request.method).toBe('POST');
    request.flush({ tenantId: 'a', name: 'Acme', isActive: false });
    await settle(fixture);
    expect(badges(host, 'Acme')).toEqual(['odoo-ok', 'inactive']);
    expect(host.querySelector('[data-name="Acme"] [data-testid="admin-activate"]')).not.toBeNull();
  });

  it("names each audit entry's workspace and loads older entries with the cursor", async () => {
    const { fixture, host } = await render();
    const rows = () => Array.from(host.querySelectorAll<HTMLElement>('[data-testid="audit-row"]'));
    expect(rows().map((r) => r.textContent)).toEqual([
      expect.stringContaining('Idle'),
      expect.stringContaining('Platform'),
    ]);
    expect(rows()[0].textContent).toContain('Workspace deactivated');
    host.querySelector<HTMLButtonElement>('[data-testid="audit-load-more"]')!.click();
    const more = await nextRequest(http, (r) => r.url === '/api/admin/audit');
    expect(more.request.params.get('cursor')).toBe('page-2');
    more.flush({ items: [entry('workspace.created', 'a')], nextCursor: null });
    await settle(fixture);
    expect(rows()).toHaveLength(3);
    expect(rows()[2].textContent).toContain('Workspace created');
    expect(host.querySelector('[data-testid="audit-load-more"]')).toBeNull();
  });
});
