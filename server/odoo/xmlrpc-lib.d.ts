// Types for the two internals of the `xmlrpc` package the client uses: its encoder, and the date
// parser our own decoder shares with it (its public Client has no timeouts or size limits).
declare module 'xmlrpc/lib/serializer' {
  export function serializeMethodCall(method: string, params: unknown[], encoding?: string): string;
}

declare module 'xmlrpc/lib/date_formatter' {
  const dateFormatter: { decodeIso8601(time: string): Date };
  export = dateFormatter;
}
