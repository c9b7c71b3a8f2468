// `npm start`: build whatever is out of date (server, client), then run the server.
// Zero setup: with no DATABASE_URL and no ODOO_URL it brings its own PostgreSQL and demo Odoo.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { buildClient, CLIENT_DIR } from './build-client.mjs';
import { copiesMissing } from './precompress.mjs';

const root = join(import.meta.dirname, '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 24 || (major === 24 && minor < 15)) {
  console.error(`Company View needs Node.js 24.15 or newer (this is ${process.version}). See README.md, "Prerequisites".`);
  process.exit(1);
}

function newest(dir, skip = () => false) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (skip(path)) continue;
    latest = Math.max(latest, entry.isDirectory() ? newest(path, skip) : statSync(path).mtimeMs);
  }
  return latest;
}

function builtAt(file) {
  return existsSync(file) ? statSync(file).mtimeMs : -1;
}

function run(label, command, args) {
  console.error(`> ${label}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const npx = join(root, 'node_modules', '.bin');
const isTestFile = (p) => p.endsWith('.spec.ts');
if (newest(join(root, 'server'), isTestFile) > builtAt(join(root, 'dist', 'server', 'main.js'))) {
  run('Building the server', join(npx, 'tsc'), ['-p', 'tsconfig.build.json']);
}
const clientSources = Math.max(newest(join(root, 'client'), isTestFile), newest(join(root, 'server', 'contracts')));
if (clientSources > builtAt(join(CLIENT_DIR, 'index.html')) || copiesMissing(CLIENT_DIR)) {
  console.error('> Building the client');
  const status = buildClient();
  if (status !== 0) process.exit(status);
}

const server = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist', 'server', 'main.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
