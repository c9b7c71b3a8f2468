import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { RedisConnection } from './redis-connection';

// Compare-and-delete: only the holder's token releases the lock, so a holder that outlived its
// expiry cannot release a lock someone else has taken since.
const RELEASE_SCRIPT = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

export type LockResult = { acquired: true; token: string } | { acquired: false; reason: 'held' | 'unavailable' };

/**
 * A lock shared by every instance through Redis (`SET key token NX PX ttl`). A crashed holder blocks
 * others at most `ttl`. Without Redis it answers "unavailable" and callers fall back to local coordination.
 */
@Injectable()
export class DistributedLock {
  private readonly prefix: string;

  constructor(
    private readonly redis: RedisConnection,
    config: AppConfig,
  ) {
    this.prefix = `${config.companyView.cachePrefix}lock:`;
  }

  async acquire(name: string, ttlMs: number): Promise<LockResult> {
    const client = this.redis.client;
    if (!client || !this.redis.isReady) return { acquired: false, reason: 'unavailable' };
    const token = randomUUID();
    try {
      const ok = await client.set(this.prefix + name, token, { condition: 'NX', expiration: { type: 'PX', value: ttlMs } });
      return ok === 'OK' ? { acquired: true, token } : { acquired: false, reason: 'held' };
    } catch {
      return { acquired: false, reason: 'unavailable' };
    }
  }

  async isHeld(name: string): Promise<boolean> {
    const client = this.redis.client;
    if (!client || !this.redis.isReady) return false;
    try {
      return (await client.exists(this.prefix + name)) === 1;
    } catch {
      return false;
    }
  }

  async release(name: string, token: string): Promise<void> {
    const client = this.redis.client;
    if (!client || !this.redis.isReady) return;
    await client.eval(RELEASE_SCRIPT, { keys: [this.prefix + name], arguments: [token] }).catch(() => undefined);
  }
}
