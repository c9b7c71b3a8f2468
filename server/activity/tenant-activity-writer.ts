import { BeforeApplicationShutdown, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { TenantActivity } from './tenant-activity';

/** How often what was seen is written: each tenant's row at most once per period. */
export const ACTIVITY_FLUSH_MS = 60_000;

/**
 * Writes TenantActivity's changes to tenant_activity once a minute (and at shutdown), one statement
 * for every tenant that changed: a dashboard polled every few seconds never costs a write per request.
 */
@Injectable()
export class TenantActivityWriter implements OnModuleInit, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger(TenantActivityWriter.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly activity: TenantActivity,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  onModuleInit(): void {
    this.schedule();
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Writes what is still in memory while the database is still there. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flush();
  }

  /** Writes what changed now; the next write comes a full period later. */
  async flush(): Promise<void> {
    if (this.timer) this.schedule();
    const changes = this.activity.takeChanges();
    if (changes.size === 0) return;
    const ids = [...changes.keys()];
    const requests = ids.map((id) => {
      const at = changes.get(id)!.lastRequestAt;
      return at === null ? null : new Date(at);
    });
    const versions = ids.map((id) => changes.get(id)!.odooVersion);
    try {
      // Tenants deleted meanwhile are skipped; of two instances' writes the later request wins.
      await this.db.query(
        `INSERT INTO "tenant_activity" ("tenantId", "lastRequestAt", "odooVersion", "updatedAt")
         SELECT t."id", a."lastRequestAt", a."odooVersion", now()
         FROM unnest($1::uuid[], $2::timestamptz[], $3::text[]) AS a("tenantId", "lastRequestAt", "odooVersion")
         JOIN "tenant" t ON t."id" = a."tenantId"
         ON CONFLICT ("tenantId") DO UPDATE SET
           "lastRequestAt" = GREATEST("tenant_activity"."lastRequestAt", EXCLUDED."lastRequestAt"),
           "odooVersion" = COALESCE(EXCLUDED."odooVersion", "tenant_activity"."odooVersion"),
           "updatedAt" = now()`,
        [ids, requests, versions],
      );
    } catch (err) {
      this.logger.warn(`Could not write tenant activity: ${(err as Error).message}`);
    }
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), ACTIVITY_FLUSH_MS);
    this.timer.unref();
  }
}
