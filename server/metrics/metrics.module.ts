import { Global, Module, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { OdooCallObserver } from '../odoo/odoo-call-observer';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';
import { OdooMetricsObserver } from './odoo-metrics.observer';

/** Prometheus metrics; global so any module can record into MetricsService. */
@Global()
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

  /** Request duration by route template (not raw URL, to keep label cardinality bounded). */
  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    fastify.addHook('onResponse', (request, reply, done) => {
      const route = request.routeOptions.url ?? 'unmatched';
      this.metrics.httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
      done();
    });
  }
}
