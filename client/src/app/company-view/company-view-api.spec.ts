import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CompanyViewResponse } from '@contracts/company-view';
import { firstValueFrom } from 'rxjs';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import { COMPANY_VIEW_URL, CompanyViewApi, INVALID_SCOPE_ERROR, isInvalidScopeError } from './company-view-api';

describe('CompanyViewApi', () => {
  describe('requests', () => {
    let api: CompanyViewApi;
    let http: HttpTestingController;

    beforeEach(() => {
      TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
      api = TestBed.inject(CompanyViewApi);
      http = TestBed.inject(HttpTestingController);
    });

    afterEach(() => http.verify());

    it('always names the tenant in the x-tenant-id header', async () => {
      const answer = firstValueFrom(api.load('tenant-a', false));
      const request = http.expectOne(COMPANY_VIEW_URL);
      expect(request.request.headers.get('x-tenant-id')).toBe('tenant-a');
      expect(request.request.cache).toBe('default');
      request.flush(companyViewResponse({ tenantId: 'tenant-a' }));
      expect((await answer).view.tenantId).toBe('tenant-a');
    });

    it("reports the answer's max-age, which the poll schedule checks our clock against", async () => {
      const withMaxAge = firstValueFrom(api.load('tenant-a', true));
      http
        .expectOne(COMPANY_VIEW_URL)
        .flush(companyViewResponse({ tenantId: 'tenant-a' }), { headers: { 'cache-control': 'private, max-age=17' } });
      expect((await withMaxAge).maxAgeMs).toBe(17_000);

      const without = firstValueFrom(api.load('tenant-a', true));
      http.expectOne(COMPANY_VIEW_URL).flush(companyViewResponse({ tenantId: 'tenant-a' }));
      expect((await without).maxAgeMs).toBeNull();
    });

    it('asks the browser to revalidate when fresh data is required', () => {
      api.load('tenant-a', true).subscribe();
      const request = http.expectOne(COMPANY_VIEW_URL);
      expect(request.request.cache).toBe('no-cache');
      request.flush(companyViewResponse({ tenantId: 'tenant-a' }));
    });

    it('asks the server again when the browser cache answered for another tenant', async () => {
      const answer = firstValueFrom(api.load('tenant-b', false));
      http.expectOne((r) => r.cache === 'default').flush(companyViewResponse({ tenantId: 'tenant-a' }));
      const retry = http.expectOne((r) => r.cache === 'no-cache');
      expect(retry.request.headers.get('x-tenant-id')).toBe('tenant-b');
      retry.flush(companyViewResponse({ tenantId: 'tenant-b' }));
      expect((await answer).view.tenantId).toBe('tenant-b');
    });

    it('sends a company scope as the comma-separated companies parameter', () => {
      api.load('tenant-a', true, [1, 3]).subscribe();
      const request = http.expectOne(`${COMPANY_VIEW_URL}?companies=1,3`);
      expect(request.request.params.get('companies')).toBe('1,3');
      expect(request.request.cache).toBe('no-cache');
      request.flush(companyViewResponse({ tenantId: 'tenant-a' }));
    });

    it('sends no companies parameter for all companies', () => {
      api.load('tenant-a', false, null).subscribe();
      api.load('tenant-a', false, []).subscribe();
      const requests = http.match(COMPANY_VIEW_URL);
      expect(requests.map((request) => request.request.params.has('companies'))).toEqual([false, false]);
      for (const request of requests) request.flush(companyViewResponse({ tenantId: 'tenant-a' }));
    });

    it('keeps the scope when it asks again after an answer for another tenant', () => {
      api.load('tenant-b', false, [2]).subscribe();
      http.expectOne(`${COMPANY_VIEW_URL}?companies=2`).flush(companyViewResponse({ tenantId: 'tenant-a' }));
      const retry = http.expectOne((r) => r.cache === 'no-cache');
      expect(retry.request.urlWithParams).toBe(`${COMPANY_VIEW_URL}?companies=2`);
      retry.flush(companyViewResponse({ tenantId: 'tenant-b' }));
    });

    it('refuses an answer for another tenant even after revalidating', async () => {
      const answer = firstValueFrom(api.load('tenant-b', true));
      http.expectOne(COMPANY_VIEW_URL).flush(companyViewResponse({ tenantId: 'tenant-a' }));
      await expect(answer).rejects.toThrow('another tenant');
    });
  });

  describe('through the real fetch backend', () => {
    let seen: { url: string; init: RequestInit | undefined }[];

    beforeEach(() => {
      seen = [];
      vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
        seen.push({ url, init });
        const body: CompanyViewResponse = companyViewResponse({ tenantId: 'tenant-a' });
        return Promise.resolve(
          new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }),
        );
      });
      TestBed.configureTestingModule({ providers: [provideHttpClient()] });
    });

    afterEach(() => vi.unstubAllGlobals());

    it('hands fetch the no-cache mode, which a Cache-Control request header alone would not do', async () => {
      await firstValueFrom(TestBed.inject(CompanyViewApi).load('tenant-a', true));
      expect(seen).toHaveLength(1);
      expect(seen[0].url).toBe(COMPANY_VIEW_URL);
      expect(seen[0].init?.cache).toBe('no-cache');
    });

    it('leaves polls to the normal HTTP cache rules', async () => {
      await firstValueFrom(TestBed.inject(CompanyViewApi).load('tenant-a', false));
      expect(seen[0].init?.cache).toBe('default');
    });

    it('puts the scope in the URL fetch is given, commas unescaped', async () => {
      await firstValueFrom(TestBed.inject(CompanyViewApi).load('tenant-a', true, [1, 3]));
      expect(seen[0].url).toBe(`${COMPANY_VIEW_URL}?companies=1,3`);
    });
  });
});

describe('isInvalidScopeError', () => {
  it('recognises only the 400 that refuses the company scope', () => {
    const answer = (status: number, error: string) => new HttpErrorResponse({ status, error: { error } });
    expect(isInvalidScopeError(answer(400, INVALID_SCOPE_ERROR))).toBe(true);
    expect(isInvalidScopeError(answer(400, 'Bad Request: Invalid tenant ID format'))).toBe(false);
    expect(isInvalidScopeError(answer(403, INVALID_SCOPE_ERROR))).toBe(false);
    expect(isInvalidScopeError(new Error(INVALID_SCOPE_ERROR))).toBe(false);
  });
});
