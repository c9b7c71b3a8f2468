import type { Agent } from 'node:http';
import { companyView, header, sleep } from './http';

// Simulated dashboards: each poller asks for its tenant's company view, waits the interval the
// response recommends (counted from when the answer arrived, as the Angular client does), and
// asks again, revalidating with If-None-Match like a browser whose cached copy went stale.

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
    // Spread the first requests over one interval, as users open their dashboards at different times.
    await sleep(Math.random() * interval);
    while (performance.now() < end) {
      const at = performance.now() - start;
      try {
        const reply = await companyView(options.url, target.cookie, target.tenantId, options.agent, etag ? { 'if-none-match': etag } : {});
        samples.push({ at, ms: reply.ms, status: reply.status, cache: header(reply, 'x-cache') ?? null });
        if (reply.status === 200) {
          etag = header(reply, 'etag');
          const asked = (JSON.parse(reply.body.toString()) as { recommendedPollIntervalMs?: unknown }).recommendedPollIntervalMs;
          if (typeof asked === 'number' && asked > 0) interval = asked * (options.intervalFactor ?? 1);
        }
      } catch (e) {
        samples.push({ at, ms: performance.now() - start - at, status: 0, cache: null, error: (e as Error).message });
      }
      await sleep(Math.min(interval, Math.max(0, end - performance.now())));
    }
  };
  await Promise.all(options.targets.map(poll));
  return samples;
}

/** Counts by status and X-Cache, and latency percentiles, of the samples taken from `fromMs` on. */
export function summarisePolls(samples: PollSample[], fromMs = 0) {
  const window = samples.filter((s) => s.at >= fromMs);
  const count = (pred: (s: PollSample) => boolean) => window.filter(pred).length;
  const times = window.filter((s) => s.status > 0).map((s) => s.ms).sort((a, b) => a - b);
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
    errorSamples: [...new Set(window.filter((s) => s.error).map((s) => s.error!))].slice(0, 5),
  };
}
