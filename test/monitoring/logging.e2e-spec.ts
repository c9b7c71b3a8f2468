import { PassThrough } from 'node:stream';
import request from 'supertest';
import { startTestApp, type TestApp } from '../support/app-fixture';

// Structured logs: every line logged while serving a request carries that request's id, so one
// request can be followed through the log; every route but the polling endpoint writes an access line.
describe('Request logging', () => {
  let app: TestApp;
  const lines: Array<Record<string, unknown>> = [];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
    });
    app = await startTestApp({ logStream: stream, env: { LOG_LEVEL: 'info' } });
  });
  afterAll(() => app.close());

  it('ties the cache-miss and section lines of a company view request to its request id', async () => {
    const user = await app.newSignedInUser();
    const tenantId = await app.createTenant({ odooDatabase: 'globex' });
    await app.addMember(user.userId, tenantId);
    lines.length = 0;
    await request(app.url).get('/api/company-view').set({ cookie: user.cookie, 'x-tenant-id': tenantId, 'x-request-id': 'trace-me-42' }).expect(200);
    await new Promise((r) => setTimeout(r, 100));

    expect(lines.filter((l) => l.msg === 'request completed')).toHaveLength(0);
    const id = 'trace-me-42'; // the caller's X-Request-Id is kept
    const miss = lines.find((l) => String(l.msg).startsWith(`Cache miss for tenant ${tenantId}`));
    const helpdesk = lines.find((l) => String(l.msg).startsWith('Helpdesk section error'));
    expect(miss?.req).toMatchObject({ id });
    expect(helpdesk).toMatchObject({ tenantId, section: 'helpdesk', kind: 'module-missing', req: { id } });
    expect(JSON.stringify(lines)).not.toContain(user.cookie.split('=')[1].split(';')[0]);
  });

  it('writes one access line with the request id for other routes', async () => {
    const user = await app.newSignedInUser();
    lines.length = 0;
    await request(app.url).get('/api/tenants').set({ cookie: user.cookie, 'x-request-id': 'list-7' }).expect(200);
    await new Promise((r) => setTimeout(r, 100));
    // The sign-in's own access line may land after the reset above, so count this request's lines.
    const completed = lines.filter((l) => l.msg === 'request completed' && (l.req as { id?: string } | undefined)?.id === 'list-7');
    expect(completed).toHaveLength(1);
    expect(completed[0]).toMatchObject({ req: { id: 'list-7', method: 'GET', url: '/api/tenants' }, res: { statusCode: 200 } });
  });
});
