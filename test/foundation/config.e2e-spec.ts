import { runEntry } from '../support/run-cli';

// Bad configuration stops the server before it does anything: exit 1, one readable line per problem,
// no stack trace, no secret echoed back.
describe('Configuration errors', () => {
  const start = (env: Record<string, string>) =>
    runEntry('server/main.ts', [], { env: { DATA_DIR: '/nonexistent/should-not-be-created', ...env }, timeoutMs: 30_000 });

  it.each([
    [{ PORT: 'eighty' }, /^Configuration error: PORT must be a whole number/m],
    [{ BETTER_AUTH_SECRET: 'hunter2' }, /^Configuration error: BETTER_AUTH_SECRET must be at least 32 characters/m],
    [{ ODOO_URL: 'https://odoo.example.com' }, /^Configuration error: ODOO_DATABASE, ODOO_USERNAME, ODOO_PASSWORD must be set too/m],
    [{ NODE_ENV: 'production' }, /^Configuration error: DATABASE_URL is required in production/m],
    [{ DATABASE_URL: 'mysql://nope' }, /^Configuration error: DATABASE_URL must be a URL starting with postgres/m],
    [{ ODOO_TRANSPORT: 'fax' }, /^Configuration error: ODOO_TRANSPORT must be auto, xmlrpc or json2/m],
    [{ ODOO_PUBLIC_URL: 'odoo.example.com' }, /^Configuration error: ODOO_PUBLIC_URL must be a URL starting with http/m],
    [
      { ODOO_URL: 'https://o.example', ODOO_DATABASE: 'd', ODOO_USERNAME: 'u', ODOO_PASSWORD: 'hunter2', ODOO_PUBLIC_URL: 'https://bot:hunter2@o.example' },
      /^Configuration error: ODOO_PUBLIC_URL must not contain credentials/m,
    ],
    [{ ODOO_PUBLIC_URL: 'https://odoo.example.com' }, /^Configuration error: ODOO_PUBLIC_URL needs ODOO_URL/m],
  ])('refuses %p', async (env, expected) => {
    const result = await start(env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stderr).not.toContain('hunter2');
  });

  it('reports every problem at once, one line each', async () => {
    const result = await start({ PORT: '-1', SESSION_CACHE_MAX_AGE_S: 'soon', REDIS_URL: 'http://not-redis' });
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^Configuration error: (PORT|SESSION_CACHE_MAX_AGE_S|REDIS_URL) /);
  });

  it('lists every missing production secret', async () => {
    const result = await start({ NODE_ENV: 'production', DATABASE_URL: 'postgresql://u:p@127.0.0.1:1/db' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/BETTER_AUTH_SECRET is required in production/);
    expect(result.stderr).toMatch(/SECRETS_KEY is required in production/);
    expect(result.stderr).not.toContain('u:p@');
  });
});
