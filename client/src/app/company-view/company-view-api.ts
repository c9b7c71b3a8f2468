import { HttpClient, HttpErrorResponse, HttpResponse } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { CompanyViewResponse } from '@contracts/company-view';
import { Observable, of, switchMap, throwError } from 'rxjs';
import { errorMessage } from '../core/http/api-errors';
import { INVALID_SCOPE_MESSAGE } from '@contracts/errors';
import { maxAgeMs } from './poll-schedule';

export const COMPANY_VIEW_URL = '/api/company-view';

/** The companies to show (ids), or null for every company the tenant may show. */
export type CompanyScope = readonly number[] | null;

/** The server's answer to a `companies` parameter it does not accept (malformed, or not the tenant's). */
export const INVALID_SCOPE_ERROR = INVALID_SCOPE_MESSAGE;

/** One answer: the view, and how long the server said it stays current (Cache-Control max-age). */
export interface CompanyViewAnswer {
  view: CompanyViewResponse;
  maxAgeMs: number | null;
}

/**
 * Reads GET /api/company-view for one tenant, for all its companies or a chosen few (`?companies=1,3`).
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

  load(tenantId: string, fresh: boolean, scope: CompanyScope = null): Observable<CompanyViewAnswer> {
    return this.request(tenantId, fresh, scope).pipe(
      switchMap((response) => {
        const view = response.body;
        if (view?.tenantId === tenantId) {
          return of({ view, maxAgeMs: maxAgeMs(response.headers.get('cache-control')) });
        }
        // The browser cache held another tenant's answer: ask the server itself.
        return fresh
          ? throwError(() => new Error('The server answered for another tenant.'))
          : this.load(tenantId, true, scope);
      }),
    );
  }

  private request(
    tenantId: string,
    fresh: boolean,
    scope: CompanyScope,
  ): Observable<HttpResponse<CompanyViewResponse>> {
    return this.http.get<CompanyViewResponse>(COMPANY_VIEW_URL, {
      observe: 'response',
      headers: { 'x-tenant-id': tenantId },
      params: scope?.length ? { companies: scope.join(',') } : {},
      cache: fresh ? 'no-cache' : 'default',
    });
  }
}

/** True for the 400 that refuses the `companies` parameter. */
export function isInvalidScopeError(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 400 && errorMessage(error, '') === INVALID_SCOPE_ERROR;
}
