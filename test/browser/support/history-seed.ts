import type { DataSource } from 'typeorm';
import type { CompanyKpis } from '../../../server/contracts/company-view';
import { bucketOf, insertSample } from '../../history/history-support';

/**
 * Writes one kpi_sample row of the default scope ("all"), as the recorder would have written it at
 * `at` (its 15-minute bucket), with the KPIs given. Lets a browser suite know what yesterday and last
 * week looked like without waiting a week.
 */
export function recordKpis(db: DataSource, tenantId: string, at: Date, kpis: CompanyKpis): Promise<void> {
  return insertSample(db, { tenantId, bucket: bucketOf(at), n: 1000, kpis });
}
