import type { BenchEnvironment, Server } from './lib/environment';
import { companyView, header, keepAliveAgent, mapLimit, type Reply } from './lib/http';
import { mb, round } from './lib/numbers';
import { type BenchResult, machine } from './lib/report';
import type { ServeStats } from './lib/serve-protocol';

// B5: memory of a full cache. Fills the cache with every tenant's company view and compares the
// server's memory (after a forced GC) before and after; then again on a fresh server whose bound
// (CACHE_MAX_TENANTS) is half the tenant count. The difference between the two runs is what the
// evicted entries cost, which the bound must give back.

const FILL_CONCURRENCY = 48;
/** Share of the evicted entries' body bytes the halved bound must give back (strings are UTF-16 or Latin-1 in V8, so >= 1x is expected). */
const TARGET_FREED_SHARE = 0.8;

interface Fill {
  bound: number;
  pass: 'first' | 'again';
  rssBeforeBytes: number;
  rssAfterBytes: number;
  heapBeforeBytes: number;
  heapAfterBytes: number;
  heapTotalAfterBytes: number;
  fillMs: number;
  aggregations: number;
  bodyBytes: number;
  failures: number;
  failedSections: Record<string, number>;
}

export async function runB5(env: BenchEnvironment, quick: boolean): Promise<BenchResult> {
  const tenants = quick ? 2000 : 10_000;
  const seedStarted = performance.now();
  const full = await startServer(env, 'b5-server-full', tenants, { tenants, users: 1, prefix: 'b5' });
  const seedMs = performance.now() - seedStarted;
  const { tenants: ids, sessions } = full.ready;
  const fills: Fill[] = [];
  try {
    fills.push(await fill(full, tenants, ids, sessions[0].cookie));
  } finally {
    await env.stopServer(full);
  }
  const half = await startServer(env, 'b5-server-half', tenants / 2);
  try {
    fills.push(await fill(half, tenants / 2, ids, sessions[0].cookie));
    // The entries evicted first, asked for again: memory that keeps growing here would be a leak.
    fills.push(await fill(half, tenants / 2, ids.slice(0, tenants / 2 + 1), sessions[0].cookie, 'again'));
  } finally {
    await env.stopServer(half);
  }
  return summarise(fills, tenants, quick, seedMs);
}

function startServer(env: BenchEnvironment, name: string, bound: number, seed?: { tenants: number; users: number; prefix: string }): Promise<Server> {
  return env.startServer(name, {
    // Nothing expires during the fill; errors are cached as long, so a failure cannot be retried into the count.
    env: { CACHE_TTL_MS: '3600000', ERROR_CACHE_TTL_MS: '3600000', CACHE_MAX_TENANTS: String(bound) },
    seed,
    nodeFlags: ['--expose-gc'],
  });
}

/** Warms the code paths with one tenant, measures, asks for every tenant once, measures again. */
async function fill(server: Server, bound: number, tenants: string[], cookie: string, pass: Fill['pass'] = 'first'): Promise<Fill> {
  const agent = keepAliveAgent(FILL_CONCURRENCY);
  const ask = (tenantId: string) => companyView(server.ready.url, cookie, tenantId, agent);
  await ask(tenants[0]);
  const before = await server.stats<ServeStats>();
  const started = performance.now();
  const replies = await mapLimit(tenants.slice(1), FILL_CONCURRENCY, (t) => ask(t).catch(() => null));
  const fillMs = performance.now() - started;
  const after = await server.stats<ServeStats>();
  agent.destroy();
  const failedSections: Record<string, number> = {};
  let failures = 0;
  for (const reply of replies) {
    const problem = check(reply);
    if (problem === null) continue;
    if (typeof problem === 'string') failures++;
    else for (const kind of problem) failedSections[kind] = (failedSections[kind] ?? 0) + 1;
  }
  return {
    bound,
    pass,
    rssBeforeBytes: before.rssBytes,
    rssAfterBytes: after.rssBytes,
    heapBeforeBytes: before.heapUsedBytes,
    heapAfterBytes: after.heapUsedBytes,
    heapTotalAfterBytes: after.heapTotalBytes,
    fillMs,
    aggregations: after.aggregations - before.aggregations,
    bodyBytes: replies.reduce((n, r) => n + (r?.body.length ?? 0), 0),
    failures,
    failedSections,
  };
}

/** null: a complete answer; a string: a failed request; a list: the sections that failed (e.g. a module a community database lacks). */
function check(reply: Reply | null): string | string[] | null {
  if (!reply) return 'no answer';
  if (reply.status !== 200 || header(reply, 'x-cache') !== 'MISS') return `${reply.status} ${header(reply, 'x-cache')}`;
  const body = JSON.parse(reply.body.toString()) as { errorsBySection: Record<string, unknown>; meta?: { errorKinds?: Record<string, string> } };
  const failed = Object.keys(body.errorsBySection);
  if (failed.length === 5) return 'every section failed';
  return failed.length ? failed.map((s) => `${s}: ${body.meta?.errorKinds?.[s] ?? 'error'}`) : null;
}

function summarise(fills: Fill[], tenants: number, quick: boolean, seedMs: number): BenchResult {
  const [full, half, again] = fills;
  const heapGrowth = (f: Fill) => f.heapAfterBytes - f.heapBeforeBytes;
  const rssGrowth = (f: Fill) => f.rssAfterBytes - f.rssBeforeBytes;
  const evicted = full.bound - half.bound;
  const averageBody = full.bodyBytes / (tenants - 1);
  const freed = heapGrowth(full) - heapGrowth(half);
  const freedShare = freed / (evicted * averageBody);
  const failures = fills.reduce((n, f) => n + f.failures, 0);
  const pass = freedShare >= TARGET_FREED_SHARE && failures === 0;
  const notes = [
    `${tenants} tenants over the four demo databases, filled through HTTP ${FILL_CONCURRENCY} at a time with no injected Odoo latency; memory read in the server right after a forced GC. Seeding ${tenants} tenants with their memberships and one session, plus starting the first server, took ${round(seedMs / 1000)} s.`,
    `With the bound halved the heap grew ${mb(freed)} MB less: ${round(freed / evicted / 1024, 1)} KB per evicted entry, for bodies of ${round(averageBody / 1024, 1)} KB on average (the target asks for >= ${TARGET_FREED_SHARE * 100} % of the body bytes).`,
    `RSS grows far more than the heap: after a burst of ${FILL_CONCURRENCY} concurrent aggregations V8 keeps the heap it grew (heap total ${mb(full.heapTotalAfterBytes)} MB for ${mb(full.heapAfterBytes)} MB used after the GC). The "again" row asks the half-bound server for ${again.aggregations} evicted tenants once more: RSS ${rssGrowth(again) < rssGrowth(half) / 4 ? 'hardly moves, so the first growth is a high-water mark rather than a leak' : 'keeps growing, which points at a leak'} (+${mb(rssGrowth(again))} MB, heap +${mb(heapGrowth(again))} MB).`,
  ];
  const sections = Object.entries({ ...full.failedSections }).map(([k, n]) => `${k} x${n}`);
  if (sections.length) notes.push(`Section errors in the fill (expected for the demo data, e.g. no helpdesk on community databases): ${sections.join(', ')}.`);
  if (failures) notes.push(`${failures} fill requests failed outright (not a 200 MISS, or every section failed).`);
  return {
    id: 'B5',
    title: 'memory of a full cache',
    target: `halved bound frees >= ${TARGET_FREED_SHARE * 100} % of the evicted bodies' bytes`,
    measured: `RSS +${mb(rssGrowth(full))} MB (${full.bound}) vs +${mb(rssGrowth(half))} MB (${half.bound}); heap +${mb(heapGrowth(full))} vs +${mb(heapGrowth(half))} MB; freed ${round(freedShare * 100, 0)} %`,
    pass,
    quick,
    machine: machine(),
    finishedAt: new Date().toISOString(),
    notes,
    table: fills.map((f) => ({
      CACHE_MAX_TENANTS: f.bound,
      pass: f.pass,
      'RSS before MB': mb(f.rssBeforeBytes),
      'RSS after MB': mb(f.rssAfterBytes),
      'RSS growth MB': mb(rssGrowth(f)),
      'heap before MB': mb(f.heapBeforeBytes),
      'heap after MB': mb(f.heapAfterBytes),
      'heap growth MB': mb(heapGrowth(f)),
      'fill s': round(f.fillMs / 1000),
      'aggregations/s': round(f.aggregations / (f.fillMs / 1000)),
      failures: f.failures,
    })),
    details: { fills, tenants, seedMs, averageBodyBytes: averageBody, freedBytes: freed, freedShare },
  };
}
