import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ROOT } from '../../support/run-cli';

const INDEX_HTML = join(ROOT, 'dist', 'client', 'browser', 'index.html');

/** Everything the production bundle is made from. Specs and test helpers are not part of it. */
const SOURCES = ['client/src', 'client/public', 'client/tsconfig.json', 'client/tsconfig.app.json', 'angular.json', 'server/contracts'];

function isBuildInput(path: string): boolean {
  return !path.endsWith('.spec.ts') && !path.includes(join('client', 'src', 'testing'));
}

function newestModification(path: string): number {
  if (!existsSync(path) || !isBuildInput(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestModification(join(path, entry))), 0);
}

/** Why the built client cannot be used as it is, or null when it is up to date. */
export function clientBuildProblem(): string | null {
  if (!existsSync(INDEX_HTML)) return 'dist/client/browser/index.html does not exist';
  const bundles = readdirSync(dirname(INDEX_HTML)).filter((name) => /^main-.*\.js$/.test(name));
  if (!bundles.every((name) => existsSync(join(dirname(INDEX_HTML), `${name}.br`)))) return 'the built client has no pre-compressed copies';
  const builtAt = statSync(INDEX_HTML).mtimeMs;
  const changedAt = Math.max(...SOURCES.map((source) => newestModification(join(ROOT, source))));
  return changedAt > builtAt ? 'client sources changed after the last build' : null;
}

/**
 * The browser suites test the production bundle the server serves. When it is missing or older than
 * its sources, they build it first with `npm run build:client`'s script rather than test a stale client.
 */
export function ensureClientBuilt(): void {
  const problem = clientBuildProblem();
  if (!problem) return;
  process.stdout.write(`Building the client for the browser suites: ${problem}.\n`);
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-client.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) {
    const output = `${result.stdout ?? ''}\n${result.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new Error(`the client build failed (${result.error?.message ?? `exit ${result.status}`}):\n${output}`);
  }
}
