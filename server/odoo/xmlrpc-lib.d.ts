// Types for the two internals of the `xmlrpc` package the client uses (its public Client does its own
// HTTP without timeouts or size limits, so we keep only its encoding and decoding).
declare module 'xmlrpc/lib/serializer' {
  export function serializeMethodCall(method: string, params: unknown[], encoding?: string): string;
}

declare module 'xmlrpc/lib/deserializer' {
  import type { Readable } from 'node:stream';
  class Deserializer {
    constructor(encoding?: string);
    deserializeMethodResponse(stream: Readable, callback: (error: (Error & { faultCode?: unknown; faultString?: unknown }) | null | undefined, result?: unknown) => void): void;
  }
  export = Deserializer;
}
