import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CompanyViewHistoryResponse, HistoryRange } from '@contracts/history';
import { Observable } from 'rxjs';
import { COMPANY_VIEW_URL } from './company-view-api';

export const HISTORY_URL = `${COMPANY_VIEW_URL}/history`;

/**
 * Reads GET /api/company-view/history: a tenant's recorded KPIs over a range, for the default scope
 * or one company. The tenant travels in the x-tenant-id header, as on the company view.
 */
@Injectable({ providedIn: 'root' })
export class KpiHistoryApi {
  private readonly http = inject(HttpClient);

  load(tenantId: string, range: HistoryRange, company?: number): Observable<CompanyViewHistoryResponse> {
    return this.http.get<CompanyViewHistoryResponse>(HISTORY_URL, {
      headers: { 'x-tenant-id': tenantId },
      params: company === undefined ? { range } : { range, companies: String(company) },
      // Same URL for every tenant: never reuse a stored answer without asking.
      cache: 'no-cache',
    });
  }
}
