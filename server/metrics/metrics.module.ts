import { Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { OdooCallObserver } from '../odoo/odoo-call-observer';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { OdooMetricsObserver } from './odoo-metrics.observer';

/** Prometheus metrics: the modules that record into MetricsService import this one. */
@Module({
  controllers: [MetricsController],
  providers: [MetricsService, { provide: OdooCallObserver, useClass: OdooMetricsObserver }],
  exports: [MetricsService, OdooCallObserver],
})
export class MetricsModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Request duration by route template (not raw URL, to keep label cardinality bounded). The labelled
   *  child series are looked up once per method/route/status: this hook runs on every request. */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    const series = new Map<string, { observe(value: number): void }>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      const key = `${request.method} ${reply.statusCode} ${route}`;
      let child = series.get(key);
      if (!child) series.set(key, (child = this.metrics.httpDuration.labels(request.method, route, String(reply.statusCode))));
      child.observe(reply.elapsedTime / 1000);
      done();
    });
  }
}
