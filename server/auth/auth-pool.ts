import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { Pool } from 'pg';
import { AppConfig } from '../config/app-config';
import { DATABASE_URL } from '../database/database-url';

/** A plain pg pool for Better Auth (its own pool, AUTH_DB_POOL_SIZE connections, same server). */
@Injectable()
export class AuthPool extends Pool implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_URL) url: string, config: AppConfig) {
    super({ connectionString: url, max: config.auth.poolSize, connectionTimeoutMillis: 3000, query_timeout: 10000 });
    // An idle client losing its server must not crash the process.
    this.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.end().catch(() => undefined);
  }
}
