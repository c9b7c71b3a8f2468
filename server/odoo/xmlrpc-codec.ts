import { PassThrough } from 'node:stream';
import { serializeMethodCall } from 'xmlrpc/lib/serializer';
import Deserializer from 'xmlrpc/lib/deserializer';
import type { RpcFault } from './odoo-error-mapping';

// The only place in the application that touches the `xmlrpc` package. We use its encoder and decoder
// and do the HTTP ourselves (see HttpExchange): its client has no timeout, no abort and no size limit.

export type DecodedResponse = { fault: RpcFault } | { value: unknown };

/** Thrown when the body is not an XML-RPC method response (HTML, broken XML, empty). */
export class XmlRpcDecodeError extends Error {}

export function encodeCall(method: string, params: unknown[]): string {
  return serializeMethodCall(method, params);
}

/** Deeper than any answer we read (records of many2one pairs): more is hostile, and costly to decode. */
const MAX_NESTING = 32;

/** True when arrays and structs nest deeper than MAX_NESTING; a linear scan, before any decoding. */
function nestsTooDeep(body: Buffer): boolean {
  let depth = 0;
  for (const tag of body.toString('latin1').matchAll(/<(\/?)(?:array|struct)\b/g)) {
    depth += tag[1] ? -1 : 1;
    if (depth > MAX_NESTING) return true;
  }
  return false;
}

/** The decoder is synchronous: fed in slices, a large answer never holds the event loop for long. */
const DECODE_SLICE_BYTES = 16 * 1024;

/** Decodes a method response; `signal` stops a long decode between slices (its reason is the rejection). */
export function decodeResponse(body: Buffer, signal?: AbortSignal): Promise<DecodedResponse> {
  if (nestsTooDeep(body)) return Promise.reject(new XmlRpcDecodeError('Odoo sent a response nested too deeply'));
  return new Promise((resolve, reject) => {
    let done = false;
    const stream = new PassThrough();
    new Deserializer('utf8').deserializeMethodResponse(stream, (error, result) => {
      if (done) return;
      done = true;
      if (!error) return resolve({ value: result });
      if (error.faultCode !== undefined) {
        return resolve({ fault: { faultCode: error.faultCode as number | string, faultString: String(error.faultString ?? '') } });
      }
      // The decoder's message may quote the body; keep only a generic one.
      reject(new XmlRpcDecodeError('Odoo sent a response that is not valid XML-RPC'));
    });
    void feed(stream, body, signal, () => done).catch((reason: unknown) => {
      if (done) return;
      done = true;
      stream.destroy();
      reject(reason);
    });
  });
}

async function feed(stream: PassThrough, body: Buffer, signal: AbortSignal | undefined, finished: () => boolean): Promise<void> {
  for (let offset = 0; offset < body.length && !finished(); offset += DECODE_SLICE_BYTES) {
    signal?.throwIfAborted();
    stream.write(body.subarray(offset, offset + DECODE_SLICE_BYTES));
    if (offset + DECODE_SLICE_BYTES < body.length) await new Promise((resolve) => setImmediate(resolve));
  }
  stream.end();
}
