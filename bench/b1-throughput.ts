import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Child, cpuTimeMs, tsChild } from './lib/child';
import type { BenchEnvironment } from './lib/environment';
import { companyView, header, keepAliveAgent, type Reply } from './lib/http';
import { median, round } from './lib/numbers';
import { type BenchResult, machine } from './lib/report';
import { ensureRedis } from './lib/redis';
import type { ServeStats } from './lib/serve-protocol';

// B1: cache-hit throughput of the full path (session cookie, tenant header, guards, cache,
// interceptor) against a bare node:http server sending the same bytes and headers. Rounds
// alternate baseline and ours so drift on a shared machine hits both alike.

const CONNECTIONS = 64;
const TARGET_RATIO = 0.4;
const GOAL_RATIO = 0.45;
const TARGET_P99_MS = 20;
/** Headers node:http writes itself; the baseline must not send them twice. */
const TRANSPORT_HEADERS = ['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length'];
const BROWSER_ENCODINGS = 'gzip, deflate, br';

interface Round {
  round: number | string;
  server: 'baseline' | 'ours';
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** CPU the server process spent per request, in µs. */
  cpuUs: number;
}

/** One server configuration measured against its own captured bytes. */
interface Setup {
  name: 'deployed' | 'test';
  description: string;
  env: Record<string, string>;
}

export async function runB1(env: BenchEnvironment, quick: boolean): Promise<BenchResult> {
  const rounds = quick ? 2 : 3;
  const seconds = quick ? 4 : 10;
  const redis = await ensureRedis();
  if (!redis) throw new Error('B1 needs Redis for the deployed configuration: none answers and redis-server is not installed');
  // What users deploy: production mode, Redis configured, an environment Odoo connection; and the
  // configuration the earlier measurements were made in (test mode, no Redis), kept for comparison.
  const setups: Setup[] = [
    {
      name: 'deployed',
      description: 'NODE_ENV=production, REDIS_URL set',
      env: {
        BENCH_NODE_ENV: 'production',
        REDIS_URL: redis.url,
        COMPANY_VIEW_CACHE_PREFIX: `bench-b1-${randomBytes(4).toString('hex')}:`,
        ODOO_URL: `${env.demo.url}/db/acme`,
        ODOO_DATABASE: 'acme',
        ODOO_USERNAME: 'api@acme.example',
        ODOO_PASSWORD: 'demo-secret-acme',
      },
    },
    { name: 'test', description: 'NODE_ENV=test, no Redis', env: {} },
  ];
  try {
    const measured: SetupResult[] = [];
    for (const setup of setups) measured.push(await measureSetup(env, setup, rounds, seconds));
    return summarise(measured, { quick, seconds });
  } finally {
    await redis.stop();
  }
}

interface SetupResult {
  setup: Setup;
  rounds: Round[];
  extra: Round[];
  hit: Reply;
  compressedHit: Reply;
  aggregationsDuringLoad: number;
}

async function measureSetup(env: BenchEnvironment, setup: Setup, rounds: number, seconds: number): Promise<SetupResult> {
  const server = await env.startServer(`b1-${setup.name}`, {
    env: { CACHE_TTL_MS: String(3_600_000), ...setup.env },
    seed: { tenants: 1, users: 1, prefix: `b1${setup.name}` },
  });
  const { url, tenants, sessions } = server.ready;
  const headers = { cookie: sessions[0].cookie, 'x-tenant-id': tenants[0] };
  const { hit, compressedHit } = await captureHits(url, headers);
  const captures = mkdtempSync(join(tmpdir(), 'company-view-b1-'));
  const plain = await startBaseline('b1-baseline', hit, captures);
  const compressed = await startBaseline('b1-baseline-br', compressedHit, captures);
  try {
    const before = await server.stats<ServeStats>();
    const baselineTarget = { url: plain.ready.url, pid: plain.pid };
    const oursTarget = { url, pid: server.pid };
    await load(baselineTarget, {}, 2); // warm both (JIT, sockets) before measuring
    await load(oursTarget, headers, 2);
    const results: Round[] = [];
    for (let r = 1; r <= rounds; r++) {
      results.push({ round: r, server: 'baseline', ...(await load(baselineTarget, {}, seconds)) });
      results.push({ round: r, server: 'ours', ...(await load(oursTarget, headers, seconds)) });
    }
    // Browsers send Accept-Encoding: the same comparison when the answer is compressed.
    const encoding = { 'accept-encoding': BROWSER_ENCODINGS };
    const extra: Round[] = [
      { round: 'br', server: 'baseline', ...(await load({ url: compressed.ready.url, pid: compressed.pid }, encoding, seconds)) },
      { round: 'br', server: 'ours', ...(await load(oursTarget, { ...headers, ...encoding }, seconds)) },
    ];
    const after = await server.stats<ServeStats>();
    return { setup, rounds: results, extra, hit, compressedHit, aggregationsDuringLoad: after.aggregations - before.aggregations };
  } finally {
    await plain.stop();
    await compressed.stop();
    rmSync(captures, { recursive: true, force: true });
    await env.stopServer(server);
  }
}

/** Warms the tenant (its one miss), then keeps a plain and a compressed cache hit to copy. */
async function captureHits(url: string, headers: { cookie: string; 'x-tenant-id': string }): Promise<{ hit: Reply; compressedHit: Reply }> {
  const agent = keepAliveAgent();
  try {
    await companyView(url, headers.cookie, headers['x-tenant-id'], agent);
    const hit = await companyView(url, headers.cookie, headers['x-tenant-id'], agent);
    if (hit.status !== 200 || header(hit, 'x-cache') !== 'HIT') throw new Error(`B1: expected a 200 cache hit, got ${hit.status} ${header(hit, 'x-cache')}`);
    const compressedHit = await companyView(url, headers.cookie, headers['x-tenant-id'], agent, { 'accept-encoding': BROWSER_ENCODINGS });
    return { hit, compressedHit };
  } finally {
    agent.destroy();
  }
}

async function startBaseline(name: string, reply: Reply, dir: string): Promise<Child<{ url: string }>> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(reply.headers)) {
    if (value !== undefined && !TRANSPORT_HEADERS.includes(key)) headers[key] = Array.isArray(value) ? value.join(', ') : value;
  }
  const file = join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({ status: reply.status, headers, bodyBase64: reply.body.toString('base64') }));
  return tsChild<{ url: string }>(name, 'bench/baseline-server.ts', [file]);
}

async function load(target: { url: string; pid: number }, headers: Record<string, string>, seconds: number): Promise<Omit<Round, 'round' | 'server'>> {
  const cpuBefore = cpuTimeMs(target.pid);
  const result = await autocannon({ url: `${target.url}/api/company-view`, connections: CONNECTIONS, duration: seconds, headers });
  const cpuUs = ((cpuTimeMs(target.pid) - cpuBefore) * 1000) / result.requests.total;
  return {
    cpuUs: Math.round(cpuUs),
    rps: Math.round(result.requests.total / result.duration),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

/** Ratio, p99 and throughput of one configuration: medians over its interleaved rounds. */
function figures({ rounds, extra }: SetupResult) {
  const ours = rounds.filter((r) => r.server === 'ours');
  const base = rounds.filter((r) => r.server === 'baseline');
  return {
    ratio: round(median(ours.map((o, i) => o.rps / base[i].rps)), 2),
    p99: median(ours.map((o) => o.p99)),
    rps: median(ours.map((o) => o.rps)),
    baselineRps: median(base.map((b) => b.rps)),
    cpuUs: median(ours.map((o) => o.cpuUs)),
    baselineCpuUs: median(base.map((b) => b.cpuUs)),
    brRatio: round(extra[1].rps / extra[0].rps, 2),
  };
}

function summarise(measured: SetupResult[], info: { quick: boolean; seconds: number }): BenchResult {
  const deployed = measured.find((m) => m.setup.name === 'deployed')!;
  const main = figures(deployed);
  const failures = measured.flatMap((m) => [...m.rounds, ...m.extra].filter((r) => r.server === 'ours' && (r.non2xx > 0 || r.errors > 0)));
  const notes = [
    `${CONNECTIONS} connections, ${info.seconds} s per round; body ${deployed.hit.body.length} bytes uncompressed (${deployed.compressedHit.body.length} bytes ${header(deployed.compressedHit, 'content-encoding') ?? 'identity'} in the "br" round).`,
    ...measured.map((m) => {
      const f = figures(m);
      return `${m.setup.name} (${m.setup.description}): ratio ${f.ratio}, p99 ${f.p99} ms, ${f.rps} vs ${f.baselineRps} req/s; server CPU ${f.cpuUs} µs per hit against the bare server's ${f.baselineCpuUs} µs; "br" round ratio ${f.brRatio}; aggregations during the load ${m.aggregationsDuringLoad} (0: every request was a hit).`;
    }),
    `Goal ${GOAL_RATIO} in the deployed configuration; ${TARGET_RATIO} is the bar later changes must keep.`,
  ];
  if (failures.length) notes.push(`Non-2xx or errors on our server: ${JSON.stringify(failures)}`);
  const allHits = measured.every((m) => m.aggregationsDuringLoad === 0);
  const pass = main.ratio >= TARGET_RATIO && main.p99 <= TARGET_P99_MS && failures.length === 0 && allHits;
  return {
    id: 'B1',
    title: 'cache-hit throughput',
    target: `ratio >= ${TARGET_RATIO} (goal ${GOAL_RATIO}) in production mode with Redis, p99 <= ${TARGET_P99_MS} ms`,
    measured: `ratio ${main.ratio} (median of ${deployed.rounds.length / 2} rounds), p99 ${main.p99} ms, ${main.rps} vs ${main.baselineRps} req/s`,
    pass,
    quick: info.quick,
    machine: machine(),
    finishedAt: new Date().toISOString(),
    notes,
    table: measured.flatMap((m) =>
      [...m.rounds, ...m.extra].map((r) => ({
        setup: m.setup.name,
        round: r.round,
        server: r.server,
        'req/s': r.rps,
        'p50 ms': r.p50,
        'p99 ms': r.p99,
        'server CPU µs/req': r.cpuUs,
        non2xx: r.non2xx,
        errors: r.errors,
      })),
    ),
    details: Object.fromEntries(
      measured.map((m) => [m.setup.name, { figures: figures(m), rounds: m.rounds, extra: m.extra, aggregationsDuringLoad: m.aggregationsDuringLoad }]),
    ),
  };
}
