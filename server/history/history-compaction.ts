import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { usableTimeZone } from '../company-view/tenant-time';
import { BUCKET_KEY, NEWER_WINS, VALUE_COLUMNS } from './kpi-sample-store';

/** 15-minute rows are kept this many whole tenant-local days before they are folded into days. */
export const QUARTER_HOUR_RETENTION_DAYS = 35;
/** Day rows are kept this long. */
export const DAY_RETENTION_DAYS = 400;
const DAY_MS = 86_400_000;

export interface CompactionResult {
  /** Day rows written (or brought up to date). */
  daysWritten: number;
  quarterHoursRemoved: number;
  daysRemoved: number;
}

/**
 * Thins the history out: 15-minute rows of tenant-local days older than the retention become one
 * row per day holding the day's last value, and day rows past theirs are deleted. Only whole days
 * are folded, so a day row is written once, complete. `now` is a parameter so tests can move the clock.
 */
@Injectable()
export class HistoryCompaction {
  private readonly logger = new Logger(HistoryCompaction.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async compact(now = new Date()): Promise<CompactionResult> {
    const result: CompactionResult = { daysWritten: 0, quarterHoursRemoved: 0, daysRemoved: 0 };
    for (const { tenantId, timeZone } of await this.tenantsWithOldRows(now)) {
      try {
        const { written, removed } = await this.foldTenant(tenantId, usableTimeZone(timeZone), now);
        result.daysWritten += written;
        result.quarterHoursRemoved += removed;
      } catch (err) {
        // One tenant's problem (a zone PostgreSQL does not know) must not stop the others'.
        this.logger.warn({ msg: `Could not compact the history of tenant ${tenantId}: ${(err as Error).message}`, tenantId });
      }
    }
    const [, removed] = await this.db.query<[unknown, number]>(`DELETE FROM "kpi_sample" WHERE "granularity" = 'day' AND "bucket" < $1`, [
      new Date(now.getTime() - DAY_RETENTION_DAYS * DAY_MS),
    ]);
    result.daysRemoved = removed;
    return result;
  }

  /** A day behind the cut in any zone is more than retention - 1 days old in UTC: a cheap first filter. */
  private tenantsWithOldRows(now: Date): Promise<Array<{ tenantId: string; timeZone: string }>> {
    return this.db.query(
      `SELECT DISTINCT s."tenantId", t."timeZone" FROM "kpi_sample" s JOIN "tenant" t ON t."id" = s."tenantId"
       WHERE s."granularity" = '15m' AND s."bucket" < $1`,
      [new Date(now.getTime() - (QUARTER_HOUR_RETENTION_DAYS - 1) * DAY_MS)],
    );
  }

  private foldTenant(tenantId: string, timeZone: string, now: Date): Promise<{ written: number; removed: number }> {
    const params = [tenantId, timeZone, now, QUARTER_HOUR_RETENTION_DAYS];
    const old = `"tenantId" = $1 AND "granularity" = '15m' AND ("bucket" AT TIME ZONE $2::text)::date < ($3::timestamptz AT TIME ZONE $2::text)::date - $4::int`;
    return this.db.transaction(async (tx) => {
      const written = await tx.query<unknown[]>(
        `INSERT INTO "kpi_sample" ("tenantId", "scopeKey", "granularity", "bucket", ${VALUE_COLUMNS})
         SELECT DISTINCT ON ("scopeKey", ("bucket" AT TIME ZONE $2::text)::date)
           "tenantId", "scopeKey", 'day', (("bucket" AT TIME ZONE $2::text)::date::timestamp AT TIME ZONE $2::text), ${VALUE_COLUMNS}
         FROM "kpi_sample" WHERE ${old}
         ORDER BY "scopeKey", ("bucket" AT TIME ZONE $2::text)::date, "bucket" DESC
         ON CONFLICT ${BUCKET_KEY} ${NEWER_WINS}
         RETURNING 1`,
        params,
      );
      const [, removed] = await tx.query<[unknown, number]>(`DELETE FROM "kpi_sample" WHERE ${old}`, params);
      return { written: written.length, removed };
    });
  }
}
