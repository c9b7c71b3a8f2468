import type { HttpTestingController } from '@angular/common/http/testing';
import type { RouterTestingHarness } from '@angular/router/testing';
import type { CompanyViewResponse, SectionErrorKind } from '@contracts/company-view';
import { SECTION_KEYS } from '@contracts/sections';
import type { TenantRole } from '@contracts/tenant';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import { nextRequest } from '../../testing/http-helpers';
import { isNotConnected } from './not-connected-panel';
import { publicConfig, type RouteHarness, setUpRoutes } from '../../testing/route-harness';

const USER = { user: { id: 'u1', email: 'me@example.com', name: 'Me' }, session: { id: 's1' } };
const OPERATOR = { user: { ...USER.user, isOperator: true }, session: { id: 's1' } };

/** The dashboard's answer for a workspace whose sections all failed with these kinds. */
function failedEverywhere(kind: SectionErrorKind, only = SECTION_KEYS): CompanyViewResponse {
  const base = companyViewResponse({ tenantId: 't-new' });
  const errorKinds = Object.fromEntries(only.map((key) => [key, kind]));
  const errorsBySection = Object.fromEntries(only.map((key) => [key, { message: 'Odoo is not connected' }]));
  return { ...base, errorsBySection, meta: { ...base.meta!, errorKinds } };
}

describe('dashboard states added by workspaces', () => {
  it('detects "not connected" only when every section says so', () => {
    expect(isNotConnected(failedEverywhere('not-connected'))).toBe(true);
    expect(isNotConnected(failedEverywhere('not-connected', ['crm', 'projects']))).toBe(false);
    expect(isNotConnected(failedEverywhere('network'))).toBe(false);
    expect(isNotConnected(companyViewResponse())).toBe(false);
    expect(isNotConnected(null)).toBe(false);
  });

  describe('on the page', () => {
    let http: HttpTestingController;
    let harness: RouterTestingHarness;
    let byTestId: RouteHarness['byTestId'];
    let render: RouteHarness['settle'];

    beforeEach(async () => {
      ({ http, harness, byTestId, settle: render } = await setUpRoutes({ autoCleanup: true }));
    });

    afterEach(() => http.verify({ ignoreCancelled: true }));

    async function openDashboard(session: object, tenant: object): Promise<void> {
      const navigation = harness.navigateByUrl('/dashboard/company-view');
      (await nextRequest(http, '/api/auth/get-session')).flush(session);
      await navigation;
      (await nextRequest(http, '/api/tenants/current')).flush(tenant);
      await render();
    }

    async function openNotConnected(role: TenantRole): Promise<void> {
      await openDashboard(USER, { tenantId: 't-new', tenantName: 'New Co', error: null });
      (await nextRequest(http, (r) => r.url === '/api/company-view')).flush(failedEverywhere('not-connected'));
      (await nextRequest(http, (r) => r.url === '/api/company-view/history')).flush({
        tenantId: 't-new',
        range: '7d',
        points: [],
      });
      await render();
      (await nextRequest(http, '/api/tenants/t-new')).flush({ tenantId: 't-new', myRole: role, odoo: null });
      await render();
    }

    it('shows admins one "Not connected" panel with a link to the connection settings', async () => {
      await openNotConnected('admin');
      expect(byTestId('not-connected')?.textContent).toContain('Not connected to Odoo');
      expect(byTestId('connect-odoo')?.getAttribute('href')).toBe('/settings/workspace#connection');
      expect(byTestId('kpi-value-openInvoicesCount')).toBeNull();
      expect(byTestId('section-banner-crm')).toBeNull();
    });

    it('tells members to ask an admin, without a link', async () => {
      await openNotConnected('member');
      expect(byTestId('ask-admin')?.textContent).toContain('Ask an admin to connect Odoo');
      expect(byTestId('connect-odoo')).toBeNull();
    });

    async function openWithoutTenant(session: object, allowWorkspaceCreation: boolean): Promise<void> {
      await openDashboard(session, { tenantId: null, tenantName: null, error: null });
      (await nextRequest(http, '/api/public-config')).flush(
        publicConfig({ allowSignup: true, allowWorkspaceCreation }),
      );
      await render();
    }

    it('offers "Create a workspace" to someone without one when the server allows it', async () => {
      await openWithoutTenant(USER, true);
      expect(byTestId('create-workspace-link')?.getAttribute('href')).toBe('/workspaces/new');
    });

    it('offers nothing when creation is off, except to operators', async () => {
      await openWithoutTenant(USER, false);
      expect(byTestId('no-tenant')).not.toBeNull();
      expect(byTestId('create-workspace-link')).toBeNull();
    });

    it('offers it to operators even when creation is off', async () => {
      await openWithoutTenant(OPERATOR, false);
      expect(byTestId('create-workspace-link')).not.toBeNull();
    });
  });
});
