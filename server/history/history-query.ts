import { HttpException, HttpStatus } from '@nestjs/common';
import { invalidScope } from '../company-view/company-scope';
import { HISTORY_RANGES, type HistoryRange, INVALID_RANGE_MESSAGE } from '../contracts/history';
import { usableTimeZone } from '../company-view/tenant-time';
import { bucketStart } from './buckets';
import type { PointQuery } from './kpi-sample-store';

const HOUR_MS = 3_600_000;
/** What each range covers: 15-minute points back this far, or this many tenant-local days (today included). */
const RANGE_SPANS: Record<HistoryRange, { every: '15m'; ms: number } | { every: 'day'; days: number }> = {
  '24h': { every: '15m', ms: 24 * HOUR_MS },
  '7d': { every: '15m', ms: 7 * 24 * HOUR_MS },
  '30d': { every: 'day', days: 30 },
  '365d': { every: 'day', days: 365 },
};

export function parseRange(raw: unknown): HistoryRange {
  if (typeof raw !== 'string' || !(HISTORY_RANGES as readonly string[]).includes(raw)) {
    throw new HttpException({ error: INVALID_RANGE_MESSAGE }, HttpStatus.BAD_REQUEST);
  }
  return raw as HistoryRange;
}

/** `?companies=`: absent for the default scope ("all"), or exactly one company id. */
export function parseHistoryScope(raw: unknown): string {
  if (raw === undefined) return 'all';
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}$/.test(raw) || Number(raw) > 2_147_483_647) throw invalidScope();
  return raw;
}

/** The rows a range answers with, for one tenant and scope, as of `now`. */
export function pointQuery(tenant: { tenantId: string; timeZone: string }, scopeKey: string, range: HistoryRange, now: Date): PointQuery {
  const span = RANGE_SPANS[range];
  const { tenantId } = tenant;
  if (span.every === 'day') return { tenantId, scopeKey, every: 'day', days: span.days, timeZone: usableTimeZone(tenant.timeZone), now };
  // From the bucket that holds the range's first moment.
  const from = bucketStart(new Date(now.getTime() - span.ms));
  return { tenantId, scopeKey, every: '15m', from };
}
