// Access taken away must stop being honoured even while a 200 for the tenant sits in the cache:
// membership removed or tenant deactivated, in this process, by hand-written SQL, or by the admin
// CLI in another process. Every server drops its cached access answers when PostgreSQL announces
// the change (LISTEN/NOTIFY), which takes milliseconds; the suites allow NOTIFY_BOUND_MS for it,
// and require that once refused, a request is never served again.
import { Client } from 'pg';
import { addMember, removeMember, updateTenant } from '../../server/tenant/tenant-admin';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { runAdmin } from '../support/run-cli';
import { heard, sessionDeleted } from '../support/auth-changes';

/** How long a committed change may take to reach the server's caches. */
const NOTIFY_BOUND_MS = 250;
const POLL_EVERY_MS = 5;
/** Long on purpose: revocation must not wait for cached sessions to age out. */
const SESSION_CACHE_MAX_AGE_S = 600;

const INACTIVE = { error: 'Forbidden: Tenant is inactive' };
const NOT_A_MEMBER = { error: 'Forbidden: User is not a member of this tenant' };
const UNAUTHORIZED = { error: 'Unauthorized: Valid session required' };

interface Sample {
  sentAt: number;
  status: number;
  body: unknown;
  xCache: string | null;
}

let app: TestApp;
let user: TestUser & { cookie: string };
let cliEnv: Record<string, string>;

beforeAll(async () => {
  app = await startTestApp({
    // A long TTL: the cached 200 must still be there when access is taken away.
    env: { CACHE_TTL_MS: '60000', SESSION_CACHE_MAX_AGE_S: String(SESSION_CACHE_MAX_AGE_S) },
  });
  user = await app.newSignedInUser();
  cliEnv = {
    NODE_ENV: 'test',
    DATABASE_URL: app.database.url,
    DATA_DIR: app.database.dataDir,
    BETTER_AUTH_SECRET: app.config.auth.secret,
    SECRETS_KEY: app.config.secretsKey,
    LOG_LEVEL: 'silent',
  };
});

afterAll(async () => {
  await app?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function view(tenantId: string, cookie = user.cookie): Promise<Sample> {
  const sentAt = performance.now();
  const res = await fetch(`${app.url}/api/company-view`, { headers: { cookie, 'x-tenant-id': tenantId } });
  const text = await res.text();
  return { sentAt, status: res.status, body: JSON.parse(text), xCache: res.headers.get('x-cache') };
}

/** A member's tenant whose company view is in the cache (the second read is a HIT). */
async function cachedTenant(): Promise<string> {
  const tenantId = await app.createTenant({ odooDatabase: 'acme' });
  await app.addMember(user.userId, tenantId);
  const first = await view(tenantId);
  const second = await view(tenantId);
  expect([first.status, second.status, second.xCache]).toEqual([200, 200, 'HIT']);
  return tenantId;
}

/** Polls until `count` refusals in a row have been seen (or the bound is long past). */
async function pollUntilRefused(read: () => Promise<Sample>, since: number, count = 5): Promise<Sample[]> {
  const samples: Sample[] = [];
  let refusedInARow = 0;
  while (refusedInARow < count && performance.now() - since < NOTIFY_BOUND_MS + 2000) {
    const sample = await read();
    samples.push(sample);
    refusedInARow = sample.status === 200 ? 0 : refusedInARow + 1;
    await sleep(POLL_EVERY_MS);
  }
  return samples;
}

/**
 * What the samples say about a change committed at `committedAt`: how long the server kept serving,
 * whether a request sent after the bound was served, and whether a 200 followed a refusal.
 */
/** Milliseconds from `since` until a request is served 200 (Infinity when none is within 2 s past the bound). */
async function msUntilServed(tenantId: string, since: number): Promise<number> {
  while (performance.now() - since < NOTIFY_BOUND_MS + 2000) {
    const sample = await view(tenantId);
    if (sample.status === 200) return sample.sentAt - since;
    await sleep(POLL_EVERY_MS);
  }
  return Infinity;
}

function verdict(samples: Sample[], committedAt: number, refusal: unknown) {
  const firstRefused = samples.findIndex((s) => s.status !== 200);
  const afterFirst = firstRefused < 0 ? [] : samples.slice(firstRefused);
  return {
    refusedAtAll: firstRefused >= 0,
    servedAfterBound: samples.filter((s) => s.status === 200 && s.sentAt - committedAt >= NOTIFY_BOUND_MS).length,
    servedAfterRefusal: afterFirst.filter((s) => s.status === 200).length,
    refusals: [...new Set(afterFirst.map((s) => JSON.stringify([s.status, s.body])))],
    expectedRefusal: JSON.stringify([403, refusal]),
  };
}

function expectPromptRefusal(samples: Sample[], committedAt: number, refusal: unknown): void {
  const v = verdict(samples, committedAt, refusal);
  expect({ refusedAtAll: v.refusedAtAll, servedAfterBound: v.servedAfterBound, servedAfterRefusal: v.servedAfterRefusal, refusals: v.refusals }).toEqual({
    refusedAtAll: true,
    servedAfterBound: 0,
    servedAfterRefusal: 0,
    refusals: [v.expectedRefusal],
  });
}

describe('in this process', () => {
  it('refuses a removed member (tenant-admin) although the view is cached, and keeps refusing', async () => {
    const tenantId = await cachedTenant();
    await app.dataSource.transaction((tx) => removeMember(tx, user.userId, tenantId));
    const committedAt = performance.now();
    expectPromptRefusal(await pollUntilRefused(() => view(tenantId), committedAt), committedAt, NOT_A_MEMBER);

    const res = await fetch(`${app.url}/api/tenants/current`, {
      method: 'PUT',
      headers: { cookie: user.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ tenantId }),
    });
    expect([res.status, await res.json()]).toEqual([403, NOT_A_MEMBER]);
  });

  it('refuses a tenant deactivated by hand-written SQL on another connection', async () => {
    const tenantId = await cachedTenant();
    const sql = new Client({ connectionString: app.database.url });
    await sql.connect();
    try {
      await sql.query('UPDATE "tenant" SET "isActive" = false WHERE id = $1', [tenantId]);
    } finally {
      await sql.end();
    }
    const committedAt = performance.now();
    expectPromptRefusal(await pollUntilRefused(() => view(tenantId), committedAt), committedAt, INACTIVE);
  });

  it('serves again promptly once access is given back (refusals are not cached past the change)', async () => {
    const tenantId = await cachedTenant();
    await app.dataSource.transaction((tx) => removeMember(tx, user.userId, tenantId));
    expect((await pollUntilRefused(() => view(tenantId), performance.now())).at(-1)!.body).toEqual(NOT_A_MEMBER);
    await app.dataSource.transaction((tx) => addMember(tx, { userId: user.userId, tenantId }));
    expect(await msUntilServed(tenantId, performance.now())).toBeLessThan(NOTIFY_BOUND_MS);

    await app.dataSource.transaction((tx) => updateTenant(tx, tenantId, { isActive: false }));
    expect((await pollUntilRefused(() => view(tenantId), performance.now())).at(-1)!.body).toEqual(INACTIVE);
    await app.dataSource.transaction((tx) => updateTenant(tx, tenantId, { isActive: true }));
    expect(await msUntilServed(tenantId, performance.now())).toBeLessThan(NOTIFY_BOUND_MS);
  });

  it('refuses a deactivated tenant whatever the spelling of its id (UUIDs are case-insensitive)', async () => {
    const tenantId = await cachedTenant();
    const upper = tenantId.toUpperCase();
    expect((await view(upper)).status).toBe(200);
    await app.dataSource.transaction((tx) => updateTenant(tx, tenantId, { isActive: false }));
    const committedAt = performance.now();
    expectPromptRefusal(await pollUntilRefused(() => view(tenantId), committedAt), committedAt, INACTIVE);
    expectPromptRefusal(await pollUntilRefused(() => view(upper), committedAt), committedAt, INACTIVE);
  });
});

describe('from the admin CLI in another process', () => {
  /** Runs the CLI while polling the view; the change is committed at the latest when the CLI exits.
   *  Polling stops after five refusals in a row, or 2 s past the bound. */
  async function changeWhilePolling(tenantId: string, args: string[]): Promise<{ samples: Sample[]; exitedAt: number }> {
    const samples: Sample[] = [];
    let exitedAt = Infinity;
    const poller = (async () => {
      let refusedInARow = 0;
      while (refusedInARow < 5) {
        const sample = await view(tenantId);
        samples.push(sample);
        refusedInARow = sample.status === 200 ? 0 : refusedInARow + 1;
        if (performance.now() - exitedAt > NOTIFY_BOUND_MS + 2000) break;
        await sleep(POLL_EVERY_MS * 4);
      }
    })();
    const result = await runAdmin(args, { env: cliEnv });
    exitedAt = performance.now();
    expect([result.code, result.stderr]).toEqual([0, '']);
    await poller;
    return { samples, exitedAt };
  }

  it('refuses a member removed by `member:remove`, across processes', async () => {
    const tenantId = await cachedTenant();
    const { samples, exitedAt } = await changeWhilePolling(tenantId, ['member:remove', user.email, tenantId]);
    const rows: unknown[] = await app.dataSource.query('SELECT 1 FROM "tenantMember" WHERE "tenantId" = $1', [tenantId]);
    expect(rows).toHaveLength(0);
    // The cache was serving the tenant while the CLI ran.
    expect(samples.some((s) => s.status === 200 && s.xCache === 'HIT')).toBe(true);
    expectPromptRefusal(samples, exitedAt, NOT_A_MEMBER);
  });

  it('refuses a tenant deactivated by `tenant:deactivate`, across processes', async () => {
    const tenantId = await cachedTenant();
    const { samples, exitedAt } = await changeWhilePolling(tenantId, ['tenant:deactivate', tenantId]);
    expect(samples.some((s) => s.status === 200 && s.xCache === 'HIT')).toBe(true);
    expectPromptRefusal(samples, exitedAt, INACTIVE);
  });
});

describe('sessions', () => {
  it('refuses a signed-out session replayed, with or without its cookie cache, as soon as the server has heard of the sign-out', async () => {
    const someone = await app.newSignedInUser();
    const tenantId = await app.createTenant({ odooDatabase: 'acme' });
    await app.addMember(someone.userId, tenantId);
    expect((await view(tenantId, someone.cookie)).status).toBe(200);
    expect((await view(tenantId, someone.cookie)).xCache).toBe('HIT');
    const tokenOnly = someone.cookie
      .split('; ')
      .filter((c) => c.startsWith('better-auth.session_token='))
      .join('; ');
    const [{ id }]: Array<{ id: string }> = await app.dataSource.query('SELECT id FROM "session" WHERE "userId" = $1', [someone.userId]);

    const told = heard(app, sessionDeleted(id));
    const signOut = await fetch(`${app.url}/api/auth/sign-out`, { method: 'POST', headers: { cookie: someone.cookie, origin: app.url } });
    expect(signOut.status).toBe(200);
    await told;
    for (const cookie of [tokenOnly, someone.cookie]) {
      const replay = await view(tenantId, cookie);
      expect([replay.status, replay.body]).toEqual([401, UNAUTHORIZED]);
    }
  });
});
