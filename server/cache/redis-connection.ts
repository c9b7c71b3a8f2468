import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createClient, type RedisClientType } from 'redis';
import { AppConfig } from '../config/app-config';

/**
 * The process's one Redis client, present only when REDIS_URL is set. It reconnects by itself;
 * callers check `isReady` and fall back to in-process state while Redis is away.
 */
@Injectable()
export class RedisConnection implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  readonly client: RedisClientType | null;
  private lastWarning = 0;

  constructor(config: AppConfig) {
    this.client = config.redisUrl ? this.connect(config.redisUrl) : null;
  }

  get configured(): boolean {
    return this.client !== null;
  }

  get isReady(): boolean {
    return this.client?.isReady ?? false;
  }

  private connect(url: string): RedisClientType {
    const client: RedisClientType = createClient({
      url,
      socket: { connectTimeout: 2000, reconnectStrategy: (retries) => Math.min(200 * 2 ** retries, 5000) },
      // Commands fail at once while disconnected instead of queueing behind a dead link.
      disableOfflineQueue: true,
    });
    client.on('error', (e: Error) => this.warn(`Redis unavailable (${e.message || e.name}); using in-process fallbacks`));
    client.on('ready', () => this.logger.log('Redis connected'));
    client.connect().catch(() => undefined);
    return client;
  }

  /** At most one warning every 30 s while Redis stays down. */
  private warn(message: string): void {
    if (Date.now() - this.lastWarning < 30_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(message);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.client?.isOpen) await this.client.close().catch(() => undefined);
    else this.client?.destroy();
  }
}
