import { Controller, Get, NotFoundException, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../auth/public.decorator';
import { ApiErrors } from '../docs/api-errors.decorator';
import { timingSafeEqual } from 'node:crypto';
import { AppConfig } from '../config/app-config';
import { MetricsService } from './metrics.service';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/** Prometheus scrape endpoint: for a bearer of METRICS_TOKEN, or a direct loopback caller; a 404 for anyone else.
 *  No session involved: its own token rule stands in for it. */
@Controller('monitoring/metrics')
@Public()
@ApiTags('monitoring')
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'Answers a caller presenting `Authorization: Bearer <METRICS_TOKEN>`, or connecting directly over loopback; 404 for anyone else.',
  })
  @ApiOkResponse({ description: 'Prometheus text format' })
  @ApiErrors([404, 'Not Found'])
  async scrape(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    if (!this.allowed(request)) throw new NotFoundException();
    reply.header('content-type', this.metrics.registry.contentType).header('cache-control', 'no-store');
    reply.send(await this.metrics.registry.metrics());
  }

  private allowed(request: FastifyRequest): boolean {
    const token = this.config.metricsToken;
    const auth = request.headers.authorization;
    if (token && auth?.startsWith('Bearer ') && sameSecret(auth.slice(7), token)) return true;
    // A proxy on the same host would make every caller look local: only trust a loopback peer that was not forwarded.
    return LOOPBACK.has(request.socket.remoteAddress ?? '') && request.headers['x-forwarded-for'] === undefined;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
