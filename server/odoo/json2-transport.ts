import type { OdooConnection } from './odoo-connection';
import type { OdooCall } from './odoo-call';
import { assertReadOnly } from './odoo-call';
import { badStatus, htmlResponse, json2ErrorToError, type Json2ErrorBody } from './odoo-error-mapping';
import { OdooError } from './odoo-errors';
import type { ExchangeLimits, HttpExchange, HttpResponse } from './http-exchange';
import { toWire } from './odoo-values';
import { looksLikeHtml } from './xmlrpc-transport';

/** Odoo 19's JSON-2 API: `POST /json/2/<model>/<method>` with named arguments and an API key as bearer. */
export class Json2Transport {
  constructor(private readonly http: HttpExchange) {}

  async call(conn: OdooConnection, call: OdooCall, context: Record<string, unknown>, limits: ExchangeLimits): Promise<unknown> {
    assertReadOnly(call.method);
    const body: Record<string, unknown> = { ...call.kwargs, context };
    if (call.ids) body.ids = call.ids;
    if (call.domain) body.domain = call.domain;
    const res = await this.http.send(
      {
        method: 'POST',
        url: `${base(conn)}/json/2/${encodeURIComponent(call.model)}/${call.method}`,
        headers: {
          'Content-Type': 'application/json',
          Accept: 'application/json',
          Authorization: `bearer ${conn.secret}`,
          'X-Odoo-Database': conn.database,
          'User-Agent': 'company-view',
        },
        body: JSON.stringify(toWire(body)),
        addresses: conn.addressRules,
      },
      limits,
    );
    if (res.status === 200) return parseJson(res);
    throw this.failure(res, conn, call.model);
  }

  /** `GET /web/version` (19+): `{ version_info, version }`. */
  async version(conn: OdooConnection, limits: ExchangeLimits): Promise<unknown> {
    const res = await this.http.send(
      { method: 'GET', url: `${base(conn)}/web/version`, headers: { Accept: 'application/json', 'User-Agent': 'company-view' }, addresses: conn.addressRules },
      limits,
    );
    if (res.status === 404) throw noJson2();
    if (res.status !== 200) throw badStatus(res.status);
    return parseJson(res);
  }

  private failure(res: HttpResponse, conn: OdooConnection, model: string): OdooError {
    const errorBody = isJson(res) ? asErrorBody(safeParse(res.body)) : null;
    if (errorBody || res.status === 401 || res.status === 403) {
      return json2ErrorToError(res.status, errorBody, model, conn.secret);
    }
    return res.status === 404 ? noJson2() : badStatus(res.status);
  }
}

/** A 404 that is not Odoo's JSON error: the server has no JSON-2 route (before 19, or a path rewritten by a proxy). */
function noJson2(): OdooError {
  return new OdooError('bad-response', 'This Odoo has no JSON-2 API (Odoo 19 or later needed): use the xmlrpc transport', { faultCode: 404 });
}

function base(conn: OdooConnection): string {
  return conn.url.replace(/\/+$/, '');
}

function isJson(res: HttpResponse): boolean {
  return /json/i.test(res.contentType);
}

function parseJson(res: HttpResponse): unknown {
  if (looksLikeHtml(res)) throw htmlResponse();
  const value = safeParse(res.body);
  if (value === undefined) throw new OdooError('bad-response', 'Odoo sent a response that is not valid JSON');
  return value;
}

/** Odoo 19 sends `{ name, message, ... }`; an early draft of the API sent a bare string. */
function asErrorBody(value: unknown): Json2ErrorBody | null {
  if (typeof value === 'string') return { message: value };
  if (value && typeof value === 'object') return value;
  return null;
}

function safeParse(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}
