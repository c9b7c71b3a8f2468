import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './child';

export const RESULTS_DIR = join(ROOT, 'bench', 'results');

/** What each benchmark writes to bench/results/<id>.json; the README summary is built from these. */
export interface BenchResult {
  id: string;
  title: string;
  /** The target in words, e.g. "ratio >= 0.4 and p99 <= 20 ms". */
  target: string;
  /** The headline measurement in words, e.g. "ratio 0.52, p99 9 ms". */
  measured: string;
  /** null: nothing to judge (the measurement could not be taken). */
  pass: boolean | null;
  quick: boolean;
  machine: Machine;
  /** 1-minute load average when the benchmark started: well above the CPU count means others were busy too. */
  loadBefore?: number;
  finishedAt: string;
  /** Why a target is missed, or caveats of the measurement. */
  notes: string[];
  /** Rows printed as the benchmark's table. */
  table: Array<Record<string, string | number>>;
  details: unknown;
}

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  node: string;
}

export function machine(): Machine {
  let cpuModel = 'unknown';
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpuModel;
  } catch {
    // not Linux: keep "unknown"
  }
  return { cpus: availableParallelism(), cpuModel, memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10, node: process.version };
}

/** Aligned plain-text table (also valid as the body of a Markdown table when `markdown`). */
export function formatTable(rows: Array<Record<string, string | number>>, markdown = false): string {
  if (!rows.length) return '(no rows)';
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: string | number | undefined) => (v === undefined ? '' : String(v));
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (values: string[]) =>
    markdown ? `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |` : values.map((v, i) => v.padEnd(widths[i])).join('  ');
  const out = [line(columns)];
  out.push(markdown ? `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|` : widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) out.push(line(columns.map((c) => cell(row[c]))));
  return out.join('\n');
}

export function writeResult(result: BenchResult): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = join(RESULTS_DIR, `${result.id}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return file;
}

export function printResult(result: BenchResult): void {
  const verdict = result.pass === null ? 'n/a' : result.pass ? 'PASS' : 'FAIL';
  process.stdout.write(`\n== ${result.id}: ${result.title} ==\n${formatTable(result.table)}\n`);
  process.stdout.write(
    `target: ${result.target}\nmeasured: ${result.measured}  -> ${verdict}${result.loadBefore === undefined ? '' : `  (load average before: ${result.loadBefore})`}\n`,
  );
  for (const note of result.notes) process.stdout.write(`note: ${note}\n`);
}

const ORDER = ['B1', 'B2', 'B3', 'B4', 'B5', 'B6', 'R1', 'soak'];

/** bench/results/README.md from every result file present (a partial run keeps older results). */
export function writeSummary(): string {
  const results = readdirSync(RESULTS_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(join(RESULTS_DIR, f), 'utf8')) as BenchResult)
    .filter((r) => ORDER.includes(r.id))
    .sort((a, b) => ORDER.indexOf(a.id) - ORDER.indexOf(b.id));
  const m = results[results.length - 1]?.machine ?? machine();
  const summary = results.map((r) => ({
    benchmark: `${r.id} ${r.title}`,
    target: r.target,
    measured: r.measured,
    result: r.pass === null ? 'n/a' : r.pass ? 'pass' : '**fail**',
    run: `${r.finishedAt.slice(0, 16).replace('T', ' ')}${r.quick ? ' (quick)' : ''}`,
    'load before': r.loadBefore ?? '',
  }));
  const sections = results.map((r) => [`## ${r.id}: ${r.title}`, '', formatTable(r.table, true), '', ...r.notes.map((n) => `- ${n}`)].join('\n'));
  const text = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (and `npm run soak`) from the JSON files in this folder; do not edit by hand.',
    '',
    `Machine: ${m.cpus} CPUs (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}. Load generator, server(s), demo Odoo and PostgreSQL all share these CPUs, so absolute numbers are modest; the ratios are the point. "load before" is the 1-minute load average when the benchmark started: far above ${m.cpus} means other work shared the machine and the numbers are noisier.`,
    '',
    formatTable(summary, true),
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  const file = join(RESULTS_DIR, 'README.md');
  writeFileSync(file, text);
  return file;
}

export function loadAverage(): number {
  return Math.round(loadavg()[0] * 10) / 10;
}
