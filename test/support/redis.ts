import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect } from 'node:net';
import { freePort } from '../../server/database/embedded-database';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** True when a Redis answers PING at `url`. */
export function redisAnswers(url = TEST_REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => done(false));
    socket.on('error', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => done(d.toString().startsWith('+PONG')));
  });
}

/**
 * For suites that need a Redis at TEST_REDIS_URL. Outside CI, jest.config.js leaves them out (and
 * says why) when none answers; getting here without one (under CI, or run by hand) is a failure.
 */
export async function assertRedisAnswers(suite: string): Promise<void> {
  if (await redisAnswers()) return;
  throw new Error(`${suite} needs a Redis at ${TEST_REDIS_URL} (start redis-server, or set TEST_REDIS_URL)`);
}

// jest.config.js looks in the same places before it schedules the suites that start their own.
const REDIS_SERVER = ['/usr/bin/redis-server', '/usr/local/bin/redis-server'].find((p) => existsSync(p));

/** A private redis-server this suite may stop and start (for outage tests). */
export class PrivateRedis {
  private process: ChildProcess | null = null;
  private constructor(readonly port: number) {}

  static async start(): Promise<PrivateRedis> {
    if (!REDIS_SERVER) throw new Error('This suite starts its own Redis and needs redis-server (apt-get install redis-server)');
    const redis = new PrivateRedis(await freePort());
    await redis.resume();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async resume(): Promise<void> {
    this.process = spawn(REDIS_SERVER!, ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    for (let i = 0; i < 100 && !(await redisAnswers(this.url)); i++) await new Promise((r) => setTimeout(r, 50));
  }

  async stop(): Promise<void> {
    const child = this.process;
    this.process = null;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}
