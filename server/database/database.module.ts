import { DynamicModule, Injectable, Logger, Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { dataSourceOptions } from './database-options';
import { runMigrations } from './migrate';

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

/** TypeORM on the project's PostgreSQL (its DataSource injectable everywhere), migrated at start. */
@Module({})
export class DatabaseModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [TypeOrmModule.forRoot({ ...dataSourceOptions(url), retryAttempts: 3, retryDelay: 1000 })],
      providers: [MigrationsOnStart],
    };
  }
}
