import { OdooError } from './odoo-errors';

/** An XML-RPC fault as Odoo sends it (`/xmlrpc/2` uses integer codes 1-4). */
export interface RpcFault {
  faultCode: number | string;
  faultString: string;
}

/** Odoo's JSON-2 error body (`serialize_exception`). */
export interface Json2ErrorBody {
  name?: string;
  message?: string;
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNABORTED']);

/** Socket, DNS and TLS failures. The message names only the error code: never the URL or any payload. */
export function networkError(err: NodeJS.ErrnoException): OdooError {
  const code = typeof err.code === 'string' ? err.code : undefined;
  // Node's own socket errors name the host and port, never a request's content: safe to keep as cause.
  const cause = err;
  if (code && NETWORK_CODES.has(code)) return new OdooError('network', `Network error: ${code}`, { cause });
  if (code && isTlsCode(code)) return new OdooError('network', `Network error: TLS failure (${code})`, { cause });
  return new OdooError('network', `Network error: ${code ?? 'connection failed'}`, { cause });
}

function isTlsCode(code: string): boolean {
  return code === 'EPROTO' || code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE';
}

/** True for Odoo's "Invalid field" errors: the server's schema differs from what we cached (an upgrade). */
export function mentionsInvalidField(text: string): boolean {
  return /Invalid field/i.test(text);
}

/**
 * Maps an XML-RPC fault to the error family. Only the fault code and two stable English fragments are
 * relied on ("Access Denied", the model name), never the rest of a possibly translated text.
 */
export function faultToError(fault: RpcFault, model: string | undefined, secret: string): OdooError {
  const text = scrub(String(fault.faultString ?? ''), secret);
  const options = { faultCode: fault.faultCode, model, cause: { faultCode: fault.faultCode, faultString: text } };
  switch (fault.faultCode) {
    case 2:
      if (model && text.includes(model)) return new OdooError('module-missing', `Model ${model} not found`, options);
      return new OdooError('odoo-error', `Odoo refused the request: ${summary(text)}`, options);
    case 3:
      if (/^\s*Access Denied\s*$/i.test(text)) return new OdooError('auth-failed', 'Odoo authentication failed', options);
      return new OdooError('login-cooldown', 'Odoo refuses logins for now (too many failures); retry in a minute', options);
    case 4:
      return new OdooError('access-denied', `Odoo denied read access${model ? ` to ${model}` : ''}`, options);
    default:
      return new OdooError('odoo-error', `Odoo error: ${summary(text)}`, options);
  }
}

/** Maps a JSON-2 error status (Odoo 19) to the error family. */
export function json2ErrorToError(status: number, body: Json2ErrorBody | null, model: string, secret: string): OdooError {
  const text = scrub(body?.message ?? '', secret);
  const options = { model, faultCode: status, cause: { status, name: body?.name, message: text } };
  if (status === 401) return new OdooError('auth-failed', 'Odoo authentication failed', options);
  if (status === 403) return new OdooError('access-denied', `Odoo denied read access to ${model}`, options);
  if (!body) return badStatus(status);
  if (status === 404) return new OdooError('module-missing', `Model ${model} not found`, options);
  return new OdooError('odoo-error', `Odoo error: ${summary(text) || `HTTP ${status}`}`, options);
}

/** A status that came with something other than an Odoo answer (a proxy, a crashed worker). */
export function badStatus(status: number): OdooError {
  if (status === 404) return new OdooError('bad-response', 'Odoo API endpoint not found (HTTP 404): check the URL', { faultCode: 404 });
  return new OdooError('bad-response', `Odoo answered HTTP ${status}`, { faultCode: status });
}

export function htmlResponse(): OdooError {
  return new OdooError('bad-response', 'Odoo answered with an HTML page instead of an API response (a proxy error page?)');
}

/** The last meaningful line of a traceback, or the first line of a user message, kept short. */
export function summary(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const isTraceback = lines[0]?.startsWith('Traceback');
  const line = (isTraceback ? lines[lines.length - 1] : lines[0]) ?? '';
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}

/** Removes the secret from any text we did not write ourselves. */
function scrub(text: string, secret: string): string {
  return secret ? text.split(secret).join('***') : text;
}
