import type { BenchEnvironment } from './lib/environment';
import { companyView, keepAliveAgent } from './lib/http';
import { percentile, round } from './lib/numbers';
import { type BenchResult, machine } from './lib/report';

// R1: how long a signed-out session keeps working on another instance. Two servers share the
// database; each session is warmed on both (B answers it from its session memo, on the cached
// dashboard: the hot path). Then B is polled back to back while the session is signed out on A.
// Measured from the moment the sign-out request is sent: the send time of the last request B still
// served and of the first one it refused. SESSION_CACHE_MAX_AGE_S is an hour, so nothing but the
// change notification can end the session on B in time.

const TARGET_MS = 1000;
const GIVE_UP_MS = 10_000;

interface Round {
  round: number;
  /** Send time of B's last 200, from the sign-out request (0 when B refused the first poll). */
  lastServedMs: number;
  /** Send time of B's first 401, from the sign-out request. */
  firstRefusedMs: number;
  /** How long A took to answer the sign-out. */
  signOutMs: number;
  polls: number;
}

export async function runR1(env: BenchEnvironment, quick: boolean): Promise<BenchResult> {
  const rounds = quick ? 10 : 40;
  const settings = { SESSION_CACHE_MAX_AGE_S: '3600', CACHE_TTL_MS: '3600000' };
  const a = await env.startServer('r1-server-a', { env: settings, seed: { tenants: 1, users: 1, sessionsPerUser: rounds, prefix: 'r1' } });
  const b = await env.startServer('r1-server-b', { env: settings });
  const agent = keepAliveAgent();
  try {
    const { tenants, sessions } = a.ready;
    const results: Round[] = [];
    for (const [i, session] of sessions.entries()) {
      results.push({ round: i + 1, ...(await revokeOnce(a.ready.url, b.ready.url, session.cookie, tenants[0], agent)) });
    }
    return summarise(results, quick);
  } finally {
    agent.destroy();
    await env.stopServer(a);
    await env.stopServer(b);
  }
}

async function revokeOnce(urlA: string, urlB: string, cookie: string, tenantId: string, agent: ReturnType<typeof keepAliveAgent>) {
  for (const url of [urlA, urlB, urlB]) {
    const warm = await companyView(url, cookie, tenantId, agent);
    if (warm.status !== 200) throw new Error(`warming ${url} answered ${warm.status}`);
  }
  const startedAt = performance.now();
  const poll = pollUntilRefused(urlB, cookie, tenantId, agent, startedAt);
  const signOut = await fetch(`${urlA}/api/auth/sign-out`, { method: 'POST', headers: { cookie, origin: urlA } });
  const signOutMs = round(performance.now() - startedAt, 2);
  if (signOut.status !== 200) throw new Error(`sign-out answered ${signOut.status}`);
  return { ...(await poll), signOutMs };
}

async function pollUntilRefused(url: string, cookie: string, tenantId: string, agent: ReturnType<typeof keepAliveAgent>, startedAt: number) {
  let lastServedMs = 0;
  for (let polls = 1; ; polls++) {
    const sentMs = performance.now() - startedAt;
    const reply = await companyView(url, cookie, tenantId, agent);
    if (reply.status === 401) return { lastServedMs: round(lastServedMs, 2), firstRefusedMs: round(sentMs, 2), polls };
    if (reply.status !== 200) throw new Error(`instance B answered ${reply.status}`);
    lastServedMs = sentMs;
    if (sentMs > GIVE_UP_MS) throw new Error(`instance B still serves the session ${GIVE_UP_MS} ms after the sign-out`);
  }
}

function summarise(rounds: Round[], quick: boolean): BenchResult {
  const column = (key: 'lastServedMs' | 'firstRefusedMs' | 'signOutMs') => rounds.map((r) => r[key]);
  const row = (label: string, values: number[]) => ({
    '': label,
    'p50 ms': percentile(values, 50),
    'p99 ms': percentile(values, 99),
    'max ms': Math.max(...values),
  });
  const refused = column('firstRefusedMs');
  const worst = Math.max(...refused);
  return {
    id: 'R1',
    title: 'revocation reaches another instance',
    target: `a signed-out session is refused on another instance within ${TARGET_MS} ms`,
    measured: `refused on B p50 ${percentile(refused, 50)} ms, p99 ${percentile(refused, 99)} ms, max ${worst} ms after the sign-out request on A`,
    pass: worst <= TARGET_MS,
    quick,
    machine: machine(),
    finishedAt: new Date().toISOString(),
    notes: [
      `${rounds.length} sessions, each warmed on both instances (B serves it from its session memo and the cached dashboard), then signed out on A while B is polled back to back; SESSION_CACHE_MAX_AGE_S=3600.`,
      'Times are send times measured from the sign-out request on A; the sign-out itself (a database delete and commit) is part of them.',
    ],
    table: [row('B last served', column('lastServedMs')), row('B first refused', refused), row('A answered the sign-out', column('signOutMs'))],
    details: { rounds },
  };
}
