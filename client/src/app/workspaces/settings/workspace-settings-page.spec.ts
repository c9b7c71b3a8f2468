import type { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import type { RouterTestingHarness } from '@angular/router/testing';
import { LAST_OWNER_MESSAGE, REQUIRES_OWNER_MESSAGE } from '@contracts/errors';
import type { TenantRole } from '@contracts/tenant';
import type { MemberDto, OdooCheckResponse, OdooConnectionRequest, WorkspaceDto } from '@contracts/workspaces';
import { nextRequest } from '../../../testing/http-helpers';
import { Confirmer } from '../../core/ui/confirm';
import { publicConfig, type RouteHarness, setUpRoutes } from '../../../testing/route-harness';

const USER = { user: { id: 'u-me', email: 'me@acme.example', name: 'Me' }, session: { id: 's1' } };
const CONFIG = publicConfig({ allowSignup: true, allowWorkspaceCreation: true });

function workspace(myRole: TenantRole, overrides: Partial<WorkspaceDto> = {}): WorkspaceDto {
  return {
    tenantId: 't-acme',
    name: 'Acme',
    isActive: true,
    timeZone: 'Europe/Brussels',
    lang: 'fr_FR',
    myRole,
    odoo:
      myRole === 'member'
        ? null
        : {
            url: 'https://acme.odoo.com',
            publicUrl: null,
            database: 'acme',
            login: 'api@acme.example',
            transport: 'auto',
            companyIds: null,
            hasSecret: true,
            lastCheck: null,
            source: 'workspace',
          },
    ...overrides,
  };
}

function member(userId: string, role: TenantRole, name = userId): MemberDto {
  return { userId, email: `${name}@acme.example`, name, role, joinedAt: '2026-12-01T10:00:00.000Z' };
}

describe('WorkspaceSettingsPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let byTestId: RouteHarness['byTestId'];
  let render: RouteHarness['settle'];
  let confirmAnswer: boolean;

  beforeEach(async () => {
    confirmAnswer = true;
    ({
      http,
      harness,
      byTestId,
      settle: render,
    } = await setUpRoutes({ providers: [{ provide: Confirmer, useValue: { ask: () => confirmAnswer } }] }));
  });

  afterEach(() => http.verify({ ignoreCancelled: true }));

  const page = () => harness.routeNativeElement!;
  const allByTestId = (id: string) => Array.from(page().querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));

  /** Opens the page as a user with this role; admins also get the members, invitations and audit log. */
  async function open(
    role: TenantRole,
    members: MemberDto[] = [],
    dto = workspace(role),
    url = '/settings/workspace',
  ): Promise<void> {
    const navigation = harness.navigateByUrl(url);
    (await nextRequest(http, '/api/auth/get-session')).flush(USER);
    await navigation;
    (await nextRequest(http, '/api/tenants/current')).flush({ tenantId: 't-acme', tenantName: 'Acme', error: null });
    (await nextRequest(http, '/api/tenants/t-acme')).flush(dto);
    if (role !== 'member') {
      (await nextRequest(http, '/api/tenants/t-acme/members')).flush(members);
      (await nextRequest(http, '/api/tenants/t-acme/invitations')).flush([]);
      await render();
      (await nextRequest(http, (r) => r.url === '/api/tenants/t-acme/audit')).flush({ items: [], nextCursor: null });
    }
    await render();
  }

  it('offers an operator without a workspace to create one, even where creation is off', async () => {
    const navigation = harness.navigateByUrl('/settings/workspace');
    (await nextRequest(http, '/api/auth/get-session')).flush({ ...USER, user: { ...USER.user, isOperator: true } });
    await navigation;
    (await nextRequest(http, '/api/tenants/current')).flush({ tenantId: null, tenantName: null, error: null });
    await render();
    (await nextRequest(http, '/api/public-config')).flush({ ...CONFIG, allowWorkspaceCreation: false });
    await render();
    expect(byTestId('settings-no-tenant')).not.toBeNull();
    expect(byTestId('create-workspace-link')?.getAttribute('href')).toBe('/workspaces/new');
  });

  it('shows a member a read-only summary and a Leave button, and asks nothing an admin would', async () => {
    await open('member');
    expect(byTestId('settings-summary')?.textContent).toContain('Europe/Brussels');
    expect(byTestId('settings-summary')?.textContent).toContain('Français');
    expect(byTestId('leave-workspace')).not.toBeNull();
    expect(byTestId('general-form')).toBeNull();
    expect(byTestId('connection-form')).toBeNull();
    http.expectNone('/api/tenants/t-acme/members');
  });

  it('gives an admin every section, without owner powers', async () => {
    const members = [
      member('u-me', 'admin', 'me'),
      member('u-owner', 'owner', 'olga'),
      member('u-bob', 'member', 'bob'),
    ];
    await open('admin', members);
    expect(byTestId('general-form')).not.toBeNull();
    expect(byTestId('connection-form')).not.toBeNull();
    const rows = allByTestId('member-row');
    expect(rows.map((row) => row.dataset['email'])).toEqual([
      'me@acme.example',
      'olga@acme.example',
      'bob@acme.example',
    ]);
    // The owner's row cannot be changed by an admin; Bob's can, but not to owner.
    expect(rows[1].querySelector('[data-testid="member-role"]')).toBeNull();
    expect(rows[1].querySelector('[data-testid="member-remove"]')).toBeNull();
    const bobRoles = Array.from(rows[2].querySelectorAll<HTMLOptionElement>('[data-testid="member-role"] option'));
    expect(bobRoles.map((option) => option.value)).toEqual(['member', 'admin']);
    expect(rows[0].querySelector('[data-testid="leave-workspace"]')).not.toBeNull();
    const inviteRoles = Array.from(page().querySelectorAll<HTMLOptionElement>('[data-testid="invite-role"] option'));
    expect(inviteRoles.map((option) => option.value)).toEqual(['member', 'admin']);
  });

  it('offers an owner the owner role, and shows the server refusing the last owner', async () => {
    const members = [member('u-me', 'owner', 'me'), member('u-bob', 'member', 'bob')];
    await open('owner', members);
    const bobRoles = Array.from(allByTestId('member-row')[1].querySelectorAll<HTMLOptionElement>('option'));
    expect(bobRoles.map((option) => option.value)).toEqual(['member', 'admin', 'owner']);

    const myRole = allByTestId('member-row')[0].querySelector<HTMLSelectElement>('[data-testid="member-role"]')!;
    myRole.value = 'admin';
    myRole.dispatchEvent(new Event('change'));
    const change = await nextRequest(http, '/api/tenants/t-acme/members/u-me');
    expect(change.request.method).toBe('PATCH');
    expect(change.request.body).toEqual({ role: 'admin' });
    change.flush({ error: LAST_OWNER_MESSAGE }, { status: 409, statusText: 'Conflict' });
    // A refusal of this kind means the list may be out of date: it is read again.
    (await nextRequest(http, '/api/tenants/t-acme/members')).flush(members);
    (await nextRequest(http, '/api/tenants/t-acme/invitations')).flush([]);
    await render();
    expect(byTestId('members-error')?.textContent).toContain(LAST_OWNER_MESSAGE);
    expect(byTestId('members-error')?.textContent).toContain('Make someone else an owner first.');
    expect(myRole.value).toBe('owner');
  });

  it("shows the server's 403 when it refuses a change the page offered", async () => {
    await open('admin', [member('u-me', 'admin', 'me'), member('u-bob', 'member', 'bob')]);
    allByTestId('member-remove')[0].click();
    const removal = await nextRequest(http, '/api/tenants/t-acme/members/u-bob');
    expect(removal.request.method).toBe('DELETE');
    removal.flush({ error: REQUIRES_OWNER_MESSAGE }, { status: 403, statusText: 'Forbidden' });
    await render();
    expect(byTestId('members-error')?.textContent).toContain(REQUIRES_OWNER_MESSAGE);
    expect(allByTestId('member-row')).toHaveLength(2);
  });

  it('removes nobody when the confirmation is declined', async () => {
    await open('admin', [member('u-me', 'admin', 'me'), member('u-bob', 'member', 'bob')]);
    confirmAnswer = false;
    allByTestId('member-remove')[0].click();
    await render();
    http.expectNone('/api/tenants/t-acme/members/u-bob');
  });

  it('invites by email and role, then shows the link to copy and the pending invitation', async () => {
    await open('admin', [member('u-me', 'admin', 'me')]);
    const email = byTestId('invite-email') as HTMLInputElement;
    email.value = 'new@acme.example';
    email.dispatchEvent(new Event('input'));
    const role = byTestId('invite-role') as HTMLSelectElement;
    role.value = 'admin';
    role.dispatchEvent(new Event('change'));
    byTestId('invite-submit')!.click();

    const invite = await nextRequest(http, '/api/tenants/t-acme/invitations');
    expect(invite.request.method).toBe('POST');
    expect(invite.request.body).toEqual({ email: 'new@acme.example', role: 'admin' });
    const url = 'http://app.example/invite/tok-123';
    invite.flush({ invitationId: 'i1', url, expiresAt: '2026-12-14T10:00:00.000Z', emailSent: false });
    (await nextRequest(http, '/api/tenants/t-acme/members')).flush([member('u-me', 'admin', 'me')]);
    const pending = {
      invitationId: 'i1',
      email: 'new@acme.example',
      role: 'admin',
      createdAt: '2026-12-07T10:00:00.000Z',
      expiresAt: '2026-12-14T10:00:00.000Z',
      invitedBy: 'me@acme.example',
    };
    (await nextRequest(http, (r) => r.url === '/api/tenants/t-acme/invitations' && r.method === 'GET')).flush([
      pending,
    ]);
    await render();

    expect((byTestId('invite-url') as HTMLInputElement).value).toBe(url);
    expect(byTestId('invite-created')?.textContent).toContain('Send them this link');
    expect(allByTestId('invitation-row').map((row) => row.dataset['email'])).toEqual(['new@acme.example']);
  });

  it('tests the typed connection without saving it and shows the findings', async () => {
    await open('admin', [member('u-me', 'admin', 'me')]);
    expect(byTestId('connection-secret-hint')?.textContent).toContain('Saved secret kept');
    byTestId('connection-check')!.click();
    const check = await nextRequest(http, '/api/tenants/t-acme/odoo-connection/check');
    expect(check.request.method).toBe('POST');
    // No secret typed: left out, so the server uses the saved one.
    expect(check.request.body).toEqual({
      url: 'https://acme.odoo.com',
      database: 'acme',
      login: 'api@acme.example',
      transport: 'auto',
      publicUrl: null,
      companyIds: null,
    });
    const report: OdooCheckResponse = {
      tenantId: 't-acme',
      name: 'Acme',
      verdict: 'degraded',
      url: 'https://acme.odoo.com',
      database: 'acme',
      login: 'api@acme.example',
      version: { serverVersion: '17.0+e-20240709', serverSerie: '17.0', major: 17, minor: 0, edition: 'enterprise' },
      transport: 'xmlrpc',
      models: [
        { model: 'account.move', app: 'Accounting', available: true, count: 12, latencyMs: 40 },
        { model: 'helpdesk.ticket', app: 'Helpdesk', available: false, count: null, latencyMs: 12 },
      ],
      problems: [
        {
          code: 'module-missing',
          severity: 'warning',
          model: 'helpdesk.ticket',
          message: 'Helpdesk is not installed',
          hint: 'Install Helpdesk',
        },
      ],
    };
    check.flush(report);
    await render();
    expect(byTestId('check-verdict')?.textContent).toContain('works, with problems');
    expect(byTestId('check-version')?.textContent).toContain('Odoo 17.0+e-20240709 · Enterprise · over XML-RPC');
    const rows = allByTestId('check-app-row');
    expect(rows.map((row) => [row.dataset['app'], row.dataset['status']])).toEqual([
      ['Accounting', 'present'],
      ['Helpdesk', 'missing'],
    ]);
    expect(byTestId('check-problem-hint')?.textContent).toContain('Install Helpdesk');
    http.expectNone((r) => r.method === 'PUT');
  });

  it('asks for the API key again before testing against another server', async () => {
    await open('admin', [member('u-me', 'admin', 'me')]);
    const url = byTestId('connection-url') as HTMLInputElement;
    url.value = 'https://elsewhere.example';
    url.dispatchEvent(new Event('input'));
    byTestId('connection-check')!.click();
    await render();
    expect(byTestId('connection-error')?.textContent).toContain('enter the API key again');
    http.expectNone('/api/tenants/t-acme/odoo-connection/check');
  });

  it('saves the connection and disconnects it after confirming', async () => {
    await open('admin', [member('u-me', 'admin', 'me')]);
    const secret = byTestId('connection-secret') as HTMLInputElement;
    secret.value = 'new-key';
    secret.dispatchEvent(new Event('input'));
    await render();
    byTestId('connection-save')!.click();
    const save = await nextRequest(http, '/api/tenants/t-acme/odoo-connection');
    expect(save.request.method).toBe('PUT');
    expect((save.request.body as OdooConnectionRequest).secret).toBe('new-key');
    save.flush({ ...workspace('admin').odoo!, lastCheck: null });
    await render();
    expect(byTestId('connection-saved')).not.toBeNull();
    expect((byTestId('connection-secret') as HTMLInputElement).value).toBe('');

    byTestId('connection-remove')!.click();
    const removal = await nextRequest(http, '/api/tenants/t-acme/odoo-connection');
    expect(removal.request.method).toBe('DELETE');
    removal.flush({
      ...workspace('admin').odoo!,
      url: null,
      database: null,
      login: null,
      hasSecret: false,
      source: 'none',
    });
    await render();
    expect(byTestId('connection-status')?.dataset['source']).toBe('none');
    expect(byTestId('connection-remove')).toBeNull();
  });

  it('leaves the workspace and goes to the dashboard', async () => {
    await open('member');
    byTestId('leave-workspace')!.click();
    const leave = await nextRequest(http, '/api/tenants/t-acme/members/u-me');
    expect(leave.request.method).toBe('DELETE');
    leave.flush(null, { status: 204, statusText: 'No Content' });
    (await nextRequest(http, (r) => r.url === '/api/tenants/current' && r.method === 'GET')).flush({
      tenantId: null,
      tenantName: null,
      error: null,
    });
    (await nextRequest(http, (r) => r.url === '/api/tenants' && r.method === 'GET')).flush([]);
    await render();
    expect(TestBed.inject(Router).url).toBe('/dashboard/company-view');
    // With no workspace left, the dashboard asks whether it may offer to create one.
    (await nextRequest(http, '/api/public-config')).flush(CONFIG);
  });

  it('opens at the section named in the link, and stays where the user is after a save', async () => {
    await open('owner', [member('u-me', 'owner', 'me')], workspace('owner'), '/settings/workspace#connection');
    expect(document.activeElement?.id).toBe('connection-title');

    const name = byTestId('general-name') as HTMLInputElement;
    name.focus();
    name.value = 'Acme Corp';
    name.dispatchEvent(new Event('input'));
    await render();
    byTestId('general-save')!.click();
    const patch = await nextRequest(http, (r) => r.url === '/api/tenants/t-acme' && r.method === 'PATCH');
    expect(patch.request.body).toEqual({ name: 'Acme Corp' });
    patch.flush(workspace('owner', { name: 'Acme Corp' }));
    (await nextRequest(http, '/api/tenants/current')).flush({
      tenantId: 't-acme',
      tenantName: 'Acme Corp',
      error: null,
    });
    (await nextRequest(http, (r) => r.url === '/api/tenants' && r.method === 'GET')).flush([]);
    await render();
    expect(byTestId('general-saved')).not.toBeNull();
    expect(byTestId('settings-tenant-name')?.textContent).toContain('Acme Corp');
    expect(document.activeElement?.id).not.toBe('connection-title');
  });
});
