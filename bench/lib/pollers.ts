import type { Agent } from 'node:http';
import { companyView, header, sleep } from './http';

// Simulated dashboards: each poller asks for its tenant's company view and asks again when the
// data it holds expires — its refreshedAt plus the interval the response recommends — plus a
// jitter of up to a second, as the Angular client does; it revalidates with If-None-Match like a
// browser whose cached copy went stale.

/** The client's jitter on top of the expiry of the data it shows. */
const JITTER_MS = 1000;

export interface PollTarget {
  cookie: string;
  tenantId: string;
}

export interface PollSample {
  /** ms since the pollers started */
  at: number;
  ms: number;
  status: number;
  cache: string | null;
  /** How old the data the poller holds after this answer is (now - its refreshedAt), in ms. */
  ageMs?: number;
  error?: string;
}

export interface PollerOptions {
  url: string;
  targets: PollTarget[];
  durationMs: number;
  /** Used until a response says otherwise. */
  defaultIntervalMs: number;
  agent: Agent;
  /** Multiplies the recommended interval (default 1: exactly as the client does). */
  intervalFactor?: number;
}

export async function runPollers(options: PollerOptions): Promise<PollSample[]> {
  const samples: PollSample[] = [];
  const start = performance.now();
  const end = start + options.durationMs;
  const poll = async (target: PollTarget) => {
    let interval = options.defaultIntervalMs;
    let etag: string | undefined;
    /** Wall-clock time the data held was read from Odoo. */
    let refreshedAt: number | null = null;
    // Spread the first requests over one interval, as users open their dashboards at different times.
    await sleep(Math.random() * interval);
    while (performance.now() < end) {
      const at = performance.now() - start;
      try {
        const reply = await companyView(options.url, target.cookie, target.tenantId, options.agent, etag ? { 'if-none-match': etag } : {});
        if (reply.status === 200) {
          etag = header(reply, 'etag');
          const body = JSON.parse(reply.body.toString()) as { recommendedPollIntervalMs?: unknown; refreshedAt?: unknown };
          if (typeof body.recommendedPollIntervalMs === 'number' && body.recommendedPollIntervalMs > 0)
            interval = body.recommendedPollIntervalMs * (options.intervalFactor ?? 1);
          refreshedAt = typeof body.refreshedAt === 'string' ? Date.parse(body.refreshedAt) : null;
        }
        const ageMs = refreshedAt === null || (reply.status !== 200 && reply.status !== 304) ? undefined : Date.now() - refreshedAt;
        samples.push({ at, ms: reply.ms, status: reply.status, cache: header(reply, 'x-cache') ?? null, ageMs });
      } catch (e) {
        samples.push({ at, ms: performance.now() - start - at, status: 0, cache: null, error: (e as Error).message });
      }
      // Next poll: when the data held expires (or an interval from now when that is unknown).
      const untilExpiry = refreshedAt === null ? interval : Math.max(0, refreshedAt + interval - Date.now());
      await sleep(Math.min(untilExpiry + Math.random() * JITTER_MS, Math.max(0, end - performance.now())));
    }
  };
  await Promise.all(options.targets.map(poll));
  return samples;
}

/** Counts by status and X-Cache, and latency percentiles, of the samples taken from `fromMs` on. */
export function summarisePolls(samples: PollSample[], fromMs = 0) {
  const window = samples.filter((s) => s.at >= fromMs);
  const count = (pred: (s: PollSample) => boolean) => window.filter(pred).length;
  const times = window
    .filter((s) => s.status > 0)
    .map((s) => s.ms)
    .sort((a, b) => a - b);
  const pct = (p: number) => (times.length ? Math.round(times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] * 10) / 10 : NaN);
  const statuses: Record<string, number> = {};
  for (const s of window) statuses[s.status || 'error'] = (statuses[s.status || 'error'] ?? 0) + 1;
  return {
    requests: window.length,
    statuses,
    fiveXx: count((s) => s.status >= 500),
    transportErrors: count((s) => s.status === 0),
    hits: count((s) => s.cache === 'HIT'),
    misses: count((s) => s.cache === 'MISS'),
    notModified: count((s) => s.status === 304),
    p50Ms: pct(50),
    p99Ms: pct(99),
    maxMs: times.length ? Math.round(times[times.length - 1]) : NaN,
    ...ageOf(window),
    errorSamples: [...new Set(window.filter((s) => s.error).map((s) => s.error!))].slice(0, 5),
  };
}

/** Percentiles of the age of the data the pollers held after each answer. */
function ageOf(samples: PollSample[]) {
  const ages = samples
    .map((s) => s.ageMs)
    .filter((a): a is number => a !== undefined)
    .sort((a, b) => a - b);
  const pct = (p: number) => (ages.length ? Math.round(ages[Math.min(ages.length - 1, Math.ceil((p / 100) * ages.length) - 1)]) : NaN);
  return { ageP50Ms: pct(50), ageP99Ms: pct(99), ageMaxMs: ages.length ? Math.round(ages[ages.length - 1]) : NaN };
}
