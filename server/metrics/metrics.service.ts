import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const LATENCY_BUCKETS_S = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 4, 6, 10];

export type SectionOutcome = 'ok' | 'timeout' | 'module-missing' | 'auth' | 'error';
export type CacheEvent = 'hit' | 'miss' | 'refresh_ahead';

/** Every Prometheus metric the service exposes, in one registry (not the global one: tests build many apps). */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'company_view_http_request_duration_seconds',
    help: 'HTTP request duration by route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [this.registry],
  });

  readonly cacheEvents = new Counter({
    name: 'company_view_cache_events_total',
    help: 'Company view cache hits, misses and refresh-ahead refreshes',
    labelNames: ['event'] as const,
    registers: [this.registry],
  });

  readonly sectionDuration = new Histogram({
    name: 'company_view_section_duration_seconds',
    help: 'Time each section took, by outcome',
    labelNames: ['section', 'outcome'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [this.registry],
  });

  readonly odooCalls = new Counter({
    name: 'company_view_odoo_calls_total',
    help: 'Calls sent to Odoo by model, method and outcome',
    labelNames: ['model', 'method', 'outcome'] as const,
    registers: [this.registry],
  });

  readonly odooCallDuration = new Histogram({
    name: 'company_view_odoo_call_duration_seconds',
    help: 'Odoo call duration by model and method',
    labelNames: ['model', 'method'] as const,
    buckets: LATENCY_BUCKETS_S,
    registers: [this.registry],
  });

  readonly singleFlightWaits = new Counter({
    name: 'company_view_single_flight_waits_total',
    help: 'Requests that waited for an aggregation another request (or instance) was already running',
    labelNames: ['scope'] as const,
    registers: [this.registry],
  });

  readonly aggregations = new Counter({
    name: 'company_view_aggregations_total',
    help: 'Aggregations run against Odoo',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'company_view_' });
  }

  // One labelled series per event, looked up once: a hit is counted on every cached answer.
  private readonly cacheSeries = {
    hit: this.cacheEvents.labels('hit'),
    miss: this.cacheEvents.labels('miss'),
    refresh_ahead: this.cacheEvents.labels('refresh_ahead'),
  } satisfies Record<CacheEvent, unknown>;

  recordCache(event: CacheEvent): void {
    this.cacheSeries[event].inc();
  }

  recordSection(section: string, outcome: SectionOutcome, durationMs: number): void {
    this.sectionDuration.observe({ section, outcome }, durationMs / 1000);
  }
}
