import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { CompanyKpis, CompanyViewMoney, CompanyViewSectionKey, SectionErrorKind } from '../contracts/company-view';
import type { HistoryPoint } from '../contracts/history';
import { KPI_KEYS } from '../contracts/sections';

/** What one company view showed, filed under its tenant, history scope and 15-minute bucket. */
export interface KpiSample {
  tenantId: string;
  scopeKey: string;
  bucket: Date;
  kpis: CompanyKpis;
  money: CompanyViewMoney;
  errorKinds: Partial<Record<CompanyViewSectionKey, SectionErrorKind>>;
  /** When the data was read from Odoo: of two samples for one bucket, the later read wins. */
  refreshedAt: Date;
}

/** Where a history answer starts, and whether it is made of 15-minute buckets or of days. */
export type PointQuery = { tenantId: string; scopeKey: string } & ({ every: '15m'; from: Date } | { every: 'day'; days: number; timeZone: string; now: Date });

const KPI_COLUMNS = KPI_KEYS.map((key) => `"${key}"`).join(', ');
/** The columns a sample carries beside its key (tenant, scope, granularity, bucket). */
export const VALUE_COLUMNS = `${KPI_COLUMNS}, "money", "errorKinds", "refreshedAt"`;
/** Overwrites a row with newer data only: a cached view sampled late must not replace a fresher read. */
export const NEWER_WINS = `DO UPDATE SET ${[...VALUE_COLUMNS.split(', '), '"recordedAt"'].map((c) => `${c} = EXCLUDED.${c}`).join(', ')}
  WHERE "kpi_sample"."refreshedAt" <= EXCLUDED."refreshedAt"`;
export const BUCKET_KEY = `("tenantId", "scopeKey", "granularity", "bucket")`;

interface PointRow extends Record<string, unknown> {
  at: Date;
  money: CompanyViewMoney;
}

/** The kpi_sample table: writes a bucket's sample, reads a range of points. */
@Injectable()
export class KpiSampleStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async upsert(sample: KpiSample): Promise<void> {
    const kpis = KPI_KEYS.map((key) => sample.kpis[key]);
    const params = [sample.tenantId, sample.scopeKey, sample.bucket, ...kpis, sample.money, sample.errorKinds, sample.refreshedAt];
    const placeholders = params.map((_, i) => `$${i + 1}`).join(', ');
    await this.db.query(
      `INSERT INTO "kpi_sample" ("tenantId", "scopeKey", "bucket", ${VALUE_COLUMNS}, "granularity")
       VALUES (${placeholders}, '15m')
       ON CONFLICT ${BUCKET_KEY} ${NEWER_WINS}`,
      params,
    );
  }

  /** Points in ascending time: every 15-minute row since `from`, or the last value of each tenant-local day. */
  async points(query: PointQuery): Promise<HistoryPoint[]> {
    const rows: PointRow[] = query.every === '15m' ? await this.quarterHours(query) : await this.days(query);
    return rows.map((row) => ({
      at: row.at.toISOString(),
      kpis: Object.fromEntries(KPI_KEYS.map((key) => [key, row[key] ?? null])) as unknown as CompanyKpis,
      money: row.money,
    }));
  }

  private quarterHours(query: PointQuery & { every: '15m' }): Promise<PointRow[]> {
    return this.db.query(
      `SELECT "bucket" AS "at", ${KPI_COLUMNS}, "money" FROM "kpi_sample"
       WHERE "tenantId" = $1 AND "scopeKey" = $2 AND "granularity" = '15m' AND "bucket" >= $3
       ORDER BY "bucket"`,
      [query.tenantId, query.scopeKey, query.from],
    );
  }

  /**
   * One point per tenant-local day, at the day's start: its day row where compaction wrote one,
   * else the last of its 15-minute rows (today, and every day younger than the compaction cut).
   */
  private days(query: PointQuery & { every: 'day' }): Promise<PointRow[]> {
    return this.db.query(
      `WITH "bounds" AS (
         SELECT (($4::timestamptz AT TIME ZONE $3::text)::date - ($5::int - 1)) AS "firstDay"
       ), "candidates" AS (
         SELECT ("bucket" AT TIME ZONE $3::text)::date AS "day", ("granularity" = '15m') AS "derived", "bucket", ${KPI_COLUMNS}, "money"
         FROM "kpi_sample", "bounds"
         WHERE "tenantId" = $1 AND "scopeKey" = $2 AND "bucket" >= ("bounds"."firstDay"::timestamp AT TIME ZONE $3::text) - interval '1 day'
       ), "lastOfDay" AS (
         SELECT DISTINCT ON ("day") * FROM "candidates", "bounds"
         WHERE "day" >= "bounds"."firstDay"
         ORDER BY "day", "derived", "bucket" DESC
       )
       SELECT ("day"::timestamp AT TIME ZONE $3::text) AS "at", ${KPI_COLUMNS}, "money" FROM "lastOfDay" ORDER BY "day"`,
      [query.tenantId, query.scopeKey, query.timeZone, query.now, query.days],
    );
  }
}
