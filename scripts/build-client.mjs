// The production client build, whoever runs it (npm run build, npm start, the browser suites, the
// Dockerfile): Angular's build, then brotli and gzip copies of its files (scripts/precompress.mjs).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { precompress } from './precompress.mjs';

const root = join(import.meta.dirname, '..');
export const CLIENT_DIR = join(root, 'dist', 'client', 'browser');

export function buildClient() {
  const ng = join(root, 'node_modules', '.bin', 'ng');
  // `ng` starts with `#!/usr/bin/env node`: the Node running this script goes first on the PATH.
  const env = { ...process.env, PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`, NG_CLI_ANALYTICS: 'false' };
  const result = spawnSync(ng, ['build', '--configuration', 'production'], { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) return result.status ?? 1;
  console.error(`Pre-compressed ${precompress(CLIENT_DIR)} copies of the client's files`);
  return 0;
}

if (import.meta.filename === process.argv[1]) process.exit(buildClient());
