// A deliberately tiny XML-RPC client for the demo Odoo's tests: raw HTTP over node:http and its own
// encoder/decoder, sharing nothing with the server it tests nor with the app's Odoo client.

import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export class RpcFault extends Error {
  constructor(
    readonly faultCode: number | string,
    readonly faultString: string,
  ) {
    super(`fault ${faultCode}: ${faultString.split('\n').filter(Boolean).pop()}`);
  }
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function encodeValue(v: unknown): string {
  if (v === null || v === undefined) return '<value><nil/></value>';
  if (typeof v === 'boolean') return `<value><boolean>${v ? 1 : 0}</boolean></value>`;
  if (typeof v === 'number') return Number.isInteger(v) ? `<value><int>${v}</int></value>` : `<value><double>${v}</double></value>`;
  if (typeof v === 'string') return `<value><string>${esc(v)}</string></value>`;
  if (Array.isArray(v)) return `<value><array><data>${v.map(encodeValue).join('')}</data></array></value>`;
  const members = Object.entries(v as Record<string, unknown>).map(([k, x]) => `<member><name>${esc(k)}</name>${encodeValue(x)}</member>`);
  return `<value><struct>${members.join('')}</struct></value>`;
}

export function methodCall(method: string, params: unknown[]): string {
  return `<?xml version="1.0"?>\n<methodCall><methodName>${esc(method)}</methodName><params>${params.map((p) => `<param>${encodeValue(p)}</param>`).join('')}</params></methodCall>`;
}

export function post(baseUrl: string, path: string, body: string | Buffer, headers: Record<string, string> = {}, timeoutMs = 10_000): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const req = request(url, { method: 'POST', headers: { 'Content-Type': 'text/xml', ...headers }, signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

export function get(baseUrl: string, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`);
    const req = request(url, { method: 'GET', headers, signal: AbortSignal.timeout(10_000) }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Calls a service and returns the decoded value; a fault is thrown as RpcFault. */
export async function rpc(baseUrl: string, service: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await post(baseUrl, `xmlrpc/2/${service}`, methodCall(method, params));
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  const decoded = decodeResponse(res.body);
  if ('fault' in decoded) throw new RpcFault(decoded.fault.faultCode, decoded.fault.faultString);
  return decoded.value;
}

export interface Creds {
  db: string;
  uid: number;
  secret: string;
}

export function executeKw(baseUrl: string, c: Creds, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<unknown> {
  return rpc(baseUrl, 'object', 'execute_kw', [c.db, c.uid, c.secret, model, method, args, kwargs]);
}

export async function faultOf(p: Promise<unknown>): Promise<RpcFault> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RpcFault) return e;
    throw e;
  }
  throw new Error('expected a fault, got a result');
}

// ---------------------------------------------------------------- response decoding

type Token = { kind: 'open' | 'close' | 'empty'; name: string } | { kind: 'text'; text: string };

function tokenize(xml: string): Token[] {
  const tokens: Token[] = [];
  const re = /<\?[^>]*\?>|<(\/?)([A-Za-z0-9_.:]+)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml))) {
    if (m[0].startsWith('<?')) continue;
    if (m[4] !== undefined) tokens.push({ kind: 'text', text: m[4].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&') });
    else tokens.push({ kind: m[1] ? 'close' : m[3] ? 'empty' : 'open', name: m[2] });
  }
  return tokens;
}

export function decodeResponse(xml: string): { value: unknown } | { fault: { faultCode: number | string; faultString: string } } {
  const tokens = tokenize(xml);
  let i = 0;
  const skipSpace = () => {
    while (tokens[i]?.kind === 'text' && (tokens[i] as { text: string }).text.trim() === '') i++;
  };
  const expectOpen = (name: string) => {
    skipSpace();
    const t = tokens[i++];
    if (!t || t.kind !== 'open' || t.name !== name) throw new Error(`expected <${name}> at token ${i - 1}`);
  };
  const expectClose = (name: string) => {
    skipSpace();
    const t = tokens[i++];
    if (!t || t.kind !== 'close' || t.name !== name) throw new Error(`expected </${name}> at token ${i - 1}`);
  };
  const text = (): string => {
    const t = tokens[i];
    if (t?.kind === 'text') {
      i++;
      return t.text;
    }
    return '';
  };
  const value = (): unknown => {
    expectOpen('value');
    const t = tokens[i];
    let out: unknown;
    if (t.kind === 'text' && tokens[i + 1]?.kind === 'close') {
      out = text();
    } else {
      skipSpace();
      const typed = tokens[i++] as { kind: string; name: string };
      if (typed.kind === 'empty') out = typed.name === 'nil' ? null : undefined;
      else if (typed.name === 'array') {
        expectOpen('data');
        const items: unknown[] = [];
        skipSpace();
        while (tokens[i].kind === 'open' && (tokens[i] as { name: string }).name === 'value') {
          items.push(value());
          skipSpace();
        }
        expectClose('data');
        out = items;
      } else if (typed.name === 'struct') {
        const obj: Record<string, unknown> = {};
        skipSpace();
        while (tokens[i].kind === 'open' && (tokens[i] as { name: string }).name === 'member') {
          i++;
          expectOpen('name');
          const key = text();
          expectClose('name');
          obj[key] = value();
          expectClose('member');
          skipSpace();
        }
        out = obj;
      } else {
        const raw = text();
        switch (typed.name) {
          case 'int':
          case 'i4':
            out = parseInt(raw, 10);
            break;
          case 'double':
            out = parseFloat(raw);
            break;
          case 'boolean':
            out = raw === '1';
            break;
          case 'string':
            out = raw;
            break;
          default:
            throw new Error(`unexpected type ${typed.name}`);
        }
      }
      expectClose(typed.name);
    }
    expectClose('value');
    return out;
  };
  expectOpen('methodResponse');
  skipSpace();
  const head = tokens[i] as { name: string };
  if (head.name === 'fault') {
    i++;
    const f = value() as { faultCode: number | string; faultString: string };
    return { fault: f };
  }
  expectOpen('params');
  expectOpen('param');
  return { value: value() };
}
