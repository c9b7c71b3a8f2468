import { serializeMethodCall } from 'xmlrpc/lib/serializer';
import type { RpcFault } from './odoo-error-mapping';
import { decodeMethodResponse, XmlRpcSyntaxError, type XmlRpcOutcome } from './xmlrpc-decoder';

// Encoding and decoding for the XML-RPC transport. We use the `xmlrpc` package's encoder, decode
// answers with our own decoder (xmlrpc-decoder.ts, which borrows the package's date parser) and do the
// HTTP ourselves (see HttpExchange): the package's client has no timeout, no abort and no size limit.

export type DecodedResponse = { fault: RpcFault } | { value: unknown };

/** Thrown when the body is not an XML-RPC method response (HTML, broken XML, empty). */
export class XmlRpcDecodeError extends Error {}

export function encodeCall(method: string, params: unknown[]): string {
  return serializeMethodCall(method, params);
}

/** Deeper than any answer we read (records of many2one pairs): more is hostile, and costly to decode. */
const MAX_NESTING = 32;
/** About 16 KB of a typical answer between two yields to the event loop. */
const TOKENS_PER_SLICE = 2000;

/** Decodes a method response; `signal` stops a long decode between slices (its reason is the rejection). */
export async function decodeResponse(body: Buffer, signal?: AbortSignal): Promise<DecodedResponse> {
  signal?.throwIfAborted();
  const pause = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    signal?.throwIfAborted();
  };
  let outcome: XmlRpcOutcome;
  try {
    outcome = await decodeMethodResponse(body.toString('utf8'), { maxNesting: MAX_NESTING, tokensPerSlice: TOKENS_PER_SLICE, pause });
  } catch (e) {
    if (!(e instanceof XmlRpcSyntaxError)) throw e;
    throw new XmlRpcDecodeError(
      e.message === 'nested too deeply' ? 'Odoo sent a response nested too deeply' : 'Odoo sent a response that is not valid XML-RPC',
    );
  }
  if (outcome.kind === 'value') return { value: outcome.value };
  return { fault: faultOf(outcome.value) };
}

/** A fault's struct: `faultCode` and `faultString`, as Odoo fills them. */
function faultOf(value: unknown): RpcFault {
  const fields = (typeof value === 'object' && value !== null ? value : {}) as { faultCode?: unknown; faultString?: unknown };
  const code = typeof fields.faultCode === 'number' || typeof fields.faultCode === 'string' ? fields.faultCode : '';
  return { faultCode: code, faultString: typeof fields.faultString === 'string' ? fields.faultString : '' };
}
