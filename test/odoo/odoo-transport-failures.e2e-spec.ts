// Failures the demo Odoo cannot produce, each from a small node:http/node:net server that misbehaves in
// exactly one way, talking to the real client over real sockets.
import * as http from 'node:http';
import * as net from 'node:net';
import type { AddressInfo } from 'node:net';
import { HttpExchange } from '../../server/odoo/http-exchange';
import { Json2Transport } from '../../server/odoo/json2-transport';
import type { OdooCall } from '../../server/odoo/odoo-call';
import { OdooError } from '../../server/odoo/odoo-errors';
import { RpcOdooClient } from '../../server/odoo/rpc-odoo-client';
import { XmlRpcTransport } from '../../server/odoo/xmlrpc-transport';
import { connection, eventually, odooTestConfig, rawServer, xmlFault, xmlValue, type RawServer } from './odoo-test-support';

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const VERSION = xmlValue(
  '<struct><member><name>server_version</name><value><string>17.0+e-20240709</string></value></member>' +
    '<member><name>server_serie</name><value><string>17.0</string></value></member></struct>',
);

/** A tiny Odoo: answers version and authenticate, and lets the test decide what execute_kw does. */
function fakeOdoo(onExecute: Reply): Reply {
  return (req, res) => {
    const body = (req as http.IncomingMessage & { body?: string }).body ?? '';
    if (body.includes('<methodName>version</methodName>')) return void res.end(VERSION);
    if (body.includes('<methodName>authenticate</methodName>')) return void res.end(xmlValue('<int>2</int>'));
    onExecute(req, res);
  };
}

async function odooServer(onExecute: Reply): Promise<RawServer> {
  const server = await rawServer((req, res) => {
    (req as http.IncomingMessage & { body?: string }).body = server.bodies[server.bodies.length - 1];
    fakeOdoo(onExecute)(req, res);
  });
  return server;
}

function rejection(promise: Promise<unknown>): Promise<OdooError> {
  return promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(OdooError);
      return e as OdooError;
    },
  );
}

describe('Odoo client against misbehaving servers', () => {
  let server: RawServer | null = null;
  let client: RpcOdooClient;

  beforeEach(() => {
    client = new RpcOdooClient(odooTestConfig({ timeoutMs: 2000, maxResponseBytes: 64 * 1024 }));
  });
  afterEach(async () => {
    client.onApplicationShutdown();
    await server?.close();
    server = null;
  });

  it('destroys the socket of a call its caller aborts', async () => {
    let hungSocketClosed = false;
    server = await odooServer((req) => req.socket.on('close', () => (hungSocketClosed = true)));
    const conn = connection(server.url, 'acme');
    const controller = new AbortController();
    const call = rejection(client.searchCount(conn, 'crm.lead', [], { signal: controller.signal }));
    await eventually(() => server!.bodies.some((b) => b.includes('search_count')));
    controller.abort();
    const error = await call;
    expect(error.code).toBe('timeout');
    await eventually(() => hungSocketClosed);
  });

  it('gives up after the configured timeout and closes the socket', async () => {
    client = new RpcOdooClient(odooTestConfig({ timeoutMs: 300 }));
    let hungSocketClosed = false;
    server = await odooServer((req) => req.socket.on('close', () => (hungSocketClosed = true)));
    const error = await rejection(client.searchCount(connection(server.url, 'acme'), 'crm.lead', []));
    expect(error.code).toBe('timeout');
    await eventually(() => hungSocketClosed);
  });

  it('cuts off a response larger than the cap and closes the socket', async () => {
    let finished = false;
    let socketClosed = false;
    server = await odooServer((req, res) => {
      req.socket.on('close', () => (socketClosed = true));
      res.writeHead(200, { 'Content-Type': 'text/xml' });
      const chunk = '<!-- padding -->'.repeat(4096);
      let sent = 0;
      const pump = () => {
        while (sent < 200 && res.write(chunk)) sent += 1;
        if (sent >= 200) return void res.end(() => (finished = true));
        res.once('drain', pump);
      };
      res.on('error', () => undefined);
      pump();
    });
    const error = await rejection(client.searchCount(connection(server.url, 'acme'), 'crm.lead', []));
    expect([error.code, error.message]).toEqual(['bad-response', 'Odoo response too large (over 65536 bytes)']);
    await eventually(() => socketClosed);
    expect(finished).toBe(false);
  });

  it('refuses a response that announces a size over the cap without reading it', async () => {
    server = await odooServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/xml', 'Content-Length': String(10 * 1024 * 1024) });
      res.write('<?xml version="1.0"?>');
    });
    const error = await rejection(client.searchCount(connection(server.url, 'acme'), 'crm.lead', []));
    expect(error.code).toBe('bad-response');
  });

  it.each<[string, Reply, string]>([
    ['an HTML page with status 200', (_q, r) => r.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Login</body></html>'), 'HTML'],
    ['a 502 from a proxy', (_q, r) => r.writeHead(502, { 'Content-Type': 'text/html' }).end('<html>Bad Gateway</html>'), 'HTTP 502'],
    ['a 500 with plain text', (_q, r) => r.writeHead(500).end('Internal Server Error'), 'HTTP 500'],
    ['broken XML', (_q, r) => r.writeHead(200, { 'Content-Type': 'text/xml' }).end('<methodResponse><params><param><value><int>1'), 'not valid XML-RPC'],
    ['non-XML text', (_q, r) => r.writeHead(200).end('hello'), 'not valid XML-RPC'],
    ['a 404', (_q, r) => r.writeHead(404).end(), 'HTTP 404'],
  ])('answers bad-response to %s', async (_name, reply, fragment) => {
    server = await odooServer(reply);
    const error = await rejection(client.searchCount(connection(server.url, 'acme'), 'crm.lead', []));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain(fragment);
  });

  it('parses a fault even when it comes with an error status', async () => {
    server = await odooServer((_q, r) => r.writeHead(500, { 'Content-Type': 'text/xml' }).end(xmlFault(2, "Object crm.lead doesn't exist")));
    expect((await rejection(client.searchCount(connection(server.url, 'acme'), 'crm.lead', []))).code).toBe('module-missing');
  });

  it('answers network for a connection reset mid-call', async () => {
    server = await odooServer((req) => req.socket.destroy());
    const error = await rejection(client.searchCount(connection(server.url, 'acme'), 'crm.lead', []));
    expect([error.code, error.message]).toEqual(['network', 'Network error: ECONNRESET']);
  });

  it('answers network for a refused connection', async () => {
    const probe = net.createServer();
    await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((r) => probe.close(() => r()));
    const error = await rejection(client.version(connection(`http://127.0.0.1:${port}`, 'acme')));
    expect([error.code, error.message]).toEqual(['network', 'Network error: ECONNREFUSED']);
  });

  it('answers network for an unknown host', async () => {
    const error = await rejection(client.version(connection('http://odoo.does-not-exist.invalid', 'acme')));
    expect(error.code).toBe('network');
    expect(error.message).toMatch(/^Network error: (ENOTFOUND|EAI_AGAIN)$/);
  });

  it('answers network for a TLS failure', async () => {
    server = await odooServer((_q, r) => r.end());
    const error = await rejection(client.version(connection(server.url.replace('http:', 'https:'), 'acme')));
    expect(error.code).toBe('network');
    expect(error.message).toContain('TLS');
  });

  it('never puts the secret in an error, even when Odoo echoes it', async () => {
    const secret = 'echo-me-9f8e7d';
    server = await odooServer((_q, r) => r.end(xmlFault(1, `Traceback (most recent call last):\nValueError: bad credentials ${secret}`)));
    const error = await rejection(client.searchCount(connection(server.url, 'acme', { secret }), 'crm.lead', []));
    expect(error.code).toBe('odoo-error');
    const seen = `${error.message} ${error.stack} ${JSON.stringify(error.cause)}`;
    expect(seen).not.toContain(secret);
  });

  it('refuses any method outside the allow-list before a byte is sent, whatever the path', async () => {
    server = await odooServer((_q, r) => r.end(xmlValue('<boolean>1</boolean>')));
    const conn = connection(server.url, 'acme');
    const write = { model: 'crm.lead', method: 'write', ids: [1], kwargs: { vals: { name: 'x' } } } as unknown as OdooCall;
    const exchange = new HttpExchange();
    try {
      await expect(new XmlRpcTransport(exchange).executeKw(conn, 2, write, {}, { timeoutMs: 1000, maxResponseBytes: 1024 })).rejects.toThrow(/read-only/);
      await expect(new Json2Transport(exchange).call(conn, write, {}, { timeoutMs: 1000, maxResponseBytes: 1024 })).rejects.toThrow(/read-only/);
      const execute = (client as unknown as { execute(c: unknown, call: OdooCall): Promise<unknown> }).execute.bind(client);
      await expect(execute(conn, write)).rejects.toThrow(/read-only/);
      await expect(execute(conn, { ...write, method: 'unlink' } as unknown as OdooCall)).rejects.toThrow(OdooError);
    } finally {
      exchange.destroy();
    }
    expect(server.requests).toBe(0);
  });

  it('sends lang and allowed_company_ids in the context, and no Date objects', async () => {
    server = await odooServer((_q, r) => r.end(xmlValue('<int>0</int>')));
    const conn = connection(server.url, 'acme', { lang: 'fr_FR', companyIds: [3, 1] });
    await client.searchCount(conn, 'crm.lead', [['create_date', '>=', new Date(Date.UTC(2024, 4, 1))]]);
    const sent = server.bodies.find((b) => b.includes('search_count'))!;
    expect(sent).toMatch(/<name>lang<\/name>\s*<value>\s*<string>fr_FR<\/string>/);
    expect(sent).toMatch(/<name>allowed_company_ids<\/name>\s*<value>\s*<array>\s*<data>\s*<value>\s*<int>3<\/int>/);
    expect(sent).toContain('<string>2024-05-01 00:00:00</string>');
    expect(sent).not.toContain('dateTime.iso8601');
  });

  it('reuses one keep-alive connection for sequential calls', async () => {
    const sockets = new Set<unknown>();
    server = await odooServer((req, r) => {
      sockets.add(req.socket);
      r.end(xmlValue('<int>4</int>'));
    });
    const conn = connection(server.url, 'acme');
    for (let i = 0; i < 5; i++) expect(await client.searchCount(conn, 'crm.lead', [])).toBe(4);
    expect(sockets.size).toBe(1);
  });
});

describe('Odoo client against unusual but valid servers', () => {
  let server: RawServer | null = null;
  let client: RpcOdooClient;
  afterEach(async () => {
    client.onApplicationShutdown();
    await server?.close();
    server = null;
  });

  it('parses an Odoo Online version (saas~17.4) and picks XML-RPC for it', async () => {
    server = await rawServer((_q, r) =>
      r.end(
        xmlValue(
          '<struct><member><name>server_version</name><value><string>saas~17.4+e</string></value></member>' +
            '<member><name>server_serie</name><value><string>saas~17.4</string></value></member>' +
            '<member><name>server_version_info</name><value><array><data><value><string>saas~17</string></value>' +
            '<value><int>4</int></value><value><int>0</int></value><value><string>final</string></value>' +
            '<value><int>0</int></value><value><string>e</string></value></data></array></value></member></struct>',
        ),
      ),
    );
    client = new RpcOdooClient(odooTestConfig());
    const conn = connection(server.url, 'online', { transport: 'auto' });
    expect(await client.version(conn)).toEqual({ serverVersion: 'saas~17.4+e', serverSerie: 'saas~17.4', major: 17, minor: 4, edition: 'enterprise' });
    expect(await client.transportFor(conn)).toBe('xmlrpc');
  });

  it('answers login-cooldown when Odoo locks the IP out, and stops calling for the back-off', async () => {
    server = await odooServer((_q, r) => r.end(xmlFault(3, 'Too many login failures, please wait a bit before trying again.')));
    client = new RpcOdooClient(odooTestConfig({ authBackoffMs: 60_000 }));
    const conn = connection(server.url, 'acme');
    expect((await rejection(client.searchCount(conn, 'crm.lead', []))).code).toBe('login-cooldown');
    const sent = server.requests;
    const again = await Promise.all(Array.from({ length: 5 }, () => rejection(client.searchCount(conn, 'crm.lead', []))));
    expect(again.map((e) => e.code)).toEqual(Array(5).fill('login-cooldown'));
    expect(server.requests).toBe(sent);
  });

  it('says plainly that JSON-2 needs Odoo 19 when forced on an older server', async () => {
    server = await rawServer((_q, r) => r.writeHead(404, { 'Content-Type': 'text/html' }).end('<html>Not Found</html>'));
    client = new RpcOdooClient(odooTestConfig());
    const conn = connection(server.url, 'acme', { transport: 'json2' });
    const error = await rejection(client.searchCount(conn, 'crm.lead', []));
    expect(error.code).toBe('bad-response');
    expect(error.message).toContain('no JSON-2 API');
  });
});
