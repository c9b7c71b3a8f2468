import { Global, Module } from '@nestjs/common';
import { RedisConnection } from './redis-connection';

/** The shared Redis client (absent without REDIS_URL), for the auth limiter, the company view cache and health. */
@Global()
@Module({ providers: [RedisConnection], exports: [RedisConnection] })
export class RedisModule {}
