import SwaggerParser from '@apidevtools/swagger-parser';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app-fixture';
import { bodyOf } from '../support/json-body';

describe('Prometheus metrics', () => {
  let app: TestApp;
  let get: (headers?: Record<string, string>) => request.Test;

  beforeAll(async () => {
    app = await startTestApp({ env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
    const user = await app.newSignedInUser();
    const tenantId = await app.createTenant({ odooDatabase: 'globex' });
    await app.addMember(user.userId, tenantId);
    get = (headers = {}) =>
      request(app.url)
        .get('/api/company-view')
        .set({ cookie: user.cookie, 'x-tenant-id': tenantId, ...headers });
    await get().expect(200); // miss: one aggregation, helpdesk module missing on Community
    await get().expect(200); // hit
  });
  afterAll(() => app.close());

  it('answers a direct loopback caller with the metrics that matter', async () => {
    const res = await request(app.url).get('/api/monitoring/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text = res.text;
    expect(text).toMatch(/company_view_http_request_duration_seconds_bucket\{[^}]*route="\/api\/company-view"[^}]*status="200"/);
    expect(text).toMatch(/company_view_cache_events_total\{event="hit"\} [1-9]/);
    expect(text).toMatch(/company_view_cache_events_total\{event="miss"\} [1-9]/);
    expect(text).toMatch(/company_view_section_duration_seconds_count\{section="helpdesk",outcome="module-missing"\} 1/);
    expect(text).toMatch(/company_view_section_duration_seconds_count\{section="accounting",outcome="ok"\} 1/);
    expect(text).toMatch(/company_view_odoo_calls_total\{model="crm.lead",method="search_read",outcome="ok"\} [1-9]/);
    expect(text).toMatch(/company_view_aggregations_total 1/);
    expect(text).toMatch(/company_view_process_resident_memory_bytes/);
  });

  it('sends the company view compressed when the client accepts it, identical once decoded', async () => {
    const plain = await get({ 'accept-encoding': 'identity' }).expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    for (const encoding of ['br', 'gzip']) {
      const res = await get({ 'accept-encoding': encoding }).expect(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers.vary).toMatch(/Accept-Encoding/);
      expect(res.text).toBe(plain.text); // supertest decodes
      expect(res.headers.etag).toBe(plain.headers.etag);
    }
  });

  it('is a plain 404 for forwarded callers without the token, and open with the bearer token', async () => {
    const forwarded = await request(app.url).get('/api/monitoring/metrics').set('x-forwarded-for', '203.0.113.9');
    expect(forwarded.status).toBe(404);
    expect(forwarded.body).toEqual({ error: 'Not Found' });
    const wrongToken = await request(app.url).get('/api/monitoring/metrics').set({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer nope' });
    expect(wrongToken.status).toBe(404);
    await request(app.url)
      .get('/api/monitoring/metrics')
      .set({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer scrape-token-0123456789' })
      .expect(200);
  });
});

describe('HTTP hardening and OpenAPI', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ demoOdoo: false });
  });
  afterAll(() => app.close());

  it('sets security headers and keeps CORS closed by default', async () => {
    const res = await request(app.url).get('/api/public-config').set('origin', 'https://evil.example').expect(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('refuses oversized bodies with a JSON error and no stack', async () => {
    const user = await app.newSignedInUser();
    const res = await request(app.url)
      .put('/api/tenants/current')
      .set({ cookie: user.cookie, 'content-type': 'application/json' })
      .send(JSON.stringify({ tenantId: 'x'.repeat(200 * 1024) }));
    expect(res.status).toBe(413);
    expect(Object.keys(bodyOf<object>(res))).toEqual(['error']);
    expect(res.text).not.toMatch(/\n\s+at /);
  });

  it('answers malformed JSON with 400 and a clean body', async () => {
    const user = await app.newSignedInUser();
    const res = await request(app.url).put('/api/tenants/current').set({ cookie: user.cookie, 'content-type': 'application/json' }).send('{"tenantId":');
    expect(res.status).toBe(400);
    expect(Object.keys(bodyOf<object>(res))).toEqual(['error']);
    expect(res.text).not.toMatch(/node_modules|\/work\/|\n\s+at /);
  });

  it('documents every API route with its error bodies at /api/docs', async () => {
    const doc = (await request(app.url).get('/api/docs/openapi.json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { schemas: Record<string, unknown> };
    };
    const routes = [
      ['get', '/api/company-view'],
      ['get', '/api/tenants'],
      ['get', '/api/tenants/current'],
      ['put', '/api/tenants/current'],
      ['get', '/api/monitoring/system-health'],
      ['get', '/api/monitoring/live'],
      ['get', '/api/monitoring/metrics'],
      ['get', '/api/public-config'],
      ['post', '/api/tenants'],
      ['get', '/api/tenants/{tenantId}'],
      ['patch', '/api/tenants/{tenantId}'],
      ['put', '/api/tenants/{tenantId}/odoo-connection'],
      ['delete', '/api/tenants/{tenantId}/odoo-connection'],
      ['post', '/api/tenants/{tenantId}/odoo-connection/check'],
      ['get', '/api/tenants/{tenantId}/members'],
      ['patch', '/api/tenants/{tenantId}/members/{userId}'],
      ['delete', '/api/tenants/{tenantId}/members/{userId}'],
      ['post', '/api/tenants/{tenantId}/invitations'],
      ['get', '/api/tenants/{tenantId}/invitations'],
      ['delete', '/api/tenants/{tenantId}/invitations/{invitationId}'],
      ['get', '/api/tenants/{tenantId}/audit'],
      ['get', '/api/invitations/{token}'],
      ['post', '/api/invitations/{token}/accept'],
      ['get', '/api/admin/tenants'],
      ['post', '/api/admin/tenants/{tenantId}/activate'],
      ['post', '/api/admin/tenants/{tenantId}/deactivate'],
      ['get', '/api/admin/audit'],
      ['post', '/api/auth/sign-in/email'],
      ['post', '/api/auth/sign-out'],
    ];
    for (const [method, path] of routes) expect(doc.paths[path]?.[method]).toBeDefined();
    expect(Object.keys(doc.paths['/api/company-view'].get.responses).sort()).toEqual(['200', '304', '400', '401', '403', '503']);
    expect(doc.paths['/api/tenants'].get.responses['401']).toBeDefined();
    // The workspace routes state every refusal the issue names.
    expect(Object.keys(doc.paths['/api/tenants/{tenantId}/members/{userId}'].patch.responses).sort()).toEqual([
      '200',
      '400',
      '401',
      '403',
      '404',
      '409',
      '503',
    ]);
    expect(Object.keys(doc.paths['/api/invitations/{token}/accept'].post.responses).sort()).toEqual(['200', '401', '403', '409', '410', '503']);
    expect(doc.components.schemas.CompanyViewResponse).toBeDefined();
    expect(doc.components.schemas.ApiErrorBody).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('#/definitions/');
  });

  it('declares, in every operation, each parameter its path names', async () => {
    type Operation = { parameters?: Array<{ name: string; in: string; required?: boolean }> };
    const doc = bodyOf<{ paths: Record<string, Record<string, Operation>> }>(await request(app.url).get('/api/docs/openapi.json').expect(200));
    const undeclared: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      const named = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const [method, operation] of Object.entries(item)) {
        const declared = new Set((operation.parameters ?? []).filter((p) => p.in === 'path' && p.required).map((p) => p.name));
        for (const name of named) if (!declared.has(name)) undeclared.push(`${method} ${path}: ${name}`);
      }
    }
    expect(Object.keys(doc.paths).filter((path) => path.includes('{tenantId}')).length).toBeGreaterThan(5);
    expect(undeclared).toEqual([]);
  });

  it('serves an OpenAPI 3.1 document that validates, every operation with a summary and an operationId', async () => {
    const doc = bodyOf<{ openapi: string; paths: Record<string, Record<string, { summary?: string; operationId?: string }>> }>(
      await request(app.url).get('/api/docs/openapi.json').expect(200),
    );
    expect(doc.openapi).toBe('3.1.0');
    // Throws with every problem listed when the document breaks the OpenAPI schema or a $ref dangles.
    await SwaggerParser.validate(structuredClone(doc) as never);
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect([method, path, typeof operation.summary === 'string' && operation.summary.length > 0, typeof operation.operationId]).toEqual([
          method,
          path,
          true,
          'string',
        ]);
      }
    }
  });
});
