import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

// Child processes of a benchmark run: the server under test, the demo Odoo, the bare baseline
// server, a Redis. Each speaks to us through tagged JSON lines on stdout ("BENCH_READY {...}");
// every other line (server logs) goes to a log file under the system temp folder, to read after a crash.

export const ROOT = join(__dirname, '..', '..');
export const LOG_DIR = join(tmpdir(), 'company-view-bench-logs');

const READY_TAG = 'BENCH_READY ';
const STATS_TAG = 'BENCH_STATS ';
const live = new Set<ChildProcess>();

export interface ChildOptions {
  /** Short name, used for the log file and in error messages. */
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  /** How to recognise readiness on a line; default: a BENCH_READY line. */
  readyLine?: (line: string) => unknown;
  readyTimeoutMs?: number;
}

export class Child<Ready = unknown> {
  private statsWaiters: Array<(stats: unknown) => void> = [];
  private exited: Promise<number | null>;
  /** Log lines at pino level error (50) or above. */
  errorLogLines = 0;
  lastStats: unknown = null;

  private constructor(
    readonly name: string,
    readonly process: ChildProcess,
    readonly ready: Ready,
    exited: Promise<number | null>,
  ) {
    this.exited = exited;
  }

  static start<Ready>(options: ChildOptions): Promise<Child<Ready>> {
    mkdirSync(LOG_DIR, { recursive: true });
    const logPath = join(LOG_DIR, `${options.name}.log`);
    const log = createWriteStream(logPath);
    const proc = spawn(options.command, options.args, {
      cwd: ROOT,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    live.add(proc);
    const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
    void exited.then(() => live.delete(proc));
    proc.stderr.pipe(log, { end: false });
    const isReady = options.readyLine ?? ((line: string) => (line.startsWith(READY_TAG) ? (JSON.parse(line.slice(READY_TAG.length)) as unknown) : undefined));
    return new Promise((resolve, reject) => {
      let child: Child<Ready> | null = null;
      const timer = setTimeout(
        () => fail(new Error(`${options.name} was not ready within ${options.readyTimeoutMs ?? 120_000} ms (see ${logPath})`)),
        options.readyTimeoutMs ?? 120_000,
      );
      const fail = (error: Error) => {
        clearTimeout(timer);
        proc.kill('SIGKILL');
        reject(error);
      };
      proc.once('error', (e) => fail(new Error(`${options.name} could not start: ${e.message}`)));
      void exited.then((code) => {
        if (!child) fail(new Error(`${options.name} exited with code ${code} before it was ready (see ${logPath})`));
      });
      createInterface({ input: proc.stdout }).on('line', (line) => {
        if (child) return child.onLine(line, log);
        const ready = isReady(line);
        if (ready === undefined) return void log.write(`${line}\n`);
        clearTimeout(timer);
        child = new Child<Ready>(options.name, proc, ready as Ready, exited);
        resolve(child);
      });
    });
  }

  private onLine(line: string, log: WriteStream): void {
    if (line.startsWith(STATS_TAG)) {
      try {
        this.lastStats = JSON.parse(line.slice(STATS_TAG.length));
      } catch {
        return void log.write(`(unreadable stats line of ${line.length} characters)\n`);
      }
      for (const waiter of this.statsWaiters.splice(0)) waiter(this.lastStats);
      return;
    }
    if (/"level":(5\d|60)/.test(line)) this.errorLogLines++;
    log.write(`${line}\n`);
  }

  get pid(): number {
    return this.process.pid!;
  }

  get running(): boolean {
    return this.process.exitCode === null && this.process.signalCode === null;
  }

  /** Asks the child (SIGUSR2) for a BENCH_STATS line and waits for it. */
  stats<Stats>(timeoutMs = 30_000): Promise<Stats> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${this.name} sent no stats within ${timeoutMs} ms`)), timeoutMs);
      this.statsWaiters.push((stats) => {
        clearTimeout(timer);
        resolve(stats as Stats);
      });
      this.process.kill('SIGUSR2');
    });
  }

  /** SIGTERM, then SIGKILL after the grace period. Resolves with the exit code. */
  async stop(graceMs = 15_000): Promise<number | null> {
    if (!this.running) return this.process.exitCode;
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), graceMs);
    const code = await this.exited;
    clearTimeout(timer);
    return code;
  }
}

/** A child running a TypeScript entry of this repository through @swc-node/register. */
export function tsChild<Ready>(
  name: string,
  script: string,
  args: string[] = [],
  env: Record<string, string | undefined> = {},
  nodeFlags: string[] = [],
): Promise<Child<Ready>> {
  return Child.start<Ready>({ name, command: process.execPath, args: [...nodeFlags, '-r', '@swc-node/register', script, ...args], env });
}

/** Last resort on exit or Ctrl+C: no child outlives the run. */
export function killAllChildren(): void {
  for (const proc of live) proc.kill('SIGKILL');
}

let exitHooked = false;
export function hookExit(cleanup: () => Promise<void>): void {
  if (exitHooked) return;
  exitHooked = true;
  process.once('exit', killAllChildren);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping children...\n`);
      void cleanup().finally(() => {
        killAllChildren();
        process.exit(130);
      });
    });
  }
}

/** Linux's USER_HZ: /proc reports CPU times in these ticks (100 on every mainstream build). */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system) a process has used so far, in ms; NaN where /proc is missing. */
export function cpuTimeMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start at field 3, "state".
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return NaN;
  }
}
