import { Controller, Get, HttpStatus, Res, ServiceUnavailableException } from '@nestjs/common';
import { HealthCheckService, TypeOrmHealthIndicator, type HealthCheckResult } from '@nestjs/terminus';
import { ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/public.decorator';
import { RedisConnection } from '../cache/redis-connection';
import type { HealthStatus, SystemHealthResponse } from '../contracts/health';
import { CacheHealthIndicator } from './cache.health';
import { OdooHealthIndicator } from './odoo.health';

const HEALTH_SCHEMA = {
  type: 'object',
  properties: {
    status: { type: 'string', enum: ['pass', 'degraded', 'fail'] },
    timestamp: { type: 'string', format: 'date-time' },
    database: { type: 'object', properties: { status: { type: 'string', enum: ['pass', 'fail'] } } },
    odoo: { type: 'object', properties: { status: { type: 'string', enum: ['pass', 'fail'] } } },
    cache: { type: 'object', properties: { status: { type: 'string', enum: ['pass', 'fail'] } } },
  },
};

@Controller('monitoring')
@Public()
@ApiTags('monitoring')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: TypeOrmHealthIndicator,
    private readonly odoo: OdooHealthIndicator,
    private readonly cache: CacheHealthIndicator,
    private readonly redis: RedisConnection,
  ) {}

  /** Liveness: the process answers. */
  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ description: 'The process is running' })
  live(): { status: 'pass' } {
    return { status: 'pass' };
  }

  /** Readiness: database down → fail (503); Odoo or shared cache away → degraded (200). */
  @Get('system-health')
  @ApiOperation({ summary: 'Health of the database, Odoo and the shared cache' })
  @ApiOkResponse({ description: 'pass, or degraded when Odoo or the shared cache is away', schema: HEALTH_SCHEMA })
  @ApiResponse({ status: 503, description: 'fail: the database is unreachable', schema: HEALTH_SCHEMA })
  async systemHealth(@Res() reply: FastifyReply): Promise<void> {
    const result = await this.run();
    const body: SystemHealthResponse = {
      status: overall(result),
      timestamp: new Date().toISOString(),
      database: { status: statusOf(result, 'database') },
      odoo: { status: statusOf(result, 'odoo') },
      ...(this.redis.configured ? { cache: { status: statusOf(result, 'cache') } } : {}),
    };
    reply
      .code(body.status === 'fail' ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.OK)
      .header('cache-control', 'no-store')
      .send(body);
  }

  private async run(): Promise<HealthCheckResult> {
    const checks = [
      () => this.database.pingCheck('database', { timeout: 2000 }),
      () => this.odoo.check('odoo'),
      ...(this.redis.configured ? [() => this.cache.check('cache')] : []),
    ];
    try {
      return await this.health.check(checks);
    } catch (e) {
      if (e instanceof ServiceUnavailableException) return e.getResponse() as HealthCheckResult;
      throw e;
    }
  }
}

/** A component either works or not; only the overall status knows "degraded". */
function statusOf(result: HealthCheckResult, key: string): 'pass' | 'fail' {
  return result.details[key]?.status === 'up' ? 'pass' : 'fail';
}

/** Only the database is essential; Odoo or the shared cache being away degrades the service. */
function overall(result: HealthCheckResult): HealthStatus {
  if (statusOf(result, 'database') === 'fail') return 'fail';
  return Object.keys(result.details).every((k) => statusOf(result, k) === 'pass') ? 'pass' : 'degraded';
}
