import { request } from 'node:http';
import { createServer, Server } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer } from '../../server/demo-odoo';
import { executeKw, faultOf, rpc } from './raw-xmlrpc';

let demo: DemoOdooServer;
const acme = { db: 'acme', uid: 6, secret: 'demo-secret-acme' };

beforeAll(async () => {
  demo = await startDemoOdoo({ port: 0, today: new Date('2025-06-15T09:00:00Z') });
});
afterAll(() => demo.close());
afterEach(() => demo.clearFaults());

async function control(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${demo.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

describe('control API', () => {
  it('PUT /_control/faults adds a fault, replaces it per db and model, DELETE clears all', async () => {
    expect((await control('PUT', '/_control/faults', { db: 'acme', model: 'crm.lead', kind: 'latency', latencyMs: 1 })).status).toBe(200);
    const put = await control('PUT', '/_control/faults', { db: 'acme', model: 'crm.lead', kind: 'missing' });
    expect(put.json).toEqual([{ db: 'acme', model: 'crm.lead', kind: 'missing' }]);
    expect((await faultOf(executeKw(demo.url, acme, 'crm.lead', 'search_count', [[]]))).faultCode).toBe(2);
    expect(await executeKw(demo.url, acme, 'crm.stage', 'search_count', [[]])).toBe(4);
    expect((await control('GET', '/_control/faults')).json).toHaveLength(1);
    expect((await control('DELETE', '/_control/faults')).json).toEqual([]);
    expect(await executeKw(demo.url, acme, 'crm.lead', 'search_count', [[]])).toBeGreaterThan(0);
  });

  it('refuses an invalid fault with 400', async () => {
    const r = await control('PUT', '/_control/faults', { db: 'acme', kind: 'explode' });
    expect(r.status).toBe(400);
    expect((r.json as { error: string }).error).toMatch(/kind must be one of/);
    expect((await control('PUT', '/_control/faults', { model: 'x', kind: 'hang' })).status).toBe(400);
  });

  it('GET /_control/calls counts by db, model and method; POST /_control/calls/reset empties it', async () => {
    await control('POST', '/_control/calls/reset');
    await rpc(demo.url, 'common', 'version', []);
    await rpc(demo.url, 'common', 'authenticate', ['acme', 'api@acme.example', 'demo-secret-acme', {}]);
    await executeKw(demo.url, acme, 'res.partner', 'search_read', [[]], { fields: ['name'], limit: 1 });
    await executeKw(demo.url, acme, 'res.partner', 'search_read', [[]], { fields: ['name'], limit: 1 });
    await fetch(`${demo.url}/json/2/res.partner/search_count`, {
      method: 'POST',
      headers: { 'X-Odoo-Database': 'umbrella', Authorization: 'bearer demo-secret-umbrella' },
      body: '{"domain": []}',
    });
    expect((await control('GET', '/_control/calls')).json).toEqual({
      '*': { common: { version: 1 } },
      acme: { common: { authenticate: 1 }, 'res.partner': { search_read: 2 } },
      umbrella: { 'res.partner': { search_count: 1 } },
    });
    expect(demo.calls()).toEqual((await control('GET', '/_control/calls')).json);
    await control('POST', '/_control/calls/reset');
    expect((await control('GET', '/_control/calls')).json).toEqual({});
  });

  it('PATCH /_control/records changes a record and the next call sees it', async () => {
    const [lead] = demo.records('acme', 'crm.lead').filter((l) => l.active && l.stage_id !== 4);
    const r = await control('PATCH', '/_control/records', { db: 'acme', model: 'crm.lead', id: lead.id, values: { stage_id: 4, probability: 100 } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ id: lead.id, stage_id: 4, probability: 100 });
    const [row] = (await executeKw(demo.url, acme, 'crm.lead', 'read', [[lead.id], ['stage_id', 'probability']])) as Array<{ stage_id: [number, string] }>;
    expect(row.stage_id).toEqual([4, 'Won']);
    const raw = (await control('GET', '/_control/records?db=acme&model=crm.lead')).json as Array<{ id: number; probability: number }>;
    expect(raw.find((x) => x.id === lead.id)?.probability).toBe(100);
  });

  it('setting qty_available on a product moves its stock', async () => {
    await control('PATCH', '/_control/records', { db: 'globex', model: 'product.product', id: 3, values: { qty_available: 1234 } });
    const [row] = (await executeKw(demo.url, { db: 'globex', uid: 6, secret: 'demo-secret-globex' }, 'product.product', 'read', [
      [3],
      ['qty_available'],
    ])) as Array<{ qty_available: number }>;
    expect(row.qty_available).toBe(1234);
  });

  it('records() evaluates computed fields in the context it is given', () => {
    // The East Depot's stock location is 10: its quants alone make the product quantities there.
    const east = new Map<number, number>();
    for (const q of demo.records('acme', 'stock.quant'))
      if (q.location_id === 10) east.set(q.product_id as number, (east.get(q.product_id as number) ?? 0) + (q.quantity as number));
    const products = demo.records('acme', 'product.product', { location: 10 });
    expect(east.size).toBeGreaterThan(0);
    for (const p of products) expect([p.id, p.qty_available]).toEqual([p.id, east.get(p.id) ?? 0]);
    const everywhere = demo.records('acme', 'product.product');
    expect(everywhere.some((p) => p.qty_available !== products.find((x) => x.id === p.id)?.qty_available)).toBe(true);
  });

  it('404 for an unknown database, model or record; 400 for an unknown field', async () => {
    expect((await control('PATCH', '/_control/records', { db: 'acme', model: 'crm.lead', id: 999999, values: { name: 'x' } })).status).toBe(404);
    expect((await control('GET', '/_control/records?db=nope&model=crm.lead')).status).toBe(404);
    expect((await control('GET', '/_control/records?db=globex&model=helpdesk.ticket')).status).toBe(404);
    expect((await control('PATCH', '/_control/records', { db: 'acme', model: 'crm.lead', id: 1, values: { nope: 1 } })).status).toBe(400);
  });
});

describe('control API from a non-loopback peer', () => {
  let dir: string;
  let bridge: Server;
  let socketPath: string;

  beforeAll(async () => {
    // A unix-socket peer has no IP address: it stands in for a remote client without leaving the machine.
    dir = mkdtempSync(join(tmpdir(), 'demo-odoo-'));
    socketPath = join(dir, 'peer.sock');
    bridge = createServer((socket) => demo.httpServer.emit('connection', socket));
    await new Promise<void>((resolve) => bridge.listen(socketPath, resolve));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => bridge.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  const viaPeer = (method: string, path: string, body?: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ socketPath, path, method, headers: { 'Content-Type': 'text/xml' } }, (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
      });
      req.on('error', reject);
      req.end(body);
    });

  it('answers 404 to the control API but still serves XML-RPC', async () => {
    expect((await viaPeer('GET', '/_control/calls')).status).toBe(404);
    expect((await viaPeer('PUT', '/_control/faults', JSON.stringify({ db: 'acme', kind: 'hang' }))).status).toBe(404);
    expect(demo.faults()).toEqual([]);
    const version = await viaPeer('POST', '/xmlrpc/2/common', '<methodCall><methodName>version</methodName></methodCall>');
    expect(version.status).toBe(200);
    expect(version.body).toContain('<name>server_version</name>');
  });
});
