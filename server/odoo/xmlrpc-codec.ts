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

export function decodeResponse(body: Buffer): Promise<DecodedResponse> {
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
    stream.end(body);
  });
}
