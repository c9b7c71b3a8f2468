import { spawn, ChildProcessWithoutNullStreams } from 'node:child_process';
import { resolve } from 'node:path';
import { rpc } from './raw-xmlrpc';

const ROOT = resolve(__dirname, '../..');

/** Starts the entry point exactly as `npm run demo-odoo` does and waits for its URL line. */
function startCli(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'server/demo-odoo/main.ts', ...args], { cwd: ROOT, env: { ...process.env } });
  let out = '';
  let err = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed; stderr: ${err}`)), 30_000);
    child.stderr.on('data', (c) => (err += c));
    child.stdout.on('data', (c) => {
      out += c;
      const m = /^Demo Odoo listening on (http:\/\/\S+)$/m.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveStart({ child, url: m[1], output: () => out });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`exited with ${code}; stderr: ${err}`));
    });
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((res) => child.once('exit', (code) => res(code)));
}

describe('npm run demo-odoo entry point', () => {
  it('starts on a free port, prints URL and credentials, answers, and stops cleanly on SIGTERM', async () => {
    const { child, url, output } = await startCli(['--port', '0', '--db', 'solo:18:enterprise', '--seed', '7']);
    try {
      expect(output()).toContain('api@solo.example');
      expect(output()).toContain('demo-secret-solo');
      const version = (await rpc(url, 'common', 'version', [])) as { server_version: string };
      expect(version.server_version).toBe('18.0+e-20250702');
      expect(await rpc(url, 'common', 'authenticate', ['solo', 'api@solo.example', 'demo-secret-solo', {}])).toBe(6);
      expect(await rpc(url, 'common', 'authenticate', ['solo', 'api@solo.example', 'wrong', {}])).toBe(false);
    } finally {
      const exited = exitOf(child);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
  });

  it('refuses a bad option with a usage message and exit code 2', async () => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'server/demo-odoo/main.ts', '--db', 'x:15:community'], { cwd: ROOT });
    let err = '';
    child.stderr.on('data', (c) => (err += c));
    expect(await exitOf(child)).toBe(2);
    expect(err).toContain('--db x:15:community');
    expect(err).toContain('Usage: npm run demo-odoo');
  });
});
