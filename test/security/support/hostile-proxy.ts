// A hostile Odoo for the security suites: a plain node:http server in front of the demo Odoo that
// forwards every XML-RPC call unchanged, except the ones a test chooses to answer itself (deeply
// nested XML, wrong value types, endless bodies...). Everything else stays real, so the sections a
// test does not target keep reading true demo data.
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One XML-RPC call as the proxy saw it. */
export interface SeenCall {
  /** "common" or "object". */
  service: string;
  /** XML-RPC method name, e.g. "execute_kw". */
  rpcMethod: string;
  /** For execute_kw: the Odoo model and method, e.g. "crm.lead" / "search_read". */
  model?: string;
  method?: string;
}

/** Answers the call itself, or returns false to let it through to the demo Odoo. */
export type Interceptor = (call: SeenCall, res: http.ServerResponse) => boolean;

export interface HostileProxy {
  url: string;
  /** Calls answered by an interceptor, in order. */
  intercepted: SeenCall[];
  setInterceptor(interceptor: Interceptor | null): void;
  close(): Promise<void>;
}

export async function startHostileProxy(targetUrl: string): Promise<HostileProxy> {
  let interceptor: Interceptor | null = null;
  const intercepted: SeenCall[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const call = describeCall(req.url ?? '', body.toString('utf8'));
      if (interceptor?.(call, res)) {
        intercepted.push(call);
        return;
      }
      forward(targetUrl, req, body, res);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    intercepted,
    setInterceptor: (next) => (interceptor = next),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** `/c/<anything>` before the Odoo path is dropped: tenants pointed at different prefixes get separate
 *  connection state in the app (a cold login, version and field lists) while reaching the same Odoo. */
function upstreamPath(path: string): string {
  return path.replace(/^\/c\/[^/]+/, '');
}

function forward(targetUrl: string, req: http.IncomingMessage, body: Buffer, res: http.ServerResponse): void {
  const upstream = http.request(
    new URL(upstreamPath(req.url ?? '/'), targetUrl),
    { method: req.method, headers: { ...req.headers, host: new URL(targetUrl).host } },
    (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    },
  );
  upstream.on('error', () => res.destroy());
  upstream.end(body);
}

/** The strings of an XML-RPC call are, for execute_kw: db, secret, model, method, then arguments. */
function describeCall(path: string, xml: string): SeenCall {
  const service = path.split('/').pop() ?? '';
  const rpcMethod = /<methodName>([^<]*)<\/methodName>/.exec(xml)?.[1] ?? '';
  if (rpcMethod !== 'execute_kw') return { service, rpcMethod };
  const strings = [...xml.matchAll(/<string>([^<]*)<\/string>/g)].map((m) => m[1]);
  return { service, rpcMethod, model: strings[2], method: strings[3] };
}

/** An XML-RPC method response carrying one already-encoded <value>. */
export function xmlResponse(value: string): string {
  return `<?xml version="1.0"?>\n<methodResponse><params><param>${value}</param></params></methodResponse>`;
}

export function sendXml(res: http.ServerResponse, xml: string): void {
  res.writeHead(200, { 'Content-Type': 'text/xml' });
  res.end(xml);
}
