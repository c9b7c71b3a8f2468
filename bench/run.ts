// `npm run bench [-- --only B1,R1] [--quick]`: runs the benchmarks one after another on one
// shared PostgreSQL and demo Odoo, prints each table, writes bench/results/<id>.json and
// refreshes bench/results/README.md.
import { parseArgs } from 'node:util';
import { runB1 } from './b1-throughput';
import { runB2 } from './b2-cold-miss';
import { runB3 } from './b3-stampede';
import { runB4 } from './b4-polling';
import { runB5 } from './b5-memory';
import { runB6 } from './b6-screen-age';
import { runR1 } from './r1-revocation';
import { hookExit } from './lib/child';
import { BenchEnvironment } from './lib/environment';
import { type BenchResult, loadAverage, printResult, writeResult, writeSummary } from './lib/report';

const BENCHMARKS: Record<string, (env: BenchEnvironment, quick: boolean) => Promise<BenchResult>> = {
  B1: runB1,
  B2: runB2,
  B3: runB3,
  B4: runB4,
  B5: runB5,
  B6: runB6,
  R1: runR1,
};

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { only: { type: 'string' }, quick: { type: 'boolean', default: false } } });
  const selected = values.only ? values.only.split(',').map((s) => s.trim().toUpperCase()) : Object.keys(BENCHMARKS);
  const unknown = selected.filter((id) => !BENCHMARKS[id]);
  if (unknown.length) throw new Error(`Unknown benchmark(s): ${unknown.join(', ')} (known: ${Object.keys(BENCHMARKS).join(', ')})`);

  const env = await BenchEnvironment.start();
  hookExit(() => env.close());
  let failed = 0;
  try {
    for (const id of selected) {
      process.stdout.write(`\nRunning ${id}${values.quick ? ' (quick)' : ''}...\n`);
      const started = performance.now();
      const loadBefore = loadAverage();
      try {
        const result = { ...(await BENCHMARKS[id](env, values.quick)), loadBefore };
        printResult(result);
        process.stdout.write(`(${Math.round((performance.now() - started) / 1000)} s; written to ${writeResult(result)})\n`);
        await env.demo.clearFaults();
      } catch (e) {
        failed++;
        process.stderr.write(`${id} could not run: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      }
    }
  } finally {
    await env.close();
  }
  process.stdout.write(`\nSummary: ${writeSummary()}\n`);
  if (failed) process.exitCode = 1;
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
