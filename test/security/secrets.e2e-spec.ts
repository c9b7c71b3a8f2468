// Secrets never reach a log line or an HTTP answer. The suite drives the app through a failure
// matrix (every demo Odoo fault kind on every section's model), tenants with their own Odoo
// connection and wrong or right secrets, right and wrong sign-in passwords, and sign-outs, with
// every log line captured at trace level. Then it scans the logs, the answers (bodies and headers
// other than Set-Cookie) and the admin CLI's output for every secret in play, by value, and the
// answers for stack traces, SQL and file paths.
import { randomBytes } from 'node:crypto';
import { SecretBox } from '../../server/common/secret-box';
import type { CompanyViewSectionKey } from '../../server/contracts/company-view';
import type { DemoFaultKind } from '../../server/demo-odoo/demo-odoo.types';
import { setTenantOdoo, type OdooSettingsInput } from '../../server/tenant/tenant-admin';
import { assertCompanyViewResponse } from '../company-view/schema';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { runAdmin } from '../support/run-cli';
import { internalsIn, LogCapture, redact, secretsIn, type Secret } from './support/leak-scan';
import { credentialForms, parseSessionCookies } from './support/session-cookies';

const DATABASES = ['acme', 'globex', 'initech', 'umbrella'];
const KINDS: DemoFaultKind[] = ['latency', 'hang', 'missing', 'auth', 'http500', 'html', 'malformed', 'reset', 'huge', 'drip'];
const SECTION_MODELS: Record<CompanyViewSectionKey, string> = {
  accounting: 'account.move',
  crm: 'crm.lead',
  projects: 'project.task',
  helpdesk: 'helpdesk.ticket',
  inventory: 'stock.warehouse.orderpoint',
};
const SECTIONS = Object.keys(SECTION_MODELS) as CompanyViewSectionKey[];

interface Answer {
  label: string;
  /** Better Auth's own routes, checked separately for the session token. */
  auth: boolean;
  status: number;
  /** Every header but Set-Cookie, as "name: value" lines. */
  headers: string;
  body: string;
  setCookies: string[];
}

const logs = new LogCapture();
const secrets: Secret[] = [];
const sessionSecrets: Secret[] = [];
const answers: Answer[] = [];
const cliOutput: string[] = [];
let app: TestApp;
let member: TestUser & { cookie: string };

beforeAll(async () => {
  app = await startTestApp({
    logStream: logs.stream,
    env: {
      LOG_LEVEL: 'trace',
      ODOO_AUTH_BACKOFF_MS: '0',
      SIGN_IN_RATE_LIMIT: '1000',
      SESSION_CACHE_MAX_AGE_S: '1',
      // Room for a cold connection's login on a busy machine; hanging faults cost this much per round.
      SECTION_TIMEOUT_MS: '1000',
      TOTAL_BUDGET_MS: '1500',
    },
  });
  secrets.push({ label: 'BETTER_AUTH_SECRET', value: app.config.auth.secret }, { label: 'SECRETS_KEY', value: app.config.secretsKey });
  for (const db of DATABASES) {
    secrets.push({ label: `demo API key of ${db}`, value: `demo-secret-${db}` }, { label: `demo password of ${db}`, value: `demo-password-${db}` });
  }
  member = await signedInUser('member');
});

afterAll(async () => {
  await app?.close();
});

/** Sends a request and keeps the answer for the scans. */
async function call(label: string, path: string, init: RequestInit = {}): Promise<Answer> {
  const res = await fetch(`${app.url}${path}`, init);
  const headers = [...res.headers]
    .filter(([name]) => name !== 'set-cookie')
    .map(([n, v]) => `${n}: ${v}`)
    .join('\n');
  const answer: Answer = {
    label,
    auth: path.startsWith('/api/auth/'),
    status: res.status,
    headers,
    body: await res.text(),
    setCookies: res.headers.getSetCookie(),
  };
  answers.push(answer);
  return answer;
}

function signIn(email: string, password: string, label: string): Promise<Answer> {
  return call(label, '/api/auth/sign-in/email', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: app.url },
    body: JSON.stringify({ email, password }),
  });
}

/** A user signed in over HTTP; their password, password hash and session credentials join the secrets. */
async function signedInUser(name: string): Promise<TestUser & { cookie: string }> {
  const password = `pw-${name}-${randomBytes(9).toString('base64url')}`;
  const user = await app.createUser(undefined, password);
  secrets.push({ label: `password of ${name}`, value: password });
  const [{ password: hash }]: Array<{ password: string }> = await app.dataSource.query('SELECT password FROM "account" WHERE "userId" = $1', [user.userId]);
  secrets.push({ label: `password hash of ${name}`, value: hash });
  const answer = await signIn(user.email, password, `sign-in of ${name}`);
  expect(answer.status).toBe(200);
  const cookie = answer.setCookies.map((line) => line.split(';')[0]).join('; ');
  const cookies = parseSessionCookies(cookie);
  const forms = credentialForms(cookies);
  const names = ['session token', 'signed session cookie', 'signed session cookie (decoded)', 'session cookie cache'];
  forms.forEach((value, i) => sessionSecrets.push({ label: `${names[i]} of ${name}`, value }));
  return { ...user, cookie };
}

function view(tenantId: string, label: string, cookie = member.cookie): Promise<Answer> {
  return call(label, '/api/company-view', { headers: { cookie, 'x-tenant-id': tenantId } });
}

async function memberTenant(odooDatabase: string | null): Promise<string> {
  const tenantId = await app.createTenant({ odooDatabase });
  await app.addMember(member.userId, tenantId);
  return tenantId;
}

/** Parses and validates a company view answer. */
function companyView(answer: Answer) {
  expect(answer.status).toBe(200);
  const body: unknown = JSON.parse(answer.body);
  assertCompanyViewResponse(body);
  return body;
}

describe('activity', () => {
  it('signs users in and out, with right and wrong passwords', async () => {
    const users = [await signedInUser('alice'), await signedInUser('bob')];
    for (const [i, u] of users.entries()) {
      const wrong = `wrong-${i}-${randomBytes(9).toString('base64url')}`;
      secrets.push({ label: `wrong password #${i}`, value: wrong });
      expect((await signIn(u.email, wrong, `wrong sign-in #${i}`)).status).toBe(401);
    }
    const stranger = `stranger-pw-${randomBytes(9).toString('base64url')}`;
    secrets.push({ label: 'password of an unknown email', value: stranger });
    expect((await signIn('nobody@test.example', stranger, 'sign-in of an unknown email')).status).toBe(401);

    for (const u of users) {
      expect((await call('get-session', '/api/auth/get-session', { headers: { cookie: u.cookie } })).status).toBe(200);
      const out = await call('sign-out', '/api/auth/sign-out', { method: 'POST', headers: { cookie: u.cookie, origin: app.url } });
      expect(out.status).toBe(200);
      const tokenOnly = u.cookie
        .split('; ')
        .filter((c) => c.startsWith('better-auth.session_token='))
        .join('; ');
      expect((await call('view after sign-out', '/api/company-view', { headers: { cookie: tokenOnly, 'x-tenant-id': randomUuid() } })).status).toBe(401);
    }
  });

  it('serves every demo Odoo fault kind on every section model as a failed section', async () => {
    for (const db of DATABASES) await warmUp(db);
    // Round r puts one kind on each section model of each database, rotating so every database
    // meets every kind on every model.
    for (let round = 0; round < KINDS.length; round++) {
      const planned = DATABASES.map((db, d) => {
        const kinds = SECTIONS.map((_, s) => KINDS[(round + s + 2 * d) % KINDS.length]);
        SECTIONS.forEach((section, s) => app.demoOdoo!.setFault({ db, model: SECTION_MODELS[section], kind: kinds[s], latencyMs: 20 }));
        return { db, kinds };
      });
      const tenants = await Promise.all(planned.map(({ db }) => memberTenant(db)));
      const views = await Promise.all(tenants.map((t, i) => view(t, `round ${round} on ${planned[i].db}`)));
      app.demoOdoo!.clearFaults();
      for (const [i, answer] of views.entries()) {
        const body = companyView(answer);
        const unanswered = SECTIONS.filter((s, k) => planned[i].kinds[k] !== 'latency' && !body.errorsBySection[s]);
        expect({ round, db: planned[i].db, unanswered }).toEqual({ round, db: planned[i].db, unanswered: [] });
      }
    }
    // Credentials refused for the whole database: even the login fails.
    for (const db of DATABASES) app.demoOdoo!.setFault({ db, kind: 'auth' });
    const refused = await Promise.all(DATABASES.map(async (db) => view(await memberTenant(db), `auth fault on ${db}`)));
    app.demoOdoo!.clearFaults();
    for (const answer of refused) expect(Object.keys(companyView(answer).errorsBySection)).toEqual(SECTIONS);
  });

  it("reads through tenants' own Odoo connections with wrong and right secrets", async () => {
    const box = new SecretBox(app.config.secretsKey);
    const own = async (name: string, settings: Omit<OdooSettingsInput, 'companyIds'>) => {
      const tenantId = await memberTenant(null);
      await app.dataSource.transaction((tx) => setTenantOdoo(tx, box, tenantId, { ...settings, companyIds: null }));
      return { name, tenantId };
    };
    const wrongKey = `wrong-key-${randomBytes(12).toString('base64url')}`;
    const wrongPassword = `wrong-password-${randomBytes(12).toString('base64url')}`;
    secrets.push({ label: "a tenant's wrong Odoo API key", value: wrongKey }, { label: "a tenant's wrong Odoo password", value: wrongPassword });
    const demo = app.demoOdoo!;
    const wrong = [
      await own('wrong password over XML-RPC', {
        url: demo.urlFor('acme'),
        database: 'acme',
        login: 'api@acme.example',
        secret: wrongPassword,
        transport: 'xmlrpc',
      }),
      await own('wrong key, auto transport', {
        url: demo.urlFor('umbrella'),
        database: 'umbrella',
        login: 'api@umbrella.example',
        secret: wrongKey,
        transport: 'auto',
      }),
    ];
    const right = [
      await own('right password over XML-RPC', {
        url: demo.urlFor('initech'),
        database: 'initech',
        login: 'api@initech.example',
        secret: 'demo-password-initech',
        transport: 'xmlrpc',
      }),
      await own('right key over JSON-2', {
        url: demo.urlFor('umbrella'),
        database: 'umbrella',
        login: 'api@umbrella.example',
        secret: 'demo-secret-umbrella',
        transport: 'json2',
      }),
    ];
    for (const t of wrong) {
      const body = companyView(await view(t.tenantId, t.name));
      expect({ tenant: t.name, kinds: body.meta!.errorKinds }).toEqual({ tenant: t.name, kinds: Object.fromEntries(SECTIONS.map((s) => [s, 'auth'])) });
    }
    for (const t of right) {
      const kinds = await settledErrorKinds(t.tenantId, t.name);
      expect({ tenant: t.name, kinds }).toEqual({ tenant: t.name, kinds: {} });
    }
    // The connection check prints its findings: it must not print the secret either.
    const check = await runAdmin(['odoo:check', wrong[0].tenantId], {
      env: {
        NODE_ENV: 'test',
        DATABASE_URL: app.database.url,
        DATA_DIR: app.database.dataDir,
        BETTER_AUTH_SECRET: app.config.auth.secret,
        SECRETS_KEY: app.config.secretsKey,
        LOG_LEVEL: 'trace',
      },
    });
    expect(check.code).toBe(1);
    expect(check.stderr).toMatch(/auth/i);
    cliOutput.push(...check.stdout.split('\n'), ...check.stderr.split('\n'));
  });

  it('answers malformed and refused requests with plain errors', async () => {
    const tenantId = await memberTenant('acme');
    const json = { 'content-type': 'application/json' };
    const cases: Array<[string, string, RequestInit, number | number[]]> = [
      ['no session', '/api/company-view', { headers: { 'x-tenant-id': tenantId } }, 401],
      ['forged session', '/api/company-view', { headers: { cookie: 'better-auth.session_token=forged.value', 'x-tenant-id': tenantId } }, 401],
      ['SQL in the tenant header', '/api/company-view', { headers: { cookie: member.cookie, 'x-tenant-id': "1' OR '1'='1" } }, 400],
      ['broken JSON', '/api/tenants/current', { method: 'PUT', headers: { ...json, cookie: member.cookie }, body: '{"tenantId": ' }, 400],
      [
        'oversized body',
        '/api/tenants/current',
        { method: 'PUT', headers: { ...json, cookie: member.cookie }, body: JSON.stringify({ tenantId: 'x'.repeat(200_000) }) },
        413,
      ],
      [
        'wrong content type',
        '/api/tenants/current',
        { method: 'PUT', headers: { 'content-type': 'text/plain', cookie: member.cookie }, body: 'tenantId' },
        [400, 415],
      ],
      ['unknown API route', '/api/does-not-exist', {}, 404],
      ['unknown auth route', '/api/auth/does-not-exist', {}, 404],
      ['broken sign-in JSON', '/api/auth/sign-in/email', { method: 'POST', headers: { ...json, origin: app.url }, body: '{"email":' }, 400],
      [
        'sign-in with a huge email',
        '/api/auth/sign-in/email',
        { method: 'POST', headers: { ...json, origin: app.url }, body: JSON.stringify({ email: `${'a'.repeat(5000)}@x.example`, password: 'whatever-pass' }) },
        [400, 401],
      ],
    ];
    const got = [];
    for (const [label, path, init, expected] of cases) got.push({ label, status: (await call(label, path, init)).status, expected: [expected].flat() });
    // A client's mistake is a 4xx, never a 500.
    expect(got.filter((g) => !g.expected.includes(g.status))).toEqual([]);
  });
});

describe('what the application says', () => {
  it('writes no secret into any log line (nor the admin CLI into its output)', () => {
    const all = [...secrets, ...sessionSecrets];
    const leaks = [...logs.lines.map((line, i) => ({ where: `log line ${i}`, line })), ...cliOutput.map((line, i) => ({ where: `CLI line ${i}`, line }))]
      .map(({ where, line }) => ({ where, found: secretsIn(line, all), line: redact(line, all).slice(0, 300) }))
      .filter((l) => l.found.length > 0);
    expect(leaks.slice(0, 10)).toEqual([]);
    // The capture really saw the activity: requests, failed sections, refused Odoo logins.
    expect(logs.lines.filter((l) => l.includes('Cache miss for tenant')).length).toBeGreaterThan(40);
    expect(logs.lines.some((l) => /section error/.test(l))).toBe(true);
    expect(logs.lines.some((l) => /Odoo authentication failed/.test(l))).toBe(true);
    expect(cliOutput.join('\n')).toMatch(/api@acme\.example|acme/);
  });

  it('puts no secret, stack trace, SQL or file path into any answer body or header', () => {
    const problems = answers.flatMap((a) => {
      // Better Auth's answers are also checked for the session token, in the next test.
      const found = [...secretsIn(a.body, a.auth ? secrets : [...secrets, ...sessionSecrets]), ...secretsIn(a.headers, [...secrets, ...sessionSecrets])];
      const internals = internalsIn(a.body);
      return found.length || internals.length
        ? [{ answer: a.label, status: a.status, found, internals, body: redact(a.body, [...secrets, ...sessionSecrets]).slice(0, 200) }]
        : [];
    });
    expect(problems.slice(0, 10)).toEqual([]);
    expect(answers.length).toBeGreaterThan(60);
  });

  it('does not hand the session token to page scripts (sign-in and get-session bodies)', () => {
    const exposed = answers
      .filter((a) => a.auth)
      .map((a) => ({ answer: a.label, found: secretsIn(a.body, sessionSecrets) }))
      .filter((a) => a.found.length > 0);
    expect(exposed).toEqual([]);
    // The values scanned for are the real credentials: the sign-in's Set-Cookie carries them.
    const signIns = answers.filter((a) => a.label.startsWith('sign-in of ') && a.status === 200);
    expect(signIns.every((a) => secretsIn(a.setCookies.join('\n'), sessionSecrets).length >= 3)).toBe(true);
  });
});

/** The first read of a database logs in and learns its fields; the fault matrix is about later reads.
 *  Community editions have no helpdesk, so that section stays missing there. */
async function warmUp(db: string): Promise<void> {
  const kinds = await settledErrorKinds(await memberTenant(db), `warm-up of ${db}`);
  expect({ db, kinds }).toEqual({ db, kinds: db === 'globex' ? { helpdesk: 'module-missing' } : {} });
}

/** The error kinds of the tenant's view, read again (past the cache TTL) while anything but a
 *  missing module fails, up to four times: a cold connection can outlast the section timeout. */
async function settledErrorKinds(tenantId: string, label: string): Promise<Record<string, string>> {
  let kinds: Record<string, string> = {};
  for (let attempt = 0; attempt < 4; attempt++) {
    kinds = companyView(await view(tenantId, label)).meta!.errorKinds;
    if (Object.values(kinds).every((kind) => kind === 'module-missing')) break;
    await new Promise((resolve) => setTimeout(resolve, 1100)); // past CACHE_TTL_MS
  }
  return kinds;
}

function randomUuid(): string {
  return '5b1f0c1e-8c3a-4d2e-9f4b-' + randomBytes(6).toString('hex');
}
