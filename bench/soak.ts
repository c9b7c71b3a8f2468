// `npm run soak [-- --minutes N]` (default 10): many dashboards poll one server (its own process)
// while the demo Odoo flaps between healthy, slow (over the section timeout on some models) and
// failing (HTTP 500, dropped connections, refused credentials) every 20-30 s. Reports 5xx answers,
// unhandled rejections in the server, its RSS growth after a warm-up, and the hit rate; writes
// bench/results/soak.json and refreshes bench/results/README.md.
import { parseArgs } from 'node:util';
import type { DemoFault } from '../server/demo-odoo/demo-odoo.types';
import { hookExit } from './lib/child';
import { BenchEnvironment, type Server } from './lib/environment';
import { keepAliveAgent, sleep } from './lib/http';
import { mb, round } from './lib/numbers';
import { type PollSample, runPollers, summarisePolls } from './lib/pollers';
import { type BenchResult, loadAverage, machine, printResult, writeResult, writeSummary } from './lib/report';
import type { ServeStats } from './lib/serve-protocol';

const POLLERS = 200;
const TENANTS = 20;
const DATABASES = ['acme', 'globex', 'initech', 'umbrella'];
const MODELS = ['account.move', 'crm.lead', 'project.task', 'helpdesk.ticket', 'product.product'];
const SECTION_TIMEOUT_MS = 1000;
const SERVER_ENV = {
  CACHE_TTL_MS: '5000',
  ERROR_CACHE_TTL_MS: '2000',
  SECTION_TIMEOUT_MS: String(SECTION_TIMEOUT_MS),
  TOTAL_BUDGET_MS: '2000',
  ODOO_TIMEOUT_MS: '3000',
  ODOO_AUTH_BACKOFF_MS: '10000',
};
const RSS_SAMPLE_MS = 15_000;
const TARGET_RSS_GROWTH = 0.2;

type PhaseKind = 'healthy' | 'slow' | 'failing';
interface Phase {
  kind: PhaseKind;
  startMs: number;
  faults: DemoFault[];
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' } } });
  const minutes = Number(values.minutes);
  if (!(minutes > 0)) throw new Error('--minutes must be a positive number');
  const durationMs = minutes * 60_000;
  const warmupMs = Math.min(60_000, durationMs / 4);

  const loadBefore = loadAverage();
  const env = await BenchEnvironment.start();
  hookExit(() => env.close());
  try {
    const server = await env.startServer('soak-server', {
      env: SERVER_ENV,
      seed: { tenants: TENANTS, users: TENANTS, sessionsPerUser: POLLERS / TENANTS, prefix: 'soak', databases: DATABASES },
      nodeFlags: ['--expose-gc'],
    });
    process.stdout.write(`Soak: ${POLLERS} pollers over ${TENANTS} tenants for ${minutes} min (server pid ${server.pid})...\n`);
    const agent = keepAliveAgent(256);
    const started = performance.now();
    const stopAt = started + durationMs;
    const targets = Array.from({ length: POLLERS }, (_, k) => ({ cookie: server.ready.sessions[k].cookie, tenantId: server.ready.tenants[k % TENANTS] }));
    const polling = runPollers({ url: server.ready.url, targets, durationMs, defaultIntervalMs: Number(SERVER_ENV.CACHE_TTL_MS), agent });
    const [phases, rss] = await Promise.all([flap(env, stopAt, started), sampleRss(server, stopAt, started)]);
    const samples = await polling;
    agent.destroy();
    await env.demo.clearFaults();
    const crashed = !server.running;
    const final = crashed ? (server.lastStats as ServeStats | null) : await server.stats<ServeStats>();
    await env.stopServer(server);
    const result = { ...summarise({ minutes, warmupMs, samples, phases, rss, final, crashed, errorLogLines: server.errorLogLines }), loadBefore };
    printResult(result);
    process.stdout.write(`\nWritten to ${writeResult(result)}; summary ${writeSummary()}\n`);
    if (!result.pass) process.exitCode = 1;
  } finally {
    await env.close();
  }
}

/** Moves the demo Odoo through healthy -> slow -> failing -> healthy ..., 20-30 s each. */
async function flap(env: BenchEnvironment, stopAt: number, started: number): Promise<Phase[]> {
  const kinds: PhaseKind[] = ['healthy', 'slow', 'failing'];
  const phases: Phase[] = [];
  for (let i = 0; performance.now() < stopAt; i++) {
    const kind = kinds[i % kinds.length];
    const faults = faultsFor(kind, i);
    await env.demo.setFaults(faults);
    phases.push({ kind, startMs: Math.round(performance.now() - started), faults });
    await sleep(Math.min(20_000 + Math.random() * 10_000, Math.max(0, stopAt - performance.now())));
  }
  return phases;
}

function faultsFor(kind: PhaseKind, i: number): DemoFault[] {
  const pick = (offset: number) => MODELS[(i + offset) % MODELS.length];
  if (kind === 'healthy') return [];
  if (kind === 'slow') {
    // Two models answer later than the section timeout everywhere; the rest a little late.
    return DATABASES.flatMap((db) => [
      { db, model: pick(0), kind: 'latency' as const, latencyMs: SECTION_TIMEOUT_MS * 1.5 },
      { db, model: pick(2), kind: 'latency' as const, latencyMs: SECTION_TIMEOUT_MS * 1.5 },
      { db, model: pick(4), kind: 'latency' as const, latencyMs: 100, jitterMs: 200 },
    ]);
  }
  // Each database fails differently, rotating every failing phase.
  const shift = (n: number) => DATABASES[(i + n) % DATABASES.length];
  return [
    { db: shift(0), kind: 'auth' },
    { db: shift(1), model: pick(1), kind: 'http500' },
    { db: shift(2), model: pick(3), kind: 'reset' },
    { db: shift(3), model: pick(0), kind: 'http500' },
    { db: shift(3), model: pick(2), kind: 'reset' },
  ];
}

async function sampleRss(server: Server, stopAt: number, started: number): Promise<Array<{ atMs: number; rssBytes: number; heapUsedBytes: number }>> {
  const samples: Array<{ atMs: number; rssBytes: number; heapUsedBytes: number }> = [];
  while (performance.now() < stopAt && server.running) {
    const stats = await server.stats<ServeStats>();
    samples.push({ atMs: Math.round(performance.now() - started), rssBytes: stats.rssBytes, heapUsedBytes: stats.heapUsedBytes });
    await sleep(Math.min(RSS_SAMPLE_MS, Math.max(0, stopAt - performance.now())));
  }
  return samples;
}

interface SoakRun {
  minutes: number;
  warmupMs: number;
  samples: PollSample[];
  phases: Phase[];
  rss: Array<{ atMs: number; rssBytes: number; heapUsedBytes: number }>;
  final: ServeStats | null;
  crashed: boolean;
  errorLogLines: number;
}

function summarise(run: SoakRun): BenchResult {
  const all = summarisePolls(run.samples);
  const afterWarmup = run.rss.filter((s) => s.atMs >= run.warmupMs);
  const first = afterWarmup[0] ?? run.rss[0];
  const last = run.final ?? null;
  const growth = first && last ? (last.rssBytes - first.rssBytes) / first.rssBytes : NaN;
  const unhandled = last?.unhandledRejections ?? NaN;
  const hitRate = all.hits / all.requests;
  const pass = !run.crashed && all.fiveXx === 0 && all.transportErrors === 0 && unhandled === 0 && growth < TARGET_RSS_GROWTH;
  const byPhase = (['healthy', 'slow', 'failing'] as PhaseKind[]).map((kind) => {
    const inPhase = run.samples.filter((s) => phaseAt(run.phases, s.at) === kind);
    const stats = summarisePolls(inPhase);
    return {
      phase: kind,
      requests: stats.requests,
      'HIT %': round((100 * stats.hits) / Math.max(1, stats.requests), 1),
      'MISS %': round((100 * stats.misses) / Math.max(1, stats.requests), 1),
      '5xx': stats.fiveXx,
      errors: stats.transportErrors,
      'p50 ms': stats.p50Ms,
      'p99 ms': stats.p99Ms,
      'max ms': stats.maxMs,
    };
  });
  const notes = [
    `${POLLERS} pollers over ${TENANTS} tenants for ${run.minutes} min; CACHE_TTL_MS ${SERVER_ENV.CACHE_TTL_MS}, SECTION_TIMEOUT_MS ${SECTION_TIMEOUT_MS}, TOTAL_BUDGET_MS ${SERVER_ENV.TOTAL_BUDGET_MS}; ${run.phases.length} phases (${run.phases.map((p) => p.kind[0]).join('')}: h healthy, s slow, f failing).`,
    `Totals: ${all.requests} requests, statuses ${JSON.stringify(all.statuses)}, ${all.fiveXx} 5xx, ${all.transportErrors} transport errors, hit rate ${round(hitRate * 100, 1)} %, p99 ${all.p99Ms} ms.`,
    `Server: ${unhandled} unhandled rejections${last?.unhandledSamples.length ? ` (${last.unhandledSamples.join('; ')})` : ''}, ${run.errorLogLines} error-level log lines; RSS ${first ? mb(first.rssBytes) : '?'} MB at ${first ? round(first.atMs / 1000, 0) : '?'} s (after the warm-up) -> ${last ? mb(last.rssBytes) : '?'} MB at the end (${round(growth * 100, 1)} %), heap ${first ? mb(first.heapUsedBytes) : '?'} -> ${last ? mb(last.heapUsedBytes) : '?'} MB.`,
  ];
  if (run.crashed) notes.push('The server process exited during the soak: see its log in the bench log folder.');
  if (all.errorSamples.length) notes.push(`Transport errors seen: ${all.errorSamples.join('; ')}`);
  return {
    id: 'soak',
    title: `${run.minutes} min of polling while Odoo flaps`,
    target: `0 5xx, 0 unhandled rejections, RSS growth < ${TARGET_RSS_GROWTH * 100} %`,
    measured: `${all.fiveXx} 5xx, ${unhandled} unhandled, RSS ${round(growth * 100, 1)} %, hit rate ${round(hitRate * 100, 1)} %`,
    pass,
    quick: false,
    machine: machine(),
    finishedAt: new Date().toISOString(),
    notes,
    table: byPhase,
    details: { totals: all, phases: run.phases, rss: run.rss, final: last && { ...last, aggregationsByTenant: undefined }, warmupMs: run.warmupMs },
  };
}

function phaseAt(phases: Phase[], atMs: number): PhaseKind {
  let kind: PhaseKind = 'healthy';
  for (const p of phases) if (p.startMs <= atMs) kind = p.kind;
  return kind;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
