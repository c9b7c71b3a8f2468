// How an injected fault changes the delivery of one answer: late, never, cut, wrong, huge or slow.
// `missing` and `auth` are not delivery faults: the services apply them.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DemoFault, DemoOdooVersion } from '../demo-odoo.types';
import { arrayResponseFrame, stringValue } from '../xmlrpc/xmlrpc-codec';
import { HTML, internalError, JSON_TYPE, Reply, send, XML } from './replies';

export const DEFAULT_HUGE_BYTES = 50 * 1024 * 1024;
const DRIP_BYTES = 8;
const DRIP_INTERVAL_MS = 200;

export type Transport = 'xmlrpc' | 'json2';

/** True when the fault replaces the answer entirely (the call is then counted by the caller). */
export function preventsAnswer(fault: DemoFault | undefined): boolean {
  return !!fault && !['latency', 'drip', 'missing', 'auth'].includes(fault.kind);
}

export async function deliver(
  req: IncomingMessage,
  res: ServerResponse,
  fault: DemoFault | undefined,
  transport: Transport,
  version: DemoOdooVersion,
  produce: () => Reply,
): Promise<void> {
  switch (fault?.kind) {
    case 'latency':
      await sleep((fault.latencyMs ?? 0) + Math.random() * (fault.jitterMs ?? 0), res);
      return send(res, produce());
    case 'hang':
      // Accept and never answer; the socket stays open until the client gives up or the server closes.
      return;
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'http500':
      return send(res, internalError());
    case 'html':
      return send(res, { status: 200, contentType: HTML, body: PROXY_PAGE });
    case 'malformed':
      return send(
        res,
        transport === 'xmlrpc' ? { status: 200, contentType: XML, body: BROKEN_XML } : { status: 200, contentType: JSON_TYPE, body: BROKEN_JSON },
      );
    case 'huge':
      return streamHuge(res, fault.hugeBytes ?? DEFAULT_HUGE_BYTES, transport, version);
    case 'drip':
      return drip(res, produce());
    default:
      return send(res, produce());
  }
}

const PROXY_PAGE = `<html>
<head><title>502 Bad Gateway</title></head>
<body>
<center><h1>502 Bad Gateway</h1></center>
<hr><center>nginx</center>
</body>
</html>
`;

const BROKEN_XML = `<?xml version="1.0"?>\n<methodResponse>\n<params>\n<param>\n<value><array><data>\n<value><struct>\n<member>\n<name>id</name>\n<value><int>1</i`;
const BROKEN_JSON = '[{"id": 1, "name": "trunc';

function sleep(ms: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    res.once('close', done);
    function done() {
      clearTimeout(timer);
      res.off('close', done);
      resolve();
    }
  });
}

/** Sends the real answer a few bytes at a time. */
async function drip(res: ServerResponse, reply: Reply): Promise<void> {
  const bytes = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': bytes.length });
  res.flushHeaders();
  for (let i = 0; i < bytes.length && !res.destroyed; i += DRIP_BYTES) {
    res.write(bytes.subarray(i, i + DRIP_BYTES));
    await sleep(DRIP_INTERVAL_MS, res);
  }
  if (!res.destroyed) res.end();
}

/**
 * A valid answer of exactly `total` bytes (when `total` leaves room for the frame), written
 * chunk by chunk with backpressure so it is never held in memory.
 */
async function streamHuge(res: ServerResponse, total: number, transport: Transport, version: DemoOdooVersion): Promise<void> {
  const frame = transport === 'xmlrpc' ? arrayResponseFrame(version) : { head: '[', tail: ']' };
  const size = Math.max(total, frame.head.length + frame.tail.length);
  res.writeHead(200, { 'Content-Type': transport === 'xmlrpc' ? XML : JSON_TYPE, 'Content-Length': size });
  await writeAll(res, hugeChunks(size, frame, transport));
}

const CHUNK = 64 * 1024;

function* hugeChunks(total: number, frame: { head: string; tail: string }, transport: Transport): Generator<string> {
  yield frame.head;
  let remaining = total - frame.head.length - frame.tail.length;
  const filler = 'x'.repeat(CHUNK);
  let first = true;
  const item = (n: number) => {
    if (transport === 'xmlrpc') return stringValue(filler.slice(0, n));
    const sep = first ? '' : ', ';
    return `${sep}"${filler.slice(0, n)}"`;
  };
  const overhead = () => (transport === 'xmlrpc' ? stringValue('').length : first ? 2 : 4);
  while (remaining > overhead()) {
    const n = Math.min(CHUNK, remaining - overhead());
    const piece = item(n);
    first = false;
    remaining -= piece.length;
    yield piece;
  }
  // Whitespace is valid between XML elements and before a JSON closing bracket.
  if (remaining > 0) yield ' '.repeat(remaining);
  yield frame.tail;
}

async function writeAll(res: ServerResponse, chunks: Iterable<string>): Promise<void> {
  for (const chunk of chunks) {
    if (res.destroyed) return;
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off('drain', done);
          res.off('close', done);
          resolve();
        };
        res.on('drain', done);
        res.on('close', done);
      });
    }
  }
  if (!res.destroyed) res.end();
}
