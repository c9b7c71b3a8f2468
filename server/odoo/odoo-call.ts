import { READ_ONLY_METHODS, type OdooDomain, type ReadOnlyMethod } from './odoo-client';
import { OdooError } from './odoo-errors';

/** One model method call, transport-neutral: XML-RPC sends ids or domain positionally, JSON-2 by name. */
export interface OdooCall {
  model: string;
  method: ReadOnlyMethod;
  /** For methods on records (read). */
  ids?: number[];
  /** For search methods. */
  domain?: OdooDomain;
  /** Named arguments, without the context (each transport adds it). */
  kwargs: Record<string, unknown>;
}

const ALLOWED: ReadonlySet<string> = new Set(READ_ONLY_METHODS);

/**
 * The read-only guarantee. Every transport calls this right before encoding a request, so a method
 * outside the allow-list never produces a byte on the wire, whatever path it came through.
 */
export function assertReadOnly(method: string): asserts method is ReadOnlyMethod {
  if (!ALLOWED.has(method)) {
    throw new OdooError('odoo-error', `Refused to call ${JSON.stringify(method)}: the Odoo client is read-only`);
  }
}
