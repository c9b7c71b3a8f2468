import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from './config/app-config';
import { EmbeddedDatabase } from './database/embedded-database';
import type { DemoOdooServer } from './demo-odoo/demo-odoo.types';

/** Where a server in demo mode says which demo Odoo it runs (for `npm run admin -- odoo:check`). */
export const DEMO_ODOO_RUN_FILE = 'demo-odoo.run.json';

/** What runs beside the HTTP app: the embedded PostgreSQL and the demo Odoo, when configured. */
export interface Runtime {
  databaseUrl: string;
  embedded: EmbeddedDatabase | null;
  demoOdoo: DemoOdooServer | null;
  stop(): Promise<void>;
}

export async function startRuntime(config: AppConfig, log: (line: string) => void): Promise<Runtime> {
  let embedded: EmbeddedDatabase | null = null;
  let databaseUrl = config.database.url;
  if (!databaseUrl) {
    embedded = await EmbeddedDatabase.start({ dataDir: config.dataDir, advertise: true, log });
    databaseUrl = embedded.url;
    log(`Embedded PostgreSQL running (data in ${config.dataDir}/postgres)`);
  }
  let demoOdoo: DemoOdooServer | null = null;
  if (config.odoo.demoMode) {
    // Loaded only in demo mode: production never runs this code.
    const { startDemoOdoo } = require('./demo-odoo') as typeof import('./demo-odoo');
    const demo = await startDemoOdoo({ port: config.odoo.demoPort, host: '127.0.0.1' });
    demoOdoo = demo;
    // Lets `npm run admin -- odoo:check` probe the same demo Odoo this server reads.
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(join(config.dataDir, DEMO_ODOO_RUN_FILE), JSON.stringify({ url: demo.url, pid: process.pid }));
    log(`Demo Odoo running at ${demo.url}`);
  }
  return {
    databaseUrl,
    embedded,
    demoOdoo,
    async stop() {
      if (demoOdoo) rmSync(join(config.dataDir, DEMO_ODOO_RUN_FILE), { force: true });
      await demoOdoo?.close().catch(() => undefined);
      await embedded?.stop().catch(() => undefined);
    },
  };
}
