// HTTP/1.1 spoken by hand over a socket: fetch and node:http normalise the request target (dot
// segments, percent-encoding) and validate the Host header, which is exactly what these suites need
// to send unaltered.
import { connect } from 'node:net';

export interface RawAnswer {
  status: number;
  /** Header names lower-cased; repeated headers joined with "\n". */
  headers: Record<string, string>;
  body: string;
  /** Everything the server sent, for "nothing echoed" checks. */
  raw: string;
}

export interface RawRequest {
  method: string;
  target: string;
  /** Sent as given; `host` defaults to the server's own address. */
  headers?: Record<string, string>;
  body?: string;
  /** The client address the server sees (127.0.0.0/8 all reach a loopback server). */
  localAddress?: string;
}

/** One request on its own connection; resolves when the server closes it. */
export function rawRequest(baseUrl: string, request: RawRequest): Promise<RawAnswer> {
  const { hostname, port, host } = new URL(baseUrl);
  const body = request.body ?? '';
  const headers: Record<string, string> = { host, connection: 'close', ...request.headers };
  if (body.length > 0 || request.method === 'POST') headers['content-length'] ??= String(Buffer.byteLength(body));
  const head = [`${request.method} ${request.target} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port), localAddress: request.localAddress });
    const chunks: Buffer[] = [];
    socket.setTimeout(30_000, () => socket.destroy(new Error(`no complete answer to ${request.method} ${request.target}`)));
    // Not end(): a half-closed connection may be dropped before the answer; `connection: close` ends it.
    socket.on('connect', () => socket.write(`${head}\r\n\r\n${body}`));
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      try {
        resolve(parseAnswer(Buffer.concat(chunks).toString('utf8'), request.method === 'HEAD'));
      } catch (e) {
        reject(e instanceof Error ? e : new Error(String(e)));
      }
    });
  });
}

function parseAnswer(raw: string, isHead: boolean): RawAnswer {
  const split = raw.indexOf('\r\n\r\n');
  if (split < 0) throw new Error(`not an HTTP answer: ${JSON.stringify(raw.slice(0, 200))}`);
  const [statusLine, ...lines] = raw.slice(0, split).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    headers[name] = headers[name] === undefined ? value : `${headers[name]}\n${value}`;
  }
  const rest = raw.slice(split + 4);
  const body = isHead ? rest : headers['transfer-encoding'] === 'chunked' ? unchunk(rest) : rest;
  return { status: Number(statusLine.split(' ')[1]), headers, body, raw };
}

function unchunk(text: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lineEnd = text.indexOf('\r\n', at);
    if (lineEnd < 0) return out;
    const size = parseInt(text.slice(at, lineEnd), 16);
    if (!size) return out;
    out += text.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
