// Tenant isolation under a seeded random mix of 1,000 requests: three users with different
// memberships, every kind of tenant id, and valid, missing, tampered, forged, expired and revoked
// session cookies, against warm and cold caches. Each answer is compared with what the access
// matrix demands (status and exact body); every 200 must show the requested tenant and carry no
// trace of another tenant's Odoo database. The seed is printed; SECURITY_FUZZ_SEED=<n> replays it.
import { markerOf } from '../../server/demo-odoo/dataset/build-dataset';
import type { CompanyViewSectionKey } from '../../server/contracts/company-view';
import { assertCompanyViewResponse, sectionRows } from '../company-view/schema';
import { startTestApp, type TestApp, type TestUser } from '../support/app-fixture';
import { heard, sessionDeleted } from '../support/auth-changes';
import { fuzzSeed, SeededRandom } from './support/seeded-random';
import {
  cookieHeader,
  forgeCacheIdentity,
  GARBAGE_TOKENS,
  parseSessionCookies,
  rawToken,
  tamperCache,
  tamperSignature,
  tamperToken,
  type SessionCookies,
} from './support/session-cookies';

const SEED = fuzzSeed();
const TOTAL_REQUESTS = 1000;
const PARALLEL = 8;
/** Requests before the revocable sessions are deleted, then once the server has heard of it, then more. */
const PHASES = [450, 450, 100];
/** Long on purpose: a revocation must not wait for cached sessions to age out. */
const SESSION_CACHE_MAX_AGE_S = 600;
const DATABASES = ['acme', 'globex', 'initech', 'umbrella'] as const;

const UNAUTHORIZED = { error: 'Unauthorized: Valid session required' };
const HEADER_REQUIRED = { error: 'Bad Request: x-tenant-id header required' };
const BODY_ID_REQUIRED = { error: 'Bad Request: tenantId required' };
const INVALID_ID = { error: 'Bad Request: Invalid tenant ID' };
const INACTIVE = { error: 'Forbidden: Tenant is inactive' };
const NOT_A_MEMBER = { error: 'Forbidden: User is not a member of this tenant' };

interface Tenant {
  id: string;
  name: string;
  db: string;
  active: boolean;
}

interface Actor {
  name: string;
  user: TestUser;
  /** The session used throughout. */
  main: SessionCookies;
  /** A session whose row says it expired an hour ago. */
  expired: SessionCookies;
  /** A session deleted between the first and second phase. */
  revocable: SessionCookies;
  /** The main session's cookie cache, rewritten to name the next actor by someone without the secret. */
  forgedCache: string;
  memberOf: Set<string>;
  /** The model of the user's default tenant, updated by every accepted switch. */
  defaultTenant: string | null;
}

type Route = 'view' | 'current' | 'switch';
type CookieKind =
  | 'valid'
  | 'tokenOnly'
  | 'absent'
  | 'tamperedToken'
  | 'tamperedSignature'
  | 'tamperedCache'
  | 'foreignCache'
  | 'forgedCache'
  | 'cacheOnly'
  | 'expired'
  | 'revoked'
  | 'garbage';
type TenantKind = 'member' | 'memberUpperCase' | 'nonMember' | 'inactive' | 'unknown' | 'malformed';

/** Whose session a cookie proves: always the actor's, never, or the actor's until its revocation. */
type Identity = 'owner' | 'nobody' | 'revocable';

interface Planned {
  index: number;
  phase: number;
  actor: Actor;
  route: Route;
  cookieKind: CookieKind;
  cookie: string | null;
  tenantKind: TenantKind;
  /** The x-tenant-id header (view) — undefined: no header. */
  header?: string;
  /** The JSON body (switch). */
  body?: unknown;
  /** The tenant the id designates, when it designates one. */
  target?: Tenant;
  /** What an accepted request must answer when it does not reach a tenant (bad id). */
  refusal?: { status: number; body: unknown };
}

interface Observation {
  startedAt: number;
  status: number;
  text: string;
  headers: Headers;
}

interface Expectation {
  status: number;
  body?: unknown;
  /** For a 200 company view: the tenant it must be about. */
  view?: Tenant;
  /** For an accepted switch: the tenant that becomes the default. */
  switchTo?: Tenant;
}

let app: TestApp;
let actors: Actor[];
let tenants: Tenant[];
const byId = new Map<string, Tenant>();

beforeAll(async () => {
  console.log(`tenant-isolation fuzz seed: ${SEED} (replay with SECURITY_FUZZ_SEED=${SEED})`);
  app = await startTestApp({
    env: {
      SESSION_CACHE_MAX_AGE_S: String(SESSION_CACHE_MAX_AGE_S),
      // Generous Odoo clocks: the run is about who sees what, so sections should load and show data.
      SECTION_TIMEOUT_MS: '4000',
      TOTAL_BUDGET_MS: '5000',
      ODOO_TIMEOUT_MS: '5000',
      ODOO_AUTH_BACKOFF_MS: '0',
    },
  });
  tenants = [];
  const tenant = async (name: string, db: string, active = true) => {
    const t: Tenant = { id: await app.createTenant({ name, odooDatabase: db, isActive: active }), name, db, active };
    tenants.push(t);
    byId.set(t.id, t);
    return t;
  };
  const [acme, globex, initech, umbrella] = await Promise.all(DATABASES.map((db) => tenant(`${markerOf(db)} Tenant`, db)));
  const sleepyMember = await tenant('Sleepy Member Tenant', 'umbrella', false);
  await tenant('Sleepy Foreign Tenant', 'acme', false);
  actors = [
    await actor('alice', [acme, initech, sleepyMember], acme),
    await actor('bob', [acme, globex], globex),
    // Carol's default starts on an inactive tenant: /api/tenants/current must say so.
    await actor('carol', [initech, umbrella, sleepyMember], sleepyMember),
  ];
  for (const [i, a] of actors.entries()) {
    const victim = actors[(i + 1) % actors.length].user;
    a.forgedCache = await forgeCacheIdentity(a.main.cache, { id: victim.userId, email: victim.email }, app.config.auth.secret);
  }
});

afterAll(async () => {
  await app?.close();
});

async function actor(name: string, memberships: Tenant[], defaultTenant: Tenant): Promise<Actor> {
  const user = await app.createUser();
  for (const t of memberships) await app.addMember(user.userId, t.id, { isDefault: t === defaultTenant });
  const signIn = async () => parseSessionCookies(await app.signIn(user.email, user.password));
  const [main, expired, revocable] = [await signIn(), await signIn(), await signIn()];
  await app.dataSource.query(`UPDATE "session" SET "expiresAt" = now() - interval '1 hour' WHERE token = $1`, [rawToken(expired.token)]);
  return { name, user, main, expired, revocable, forgedCache: '', memberOf: new Set(memberships.map((t) => t.id)), defaultTenant: defaultTenant.id };
}

// ---------------------------------------------------------------- planning (pure, from the seed)

function plan(rng: SeededRandom): Planned[] {
  const planned: Planned[] = [];
  let phase = 0;
  let phaseEnd = PHASES[0];
  for (let index = 0; index < TOTAL_REQUESTS; index++) {
    if (index === phaseEnd) phaseEnd += PHASES[++phase];
    const a = rng.pick(actors);
    const route = rng.weighted<Route>({ view: 80, current: 8, switch: 12 });
    const cookieKind = rng.weighted<CookieKind>({
      valid: 30,
      tokenOnly: 8,
      absent: 6,
      tamperedToken: 5,
      tamperedSignature: 5,
      tamperedCache: 7,
      foreignCache: 7,
      forgedCache: 6,
      cacheOnly: 4,
      expired: 5,
      revoked: 12,
      garbage: 5,
    });
    const tenantKind = rng.weighted<TenantKind>({ member: 34, memberUpperCase: 8, nonMember: 18, inactive: 14, unknown: 10, malformed: 16 });
    const p: Planned = { index, phase, actor: a, route, cookieKind, cookie: makeCookie(rng, a, cookieKind), tenantKind };
    if (route === 'view') aimView(rng, p);
    if (route === 'switch') aimSwitch(rng, p);
    planned.push(p);
  }
  return planned;
}

function makeCookie(rng: SeededRandom, a: Actor, kind: CookieKind): string | null {
  const other = rng.pick(actors.filter((x) => x !== a));
  const { token, cache } = a.main;
  switch (kind) {
    case 'valid':
      return cookieHeader({ token, cache });
    case 'tokenOnly':
      return cookieHeader({ token });
    case 'absent':
      return null;
    case 'tamperedToken':
      return cookieHeader({ token: tamperToken(token, rng), cache });
    case 'tamperedSignature':
      return cookieHeader({ token: tamperSignature(token, rng), cache });
    case 'tamperedCache':
      return cookieHeader({ token, cache: tamperCache(cache, rng) });
    case 'foreignCache':
      return cookieHeader({ token, cache: other.main.cache });
    case 'forgedCache':
      return cookieHeader({ token, cache: a.forgedCache });
    case 'cacheOnly':
      return cookieHeader({ cache: rng.next() < 0.5 ? cache : a.forgedCache });
    case 'expired':
      // Without its cookie cache, so nothing but the session row can vouch for it.
      return cookieHeader({ token: a.expired.token });
    case 'revoked':
      return cookieHeader(rng.next() < 0.5 ? { token: a.revocable.token } : { token: a.revocable.token, cache: a.revocable.cache });
    case 'garbage':
      return cookieHeader({ token: rng.pick(GARBAGE_TOKENS), cache: rng.next() < 0.5 ? cache : undefined });
  }
}

function identityOf(kind: CookieKind): Identity {
  if (kind === 'revoked') return 'revocable';
  return ['valid', 'tokenOnly', 'tamperedCache', 'foreignCache', 'forgedCache'].includes(kind) ? 'owner' : 'nobody';
}

function pickTenant(rng: SeededRandom, a: Actor, kind: TenantKind): Tenant | undefined {
  const candidates = tenants.filter((t) => {
    if (kind === 'inactive') return !t.active;
    if (!t.active) return false;
    return kind === 'nonMember' ? !a.memberOf.has(t.id) : a.memberOf.has(t.id);
  });
  return candidates.length ? rng.pick(candidates) : undefined;
}

function aimView(rng: SeededRandom, p: Planned): void {
  const { tenantKind: kind } = p;
  if (kind === 'unknown') {
    p.header = rng.uuid();
    p.refusal = { status: 400, body: INVALID_ID };
  } else if (kind === 'malformed') {
    const id = rng.pick(tenants).id;
    const values: Array<string | undefined> = [
      undefined,
      '',
      'not-a-uuid',
      "1' OR '1'='1",
      `${id}x`,
      id.replace(/-/g, ''),
      `${id}, ${id}`,
      `{${id}}`,
      `../${id}`,
      'x'.repeat(300),
    ];
    p.header = rng.pick(values);
    p.refusal = p.header ? { status: 400, body: INVALID_ID } : { status: 400, body: HEADER_REQUIRED };
  } else {
    p.target = pickTenant(rng, p.actor, kind)!;
    p.header = kind === 'memberUpperCase' ? p.target.id.toUpperCase() : p.target.id;
  }
}

function aimSwitch(rng: SeededRandom, p: Planned): void {
  const { tenantKind: kind } = p;
  if (kind === 'unknown') {
    p.body = { tenantId: rng.uuid() };
    p.refusal = { status: 400, body: INVALID_ID };
  } else if (kind === 'malformed') {
    const id = rng.pick(tenants).id;
    const bodies: Array<[unknown, unknown]> = [
      [{}, BODY_ID_REQUIRED],
      [{ tenantId: '' }, BODY_ID_REQUIRED],
      [{ tenantId: null }, BODY_ID_REQUIRED],
      [[], BODY_ID_REQUIRED],
      [{ tenantId: 42 }, INVALID_ID],
      [{ tenantId: [id] }, INVALID_ID],
      [{ tenantId: { id } }, INVALID_ID],
      [{ tenantId: `${id}'--` }, INVALID_ID],
      [{ tenantId: 'not-a-uuid' }, INVALID_ID],
    ];
    const [body, refusal] = rng.pick(bodies);
    p.body = body;
    p.refusal = { status: 400, body: refusal };
  } else {
    p.target = pickTenant(rng, p.actor, kind)!;
    p.body = { tenantId: kind === 'memberUpperCase' ? p.target.id.toUpperCase() : p.target.id };
  }
}

function label(p: Planned): string {
  const aim = p.route === 'switch' ? `body=${JSON.stringify(p.body)?.slice(0, 60)}` : `x-tenant-id=${JSON.stringify(p.header)?.slice(0, 60)}`;
  return `#${p.index} phase ${p.phase + 1} ${p.actor.name} ${p.route} cookie=${p.cookieKind} tenant=${p.tenantKind} ${aim}`;
}

// ---------------------------------------------------------------- the access matrix, as a model

/** What the request must answer if the session is accepted. */
function expectAccepted(p: Planned): Expectation {
  const a = p.actor;
  if (p.route === 'current') {
    const t = a.defaultTenant ? byId.get(a.defaultTenant)! : null;
    const body = t
      ? { tenantId: t.id, tenantName: t.name, error: t.active ? null : `Tenant "${t.name}" is inactive` }
      : { tenantId: null, tenantName: null, error: null };
    return { status: 200, body };
  }
  if (p.refusal) return p.refusal;
  const t = p.target!;
  if (!t.active) return { status: 403, body: INACTIVE };
  if (!a.memberOf.has(t.id)) return { status: 403, body: NOT_A_MEMBER };
  if (p.route === 'switch') return { status: 200, body: { tenantId: t.id, tenantName: t.name, error: null }, switchTo: t };
  return { status: 200, view: t };
}

/** `revokedAt.done`: when the server had heard of the deletion; from then on the session is refused. */
function expectations(p: Planned, revokedAt: { start: number; done: number } | null, startedAt: number): Expectation[] {
  const accepted = expectAccepted(p);
  const refused: Expectation = { status: 401, body: UNAUTHORIZED };
  const identity = identityOf(p.cookieKind);
  if (identity === 'owner') return [accepted];
  if (identity === 'nobody') return [refused];
  if (!revokedAt || p.phase === 0) return [accepted];
  return startedAt >= revokedAt.done ? [refused] : [accepted, refused];
}

/** Problems with one answer, empty when it matches one of the allowed expectations. */
function judge(p: Planned, allowed: Expectation[], seen: Observation): { problems: string[]; matched?: Expectation } {
  let firstProblems: string[] = [];
  for (const e of allowed) {
    const problems = compare(e, seen);
    if (problems.length === 0) return { problems, matched: e };
    if (!firstProblems.length) firstProblems = problems;
  }
  const wanted = allowed.map((e) => `${e.status}${e.body ? ` ${JSON.stringify(e.body)}` : ''}`).join(' or ');
  return { problems: [`${label(p)}: expected ${wanted}; got ${seen.status} ${seen.text.slice(0, 200)} (${firstProblems.join('; ')})`] };
}

function compare(e: Expectation, seen: Observation): string[] {
  if (seen.status !== e.status) return [`status ${seen.status} instead of ${e.status}`];
  let body: unknown;
  try {
    body = JSON.parse(seen.text);
  } catch {
    return ['the body is not JSON'];
  }
  if (e.view) return viewProblems(e.view, body, seen.headers);
  return JSON.stringify(body) === JSON.stringify(e.body) ? [] : ['a different body'];
}

const MARKER_PATTERNS = new Map(DATABASES.map((db) => [db, new RegExp(`\\b${markerOf(db)}\\b`)]));

/** A 200 company view: the requested tenant, only its own Odoo data, never cacheable by a shared cache. */
function viewProblems(t: Tenant, body: unknown, headers: Headers): string[] {
  const problems: string[] = [];
  try {
    assertCompanyViewResponse(body);
  } catch (e) {
    problems.push((e as Error).message.slice(0, 300));
    return problems;
  }
  if (body.tenantId !== t.id) problems.push(`tenantId ${body.tenantId} instead of ${t.id}`);
  const text = JSON.stringify(body);
  for (const [db, pattern] of MARKER_PATTERNS) {
    if (db !== t.db && pattern.test(text)) problems.push(`data of the ${db} database in the view of a ${t.db} tenant`);
  }
  const rows = (Object.keys(body.sections) as CompanyViewSectionKey[]).reduce((n, key) => n + sectionRows(body, key).length, 0);
  if (rows > 0 && !MARKER_PATTERNS.get(t.db as (typeof DATABASES)[number])!.test(text)) problems.push(`rows without the ${t.db} marker`);
  if (!/^private\b/.test(headers.get('cache-control') ?? '')) problems.push(`cache-control ${headers.get('cache-control')}`);
  const vary = (headers.get('vary') ?? '').toLowerCase();
  if (!vary.includes('cookie') || !vary.includes('x-tenant-id')) problems.push(`vary ${headers.get('vary')}`);
  return problems;
}

// ---------------------------------------------------------------- running

async function send(p: Planned): Promise<Observation> {
  const headers: Record<string, string> = {};
  if (p.cookie !== null) headers.cookie = p.cookie;
  let path = '/api/company-view';
  let init: RequestInit = { headers };
  if (p.route === 'view' && p.header !== undefined) headers['x-tenant-id'] = p.header;
  if (p.route === 'current') path = '/api/tenants/current';
  if (p.route === 'switch') {
    path = '/api/tenants/current';
    headers['content-type'] = 'application/json';
    init = { method: 'PUT', headers, body: JSON.stringify(p.body) };
  }
  const startedAt = performance.now();
  const res = await fetch(`${app.url}${path}`, init);
  return { startedAt, status: res.status, text: await res.text(), headers: res.headers };
}

/** Requests that read or change a user's default tenant run one at a time per user, in plan order. */
const userQueues = new Map<Actor, Promise<void>>();

async function inUserOrder<T>(a: Actor, work: () => Promise<T>): Promise<T> {
  const previous = userQueues.get(a) ?? Promise.resolve();
  let release!: () => void;
  userQueues.set(a, new Promise<void>((resolve) => (release = resolve)));
  await previous;
  try {
    return await work();
  } finally {
    release();
  }
}

interface RunStats {
  problems: string[];
  byKind: Map<string, number>;
  xCache: Map<string, number>;
  strictRevocationChecks: number;
}

async function runPhase(batch: Planned[], revokedAt: { start: number; done: number } | null, stats: RunStats): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < batch.length) {
      const p = batch[next++];
      const touchesDefault = p.route !== 'view';
      const run = async () => {
        const seen = await send(p);
        const allowed = expectations(p, revokedAt, seen.startedAt);
        const { problems, matched } = judge(p, allowed, seen);
        stats.problems.push(...problems);
        if (matched?.switchTo) p.actor.defaultTenant = matched.switchTo.id;
        if (matched?.view) count(stats.xCache, seen.headers.get('x-cache') ?? 'none');
        if (p.cookieKind === 'revoked' && allowed.length === 1 && p.phase > 0) stats.strictRevocationChecks++;
        count(stats.byKind, `${p.route}:${p.cookieKind}`);
        count(stats.byKind, `${p.route}:${p.tenantKind}`);
        count(stats.byKind, `status:${seen.status}`);
      };
      await (touchesDefault ? inUserOrder(p.actor, run) : run());
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
}

function count(map: Map<string, number>, key: string): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

it(`answers ${TOTAL_REQUESTS} randomized requests exactly as the access matrix demands, and never shows another tenant's data`, async () => {
  const planned = plan(new SeededRandom(SEED));
  const stats: RunStats = { problems: [], byKind: new Map(), xCache: new Map(), strictRevocationChecks: 0 };
  const [first, second, third] = [planned.slice(0, PHASES[0]), planned.slice(PHASES[0], PHASES[0] + PHASES[1]), planned.slice(PHASES[0] + PHASES[1])];

  await runPhase(first, null, stats);
  const start = performance.now();
  const revoked = actors.map((a) => rawToken(a.revocable.token));
  const ids: Array<{ id: string }> = await app.dataSource.query('SELECT id FROM "session" WHERE token = ANY($1)', [revoked]);
  const told = heard(app, ...ids.map(({ id }) => sessionDeleted(id)));
  await app.dataSource.query('DELETE FROM "session" WHERE token = ANY($1)', [revoked]);
  await told;
  const revokedAt = { start, done: performance.now() };
  await runPhase(second, revokedAt, stats);
  await runPhase(third, revokedAt, stats);

  console.log(
    `seed ${SEED}: ${planned.length} requests; statuses ${JSON.stringify(Object.fromEntries([...stats.byKind].filter(([k]) => k.startsWith('status:'))))}; ` +
      `X-Cache ${JSON.stringify(Object.fromEntries(stats.xCache))}; strict revocation checks ${stats.strictRevocationChecks}`,
  );
  expect({ seed: SEED, problems: stats.problems.slice(0, 15), problemCount: stats.problems.length }).toEqual({ seed: SEED, problems: [], problemCount: 0 });
  // The run must have exercised what it claims to, or a pass would prove nothing.
  const kinds = [
    'valid',
    'tokenOnly',
    'absent',
    'tamperedToken',
    'tamperedSignature',
    'tamperedCache',
    'foreignCache',
    'forgedCache',
    'cacheOnly',
    'expired',
    'revoked',
    'garbage',
  ];
  expect(kinds.filter((k) => !stats.byKind.get(`view:${k}`))).toEqual([]);
  expect(['member', 'memberUpperCase', 'nonMember', 'inactive', 'unknown', 'malformed'].filter((k) => !stats.byKind.get(`view:${k}`))).toEqual([]);
  expect(stats.xCache.get('HIT')).toBeGreaterThan(0);
  expect(stats.xCache.get('MISS')).toBeGreaterThan(0);
  expect(stats.strictRevocationChecks).toBeGreaterThan(0);
});

it('lets one user switch the default tenant concurrently without a server error, leaving exactly one default', async () => {
  const a = actors[0];
  const targets = [...a.memberOf].map((id) => byId.get(id)!).filter((t) => t.active);
  const cookie = cookieHeader(a.main)!;
  const statuses: number[] = [];
  for (let round = 0; round < 3; round++) {
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) =>
        fetch(`${app.url}/api/tenants/current`, {
          method: 'PUT',
          headers: { cookie, 'content-type': 'application/json' },
          body: JSON.stringify({ tenantId: targets[i % targets.length].id }),
        }),
      ),
    );
    statuses.push(...answers.map((r) => r.status));
  }
  const defaults: Array<{ n: number }> = await app.dataSource.query('SELECT count(*)::int AS n FROM "tenantMember" WHERE "userId" = $1 AND "isDefault"', [
    a.user.userId,
  ]);
  expect({ statuses: [...new Set(statuses)], defaults: defaults[0].n }).toEqual({ statuses: [200], defaults: 1 });
});
