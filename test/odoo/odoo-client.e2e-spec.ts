// The real Odoo client against the demo Odoo over real sockets: every method, every error family,
// login caching and back-off, transports, and the connection check.
import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { Test } from '@nestjs/testing';
import { AppConfigModule } from '../../server/config/app-config.module';
import { startDemoOdoo, type DemoOdooServer, type DemoRecord } from '../../server/demo-odoo';
import type { OdooCall } from '../../server/odoo/odoo-call';
import type { OdooCallOutcome } from '../../server/odoo/odoo-call-observer';
import { OdooCallObserver } from '../../server/odoo/odoo-call-observer';
import { checkOdooConnection } from '../../server/odoo/odoo-check';
import { OdooClient } from '../../server/odoo/odoo-client';
import { OdooConnectionResolver } from '../../server/odoo/odoo-connection.resolver';
import { OdooError } from '../../server/odoo/odoo-errors';
import { OdooModule } from '../../server/odoo/odoo.module';
import { RpcOdooClient } from '../../server/odoo/rpc-odoo-client';
import { connection, eventually, odooTestConfig } from './odoo-test-support';

const TODAY = new Date('2025-03-14T12:00:00Z');

let demo: DemoOdooServer;
const clients: RpcOdooClient[] = [];

function newClient(odoo: Parameters<typeof odooTestConfig>[0] = {}, observer?: OdooCallObserver): RpcOdooClient {
  const client = new RpcOdooClient(odooTestConfig({ timeoutMs: 5000, ...odoo }), observer);
  clients.push(client);
  return client;
}

/** Demo call counts for one database/model/method (0 when never called). */
function count(db: string, model: string, method: string): number {
  return demo.calls()[db]?.[model]?.[method] ?? 0;
}

async function failure(promise: Promise<unknown>): Promise<OdooError> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(OdooError);
    return e as OdooError;
  }
  throw new Error('expected the call to fail');
}

const visible = (records: DemoRecord[]) => records.filter((r) => r.active !== false);
const nameOf = (db: string, model: string, id: unknown) => demo.records(db, model).find((r) => r.id === id)?.display_name;

beforeAll(async () => {
  demo = await startDemoOdoo({ today: TODAY });
});
afterAll(async () => {
  await demo.close();
});
beforeEach(() => {
  demo.clearFaults();
  demo.resetCalls();
});
afterEach(() => {
  for (const c of clients.splice(0)) c.onApplicationShutdown();
});

describe('reading', () => {
  it('reads the version of every database, with edition', async () => {
    const client = newClient();
    const got = await Promise.all(demo.databases.map((d) => client.version(connection(demo.url, d.name))));
    expect(got.map((v) => [v.major, v.edition])).toEqual(demo.databases.map((d) => [d.version, d.edition]));
    expect(got[0].serverVersion).toMatch(/^17\.0\+e/);
  });

  it('counts records the way Odoo does (archived ones hidden)', async () => {
    const conn = connection(demo.url, 'acme');
    const leads = demo.records('acme', 'crm.lead');
    const client = newClient();
    expect(await client.searchCount(conn, 'crm.lead', [])).toBe(visible(leads).length);
    const stage = leads[0].stage_id;
    expect(await client.searchCount(conn, 'crm.lead', [['stage_id', '=', stage]])).toBe(visible(leads).filter((r) => r.stage_id === stage).length);
  });

  it('search_reads plain data: many2one as {id, name}, empty as null', async () => {
    const conn = connection(demo.url, 'acme');
    const raw = visible(demo.records('acme', 'crm.lead')).slice(0, 8);
    const rows = await newClient().searchRead(conn, 'crm.lead', [['id', 'in', raw.map((r) => r.id)]], {
      fields: ['name', 'partner_id', 'date_deadline', 'expected_revenue', 'active'],
      order: 'id',
    });
    expect(rows).toEqual(
      raw.map((r) => ({
        id: r.id,
        name: r.name,
        partner_id: r.partner_id === null ? null : { id: r.partner_id, name: nameOf('acme', 'res.partner', r.partner_id) },
        date_deadline: r.date_deadline,
        expected_revenue: r.expected_revenue,
        active: true,
      })),
    );
    expect(rows.some((r) => r.partner_id === null) || rows.some((r) => r.date_deadline === null)).toBe(true);
  });

  it('honours order, limit and offset', async () => {
    const conn = connection(demo.url, 'acme');
    const ids = visible(demo.records('acme', 'crm.lead'))
      .map((r) => r.id)
      .sort((a, b) => b - a);
    const rows = await newClient().searchRead(conn, 'crm.lead', [], { fields: ['name'], order: 'id desc', limit: 3, offset: 2 });
    expect(rows.map((r) => r.id)).toEqual(ids.slice(2, 5));
  });

  it('reads by id and keeps false for boolean fields', async () => {
    const conn = connection(demo.url, 'acme');
    const stages = demo.records('acme', 'crm.stage');
    const rows = await newClient().read(
      conn,
      'crm.stage',
      stages.map((s) => s.id),
      ['name', 'is_won', 'fold'],
    );
    expect(rows).toEqual(stages.map((s) => ({ id: s.id, name: s.name, is_won: s.is_won, fold: s.fold })));
    expect(rows.some((r) => r.is_won === false)).toBe(true);
  });

  it('reads nothing for no ids, without a call', async () => {
    expect(await newClient().read(connection(demo.url, 'acme'), 'crm.stage', [], ['name'])).toEqual([]);
    expect(demo.calls()).toEqual({});
  });

  it('searches ids', async () => {
    const conn = connection(demo.url, 'acme');
    const expected = visible(demo.records('acme', 'project.task'))
      .map((r) => r.id)
      .sort((a, b) => a - b);
    expect(await newClient().search(conn, 'project.task', [], { order: 'id' })).toEqual(expected);
  });

  it('gets field metadata and caches it per connection', async () => {
    const conn = connection(demo.url, 'acme');
    const client = newClient();
    const fields = await client.fieldsGet(conn, 'crm.lead', ['type', 'relation']);
    expect(fields.partner_id).toMatchObject({ type: 'many2one', relation: 'res.partner' });
    expect(fields.active.type).toBe('boolean');
    await client.fieldsGet(conn, 'crm.lead', ['relation', 'type']);
    expect(count('acme', 'crm.lead', 'fields_get')).toBe(1);
  });

  it('reads the same data over JSON-2 and XML-RPC on Odoo 19', async () => {
    const client = newClient();
    const json2 = connection(demo.url, 'umbrella', { transport: 'json2' });
    const xmlrpc = connection(demo.url, 'umbrella', { transport: 'xmlrpc' });
    const read = async (conn: typeof json2) => ({
      version: await client.version(conn),
      tasks: await client.searchRead(conn, 'project.task', [['state', 'not in', ['1_done', '1_canceled']]], {
        fields: ['name', 'project_id', 'user_ids', 'date_deadline', 'stage_id', 'priority'],
        order: 'id',
        limit: 40,
      }),
      invoices: await client.read(conn, 'account.move', [1, 2, 3, 4, 5], ['name', 'partner_id', 'amount_total', 'payment_state', 'invoice_date_due']),
      count: await client.searchCount(conn, 'helpdesk.ticket', [['stage_id.fold', '=', false]]),
      ids: await client.search(conn, 'product.product', [['is_storable', '=', true]], { order: 'id', limit: 10 }),
      fields: await client.fieldsGet(conn, 'account.move', ['type', 'string', 'selection']),
    });
    const [viaJson2, viaXmlRpc] = [await read(json2), await read(xmlrpc)];
    expect(viaJson2).toEqual(viaXmlRpc);
    expect(viaJson2.tasks.length).toBeGreaterThan(0);
    expect(await client.transportFor(json2)).toBe('json2');
    expect(count('umbrella', 'common', 'authenticate')).toBe(1); // the XML-RPC connection only
  });

  it('picks JSON-2 automatically on Odoo 19 with an API key, XML-RPC below', async () => {
    const client = newClient();
    expect(await client.transportFor(connection(demo.url, 'umbrella', { transport: 'auto' }))).toBe('json2');
    expect(await client.transportFor(connection(demo.url, 'acme', { transport: 'auto' }))).toBe('xmlrpc');
    await client.searchCount(connection(demo.url, 'umbrella', { transport: 'auto' }), 'crm.lead', []);
    expect(count('umbrella', 'common', 'authenticate')).toBe(0);
  });

  it('falls back to XML-RPC in auto mode when the secret is a password (Odoo 19)', async () => {
    const client = newClient();
    const conn = connection(demo.url, 'umbrella', { transport: 'auto', secret: 'demo-password-umbrella' });
    const withKey = connection(demo.url, 'umbrella', { transport: 'json2' });
    expect(await client.searchCount(conn, 'crm.lead', [])).toBe(await client.searchCount(withKey, 'crm.lead', []));
    expect(await client.transportFor(conn)).toBe('xmlrpc');
    await client.searchCount(conn, 'crm.lead', []);
    expect(count('umbrella', 'common', 'authenticate')).toBe(1);
  });

  it('sends the companies and fails with access-denied for one the user may not see', async () => {
    const client = newClient();
    expect(await client.searchCount(connection(demo.url, 'acme', { companyIds: [1] }), 'crm.lead', [])).toBeGreaterThan(0);
    const error = await failure(client.searchCount(connection(demo.url, 'acme', { companyIds: [999] }), 'crm.lead', []));
    expect(error.code).toBe('access-denied');
    const viaJson2 = await failure(client.searchCount(connection(demo.url, 'umbrella', { transport: 'json2', companyIds: [999] }), 'crm.lead', []));
    expect(viaJson2.code).toBe('access-denied');
  });
});

describe('logins', () => {
  it('authenticates once for many concurrent first calls', async () => {
    const client = newClient();
    const conn = connection(demo.url, 'acme');
    const counts = await Promise.all(Array.from({ length: 25 }, () => client.searchCount(conn, 'project.task', [])));
    expect(new Set(counts).size).toBe(1);
    expect(count('acme', 'common', 'authenticate')).toBe(1);
    expect(count('acme', 'project.task', 'search_count')).toBe(25);
  });

  it('keeps the uid per connection key, and forget() drops it', async () => {
    const client = newClient();
    const conn = connection(demo.url, 'acme');
    await client.searchCount(conn, 'crm.lead', []);
    await client.searchCount(conn, 'crm.lead', []);
    expect(count('acme', 'common', 'authenticate')).toBe(1);
    client.forget(conn.key);
    await client.searchCount(conn, 'crm.lead', []);
    expect(count('acme', 'common', 'authenticate')).toBe(2);
  });

  it('answers auth-failed for a bad secret, with at most 2 logins per back-off window however many requests', async () => {
    const client = newClient({ authBackoffMs: 60_000 });
    const conn = connection(demo.url, 'acme', { secret: 'wrong' });
    const concurrent = await Promise.all(Array.from({ length: 20 }, () => failure(client.searchCount(conn, 'crm.lead', []))));
    for (let i = 0; i < 20; i++) concurrent.push(await failure(client.searchRead(conn, 'crm.lead', [], { fields: ['name'] })));
    expect(new Set(concurrent.map((e) => `${e.code}: ${e.message}`))).toEqual(new Set(['auth-failed: Odoo authentication failed']));
    expect(count('acme', 'common', 'authenticate')).toBeLessThanOrEqual(2);
    expect(count('acme', 'crm.lead', 'search_count')).toBe(0);
  });

  it('logs in again once when the secret is revoked, then backs off, then recovers', async () => {
    const client = newClient({ authBackoffMs: 200 });
    const conn = connection(demo.url, 'acme');
    await client.searchCount(conn, 'crm.lead', []);
    demo.setFault({ db: 'acme', kind: 'auth' }); // the key no longer works, for calls and logins
    const errors = await Promise.all(Array.from({ length: 10 }, () => failure(client.searchCount(conn, 'crm.lead', []))));
    expect(errors.every((e) => e.code === 'auth-failed')).toBe(true);
    expect(count('acme', 'common', 'authenticate')).toBe(2); // the first login and one retry
    await failure(client.searchCount(conn, 'crm.lead', []));
    expect(count('acme', 'crm.lead', 'search_count')).toBe(11); // nothing sent while backing off

    demo.clearFaults();
    await new Promise((r) => setTimeout(r, 250)); // let the back-off window pass
    expect(await client.searchCount(conn, 'crm.lead', [])).toBeGreaterThan(0);
    expect(count('acme', 'common', 'authenticate')).toBe(3);
  });

  it('retries a call once after a fresh login when only the call was refused', async () => {
    const client = newClient({ authBackoffMs: 60_000 });
    const conn = connection(demo.url, 'acme');
    await client.searchCount(conn, 'crm.lead', []);
    demo.setFault({ db: 'acme', model: 'crm.lead', kind: 'auth' }); // logins still work
    expect((await failure(client.searchCount(conn, 'crm.lead', []))).code).toBe('auth-failed');
    expect(count('acme', 'common', 'authenticate')).toBe(2);
    expect(count('acme', 'crm.lead', 'search_count')).toBe(3);
    expect((await failure(client.searchCount(conn, 'project.task', []))).code).toBe('auth-failed');
    expect(count('acme', 'project.task', 'search_count')).toBe(0);
  });

  it('answers auth-failed for a password over forced JSON-2, then backs off', async () => {
    const client = newClient({ authBackoffMs: 60_000 });
    const conn = connection(demo.url, 'umbrella', { transport: 'json2', secret: 'demo-password-umbrella' });
    expect((await failure(client.searchCount(conn, 'crm.lead', []))).code).toBe('auth-failed');
    expect((await failure(client.searchCount(conn, 'crm.lead', []))).code).toBe('auth-failed');
    expect(count('umbrella', 'crm.lead', 'search_count')).toBe(1);
  });
});

describe('failures', () => {
  it('maps a model that is not installed to module-missing, on both transports', async () => {
    const client = newClient();
    const xml = await failure(client.searchCount(connection(demo.url, 'globex'), 'helpdesk.ticket', []));
    expect([xml.code, xml.message, xml.isModuleMissing]).toEqual(['module-missing', 'Model helpdesk.ticket not found', true]);
    demo.setFault({ db: 'umbrella', model: 'crm.lead', kind: 'missing' });
    const json = await failure(client.searchRead(connection(demo.url, 'umbrella', { transport: 'json2' }), 'crm.lead', [], { fields: ['name'] }));
    expect([json.code, json.message]).toEqual(['module-missing', 'Model crm.lead not found']);
  });

  it('maps an unknown field to odoo-error and drops the cached field metadata', async () => {
    const client = newClient();
    const conn = connection(demo.url, 'acme');
    await client.searchRead(conn, 'crm.lead', [], { fields: ['name'], limit: 1 });
    const error = await failure(client.searchRead(conn, 'crm.lead', [], { fields: ['no_such_field'] }));
    expect(error.code).toBe('odoo-error');
    expect(error.message).toContain("Invalid field 'no_such_field'");
    await client.searchRead(conn, 'crm.lead', [], { fields: ['name'], limit: 1 });
    expect(count('acme', 'crm.lead', 'fields_get')).toBe(2);
  });

  it.each([
    ['html', 'xmlrpc', 'HTML'],
    ['http500', 'xmlrpc', 'HTTP 500'],
    ['malformed', 'xmlrpc', 'not valid XML-RPC'],
    ['html', 'json2', 'HTML'],
    ['http500', 'json2', 'HTTP 500'],
    ['malformed', 'json2', 'not valid JSON'],
  ] as const)('answers bad-response to a %s fault over %s', async (kind, transport, fragment) => {
    const db = transport === 'json2' ? 'umbrella' : 'acme';
    const client = newClient();
    const conn = connection(demo.url, db, { transport });
    await client.version(conn);
    demo.setFault({ db, kind });
    const error = await failure(client.searchCount(conn, 'crm.lead', []));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain(fragment);
  });

  it('cuts off a response over the size cap', async () => {
    const client = newClient({ maxResponseBytes: 256 * 1024 });
    for (const [db, transport] of [
      ['acme', 'xmlrpc'],
      ['umbrella', 'json2'],
    ] as const) {
      const conn = connection(demo.url, db, { transport });
      await client.version(conn);
      demo.setFault({ db, kind: 'huge', hugeBytes: 4 * 1024 * 1024 });
      const error = await failure(client.searchRead(conn, 'crm.lead', [], { fields: ['name'] }));
      expect([error.code, error.message]).toEqual(['bad-response', 'Odoo response too large (over 262144 bytes)']);
    }
  });

  it('accepts a large response under the cap', async () => {
    const client = newClient({ maxResponseBytes: 8 * 1024 * 1024 });
    const conn = connection(demo.url, 'acme');
    await client.version(conn);
    demo.setFault({ db: 'acme', model: 'res.partner', kind: 'huge', hugeBytes: 1024 * 1024 });
    const rows = await client.search(conn, 'res.partner', []);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('answers timeout for a server that never answers, or answers too slowly', async () => {
    const client = newClient({ timeoutMs: 300 });
    const conn = connection(demo.url, 'acme');
    await client.searchCount(conn, 'crm.lead', []);
    demo.setFault({ db: 'acme', kind: 'hang' });
    expect((await failure(client.searchCount(conn, 'crm.lead', []))).code).toBe('timeout');
    demo.setFault({ db: 'acme', kind: 'drip' });
    expect((await failure(client.searchRead(conn, 'crm.lead', [], { fields: ['name'] }))).code).toBe('timeout');
  });

  it('closes the socket of an aborted call (seen by the server)', async () => {
    const server = (demo as DemoOdooServer & { httpServer: Server }).httpServer;
    const closed: Socket[] = [];
    const track = (socket: Socket) => socket.once('close', () => closed.push(socket));
    server.on('connection', track);
    try {
      const client = newClient();
      const conn = connection(demo.url, 'acme');
      await client.searchCount(conn, 'crm.lead', []);
      demo.setFault({ db: 'acme', kind: 'hang' });
      const controller = new AbortController();
      const call = failure(client.searchCount(conn, 'crm.lead', [], { signal: controller.signal }));
      await eventually(() => count('acme', 'crm.lead', 'search_count') === 2);
      expect(closed).toHaveLength(0);
      controller.abort();
      expect((await call).code).toBe('timeout');
      await eventually(() => closed.length === 1);
    } finally {
      server.off('connection', track);
    }
  });

  it('answers network when the server resets the connection', async () => {
    const client = newClient();
    const conn = connection(demo.url, 'acme');
    await client.version(conn);
    demo.setFault({ db: 'acme', kind: 'reset' });
    expect(await failure(client.searchCount(conn, 'crm.lead', []))).toMatchObject({ code: 'network', message: 'Network error: ECONNRESET' });
  });

  it('still works after a slow answer under the timeout', async () => {
    const client = newClient({ timeoutMs: 3000 });
    demo.setFault({ db: 'acme', kind: 'latency', latencyMs: 50 });
    expect(await client.searchCount(connection(demo.url, 'acme'), 'crm.lead', [])).toBeGreaterThan(0);
  });

  it('never sends a write, and sends nothing at all when one is attempted', async () => {
    const client = newClient();
    const conn = connection(demo.url, 'acme');
    const execute = (client as unknown as { execute(c: unknown, call: OdooCall): Promise<unknown> }).execute.bind(client);
    for (const method of ['write', 'create', 'unlink', 'action_post']) {
      const error = await failure(execute(conn, { model: 'crm.lead', method, ids: [1], kwargs: {} } as unknown as OdooCall));
      expect(error.message).toContain('read-only');
    }
    expect(demo.calls()).toEqual({});
    expect(Object.getOwnPropertyNames(RpcOdooClient.prototype).filter((m) => /write|create|unlink|update/i.test(m))).toEqual([]);
  });
});

describe('observer', () => {
  it('hears every call with its model, method and outcome', async () => {
    const heard: Array<[string, string, OdooCallOutcome]> = [];
    const observer = new (class extends OdooCallObserver {
      onCall(model: string, method: string, outcome: OdooCallOutcome, durationMs: number) {
        expect(durationMs).toBeGreaterThanOrEqual(0);
        heard.push([model, method, outcome]);
      }
    })();
    const client = newClient({}, observer);
    await client.searchCount(connection(demo.url, 'acme', { transport: 'auto' }), 'crm.lead', []);
    await failure(client.searchCount(connection(demo.url, 'globex', { transport: 'xmlrpc' }), 'helpdesk.ticket', []));
    expect(heard).toEqual([
      ['common', 'version', 'ok'],
      ['common', 'authenticate', 'ok'],
      ['crm.lead', 'search_count', 'ok'],
      ['common', 'authenticate', 'ok'],
      ['helpdesk.ticket', 'search_count', 'module-missing'],
    ]);
  });
});

describe('connection check', () => {
  it('reports an Enterprise 17 with every app as ok', async () => {
    const report = await checkOdooConnection(newClient(), connection(demo.url, 'acme'));
    expect(report).toMatchObject({ verdict: 'ok', transport: 'xmlrpc', version: { major: 17, edition: 'enterprise' }, problems: [] });
    expect(report.models.map((m) => [m.model, m.available, m.count])).toEqual(
      ['account.move', 'crm.lead', 'project.task', 'helpdesk.ticket', 'product.product'].map((model) => [
        model,
        true,
        visible(demo.records('acme', model)).length,
      ]),
    );
  });

  it('reports Helpdesk missing on a Community database', async () => {
    const report = await checkOdooConnection(newClient(), connection(demo.url, 'globex'));
    expect(report.verdict).toBe('degraded');
    expect(report.problems).toEqual([expect.objectContaining({ code: 'module-missing', model: 'helpdesk.ticket' })]);
  });

  it('asks for an API key when Odoo 19 is reached with a password', async () => {
    const report = await checkOdooConnection(newClient(), connection(demo.url, 'umbrella', { transport: 'auto', secret: 'demo-password-umbrella' }));
    expect(report.transport).toBe('xmlrpc');
    expect(report.problems.map((p) => p.code)).toEqual(['api-key-needed']);
  });

  it('fails on bad credentials without hammering logins', async () => {
    const report = await checkOdooConnection(newClient(), connection(demo.url, 'acme', { secret: 'nope' }));
    expect(report.verdict).toBe('failed');
    expect(report.problems[0].code).toBe('auth-failed');
    expect(count('acme', 'common', 'authenticate')).toBe(1);
  });

  it('fails on a proxy error page with a hint about the proxy', async () => {
    demo.setFault({ db: 'acme', kind: 'html' });
    const report = await checkOdooConnection(newClient(), connection(demo.url, 'acme'));
    expect(report.verdict).toBe('failed');
    expect(report.problems[0].code).toBe('bad-response');
    expect(report.problems[0].hint).toContain('proxy');
  });
});

describe('OdooModule', () => {
  it('provides the RPC client and the resolver, wired to the demo Odoo', async () => {
    const config = odooTestConfig({ demoMode: true });
    const moduleRef = await Test.createTestingModule({
      imports: [AppConfigModule.forRoot(config, { databaseUrl: 'postgresql://unused.invalid/none', demoOdooUrl: demo.url }), OdooModule],
    }).compile();
    try {
      const client = moduleRef.get(OdooClient);
      const resolver = moduleRef.get(OdooConnectionResolver);
      expect(client).toBeInstanceOf(RpcOdooClient);
      const conn = resolver.resolve({
        tenantId: 't',
        lang: 'en_US',
        odoo: { url: null, database: 'initech', login: null, secret: null, transport: 'auto', companyIds: null, publicUrl: null },
      });
      expect((await client.version(conn)).major).toBe(16);
      expect(await client.searchCount(conn, 'crm.lead', [])).toBe(visible(demo.records('initech', 'crm.lead')).length);
    } finally {
      await moduleRef.close();
    }
  });
});
