import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { RedisConnection } from '../cache/redis-connection';

/** The shared cache: degraded (never failing) while Redis is configured but away. */
@Injectable()
export class CacheHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    private readonly redis: RedisConnection,
  ) {}

  check(key: string) {
    const indicator = this.indicators.check(key);
    return this.redis.isReady ? indicator.up() : indicator.degraded({ reason: 'Redis unavailable; serving from the in-process cache' });
  }
}
