// A workspace's Odoo connection through the API: created without one (the dashboard says so and
// Odoo is never asked), checked, saved, kept write-only, removed; and the outgoing address rules at
// save time and again when each socket connects. Real app, real sessions, the demo Odoo over sockets.
import { randomUUID } from 'node:crypto';
import { SecretBox } from '../../server/common/secret-box';
import type { CompanyViewResponse } from '../../server/contracts/company-view';
import { SECTION_KEYS } from '../../server/contracts/sections';
import type { CreateWorkspaceResponse, OdooCheckResponse, WorkspaceDto, WorkspaceOdooDto } from '../../server/contracts/workspaces';
import { LogCapture, redact, secretsIn, type Secret } from '../security/support/leak-scan';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { runAdmin } from '../support/run-cli';
import { waitUntil } from '../support/wait-until';
import { actor, type Actor, call, cliEnv, demoConnection, sameKeys, seenBodies } from './support';

let app: TestApp;
let owner: Actor;
const logs = new LogCapture();
const secrets: Secret[] = [
  { label: 'acme secret', value: 'demo-secret-acme' },
  { label: 'globex secret', value: 'demo-secret-globex' },
  { label: 'wrong secret', value: 'not-the-right-secret-7731' },
];

beforeAll(async () => {
  app = await startTestApp({
    env: { LOG_LEVEL: 'trace', ODOO_AUTH_BACKOFF_MS: '0', SECTION_TIMEOUT_MS: '3000', TOTAL_BUDGET_MS: '4000' },
    logStream: logs.stream,
  });
  owner = await actor(app, 'outsider', null);
});
afterAll(() => app?.close());

async function newWorkspace(who: Actor = owner): Promise<string> {
  const res = await call<CreateWorkspaceResponse>(app, who, 'POST', '/api/tenants', { name: `Workspace ${randomUUID().slice(0, 6)}` });
  expect(res.status).toBe(201);
  return res.body.tenantId;
}

/** Written out here, not imported: a changed or emptied message must fail this suite. */
const SECRET_UNREADABLE_MESSAGE = "The stored Odoo secret can't be read with this server's SECRETS_KEY: save the connection again with its secret";

const dashboard = (tenantId: string, who: Actor = owner) =>
  call<CompanyViewResponse>(app, who, 'GET', '/api/company-view', undefined, { 'x-tenant-id': tenantId });

describe('a workspace created through the API', () => {
  it('is not connected: every section failed as not-connected, every KPI null, and Odoo never asked', async () => {
    const tenantId = await newWorkspace();
    app.demoOdoo!.resetCalls();
    const res = await dashboard(tenantId);
    expect(res.status).toBe(200);
    expect(res.body.meta!.errorKinds).toEqual(Object.fromEntries(SECTION_KEYS.map((key) => [key, 'not-connected'])));
    expect(Object.values(res.body.kpis)).toEqual([null, null, null, null, null, null]);
    expect(Object.keys(res.body.errorsBySection).sort()).toEqual([...SECTION_KEYS].sort());
    expect(res.body.errorsBySection.crm).toEqual({ message: 'No Odoo connection has been saved for this workspace yet' });
    expect(res.body.sections.accounting.recentInvoices).toEqual([]);
    expect(res.body.money.totals).toEqual([]);
    expect(app.demoOdoo!.calls()).toEqual({});
    const settings = await call<WorkspaceDto>(app, owner, 'GET', `/api/tenants/${tenantId}`);
    expect(settings.body.odoo).toMatchObject({ url: null, hasSecret: false, source: 'none' });
  });

  it('has nothing to check until a connection is sent', async () => {
    const tenantId = await newWorkspace();
    const res = await call(app, owner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`);
    expect([res.status, res.body]).toEqual([400, { error: 'Bad Request: This workspace has no Odoo connection yet: send one to check' }]);
  });

  it('checks a candidate without saving it: findings per section, the version, a fix hint for a wrong secret', async () => {
    const tenantId = await newWorkspace();
    const good = await call<OdooCheckResponse>(app, owner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`, demoConnection(app, 'globex'));
    expect(good.status).toBe(200);
    expect(good.body).toMatchObject({ tenantId, verdict: 'degraded', database: 'globex', login: 'api@globex.example', transport: 'xmlrpc' });
    expect(good.body.version).toMatchObject({ major: 18, edition: 'community' });
    expect(good.body.models.find((m) => m.model === 'helpdesk.ticket')).toMatchObject({ available: false, count: null });
    expect(good.body.models.find((m) => m.model === 'crm.lead')).toMatchObject({ available: true, count: expect.any(Number) as number });
    expect(good.body.problems).toEqual([
      expect.objectContaining({ code: 'module-missing', model: 'helpdesk.ticket', hint: expect.stringMatching(/Install the Helpdesk/) as string }),
    ]);

    const wrong = await call<OdooCheckResponse>(app, owner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`, {
      ...demoConnection(app, 'acme'),
      secret: 'not-the-right-secret-7731',
    });
    expect(wrong.body.verdict).toBe('failed');
    expect(wrong.body.problems[0]).toMatchObject({ code: 'auth-failed', hint: expect.stringMatching(/API key/) as string });
    // Nothing was saved.
    expect((await call<WorkspaceDto>(app, owner, 'GET', `/api/tenants/${tenantId}`)).body.odoo).toMatchObject({ url: null, hasSecret: false });
  });

  it('saves a connection (the secret write-only), drops the cached not-connected view at once, and shows numbers', async () => {
    const tenantId = await newWorkspace();
    expect((await dashboard(tenantId)).body.meta!.errorKinds.crm).toBe('not-connected');
    const saved = await call<WorkspaceOdooDto>(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, { ...demoConnection(app), companyIds: null });
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual({
      url: app.demoOdoo!.url,
      publicUrl: null,
      database: 'acme',
      login: 'api@acme.example',
      transport: 'auto',
      companyIds: null,
      hasSecret: true,
      lastCheck: null,
      source: 'workspace',
    });
    // The not-connected answer was cached for ERROR_CACHE_TTL_MS; saving evicted it, so this is a fresh read.
    const after = await dashboard(tenantId);
    expect(after.body.meta!.errorKinds).toEqual({});
    expect(after.body.kpis.openInvoicesCount).toEqual(expect.any(Number));
    const stored: Array<{ odooSecret: string }> = await app.dataSource.query('SELECT "odooSecret" FROM "tenant" WHERE id = $1', [tenantId]);
    expect(stored[0].odooSecret).not.toContain('demo-secret-acme');
    expect(new SecretBox(app.config.secretsKey).open(stored[0].odooSecret)).toBe('demo-secret-acme');
  });

  it('keeps the stored secret when it is omitted, but only for the same Odoo server', async () => {
    const tenantId = await newWorkspace();
    const firstTime = await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, { ...demoConnection(app), secret: undefined });
    expect([firstTime.status, firstTime.body]).toEqual([400, { error: 'Bad Request: secret is required: no secret is stored for this workspace yet' }]);
    await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, demoConnection(app));
    const { secret: _omitted, ...withoutSecret } = demoConnection(app);
    const kept = await call<WorkspaceOdooDto>(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, { ...withoutSecret, transport: 'xmlrpc' });
    expect([kept.status, kept.body.hasSecret, kept.body.transport]).toEqual([200, true, 'xmlrpc']);
    expect((await dashboard(tenantId)).body.meta!.errorKinds).toEqual({});
    const elsewhere = app.demoOdoo!.url.replace('127.0.0.1', 'localhost');
    const moved = await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, { ...withoutSecret, url: elsewhere });
    expect([moved.status, moved.body]).toEqual([400, { error: 'Bad Request: secret is required when the Odoo server changes' }]);
    const probe = await call(app, owner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`, { ...withoutSecret, url: elsewhere });
    expect([probe.status, probe.body]).toEqual([400, { error: 'Bad Request: secret is required when the Odoo server changes' }]);
  });

  it('reads nothing, with a clear message and no 5xx, when the stored secret was sealed under another SECRETS_KEY', async () => {
    const tenantId = await newWorkspace();
    await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, demoConnection(app, 'acme'));
    const foreign = new SecretBox('the key of some other server').seal('demo-secret-acme');
    await app.dataSource.query('UPDATE "tenant" SET "odooSecret" = $1 WHERE id = $2', [foreign, tenantId]);
    const unreadable = Object.fromEntries(SECTION_KEYS.map((key) => [key, 'odoo-error']));
    // The change reaches the app through the tenant table's notification.
    let res!: Awaited<ReturnType<typeof dashboard>>;
    await waitUntil(async () => (res = await dashboard(tenantId)).body.meta?.errorKinds.crm === 'odoo-error', 5000);
    expect([res.status, res.body.meta!.errorKinds]).toEqual([200, unreadable]);
    expect(res.body.errorsBySection.crm).toEqual({ message: SECRET_UNREADABLE_MESSAGE });

    const check = await call(app, owner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`);
    expect([check.status, check.body]).toEqual([400, { error: `Bad Request: ${SECRET_UNREADABLE_MESSAGE}` }]);
    const { secret: _omitted, ...withoutSecret } = demoConnection(app, 'acme');
    const kept = await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, withoutSecret);
    const needed = { error: "Bad Request: secret is required: the stored one can't be read with this server's SECRETS_KEY" };
    expect([kept.status, kept.body]).toEqual([400, needed]);
    const probe = await call(app, owner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`, withoutSecret);
    expect([probe.status, probe.body]).toEqual([400, needed]);

    // Saving it again with its secret is the way out.
    expect((await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, demoConnection(app, 'acme'))).status).toBe(200);
    expect((await dashboard(tenantId)).body.meta!.errorKinds).toEqual({});
  });

  it('answers the stored connection’s check with the object `odoo:check` prints, and records it as the last check', async () => {
    const tenantId = await newWorkspace();
    await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, demoConnection(app, 'acme'));
    const api = await call<OdooCheckResponse>(app, owner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`);
    const cli = await runAdmin(['odoo:check', tenantId], {
      env: cliEnv(app),
    });
    expect(cli.code).toBe(0);
    const withoutTimings = (report: object) =>
      JSON.parse(JSON.stringify(report, (key, value: unknown) => (key === 'latencyMs' ? typeof value : value))) as object;
    expect(withoutTimings(api.body)).toEqual(withoutTimings(cli.lines[0]));
    expect(api.body.version?.serverVersion).toMatch(/^17\.0\+e/);
    const settings = await call<WorkspaceDto>(app, owner, 'GET', `/api/tenants/${tenantId}`);
    expect(settings.body.odoo?.lastCheck).toEqual({ at: expect.any(String) as string, ok: true, summary: 'ok: ok' });

    // A check records its outcome but changes no setting: the version cached dashboards are keyed
    // by stays, from the API and the CLI alike; a real change moves it.
    const version = async () => {
      const rows = await app.dataSource.query<Array<{ updatedAt: Date }>>('SELECT "updatedAt" FROM "tenant" WHERE id = $1', [tenantId]);
      return rows[0].updatedAt.getTime();
    };
    const before = await version();
    await call(app, owner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`);
    expect((await runAdmin(['odoo:check', tenantId], { env: cliEnv(app) })).code).toBe(0);
    expect(await version()).toBe(before);
    await call(app, owner, 'PATCH', `/api/tenants/${tenantId}`, { name: 'Renamed after a check' });
    expect(await version()).toBeGreaterThan(before);
  });

  it('disconnects: back to not connected, where a CLI tenant returns to the server’s connection', async () => {
    const tenantId = await newWorkspace();
    await call(app, owner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, demoConnection(app));
    const removed = await call<WorkspaceOdooDto>(app, owner, 'DELETE', `/api/tenants/${tenantId}/odoo-connection`);
    expect(removed.body).toMatchObject({ url: null, database: null, login: null, hasSecret: false, source: 'none' });
    expect((await dashboard(tenantId)).body.meta!.errorKinds.accounting).toBe('not-connected');

    const cliTenant = await app.createTenant({ name: 'CLI Co', odooDatabase: 'globex' });
    await app.addMember(owner.userId!, cliTenant, { role: 'owner' });
    await call(app, owner, 'PUT', `/api/tenants/${cliTenant}/odoo-connection`, demoConnection(app, 'acme'));
    const back = await call<WorkspaceOdooDto>(app, owner, 'DELETE', `/api/tenants/${cliTenant}/odoo-connection`);
    expect(back.body).toMatchObject({ url: null, hasSecret: false, source: 'server' });
    const view = await dashboard(cliTenant);
    expect(view.body.meta!.errorKinds.crm).toBeUndefined();
  });
});

describe('the outgoing address rules', () => {
  const refused = (why: string) => ({ error: `Bad Request: Odoo URL refused: ${why}` });
  const PRIVATE = 'it points to a private or loopback address, which this server does not connect to';
  const LINK_LOCAL = 'it points to a link-local or cloud metadata address, which is never allowed';
  const METADATA = 'it points to a cloud metadata service, which is never allowed';
  let strict: TestApp;
  let strictOwner: Actor;
  let tenantId: string;

  beforeAll(async () => {
    strict = await startTestApp({
      database: app.database,
      demoOdoo: app.demoOdoo!,
      // The same keys: both instances read the secrets the other stored.
      env: {
        ...sameKeys(app),
        LOG_LEVEL: 'trace',
        ODOO_ALLOW_PRIVATE_HOSTS: 'false',
        MIGRATIONS_RUN: 'false',
        SECTION_TIMEOUT_MS: '3000',
        TOTAL_BUDGET_MS: '4000',
      },
      // Its log is scanned for secrets with the first instance's.
      logStream: logs.stream,
    });
    strictOwner = await actor(strict, 'outsider', null);
    tenantId = (await call<CreateWorkspaceResponse>(strict, strictOwner, 'POST', '/api/tenants', { name: 'Strict Co' })).body.tenantId;
  });
  afterAll(() => strict?.close());

  it('refuses, with one line, URLs that are not http(s), carry credentials, or reach metadata, link-local, private or loopback addresses', async () => {
    const port = new URL(app.demoOdoo!.url).port;
    const cases: Array<[string, object]> = [
      [`ftp://odoo.example.com/`, refused('only http and https URLs are allowed')],
      [`file:///etc/passwd`, refused('only http and https URLs are allowed')],
      [`http://user:pass@odoo.example.com/`, refused('it must not contain a user name or password')],
      [`http://169.254.169.254/latest/meta-data/`, refused(LINK_LOCAL)],
      [`http://[fe80::1]:${port}/`, refused(LINK_LOCAL)],
      [`http://[fd00:ec2::254]/`, refused(LINK_LOCAL)],
      [`http://[::ffff:169.254.169.254]/`, refused(LINK_LOCAL)],
      [`http://2852039166/`, refused(LINK_LOCAL)],
      [`http://metadata.google.internal/computeMetadata/v1/`, refused(METADATA)],
      [`http://127.0.0.1:${port}/`, refused(PRIVATE)],
      [`http://localhost:${port}/`, refused(PRIVATE)],
      [`http://[::1]:${port}/`, refused(PRIVATE)],
      [`http://0.0.0.0:${port}/`, refused(PRIVATE)],
      [`http://10.1.2.3/`, refused(PRIVATE)],
      [`http://192.168.1.10:8069/`, refused(PRIVATE)],
      [`http://172.20.0.5:8069/`, refused(PRIVATE)],
      [`http://no-such-host.invalid/`, refused('its host name does not resolve')],
    ];
    const body = (url: string) => ({ url, database: 'acme', login: 'api@acme.example', secret: 'demo-secret-acme' });
    const got = [];
    for (const [url] of cases) {
      const saved = await call(strict, strictOwner, 'PUT', `/api/tenants/${tenantId}/odoo-connection`, body(url));
      const checked = await call(strict, strictOwner, 'POST', `/api/tenants/${tenantId}/odoo-connection/check`, body(url));
      got.push([url, saved.status, saved.body, checked.status, checked.body]);
    }
    expect(got).toEqual(cases.map(([url, error]) => [url, 400, error, 400, error]));
    // Link-local and metadata are refused even where private addresses are allowed.
    const permissive = await call(app, owner, 'PUT', `/api/tenants/${await newWorkspace()}/odoo-connection`, body('http://169.254.169.254/'));
    expect([permissive.status, permissive.body]).toEqual([400, refused(LINK_LOCAL)]);
  });

  it('refuses at connect time too: a saved name that now resolves to loopback, or a loopback address put there by hand', async () => {
    const port = new URL(app.demoOdoo!.url).port;
    const box = new SecretBox(app.config.secretsKey);
    for (const url of [`http://localhost:${port}`, `http://127.0.0.1:${port}`]) {
      // As if the name had resolved to a public address when it was saved (DNS rebinding), or the row was edited.
      const [{ id }]: Array<{ id: string }> = await app.dataSource.query(
        `INSERT INTO "tenant" ("name", "createdVia", "odooUrl", "odooDatabase", "odooLogin", "odooSecret", "odooSetVia")
         VALUES ('Rebound', 'api', $1, 'acme', 'api@acme.example', $2, 'api') RETURNING id`,
        [url, box.seal('demo-secret-acme')],
      );
      await strict.addMember(strictOwner.userId!, id, { role: 'owner' });
      app.demoOdoo!.resetCalls();
      const res = await call<CompanyViewResponse>(strict, strictOwner, 'GET', '/api/company-view', undefined, { 'x-tenant-id': id });
      expect([url, res.status, res.body.meta!.errorKinds]).toEqual([url, 200, Object.fromEntries(SECTION_KEYS.map((key) => [key, 'network']))]);
      expect(res.body.errorsBySection.crm).toEqual({ message: `Odoo URL refused: ${PRIVATE}` });
      expect(app.demoOdoo!.calls()).toEqual({});
      // The rule, not the address, refused it: where private hosts are allowed the same row reads.
      await app.addMember(owner.userId!, id, { role: 'owner' });
      const allowed = await call<CompanyViewResponse>(app, owner, 'GET', '/api/company-view', undefined, { 'x-tenant-id': id });
      expect(allowed.body.meta!.errorKinds).toEqual({});
    }
  });
});

describe('what the application says', () => {
  it('never puts a secret in a response or a log line', () => {
    const leaks = [...seenBodies.map((text, i) => ({ where: `response ${i}`, text })), ...logs.lines.map((text, i) => ({ where: `log line ${i}`, text }))]
      .map(({ where, text }) => ({ where, found: secretsIn(text, secrets), text: redact(text, secrets).slice(0, 200) }))
      .filter((l) => l.found.length > 0);
    expect(leaks.slice(0, 5)).toEqual([]);
    // The scan saw the activity: connections saved and checked, with the secrets sent in the requests.
    expect(seenBodies.filter((b) => b.includes('"hasSecret":true')).length).toBeGreaterThan(3);
    expect(logs.lines.length).toBeGreaterThan(50);
  });
});
