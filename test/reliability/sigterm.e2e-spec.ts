import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, POSTGRES_RUN_FILE } from '../../server/database/embedded-database';
import { cookieHeader } from '../support/app-fixture';
import { ROOT } from '../support/run-cli';

// The real entry point, in demo mode with its own embedded PostgreSQL: SIGTERM lets an in-flight
// request finish, closes everything it started, and exits 0 well within 10 s.
describe('Graceful shutdown', () => {
  let child: ChildProcess | null = null;
  let dataDir: string;

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'company-view-sigterm-'));
  });
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('finishes the in-flight request, stops the embedded database and exits 0', async () => {
    const port = await freePort();
    child = spawn(process.execPath, ['-r', '@swc-node/register', 'server/main.ts'], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        NODE_ENV: 'development',
        PORT: String(port),
        DATA_DIR: dataDir,
        LOG_LEVEL: 'warn',
        SECTION_TIMEOUT_MS: '4000',
        TOTAL_BUDGET_MS: '6000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise<{ code: number | null }>((resolve) => child!.on('exit', (code) => resolve({ code })));
    await waitFor(
      () => output.includes('Company View is running at'),
      60_000,
      () => output,
    );
    const demoUrl = /Demo Odoo running at (\S+)/.exec(output)![1];
    expect(existsSync(join(dataDir, POSTGRES_RUN_FILE))).toBe(true);

    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/auth/sign-in/email`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: base },
      body: JSON.stringify({ email: 'demo@example.com', password: 'demo-password' }),
    });
    expect(signIn.status).toBe(200);
    const cookie = cookieHeader(signIn.headers.getSetCookie());
    const tenant = (await (await fetch(`${base}/api/tenants/current`, { headers: { cookie } })).json()) as { tenantId: string };

    // Make the aggregation take a while, then ask for it and send SIGTERM while it runs.
    await fetch(`${demoUrl}/_control/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ db: 'acme', kind: 'latency', latencyMs: 1500 }),
    });
    const inFlight = fetch(`${base}/api/company-view`, { headers: { cookie, 'x-tenant-id': tenant.tenantId } });
    await new Promise((r) => setTimeout(r, 300));
    child.kill('SIGTERM');

    const response = await inFlight;
    expect(response.status).toBe(200);
    const body = (await response.json()) as { tenantId: string };
    expect(body.tenantId).toBe(tenant.tenantId);
    // The server's own 10 s deadline exits 1, so 0 means it shut down cleanly and in time.
    const { code } = await exited;
    expect(code).toBe(0);
    child = null;
    // The embedded PostgreSQL was stopped (its connection file removed, its port closed).
    expect(existsSync(join(dataDir, POSTGRES_RUN_FILE))).toBe(false);
    await expect(fetch(`${base}/api/monitoring/live`)).rejects.toThrow();
  });
});

async function waitFor(check: () => boolean, timeoutMs: number, describe: () => string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out; output so far:\n${describe()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
