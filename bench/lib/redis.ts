import { createServer } from 'node:net';
import { createClient } from 'redis';
import { Child } from './child';

// B3 needs a Redis both server instances share: the one named by REDIS_URL / TEST_REDIS_URL, or
// a local default, if it answers; otherwise a throwaway redis-server of our own.

export interface BenchRedis {
  url: string;
  /** "existing" or "started" (our own redis-server). */
  origin: 'existing' | 'started';
  stop(): Promise<void>;
}

export async function ensureRedis(): Promise<BenchRedis | null> {
  const candidates = [process.env.REDIS_URL, process.env.TEST_REDIS_URL, 'redis://127.0.0.1:6379'].filter((u): u is string => !!u);
  for (const url of candidates) {
    if (await answers(url)) return { url, origin: 'existing', stop: () => Promise.resolve() };
  }
  return startRedisServer();
}

async function answers(url: string): Promise<boolean> {
  const client = createClient({ url, socket: { connectTimeout: 1000, reconnectStrategy: false } });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

async function startRedisServer(): Promise<BenchRedis | null> {
  const port = await freePort();
  try {
    const child = await Child.start({
      name: 'redis',
      command: 'redis-server',
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      readyLine: (line) => (/Ready to accept connections/.test(line) ? true : undefined),
      readyTimeoutMs: 10_000,
    });
    return { url: `redis://127.0.0.1:${port}`, origin: 'started', stop: async () => void (await child.stop()) };
  } catch {
    return null; // no redis-server on this machine
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
