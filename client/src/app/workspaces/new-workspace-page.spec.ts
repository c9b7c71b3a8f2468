import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import { WORKSPACE_CREATION_DISABLED_MESSAGE } from '@contracts/errors';
import { answerAll, nextRequest } from '../../testing/http-helpers';
import { browserTimeZone } from './locale-options';
import { publicConfig, type RouteHarness, setUpRoutes } from '../../testing/route-harness';

const USER = { user: { id: 'u1', email: 'me@example.com', name: 'Me' }, session: { id: 's1' } };
const OPEN = publicConfig({ allowSignup: true, allowWorkspaceCreation: true });

describe('NewWorkspacePage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let byTestId: RouteHarness['byTestId'];
  let settle: RouteHarness['settle'];

  beforeEach(async () => {
    ({ http, harness, byTestId, settle } = await setUpRoutes());
  });

  afterEach(() => http.verify({ ignoreCancelled: true }));

  async function open(config = OPEN): Promise<void> {
    const navigation = harness.navigateByUrl('/workspaces/new');
    await answerAll(http, { '/api/auth/get-session': USER, '/api/public-config': config });
    await navigation;
    await settle();
  }

  function typeName(name: string): void {
    const input = byTestId<HTMLInputElement>('workspace-name')!;
    input.value = name;
    input.dispatchEvent(new Event('input'));
  }

  it("creates the workspace in the browser's time zone, makes it current and opens its connection settings", async () => {
    await open();
    expect(byTestId<HTMLInputElement>('workspace-time-zone')!.value).toBe(browserTimeZone());
    typeName('  New Co ');
    byTestId('create-workspace')!.click();
    const create = await nextRequest(http, (r) => r.url === '/api/tenants' && r.method === 'POST');
    expect(create.request.body).toEqual({ name: 'New Co', timeZone: browserTimeZone(), lang: 'en_US' });
    create.flush({ tenantId: 't-new', name: 'New Co', myRole: 'owner' }, { status: 201, statusText: 'Created' });
    const put = await nextRequest(http, (r) => r.url === '/api/tenants/current' && r.method === 'PUT');
    expect(put.request.body).toEqual({ tenantId: 't-new' });
    put.flush({ tenantId: 't-new', tenantName: 'New Co', error: null });
    (await nextRequest(http, (r) => r.url === '/api/tenants' && r.method === 'GET')).flush([]);
    await settle();
    expect(TestBed.inject(Router).url).toBe('/settings/workspace#connection');
    await answerAll(http, { '/api/tenants/t-new': { tenantId: 't-new', myRole: 'member', odoo: null } });
  });

  it('needs a name, and shows the server refusing creation', async () => {
    await open();
    byTestId('create-workspace')!.click();
    await settle();
    expect(byTestId('new-workspace-error')?.textContent).toContain('Enter a name');
    http.expectNone('/api/tenants');

    typeName('New Co');
    byTestId('create-workspace')!.click();
    (await nextRequest(http, '/api/tenants')).flush(
      { error: WORKSPACE_CREATION_DISABLED_MESSAGE },
      { status: 403, statusText: 'Forbidden' },
    );
    await settle();
    expect(byTestId('new-workspace-error')?.textContent).toContain(WORKSPACE_CREATION_DISABLED_MESSAGE);
    expect(byTestId('new-workspace-error')?.textContent).toContain('Ask the operator of this server');
  });

  it('explains instead of offering a form when creation is off', async () => {
    await open({ ...OPEN, allowWorkspaceCreation: false });
    expect(byTestId('workspace-creation-disabled')).not.toBeNull();
    expect(byTestId('new-workspace-form')).toBeNull();
  });
});
