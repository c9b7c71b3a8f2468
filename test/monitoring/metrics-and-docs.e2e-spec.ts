import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app-fixture';

describe('Prometheus metrics', () => {
  let app: TestApp;
  let get: (headers?: Record<string, string>) => request.Test;

  beforeAll(async () => {
    app = await startTestApp({ env: { METRICS_TOKEN: 'scrape-token-0123456789' } });
    const user = await app.newSignedInUser();
    const tenantId = await app.createTenant({ odooDatabase: 'globex' });
    await app.addMember(user.userId, tenantId);
    get = (headers = {}) => request(app.url).get('/api/company-view').set({ cookie: user.cookie, 'x-tenant-id': tenantId, ...headers });
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
    await request(app.url).get('/api/monitoring/metrics').set({ 'x-forwarded-for': '203.0.113.9', authorization: 'Bearer scrape-token-0123456789' }).expect(200);
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
    expect(Object.keys(res.body)).toEqual(['error']);
    expect(res.text).not.toMatch(/\n\s+at /);
  });

  it('answers malformed JSON with 400 and a clean body', async () => {
    const user = await app.newSignedInUser();
    const res = await request(app.url).put('/api/tenants/current').set({ cookie: user.cookie, 'content-type': 'application/json' }).send('{"tenantId":');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body)).toEqual(['error']);
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
      ['post', '/api/auth/sign-in/email'],
      ['post', '/api/auth/sign-out'],
    ];
    for (const [method, path] of routes) expect(doc.paths[path]?.[method]).toBeDefined();
    expect(Object.keys(doc.paths['/api/company-view'].get.responses).sort()).toEqual(['200', '304', '400', '401', '403', '503']);
    expect(doc.paths['/api/tenants'].get.responses['401']).toBeDefined();
    expect(doc.components.schemas.CompanyViewResponse).toBeDefined();
    expect(doc.components.schemas.ApiErrorBody).toBeDefined();
    expect(JSON.stringify(doc)).not.toContain('#/definitions/');
  });
});
