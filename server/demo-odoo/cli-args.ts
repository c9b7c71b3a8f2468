// Command-line options of `npm run demo-odoo`.

import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DemoDatabaseSpec, DemoFault, DemoOdooOptions, DemoOdooVersion } from './demo-odoo.types';

export const USAGE = `Usage: npm run demo-odoo -- [options]
  --port N                  port to listen on (default 8069, 0 = any free port)
  --host H                  address to bind (default 127.0.0.1)
  --db name:version:edition a database, e.g. acme:17:enterprise (repeatable; replaces the default list)
  --faults file.json        faults to inject from the start (a JSON array of faults)
  --seed N                  seed of the generated data (default 1)
  --today YYYY-MM-DD        the day the data is built around (default: today)
  --verbose                 log every call to stderr
  --help                    show this help`;

export type CliResult = { help: true } | { help: false; options: DemoOdooOptions };

/** Parses argv (without node and script); throws an Error with a readable message on bad input. */
export function parseCliArgs(argv: string[]): CliResult {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      db: { type: 'string', multiple: true },
      faults: { type: 'string' },
      seed: { type: 'string' },
      today: { type: 'string' },
      verbose: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return { help: true };
  const options: DemoOdooOptions = {
    port: values.port === undefined ? 8069 : integer('--port', values.port, 0, 65535),
    host: values.host ?? '127.0.0.1',
    verbose: values.verbose === true,
  };
  if (values.seed !== undefined) options.seed = integer('--seed', values.seed, 0, 2 ** 31 - 1);
  if (values.db) options.databases = values.db.map(parseDb);
  if (values.faults) options.faults = readFaults(values.faults);
  if (values.today) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(values.today) || Number.isNaN(Date.parse(`${values.today}T12:00:00Z`)))
      throw new Error('--today must be a date YYYY-MM-DD');
    options.today = new Date(`${values.today}T12:00:00Z`);
  }
  return { help: false, options };
}

function integer(flag: string, raw: string, min: number, max: number): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) throw new Error(`${flag} must be an integer from ${min} to ${max}`);
  return n;
}

function parseDb(raw: string): DemoDatabaseSpec {
  const [name, version, edition = 'community', ...rest] = raw.split(':');
  const v = Number(version);
  if (!name || rest.length > 0 || ![16, 17, 18, 19].includes(v) || (edition !== 'community' && edition !== 'enterprise')) {
    throw new Error(`--db ${raw}: expected name:version:edition with version 16-19 and edition community or enterprise`);
  }
  return { name, version: v as DemoOdooVersion, edition };
}

function readFaults(file: string): DemoFault[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`--faults ${file}: ${(e as Error).message}`, { cause: e });
  }
  if (!Array.isArray(parsed)) throw new Error(`--faults ${file}: expected a JSON array of faults`);
  return parsed as DemoFault[];
}
