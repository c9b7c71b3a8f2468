import type { OdooConnection } from './odoo-connection';
import type { OdooCall } from './odoo-call';
import { assertReadOnly } from './odoo-call';
import { badStatus, faultToError, htmlResponse } from './odoo-error-mapping';
import { OdooError } from './odoo-errors';
import type { ExchangeLimits, HttpExchange, HttpResponse } from './http-exchange';
import { toWire } from './odoo-values';
import { decodeResponse, encodeCall, XmlRpcDecodeError } from './xmlrpc-codec';

/** Odoo's `/xmlrpc/2` endpoints: `common` (version, authenticate) and `object` (execute_kw). */
export class XmlRpcTransport {
  constructor(private readonly http: HttpExchange) {}

  version(conn: OdooConnection, limits: ExchangeLimits): Promise<unknown> {
    return this.post(conn, 'common', 'version', [], limits);
  }

  /** Resolves to the uid, or `false` when Odoo refuses the credentials. */
  async authenticate(conn: OdooConnection, limits: ExchangeLimits): Promise<number | false> {
    const uid = await this.post(conn, 'common', 'authenticate', [conn.database, conn.login, conn.secret, {}], limits);
    if (typeof uid === 'number' && uid > 0) return uid;
    if (uid === false) return false;
    throw new OdooError('bad-response', 'Odoo answered authenticate with something other than a user id');
  }

  async executeKw(conn: OdooConnection, uid: number, call: OdooCall, context: Record<string, unknown>, limits: ExchangeLimits): Promise<unknown> {
    assertReadOnly(call.method);
    const args = call.ids ? [call.ids] : call.domain ? [call.domain] : [];
    const kwargs = { ...call.kwargs, context };
    const params = [conn.database, uid, conn.secret, call.model, call.method, args, kwargs];
    return this.post(conn, 'object', 'execute_kw', params, limits, call.model);
  }

  private async post(
    conn: OdooConnection,
    service: 'common' | 'object',
    method: string,
    params: unknown[],
    limits: ExchangeLimits,
    model?: string,
  ): Promise<unknown> {
    const body = encodeCall(method, toWire(params) as unknown[]);
    const res = await this.http.send(
      {
        method: 'POST',
        url: `${conn.url.replace(/\/+$/, '')}/xmlrpc/2/${service}`,
        // The header names the database for servers that host several (Odoo 18+ honours it; older ones ignore it).
        headers: { 'Content-Type': 'text/xml', Accept: 'text/xml', 'User-Agent': 'company-view', 'X-Odoo-Database': conn.database },
        body,
        addresses: conn.addressRules,
      },
      limits,
    );
    return this.interpret(res, conn, model, limits.signal);
  }

  private async interpret(res: HttpResponse, conn: OdooConnection, model: string | undefined, signal?: AbortSignal): Promise<unknown> {
    if (looksLikeHtml(res)) throw res.status === 200 ? htmlResponse() : badStatus(res.status);
    const decoded = await decodeResponse(res.body, signal).catch((e: unknown) => {
      if (e instanceof XmlRpcDecodeError) return null;
      if (signal?.aborted) throw new OdooError('timeout', 'Odoo call cancelled', { cause: e });
      throw e;
    });
    // Odoo sends faults with HTTP 200, but a fault body is a fault whatever the status.
    if (decoded && 'fault' in decoded) throw faultToError(decoded.fault, model, conn.secret);
    if (res.status !== 200) throw badStatus(res.status);
    if (decoded) return decoded.value;
    throw new OdooError('bad-response', 'Odoo sent a response that is not valid XML-RPC');
  }
}

export function looksLikeHtml(res: HttpResponse): boolean {
  if (/html/i.test(res.contentType)) return true;
  const head = res.body.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html');
}
