import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CompanyViewResponse } from '@contracts/company-view';
import { firstValueFrom } from 'rxjs';
import { companyViewResponse } from '../../testing/company-view-fixtures';
import { COMPANY_VIEW_URL, CompanyViewApi } from './company-view-api';

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
      expect((await answer).tenantId).toBe('tenant-a');
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
      expect((await answer).tenantId).toBe('tenant-b');
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
      vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
        seen.push({ url, init });
        const body: CompanyViewResponse = companyViewResponse({ tenantId: 'tenant-a' });
        return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      });
      TestBed.configureTestingModule({ providers: [provideHttpClient()] });
    });

    afterEach(() => vi.unstubAllGlobals());

    it('hands fetch the no-cache mode, which a Cache-Control request header alone would not do', async () => {
      await firstValueFrom(TestBed.inject(CompanyViewApi).load('tenant-a', true));
      expect(seen).toHaveLength(1);
      expect(seen[0]!.url).toBe(COMPANY_VIEW_URL);
      expect(seen[0]!.init?.cache).toBe('no-cache');
    });

    it('leaves polls to the normal HTTP cache rules', async () => {
      await firstValueFrom(TestBed.inject(CompanyViewApi).load('tenant-a', false));
      expect(seen[0]!.init?.cache).toBe('default');
    });
  });
});
