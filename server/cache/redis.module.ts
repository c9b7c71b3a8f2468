import { Module } from '@nestjs/common';
import { DistributedLock } from './distributed-lock';
import { RedisConnection } from './redis-connection';

/** The shared Redis client (absent without REDIS_URL) and the lock built on it, for the auth limiter,
 *  the company view cache and health. */
@Module({ providers: [RedisConnection, DistributedLock], exports: [RedisConnection, DistributedLock] })
export class RedisModule {}
