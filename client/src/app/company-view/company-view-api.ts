import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CompanyViewResponse } from '@contracts/company-view';
import { Observable, of, switchMap, throwError } from 'rxjs';

export const COMPANY_VIEW_URL = '/api/company-view';

/**
 * Reads GET /api/company-view for one tenant.
 *
 * The URL is the same for every tenant (the tenant travels in a header) and the server allows the
 * browser to cache the answer for a few seconds, so a plain request right after a tenant switch could
 * be served the previous tenant's numbers from the HTTP cache. `fresh` sets fetch's cache mode to
 * `no-cache`, which makes the browser revalidate with the server every time (a cheap 304 when nothing
 * changed). A `Cache-Control` request header alone would not change fetch's cache mode.
 */
@Injectable({ providedIn: 'root' })
export class CompanyViewApi {
  private readonly http = inject(HttpClient);

  load(tenantId: string, fresh: boolean): Observable<CompanyViewResponse> {
    return this.request(tenantId, fresh).pipe(
      switchMap((body) => {
        if (body.tenantId === tenantId) {
          return of(body);
        }
        // The browser cache held another tenant's answer: ask the server itself.
        return fresh
          ? throwError(() => new Error('The server answered for another tenant.'))
          : this.load(tenantId, true);
      }),
    );
  }

  private request(tenantId: string, fresh: boolean): Observable<CompanyViewResponse> {
    return this.http.get<CompanyViewResponse>(COMPANY_VIEW_URL, {
      headers: { 'x-tenant-id': tenantId },
      cache: fresh ? 'no-cache' : 'default',
    });
  }
}
