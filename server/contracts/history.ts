// Response contract of GET /api/company-view/history. Types only, apart from the list of ranges and
// the range error (one source for each): imported by the server and the Angular client.
import type { CompanyKpis, CompanyViewMoney } from './company-view';

/** How far back a history answer reaches: 24h and 7d in 15-minute points, 30d and 365d in days. */
export type HistoryRange = '24h' | '7d' | '30d' | '365d';

export const HISTORY_RANGES: readonly HistoryRange[] = ['24h', '7d', '30d', '365d'];

/** The 400 a missing or unknown `range` gets. */
export const INVALID_RANGE_MESSAGE = 'Bad Request: Invalid range';

/** What the company view showed at one time: its KPIs and money, as in CompanyViewResponse. */
export interface HistoryPoint {
  /**
   * ISO 8601. For 24h and 7d the start of a 15-minute bucket (its last value); for 30d and 365d
   * the start of a day in the tenant's time zone (that day's last value).
   */
  at: string;
  /** A KPI is null where its section had failed at that time. */
  kpis: CompanyKpis;
  money: CompanyViewMoney;
}

export interface CompanyViewHistoryResponse {
  tenantId: string;
  range: HistoryRange;
  /** Ascending by `at`; empty until something was recorded. */
  points: HistoryPoint[];
}
