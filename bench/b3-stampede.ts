import { randomBytes } from 'node:crypto';
import type { BenchEnvironment, Server } from './lib/environment';
import { odooAggregations } from './lib/environment';
import { companyView, get, header, keepAliveAgent, type Reply } from './lib/http';
import { percentile, round } from './lib/numbers';
import { ensureRedis } from './lib/redis';
import { type BenchResult, machine } from './lib/report';
import type { ServeStats } from './lib/serve-protocol';

// B3: a stampede on one cold tenant: 500 requests at once, alternating between two server
// instances that share one Redis, one database and one demo Odoo. Counted at the demo Odoo:
// how many aggregations ran (one search_read on account.move each). The goal is exactly one.

const REQUESTS = 500;
const DB = 'globex';
/** Slow enough that every request arrives while the first aggregation is still running. */
const ODOO_LATENCY_MS = 300;

interface RoundResult {
  round: number;
  odooAggregations: number;
  aggregationsA: number;
  aggregationsB: number;
  statuses: Record<string, number>;
  misses: number;
  hits: number;
  errors: number;
  p50Ms: number;
  p99Ms: number;
  spreadMs: number;
}

export async function runB3(env: BenchEnvironment, quick: boolean): Promise<BenchResult> {
  const rounds = quick ? 1 : 3;
  const redis = await ensureRedis();
  if (!redis) throw new Error('B3 needs Redis: none answers at REDIS_URL, TEST_REDIS_URL or redis://127.0.0.1:6379, and redis-server is not installed');
  // A prefix of our own: the Redis may be shared with other users.
  const settings = { REDIS_URL: redis.url, CACHE_TTL_MS: '600000', COMPANY_VIEW_CACHE_PREFIX: `bench-${randomBytes(4).toString('hex')}:` };
  const a = await env.startServer('b3-server-a', { env: settings, seed: { tenants: rounds, users: 1, prefix: 'b3', databases: [DB] } });
  const b = await env.startServer('b3-server-b', { env: settings });
  try {
    const { tenants, sessions } = a.ready;
    await warmSessions([a, b], sessions[0].cookie);
    const results: RoundResult[] = [];
    for (let r = 0; r < rounds; r++) results.push(await stampede(env, [a, b], sessions[0].cookie, tenants[r], r + 1));
    return summarise(results, quick, redis.origin);
  } finally {
    await env.demo.clearFaults();
    await env.stopServer(a);
    await env.stopServer(b);
    await redis.stop();
  }
}

/** Each instance checks the session once, so the stampede measures the tenant's cold path only. */
async function warmSessions(servers: Server[], cookie: string): Promise<void> {
  const agent = keepAliveAgent();
  try {
    for (const server of servers) {
      const reply = await get(`${server.ready.url}/api/tenants/current`, { cookie }, agent);
      if (reply.status !== 200) throw new Error(`B3: session not accepted by ${server.name}: ${reply.status}`);
    }
  } finally {
    agent.destroy();
  }
}

async function stampede(env: BenchEnvironment, servers: Server[], cookie: string, tenantId: string, index: number): Promise<RoundResult> {
  await env.demo.setFaults([{ db: DB, kind: 'latency', latencyMs: ODOO_LATENCY_MS }]);
  await env.demo.resetCalls();
  const before = await Promise.all(servers.map((s) => s.stats<ServeStats>()));
  const agents = servers.map(() => keepAliveAgent());
  const started = performance.now();
  const replies = await Promise.all(
    Array.from({ length: REQUESTS }, (_, i) => companyView(servers[i % 2].ready.url, cookie, tenantId, agents[i % 2]).catch((e: Error) => e)),
  );
  const spreadMs = performance.now() - started;
  for (const agent of agents) agent.destroy();
  const after = await Promise.all(servers.map((s) => s.stats<ServeStats>()));
  const ok = replies.filter((r): r is Reply => !(r instanceof Error));
  const statuses: Record<string, number> = {};
  for (const r of ok) statuses[r.status] = (statuses[r.status] ?? 0) + 1;
  const times = ok.map((r) => r.ms);
  return {
    round: index,
    odooAggregations: odooAggregations(await env.demo.calls(), [DB]),
    aggregationsA: after[0].aggregations - before[0].aggregations,
    aggregationsB: after[1].aggregations - before[1].aggregations,
    statuses,
    misses: ok.filter((r) => header(r, 'x-cache') === 'MISS').length,
    hits: ok.filter((r) => header(r, 'x-cache') === 'HIT').length,
    errors: replies.length - ok.length,
    p50Ms: round(percentile(times, 50)),
    p99Ms: round(percentile(times, 99)),
    spreadMs: round(spreadMs),
  };
}

function summarise(rounds: RoundResult[], quick: boolean, redisOrigin: string): BenchResult {
  const worst = Math.max(...rounds.map((r) => r.odooAggregations));
  const clean = rounds.every((r) => r.errors === 0 && r.statuses['200'] === REQUESTS);
  const notes = [
    `${REQUESTS} requests fired at once, even ones to instance A and odd ones to B; both on one Redis (${redisOrigin === 'started' ? 'a redis-server started for the run' : 'an existing server'}), database and demo Odoo. Every ${DB} call is delayed ${ODOO_LATENCY_MS} ms so the aggregation is still running when the last request arrives.`,
    '"odoo" counts search_read calls on account.move at the demo Odoo (one per aggregation); "A"/"B" count aggregations each instance started.',
  ];
  if (rounds.some((r) => r.aggregationsA > 0 && r.aggregationsB > 0)) {
    notes.push(
      'Both instances aggregated the cold tenant themselves: the single flight does not reach across instances (each keeps its own cache and flight).',
    );
  }
  if (rounds.some((r) => r.aggregationsA > 1 || r.aggregationsB > 1)) {
    notes.push('One instance aggregated the tenant more than once within a round: its own single flight let concurrent misses through.');
  }
  if (!clean) notes.push('Some requests failed or did not answer 200: see the statuses column.');
  return {
    id: 'B3',
    title: 'stampede over two instances',
    target: 'exactly 1 aggregation',
    measured: `${rounds.map((r) => r.odooAggregations).join(', ')} aggregation(s) per round`,
    pass: worst === 1 && clean,
    quick,
    machine: machine(),
    finishedAt: new Date().toISOString(),
    notes,
    table: rounds.map((r) => ({
      round: r.round,
      odoo: r.odooAggregations,
      A: r.aggregationsA,
      B: r.aggregationsB,
      statuses: Object.entries(r.statuses)
        .map(([s, n]) => `${s}x${n}`)
        .join(' '),
      MISS: r.misses,
      HIT: r.hits,
      errors: r.errors,
      'p50 ms': r.p50Ms,
      'p99 ms': r.p99Ms,
      'all done ms': r.spreadMs,
    })),
    details: { rounds, requests: REQUESTS, db: DB, odooLatencyMs: ODOO_LATENCY_MS },
  };
}
