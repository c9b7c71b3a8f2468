import { request } from 'node:http';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo';
import { decodeResponse, executeKw, faultOf, methodCall, post, rpc } from './raw-xmlrpc';

let demo: DemoOdooServer;
const acme = { db: 'acme', uid: 6, secret: 'demo-secret-acme' };
const countCall = methodCall('execute_kw', ['acme', 6, 'demo-secret-acme', 'res.partner', 'search_count', [[]]]);

beforeAll(async () => {
  demo = await startDemoOdoo({ port: 0, today: new Date('2025-06-15T09:00:00Z'), faults: [{ db: 'initech', model: 'crm.lead', kind: 'missing' }] });
});
afterAll(() => demo.close());
afterEach(() => {
  demo.clearFaults();
  demo.resetCalls();
});

/** Sends one request and reports how it ended, with every body chunk as it arrived. */
function exchange(path: string, body: string, timeoutMs: number, headers: Record<string, string> = {}) {
  return new Promise<{ outcome: 'response'; status: number; type: string; chunks: Buffer[] } | { outcome: 'timeout' | 'error'; code?: string }>((resolve) => {
    const req = request(
      `${demo.url}${path}`,
      { method: 'POST', headers: { 'Content-Type': 'text/xml', ...headers }, signal: AbortSignal.timeout(timeoutMs) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ outcome: 'response', status: res.statusCode ?? 0, type: String(res.headers['content-type']), chunks }));
        res.on('error', (e: NodeJS.ErrnoException) => resolve({ outcome: e.name === 'AbortError' ? 'timeout' : 'error', code: e.code }));
      },
    );
    req.on('error', (e: NodeJS.ErrnoException) =>
      resolve({ outcome: e.name === 'AbortError' || e.name === 'TimeoutError' ? 'timeout' : 'error', code: e.code }),
    );
    req.end(body);
  });
}

describe('fault injection', () => {
  it('faults given at start-up apply', async () => {
    expect((await faultOf(executeKw(demo.url, { db: 'initech', uid: 6, secret: 'demo-secret-initech' }, 'crm.lead', 'search', [[]]))).faultCode).toBe(2);
  });

  it('latency delays only the faulted model past a short client timeout', async () => {
    demo.setFault({ db: 'acme', model: 'res.partner', kind: 'latency', latencyMs: 30_000 });
    expect((await exchange('/xmlrpc/2/object', countCall, 300)).outcome).toBe('timeout');
    expect(await executeKw(demo.url, acme, 'crm.stage', 'search_count', [[]])).toBe(4);
    demo.setFault({ db: 'acme', model: 'res.partner', kind: 'latency', latencyMs: 0, jitterMs: 5 });
    expect(await executeKw(demo.url, acme, 'res.partner', 'search_count', [[]])).toBeGreaterThan(0);
  });

  it('hang accepts the call, counts it and never answers', async () => {
    demo.setFault({ db: 'acme', kind: 'hang' });
    expect((await exchange('/xmlrpc/2/object', countCall, 300)).outcome).toBe('timeout');
    expect(demo.calls().acme?.['res.partner']?.search_count).toBe(1);
    // Common calls are not object calls: authenticate still answers.
    expect(await rpc(demo.url, 'common', 'authenticate', ['acme', 'api@acme.example', 'demo-secret-acme', {}])).toBe(6);
  });

  it('missing turns a model into fault 2 on XML-RPC and 404 on JSON-2', async () => {
    demo.setFault({ db: 'umbrella', model: 'helpdesk.ticket', kind: 'missing' });
    const f = await faultOf(executeKw(demo.url, { db: 'umbrella', uid: 6, secret: 'demo-secret-umbrella' }, 'helpdesk.ticket', 'search_count', [[]]));
    expect(f.faultString).toBe("Object helpdesk.ticket doesn't exist");
    const res = await fetch(`${demo.url}/json/2/helpdesk.ticket/search_count`, {
      method: 'POST',
      headers: { 'X-Odoo-Database': 'umbrella', Authorization: 'bearer demo-secret-umbrella' },
      body: '{"domain": []}',
    });
    expect(res.status).toBe(404);
  });

  it('auth on a whole database refuses authenticate, execute_kw and JSON-2', async () => {
    demo.setFault({ db: 'umbrella', kind: 'auth' });
    expect(await rpc(demo.url, 'common', 'authenticate', ['umbrella', 'api@umbrella.example', 'demo-secret-umbrella', {}])).toBe(false);
    expect((await faultOf(executeKw(demo.url, { db: 'umbrella', uid: 6, secret: 'demo-secret-umbrella' }, 'res.partner', 'search', [[]]))).faultCode).toBe(3);
    const res = await fetch(`${demo.url}/json/2/res.partner/search`, {
      method: 'POST',
      headers: { 'X-Odoo-Database': 'umbrella', Authorization: 'bearer demo-secret-umbrella' },
      body: '{"domain": []}',
    });
    expect(res.status).toBe(401);
  });

  it('auth on one model refuses only that model', async () => {
    demo.setFault({ db: 'acme', model: 'account.move', kind: 'auth' });
    expect(await rpc(demo.url, 'common', 'authenticate', ['acme', 'api@acme.example', 'demo-secret-acme', {}])).toBe(6);
    expect((await faultOf(executeKw(demo.url, acme, 'account.move', 'search_count', [[]]))).faultString).toBe('Access Denied');
    expect(await executeKw(demo.url, acme, 'crm.stage', 'search_count', [[]])).toBe(4);
  });

  it('http500 answers 500 with an HTML page', async () => {
    demo.setFault({ db: 'acme', kind: 'http500' });
    const r = await post(demo.url, 'xmlrpc/2/object', countCall);
    expect(r.status).toBe(500);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('Internal Server Error');
  });

  it("html answers 200 with a proxy's error page", async () => {
    demo.setFault({ db: 'acme', model: 'res.partner', kind: 'html' });
    const r = await post(demo.url, 'xmlrpc/2/object', countCall);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.body).toContain('<html>');
  });

  it('malformed answers 200 text/xml that does not parse', async () => {
    demo.setFault({ db: 'acme', kind: 'malformed' });
    const r = await post(demo.url, 'xmlrpc/2/object', countCall);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/xml/);
    expect(() => decodeResponse(r.body)).toThrow();
  });

  it('reset destroys the socket without an answer', async () => {
    demo.setFault({ db: 'acme', kind: 'reset' });
    const r = await exchange('/xmlrpc/2/object', countCall, 5000);
    expect(r.outcome).toBe('error');
    expect(['ECONNRESET', 'ERR_STREAM_PREMATURE_CLOSE']).toContain((r as { code?: string }).code);
  });

  it('huge sends a valid answer of exactly hugeBytes, streamed', async () => {
    demo.setFault({ db: 'acme', kind: 'huge', hugeBytes: 3_000_000 });
    const r = await exchange('/xmlrpc/2/object', countCall, 20_000);
    if (r.outcome !== 'response') throw new Error(`no response: ${r.outcome}`);
    const body = Buffer.concat(r.chunks);
    expect(body.length).toBe(3_000_000);
    expect(r.chunks.length).toBeGreaterThan(1);
    const decoded = decodeResponse(body.toString('utf8')) as { value: string[] };
    expect(decoded.value.length).toBeGreaterThan(10);
  });

  it('huge on JSON-2 is valid JSON of exactly hugeBytes', async () => {
    demo.setFault({ db: 'umbrella', model: 'res.partner', kind: 'huge', hugeBytes: 1_000_003 });
    const r = await exchange('/json/2/res.partner/search', '{"domain": []}', 20_000, {
      'X-Odoo-Database': 'umbrella',
      Authorization: 'bearer demo-secret-umbrella',
      'Content-Type': 'application/json',
    });
    if (r.outcome !== 'response') throw new Error(`no response: ${r.outcome}`);
    const body = Buffer.concat(r.chunks);
    expect(body.length).toBe(1_000_003);
    expect(Array.isArray(JSON.parse(body.toString('utf8')))).toBe(true);
  });

  it('drip sends the real answer a few bytes at a time', async () => {
    const normal = await executeKw(demo.url, acme, 'crm.stage', 'search_count', [[]]);
    demo.setFault({ db: 'acme', model: 'crm.stage', kind: 'drip' });
    const dripCall = methodCall('execute_kw', ['acme', 6, 'demo-secret-acme', 'crm.stage', 'search_count', [[]]]);
    const r = await exchange('/xmlrpc/2/object', dripCall, 30_000);
    if (r.outcome !== 'response') throw new Error(`no response: ${r.outcome}`);
    expect(r.chunks.length).toBeGreaterThan(5);
    expect(Math.max(...r.chunks.map((c) => c.length))).toBeLessThanOrEqual(8);
    expect(decodeResponse(Buffer.concat(r.chunks).toString('utf8'))).toEqual({ value: normal });
  });

  it('a short client timeout gives up on a dripping answer', async () => {
    demo.setFault({ db: 'acme', kind: 'drip' });
    expect((await exchange('/xmlrpc/2/object', countCall, 400)).outcome).toBe('timeout');
  });
});
