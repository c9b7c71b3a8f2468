// `npm run lint` (and so the start of `npm test`): lint, formatting and type checks over the whole
// repository. Every check runs even after one fails, so a single pass lists every problem; the exit
// code is non-zero if any failed. ESLint, the slowest, runs beside the others (one process each on
// a 2-core machine); each check's output is printed as a block when it ends.
import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const bin = (name) => join(root, 'node_modules', '.bin', name);

const ESLINT = ['ESLint, no warnings allowed', 'eslint', ['.', '--max-warnings', '0']];
const OTHERS = [
  ['Prettier', 'prettier', ['--check', '.', '--log-level', 'warn']],
  ['TypeScript: server, test, bench, scripts', 'tsc', ['--noEmit', '-p', 'tsconfig.json']],
  // ngc type-checks the templates too (strictTemplates); --noEmit keeps it from writing anything.
  ['Angular: client with its templates', 'ngc', ['--noEmit', '-p', 'client/tsconfig.app.json']],
  ['Angular: client specs', 'ngc', ['--noEmit', '-p', 'client/tsconfig.spec.json']],
];

const started = performance.now();
const failed = [];
await Promise.all([
  run(ESLINT),
  (async () => {
    for (const check of OTHERS) await run(check);
  })(),
]);
console.log(`lint: ${failed.length ? `${failed.length} check(s) failed` : 'all checks passed'} in ${seconds(started)}`);
process.exitCode = failed.length ? 1 : 0;

/** Runs one check, then prints what it wrote and whether it passed. */
function run([name, command, args]) {
  const t0 = performance.now();
  return new Promise((resolve) => {
    const output = [];
    const child = spawn(bin(command), args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    let finished = false;
    const finish = (ok) => {
      if (finished) return;
      finished = true;
      process.stdout.write(Buffer.concat(output));
      if (!ok) failed.push(name);
      console.log(`lint: ${ok ? 'ok    ' : 'FAILED'} ${name} (${seconds(t0)})`);
      resolve();
    };
    child.on('error', () => finish(false));
    child.on('close', (status) => finish(status === 0));
  });
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}
