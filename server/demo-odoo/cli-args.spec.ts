import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseCliArgs } from './cli-args';

describe('parseCliArgs', () => {
  it('defaults to port 8069 on 127.0.0.1 and the default databases', () => {
    expect(parseCliArgs([])).toEqual({ help: false, options: { port: 8069, host: '127.0.0.1', verbose: false } });
  });

  it('reads repeated --db, --seed, --today and --verbose', () => {
    const r = parseCliArgs(['--port', '0', '--db', 'a:16:enterprise', '--db', 'b:19', '--seed', '5', '--today', '2025-01-31', '--verbose']);
    expect(r).toEqual({
      help: false,
      options: {
        port: 0,
        host: '127.0.0.1',
        verbose: true,
        seed: 5,
        databases: [
          { name: 'a', version: 16, edition: 'enterprise' },
          { name: 'b', version: 19, edition: 'community' },
        ],
        today: new Date('2025-01-31T12:00:00Z'),
      },
    });
  });

  it('reads faults from a JSON file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'demo-odoo-cli-'));
    try {
      const file = join(dir, 'faults.json');
      writeFileSync(file, JSON.stringify([{ db: 'acme', kind: 'hang' }]));
      const r = parseCliArgs(['--faults', file]);
      expect(r.help === false && r.options.faults).toEqual([{ db: 'acme', kind: 'hang' }]);
      writeFileSync(file, '{"db": "acme"}');
      expect(() => parseCliArgs(['--faults', file])).toThrow('expected a JSON array of faults');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each([
    [['--port', '70000'], '--port must be an integer'],
    [['--db', 'x:15:community'], '--db x:15:community'],
    [['--db', 'x:17:pro'], '--db x:17:pro'],
    [['--today', '2025-13-45'], '--today must be a date'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
