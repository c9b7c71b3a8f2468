// The B1 baseline: a bare node:http server that answers every request with one captured
// response (same status, headers and bytes as the real server's cache hit). Usage:
//   node -r @swc-node/register bench/baseline-server.ts <capture.json>
// where capture.json is { status, headers, bodyBase64 }. Prints BENCH_READY {"url": ...}.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

interface Capture {
  status: number;
  headers: Record<string, string>;
  bodyBase64: string;
}

const capture = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Capture;
const body = Buffer.from(capture.bodyBase64, 'base64');
const headers = { ...capture.headers, 'content-length': String(body.length) };

const server = createServer((req, res) => {
  // Drain the (empty) request body so keep-alive carries on.
  req.resume();
  res.writeHead(capture.status, headers);
  res.end(body);
});
server.keepAliveTimeout = 72_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`BENCH_READY ${JSON.stringify({ url: `http://127.0.0.1:${port}`, pid: process.pid })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
process.on('SIGUSR2', () => undefined);
