import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { EmbeddedDatabase } from '../../server/database/embedded-database';

/** A real, empty PostgreSQL database for one suite: a fresh database on TEST_DATABASE_URL's server,
 *  or an embedded server of its own. Never DATABASE_URL. */
export interface TestDatabase {
  url: string;
  /** Only for embedded instances: stop/start the server (to test the database going away). */
  embedded: EmbeddedDatabase | null;
  dataDir: string;
  stopServer(): Promise<void>;
  startServer(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startTestDatabase(options: { embedded?: boolean } = {}): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'company-view-test-'));
  const shared = process.env.TEST_DATABASE_URL;
  if (shared && !options.embedded) return onSharedServer(shared, dataDir);
  let embedded: EmbeddedDatabase | null = await EmbeddedDatabase.start({ dataDir });
  const url = embedded.url;
  const db: TestDatabase = {
    url,
    embedded,
    dataDir,
    async stopServer() {
      await embedded?.stop();
      embedded = null;
    },
    async startServer() {
      embedded = await EmbeddedDatabase.start({ dataDir, port: Number(new URL(url).port) });
    },
    async destroy() {
      await embedded?.stop().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return db;
}

async function onSharedServer(serverUrl: string, dataDir: string): Promise<TestDatabase> {
  const name = `cv_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const refuse = () => Promise.reject(new Error('Stopping the server needs an embedded test database: call startTestDatabase({ embedded: true })'));
  return {
    url: url.toString(),
    embedded: null,
    dataDir,
    stopServer: refuse,
    startServer: refuse,
    async destroy() {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
