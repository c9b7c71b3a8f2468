import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DemoCallCounts, DemoFault } from '../../server/demo-odoo/demo-odoo.types';
import { startTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { Child, tsChild } from './child';
import type { SeedSpec, ServeReady, ServeStats } from './serve-protocol';

// What every benchmark shares: one PostgreSQL, one demo Odoo (its own process, driven through
// its loopback control API) and one pair of secrets, so every server instance accepts every
// session cookie. Servers under test are started per benchmark with their own settings.

export type Server = Child<ServeReady>;

export class DemoOdoo {
  constructor(
    readonly url: string,
    private readonly child: Child,
  ) {}

  async setFault(fault: DemoFault): Promise<void> {
    await this.control('PUT', '/_control/faults', fault);
  }

  async setFaults(faults: DemoFault[]): Promise<void> {
    await this.clearFaults();
    for (const fault of faults) await this.setFault(fault);
  }

  async clearFaults(): Promise<void> {
    await this.control('DELETE', '/_control/faults');
  }

  async calls(): Promise<DemoCallCounts> {
    return (await this.control('GET', '/_control/calls')) as DemoCallCounts;
  }

  async resetCalls(): Promise<void> {
    await this.control('POST', '/_control/calls/reset');
  }

  stop(): Promise<number | null> {
    return this.child.stop();
  }

  private async control(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(`${this.url}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    if (res.status !== 200) throw new Error(`demo Odoo ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }
}

/** Aggregations of a database counted at the demo Odoo: one `search_read` on account.move each. */
export function odooAggregations(calls: DemoCallCounts, databases?: string[]): number {
  return Object.entries(calls)
    .filter(([db]) => !databases || databases.includes(db))
    .reduce((sum, [, models]) => sum + (models['account.move']?.search_read ?? 0), 0);
}

export interface ServerOptions {
  env?: Record<string, string>;
  seed?: SeedSpec;
  /** Node flags, e.g. --expose-gc so stats are taken after a collection. */
  nodeFlags?: string[];
}

export class BenchEnvironment {
  private readonly servers = new Set<Server>();
  private readonly secrets = {
    BETTER_AUTH_SECRET: randomBytes(32).toString('base64url'),
    SECRETS_KEY: randomBytes(32).toString('base64url'),
  };

  private constructor(
    readonly database: TestDatabase,
    readonly demo: DemoOdoo,
  ) {}

  static async start(): Promise<BenchEnvironment> {
    const database = await startTestDatabase();
    try {
      const child = await Child.start({
        name: 'demo-odoo',
        command: process.execPath,
        args: ['-r', '@swc-node/register', 'server/demo-odoo/main.ts', '--port', '0'],
        readyLine: (line) => /^Demo Odoo listening on (\S+)/.exec(line)?.[1],
      });
      return new BenchEnvironment(database, new DemoOdoo(child.ready as string, child));
    } catch (e) {
      await database.destroy();
      throw e;
    }
  }

  /** A server under test in its own process, on this environment's database and demo Odoo. */
  async startServer(name: string, options: ServerOptions = {}): Promise<Server> {
    const env: Record<string, string> = {
      ...this.secrets,
      ...options.env,
      BENCH_DATABASE_URL: this.database.url,
      BENCH_DEMO_URL: this.demo.url,
    };
    if (options.seed) env.BENCH_SEED = JSON.stringify(options.seed);
    const server = await tsChild<ServeReady>(name, 'bench/serve.ts', [], env, options.nodeFlags ?? []);
    this.servers.add(server);
    return server;
  }

  async stopServer(server: Server): Promise<ServeStats | null> {
    await server.stop();
    this.servers.delete(server);
    return server.lastStats as ServeStats | null;
  }

  /** A SQL connection to the shared database (benchmarks that add tenants on the fly). */
  async sql(): Promise<Client> {
    const client = new Client({ connectionString: this.database.url });
    await client.connect();
    return client;
  }

  async close(): Promise<void> {
    for (const server of this.servers) await server.stop().catch(() => undefined);
    this.servers.clear();
    await this.demo.stop().catch(() => undefined);
    await this.database.destroy().catch(() => undefined);
  }
}
