import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createAuth, type Auth } from '../auth/better-auth';
import { type Passwords, passwordsOf } from '../auth/user-admin';
import type { AppConfig } from '../config/app-config';
import { dataSourceOptions } from '../database/database-options';
import { EmbeddedDatabase, findRunningEmbeddedDatabase } from '../database/embedded-database';
import { runMigrations } from '../database/migrate';
import { say } from './cli-io';

/** Database access for one CLI run: the configured server, the running server's embedded one, or our own. */
export class CliContext {
  private authInstance: Auth | null = null;
  private pool: Pool | null = null;

  private constructor(
    readonly config: AppConfig,
    readonly db: DataSource,
    private readonly embedded: EmbeddedDatabase | null,
  ) {}

  static async open(config: AppConfig): Promise<CliContext> {
    let url = config.database.url ?? (await findRunningEmbeddedDatabase(config.dataDir));
    let embedded: EmbeddedDatabase | null = null;
    if (!url) {
      embedded = await EmbeddedDatabase.start({ dataDir: config.dataDir, log: say });
      url = embedded.url;
    }
    const db = new DataSource(dataSourceOptions(url));
    try {
      await db.initialize();
      await runMigrations(db);
    } catch (e) {
      await embedded?.stop();
      throw e;
    }
    return new CliContext(config, db, embedded);
  }

  /** Better Auth's password rules and hasher, so accounts made here sign in like any other. */
  passwords(): Promise<Passwords> {
    if (!this.authInstance) {
      this.pool = new Pool({ connectionString: this.databaseUrl(), max: 2 });
      this.authInstance = createAuth({ config: this.config, pool: this.pool, log: { warn: say, error: say } });
    }
    return passwordsOf(this.authInstance);
  }

  async close(): Promise<void> {
    await this.pool?.end().catch(() => undefined);
    await this.db.destroy().catch(() => undefined);
    await this.embedded?.stop();
  }

  private databaseUrl(): string {
    return (this.db.options as { url: string }).url;
  }
}
