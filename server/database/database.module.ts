import { DynamicModule, Global, Inject, Injectable, Logger, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './database-options';
import { runMigrations } from './migrate';

export const DATABASE_URL = Symbol('DATABASE_URL');

/** A plain pg pool for Better Auth (its own small pool, same server). */
@Injectable()
export class AuthPool extends Pool implements OnApplicationShutdown {
  constructor(@Inject(DATABASE_URL) url: string) {
    super({ connectionString: url, max: 5, connectionTimeoutMillis: 3000, query_timeout: 10000 });
    // An idle client losing its server must not crash the process.
    this.on('error', () => undefined);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.end().catch(() => undefined);
  }
}

@Injectable()
class MigrationsOnStart implements OnModuleInit {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.database.migrationsRun) return;
    const applied = await runMigrations(this.dataSource);
    if (applied.length) this.logger.log(`Applied migrations: ${applied.join(', ')}`);
  }
}

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url), retryAttempts: 3, retryDelay: 1000 })],
      providers: [{ provide: DATABASE_URL, useValue: url }, AuthPool, MigrationsOnStart],
      exports: [DATABASE_URL, AuthPool],
    };
  }
}
