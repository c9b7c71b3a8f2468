import type { MigrationInterface, QueryRunner } from 'typeorm';

// KPI history: one row per tenant, company scope and time bucket. Odoo keeps no past values of
// counts like "open" or "overdue", so we keep what each aggregation saw. Recent rows cover 15
// minutes each; older ones are folded into one row per tenant-local day by the compaction job.
export class KpiSample1733300000000 implements MigrationInterface {
  name = 'KpiSample1733300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "kpi_sample" (
      "tenantId" uuid NOT NULL REFERENCES "tenant" ("id") ON DELETE CASCADE,
      "scopeKey" text NOT NULL CHECK ("scopeKey" ~ '^(all|[1-9][0-9]*)$'),
      "granularity" text NOT NULL CHECK ("granularity" IN ('15m', 'day')),
      "bucket" timestamptz NOT NULL,
      "openInvoicesCount" integer,
      "overdueInvoicesCount" integer,
      "openLeadsCount" integer,
      "openTasksCount" integer,
      "openTicketsCount" integer,
      "lowStockItemsCount" integer,
      "money" jsonb NOT NULL,
      "errorKinds" jsonb NOT NULL DEFAULT '{}',
      "refreshedAt" timestamptz NOT NULL,
      "recordedAt" timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT "kpi_sample_bucket_unique" UNIQUE ("tenantId", "scopeKey", "granularity", "bucket")
    )`);
    // The daily compaction looks for old rows across every tenant.
    await q.query(`CREATE INDEX "kpi_sample_granularity_bucket_idx" ON "kpi_sample" ("granularity", "bucket")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "kpi_sample"`);
  }
}
