import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from './app-config';

const GENERATED = ['BETTER_AUTH_SECRET', 'SECRETS_KEY'] as const;
const FILE_NAME = 'dev-secrets.json';

/**
 * Outside production, BETTER_AUTH_SECRET and SECRETS_KEY default to random values generated once
 * and kept in DATA_DIR, so sessions and encrypted Odoo secrets survive restarts and the server,
 * the admin CLI and the migration CLI agree on them. A configuration that fails validation for
 * any other reason throws its ConfigError first, before anything is written.
 */
export function withDevelopmentSecrets(env: NodeJS.ProcessEnv, warn?: (line: string) => void): NodeJS.ProcessEnv {
  const missing = GENERATED.filter((name) => !env[name]?.trim());
  if (env.NODE_ENV === 'production' || missing.length === 0) return env;
  loadConfig({ ...env, BETTER_AUTH_SECRET: placeholder('a'), SECRETS_KEY: placeholder('b'), ...present(env) });
  const dataDir = resolve(env.DATA_DIR || './.data');
  const file = join(dataDir, FILE_NAME);
  const stored = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
  const generated = missing.filter((name) => !stored[name]);
  for (const name of generated) stored[name] = randomBytes(32).toString('base64url');
  if (generated.length > 0) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    for (const name of generated) warn?.(`${name} is not set: generated a development value and stored it in ${file}. Set it explicitly in production.`);
  }
  return { ...env, ...Object.fromEntries(missing.map((name) => [name, stored[name]])) };
}

/** The secrets the environment does set, so validation sees them as they are. */
function present(env: NodeJS.ProcessEnv): Record<string, string> {
  return Object.fromEntries(GENERATED.filter((name) => env[name]?.trim()).map((name) => [name, env[name]!]));
}

function placeholder(letter: string): string {
  return letter.repeat(32);
}
