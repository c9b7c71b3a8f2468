import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { AppConfig } from '../../server/config/app-config';
import { connectionKey } from '../../server/odoo/odoo-connection.resolver';
import type { OdooConnection, OdooTransport } from '../../server/odoo/odoo-connection';

/** Just the Odoo part of the configuration, with test-sized limits. */
export function odooTestConfig(odoo: Partial<AppConfig['odoo']> = {}): AppConfig {
  return Object.assign(new AppConfig(), {
    odoo: {
      env: null,
      lang: 'en_US',
      timeoutMs: 5000,
      authBackoffMs: 90_000,
      maxResponseBytes: 20 * 1024 * 1024,
      demoMode: true,
      demoPort: 0,
      ...odoo,
    },
  });
}

export function connection(
  url: string,
  database: string,
  options: { secret?: string; login?: string; transport?: OdooTransport; companyIds?: number[] | null; lang?: string } = {},
): OdooConnection {
  const settings = {
    url,
    database,
    login: options.login ?? `api@${database}.example`,
    secret: options.secret ?? `demo-secret-${database}`,
    transport: options.transport ?? 'xmlrpc',
    companyIds: options.companyIds ?? null,
    publicUrl: url,
  };
  return { ...settings, key: connectionKey(settings), lang: options.lang ?? 'en_US' };
}

/** A plain HTTP server that tracks its sockets, for failures the demo Odoo cannot produce. */
export interface RawServer {
  url: string;
  requests: number;
  /** Sockets that closed (from either side) since the server started. */
  closedSockets: number;
  bodies: string[];
  close(): Promise<void>;
}

export async function rawServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<RawServer> {
  const sockets = new Set<Socket>();
  const state = { requests: 0, closedSockets: 0, bodies: [] as string[] };
  const server = http.createServer((req, res) => {
    state.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      state.bodies.push(Buffer.concat(chunks).toString('utf8'));
      handler(req, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      state.closedSockets += 1;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(state, {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  });
}

/** Resolves once `predicate` holds, polling the event loop (for effects seen on the other end of a socket). */
export async function eventually(predicate: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!predicate()) {
    if (performance.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}

export const xmlResponse = (inner: string) => `<?xml version="1.0"?>\n<methodResponse>${inner}</methodResponse>`;
export const xmlValue = (value: string) => xmlResponse(`<params><param><value>${value}</value></param></params>`);
export const xmlFault = (code: number, text: string) =>
  xmlResponse(
    `<fault><value><struct><member><name>faultCode</name><value><int>${code}</int></value></member>` +
      `<member><name>faultString</name><value><string>${text}</string></value></member></struct></value></fault>`,
  );
