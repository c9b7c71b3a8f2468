// What the history suites share: reading kpi_sample as stored, writing rows at chosen times, and
// checking history points against the company view's own JSON Schema (its KPIs and money).
import Ajv, { type SchemaObject } from 'ajv';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import type { CompanyKpis, CompanyViewMoney } from '../../server/contracts/company-view';
import type { CompanyViewHistoryResponse } from '../../server/contracts/history';
import { KPI_KEYS } from '../../server/contracts/sections';

export interface StoredSample {
  scopeKey: string;
  granularity: '15m' | 'day';
  bucket: Date;
  kpis: CompanyKpis;
  money: CompanyViewMoney;
  errorKinds: Record<string, string>;
  refreshedAt: Date;
  recordedAt: Date;
}

/** Every kpi_sample row of a tenant, oldest bucket first. */
export async function storedSamples(db: DataSource, tenantId: string): Promise<StoredSample[]> {
  const rows: Array<Record<string, unknown>> = await db.query(`SELECT * FROM "kpi_sample" WHERE "tenantId" = $1 ORDER BY "scopeKey", "granularity", "bucket"`, [
    tenantId,
  ]);
  return rows.map((row) => ({
    scopeKey: row.scopeKey as string,
    granularity: row.granularity as '15m' | 'day',
    bucket: row.bucket as Date,
    kpis: Object.fromEntries(KPI_KEYS.map((key) => [key, row[key]])) as unknown as CompanyKpis,
    money: row.money as CompanyViewMoney,
    errorKinds: row.errorKinds as Record<string, string>,
    refreshedAt: row.refreshedAt as Date,
    recordedAt: row.recordedAt as Date,
  }));
}

/** KPIs that tell rows apart: every KPI is `n` plus its position. */
export function kpisOf(n: number): CompanyKpis {
  return Object.fromEntries(KPI_KEYS.map((key, i) => [key, n + i])) as unknown as CompanyKpis;
}

export function moneyOf(amount: number): CompanyViewMoney {
  return {
    totals: [
      {
        currency: 'EUR',
        companyIds: [1],
        openInvoicesAmount: amount,
        overdueInvoicesAmount: null,
        pipelineAmount: amount / 2,
        weightedPipelineAmount: 0,
      },
    ],
    recordsWithoutCompany: { openInvoices: 0, overdueInvoices: null, openOpportunities: 1 },
  };
}

/** Writes one row by hand, as the recorder or the compaction would have. */
export async function insertSample(
  db: DataSource,
  row: { tenantId: string; scopeKey?: string; granularity?: '15m' | 'day'; bucket: Date; n: number; kpis?: CompanyKpis; refreshedAt?: Date },
): Promise<void> {
  const kpis = row.kpis ?? kpisOf(row.n);
  await db.query(
    `INSERT INTO "kpi_sample" ("tenantId", "scopeKey", "granularity", "bucket", ${KPI_KEYS.map((k) => `"${k}"`).join(', ')}, "money", "errorKinds", "refreshedAt")
     VALUES ($1, $2, $3, $4, ${KPI_KEYS.map((_, i) => `$${i + 5}`).join(', ')}, $11, '{}', $12)`,
    [row.tenantId, row.scopeKey ?? 'all', row.granularity ?? '15m', row.bucket, ...KPI_KEYS.map((k) => kpis[k]), moneyOf(row.n), row.refreshedAt ?? row.bucket],
  );
}

export const QUARTER_HOUR_MS = 15 * 60_000;
export const DAY_MS = 86_400_000;
export const bucketOf = (at: Date | string) => new Date(Math.floor(new Date(at).getTime() / QUARTER_HOUR_MS) * QUARTER_HOUR_MS);

const contract = JSON.parse(readFileSync(join(__dirname, '../../server/contracts/company-view.schema.json'), 'utf8')) as { definitions: SchemaObject };
const responseSchema: SchemaObject = {
  type: 'object',
  required: ['tenantId', 'range', 'points'],
  additionalProperties: false,
  properties: {
    tenantId: { type: 'string' },
    range: { enum: ['24h', '7d', '30d', '365d'] },
    points: {
      type: 'array',
      items: {
        type: 'object',
        required: ['at', 'kpis', 'money'],
        additionalProperties: false,
        properties: {
          at: { type: 'string', format: 'date-time' },
          kpis: { $ref: '#/definitions/CompanyKpis' },
          money: { $ref: '#/definitions/CompanyViewMoney' },
        },
      },
    },
  },
  definitions: contract.definitions,
};
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(responseSchema);

/** A history body with the contract's shape, its points ascending by time. */
export function assertHistoryResponse(body: unknown): asserts body is CompanyViewHistoryResponse {
  if (!validate(body)) throw new Error(`history response breaks the contract:\n${JSON.stringify(validate.errors, null, 2)}`);
  const times = (body as CompanyViewHistoryResponse).points.map((p) => Date.parse(p.at));
  if (times.some((t, i) => i > 0 && t <= times[i - 1])) throw new Error('history points are not strictly ascending');
}
