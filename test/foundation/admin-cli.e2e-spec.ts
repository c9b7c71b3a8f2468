import request from 'supertest';
import type { CurrentTenantResponse } from '../../server/contracts/tenant';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { heard } from '../support/auth-changes';
import { bodyOf } from '../support/json-body';
import { runAdmin, type CliResult } from '../support/run-cli';

describe('Admin CLI', () => {
  let app: TestApp;
  let env: Record<string, string>;
  const admin = (args: string[], stdin?: string) => runAdmin(args, { env, stdin });
  const expectFailure = (result: CliResult, pattern: RegExp) => {
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  };

  beforeAll(async () => {
    app = await startTestApp({ demoOdoo: false });
    env = {
      NODE_ENV: 'test',
      DATABASE_URL: app.database.url,
      DATA_DIR: app.database.dataDir,
      BETTER_AUTH_SECRET: app.config.auth.secret,
      SECRETS_KEY: app.config.secretsKey,
      LOG_LEVEL: 'silent',
    };
  });
  afterAll(() => app.close());

  it('creates a user who can then sign in, and refuses duplicates, bad emails and short passwords', async () => {
    const created = await admin(['user:create', 'Ada@Example.org', '--password-stdin', '--name', 'Ada Lovelace'], 'analytical-engine\n');
    expect(created.code).toBe(0);
    expect(created.lines).toHaveLength(1);
    const { userId, ...rest } = created.lines[0];
    expect(typeof userId).toBe('string');
    expect(rest).toEqual({ email: 'ada@example.org' });
    await app.signIn('ada@example.org', 'analytical-engine');

    expectFailure(await admin(['user:create', 'ada@example.org', '--password-stdin'], 'another-password'), /already exists/);
    expectFailure(await admin(['user:create', 'not-an-email', '--password-stdin'], 'another-password'), /not a valid email/);
    expectFailure(await admin(['user:create', 'bob@example.org', '--password-stdin'], 'short'), /at least 8/);
    expectFailure(await admin(['user:create', 'bob@example.org']), /--password-stdin/);
  });

  it('changes a password', async () => {
    await admin(['user:create', 'grace@example.org', '--password-stdin'], 'first-password');
    const changed = await admin(['user:set-password', 'grace@example.org', '--password-stdin'], 'second-password');
    expect(changed.code).toBe(0);
    await app.signIn('grace@example.org', 'second-password');
    await expect(app.signIn('grace@example.org', 'first-password')).rejects.toThrow(/401/);
    expectFailure(await admin(['user:set-password', 'nobody@example.org', '--password-stdin'], 'whatever-pass'), /No user/);
  });

  it('disables a user: live sessions end once the server has heard of it, and sign-in is refused', async () => {
    const user = await app.createUser();
    const cookie = await app.signIn(user.email, user.password);
    await request(app.url).get('/api/tenants').set('cookie', cookie).expect(200);
    const told = heard(app, (change) => change.kind === 'session' && change.op === 'delete' && change.userId === user.userId);
    const disabled = await admin(['user:disable', user.email]);
    expect(disabled.code).toBe(0);
    expect(disabled.lines[0]).toMatchObject({ userId: user.userId, revokedSessions: 1, disabled: true });
    await told;
    await request(app.url).get('/api/tenants').set('cookie', cookie).expect(401);
    await expect(app.signIn(user.email, user.password)).rejects.toThrow();
  });

  it('manages tenants: create, list, set, deactivate, activate', async () => {
    const created = await admin(['tenant:create', 'Cyberdyne', '--inactive', '--time-zone=Europe/Paris']);
    expect(created.code).toBe(0);
    const tenant = created.lines[0] as { tenantId: string; isActive: boolean; timeZone: string };
    expect(tenant).toMatchObject({ name: 'Cyberdyne', isActive: false, timeZone: 'Europe/Paris' });

    expect((await admin(['tenant:activate', tenant.tenantId])).lines[0]).toMatchObject({ isActive: true });
    expect((await admin(['tenant:deactivate', tenant.tenantId])).lines[0]).toMatchObject({ isActive: false });
    const set = await admin(['tenant:set', tenant.tenantId, '--time-zone', 'Asia/Tokyo', '--lang', 'ja_JP']);
    expect(set.lines[0]).toMatchObject({ timeZone: 'Asia/Tokyo', lang: 'ja_JP' });

    const list = await admin(['tenant:list']);
    expect(list.code).toBe(0);
    expect(list.lines.find((l) => l.tenantId === tenant.tenantId)).toMatchObject({ name: 'Cyberdyne', members: 0 });

    expectFailure(await admin(['tenant:activate', 'not-a-uuid']), /not a valid tenant id/);
    expectFailure(await admin(['tenant:activate', '00000000-0000-4000-8000-000000000000']), /No tenant/);
    expectFailure(await admin(['tenant:set', tenant.tenantId, '--time-zone', 'Mars/Olympus']), /time zone/);
    expectFailure(await admin(['tenant:create']), /Usage/);
    expectFailure(await admin(['tenant:frobnicate']), /Unknown command/);
  });

  it('adds and removes members; the change reaches the running server at once', async () => {
    const user = await app.newSignedInUser();
    const tenantId = ((await admin(['tenant:create', 'Tyrell'])).lines[0] as { tenantId: string }).tenantId;
    const added = await admin(['member:add', user.email, tenantId, '--default', '--role', 'admin']);
    expect(added.lines[0]).toMatchObject({ userId: user.userId, tenantId, isDefault: true, role: 'admin' });
    const current = await request(app.url).get('/api/tenants/current').set('cookie', user.cookie);
    expect(bodyOf<CurrentTenantResponse>(current).tenantId).toBe(tenantId);

    expectFailure(await admin(['member:add', user.email, tenantId]), /already a member/);
    expectFailure(await admin(['member:add', 'ghost@example.org', tenantId]), /No user/);
    expectFailure(await admin(['member:add', user.email, tenantId, '--role', 'emperor']), /--role/);

    expect((await admin(['member:remove', user.email, tenantId])).lines[0]).toMatchObject({ removed: true });
    expectFailure(await admin(['member:remove', user.email, tenantId]), /not a member/);
    const after = await request(app.url).get('/api/tenants').set('cookie', user.cookie);
    expect(after.body).toEqual([]);
  });

  it('stores a tenant Odoo connection with its secret encrypted at rest', async () => {
    const tenantId = ((await admin(['tenant:create', 'Initrode'])).lines[0] as { tenantId: string }).tenantId;
    const set = await admin(
      [
        'tenant:set-odoo',
        tenantId,
        '--url',
        'https://odoo.initrode.example',
        '--db',
        'prod',
        '--login',
        'api@initrode.example',
        '--secret-stdin',
        '--transport',
        'xmlrpc',
        '--company-ids',
        '1,3',
        '--public-url',
        'https://erp.initrode.example/',
      ],
      'top-secret-api-key',
    );
    expect(set.code).toBe(0);
    expect(set.lines[0]).toMatchObject({
      odoo: {
        url: 'https://odoo.initrode.example',
        publicUrl: 'https://erp.initrode.example',
        database: 'prod',
        transport: 'xmlrpc',
        companyIds: [1, 3],
        hasSecret: true,
      },
    });
    expect(set.stdout + set.stderr).not.toContain('top-secret-api-key');
    const [row]: Array<{ odooSecret: string }> = await app.dataSource.query('SELECT "odooSecret" FROM tenant WHERE id = $1', [tenantId]);
    expect(row.odooSecret).toMatch(/^v1\./);
    expect(row.odooSecret).not.toContain('top-secret');

    expectFailure(await admin(['tenant:set-odoo', tenantId, '--url', 'ftp://x', '--db', 'd', '--login', 'l', '--secret-stdin'], 's'), /http\(s\) URL/);
    expectFailure(
      await admin(['tenant:set-odoo', tenantId, '--url', 'https://x', '--db', 'd', '--login', 'l', '--secret-stdin', '--transport', 'carrier-pigeon'], 's'),
      /--transport/,
    );
    expectFailure(await admin(['tenant:set-odoo', tenantId, '--url', 'https://x', '--db', 'd', '--login', 'l']), /--secret-stdin/);
    const publicUrl = (value: string) =>
      admin(['tenant:set-odoo', tenantId, '--url', 'https://x', '--db', 'd', '--login', 'l', '--secret-stdin', '--public-url', value], 's');
    expectFailure(await publicUrl('erp.initrode.example'), /public URL must be an http\(s\) URL/);
    expectFailure(await publicUrl('https://me:pw@erp.initrode.example'), /public URL must not contain credentials/);
  });

  it('checks Odoo connections: a working demo database passes, an unreachable one fails with a hint', async () => {
    const good = ((await admin(['tenant:create', 'Checked Co'])).lines[0] as { tenantId: string }).tenantId;
    await app.dataSource.query(`UPDATE tenant SET "odooDatabase" = 'globex' WHERE id = $1`, [good]);
    const ok = await admin(['odoo:check', good]);
    expect(ok.code).toBe(0);
    expect(ok.lines[0]).toMatchObject({ tenantId: good, transport: 'xmlrpc' });
    expect(ok.lines[0].verdict).toMatch(/^(ok|degraded)$/);
    const models = (ok.lines[0] as { models: Array<{ model: string; available: boolean }> }).models;
    expect(models.find((m) => m.model === 'helpdesk.ticket')?.available).toBe(false); // Community edition
    expect(models.find((m) => m.model === 'account.move')?.available).toBe(true);
    expect(ok.stderr).toMatch(/Odoo 18/);

    const bad = ((await admin(['tenant:create', 'Unreachable Co'])).lines[0] as { tenantId: string }).tenantId;
    await admin(['tenant:set-odoo', bad, '--url', 'http://127.0.0.1:9', '--db', 'x', '--login', 'y', '--secret-stdin'], 'some-secret');
    const failed = await admin(['odoo:check', bad]);
    expect(failed.code).toBe(1);
    expect(failed.lines[0]).toMatchObject({ tenantId: bad, verdict: 'failed' });
    expect(failed.stdout + failed.stderr).not.toContain('some-secret');

    const list = await admin(['tenant:list']);
    const checked = list.lines.find((l) => l.tenantId === bad) as { odoo: { lastCheck: { ok: boolean } } };
    expect(checked.odoo.lastCheck.ok).toBe(false);
    expectFailure(await admin(['odoo:check']), /exactly one of/);
  });
});
