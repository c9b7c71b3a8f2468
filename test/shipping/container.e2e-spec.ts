import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';
import { ROOT } from '../support/run-cli';

// No container engine runs here: the Dockerfile is linted and the compose file's structure checked.
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8');
const documentedVariables = new Set(
  read('.env.example')
    .split('\n')
    .map((line) => /^([A-Z][A-Z0-9_]*)=/.exec(line)?.[1])
    .filter((name): name is string => Boolean(name)),
);

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');

  it('passes the Dockerfile linter with no findings', () => {
    expect(validate(dockerfile).map((d) => `${d.range.start.line + 1}: ${typeof d.message === 'string' ? d.message : d.message.value}`)).toEqual([]);
  });

  it('builds in stages and runs as a non-root user in production mode with a health check', () => {
    expect(dockerfile.match(/^FROM /gm)!.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm install --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).toMatch(/^ENV NODE_ENV=production/m);
    expect(dockerfile).toMatch(/^HEALTHCHECK .*\n?.*\/api\/monitoring\/system-health/m);
    expect(dockerfile).toMatch(/CMD \["node", .*"dist\/server\/main\.js"\]/);
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml')) as {
    services: Record<
      string,
      { environment?: Record<string, string>; ports?: string[]; healthcheck?: object; volumes?: string[]; profiles?: string[]; env_file?: string }
    >;
    volumes: Record<string, unknown>;
  };

  it('runs the app with PostgreSQL and Redis, each health-checked, data on volumes', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(['app', 'postgres', 'redis']));
    for (const name of ['app', 'postgres', 'redis']) expect(compose.services[name].healthcheck).toBeDefined();
    expect(compose.services.app.ports).toContain('3000:3000');
    expect(compose.services.app.env_file).toBe('.env');
    expect(compose.services.postgres.volumes?.[0]).toMatch(/^postgres-data:/);
    expect(Object.keys(compose.volumes)).toEqual(expect.arrayContaining(['postgres-data', 'redis-data']));
  });

  it('offers Odoo only behind an optional profile', () => {
    expect(compose.services.odoo.profiles).toEqual(['odoo']);
    expect(compose.services.app.profiles).toBeUndefined();
  });

  it('sets only variables that .env.example documents', () => {
    const names = Object.keys(compose.services.app.environment ?? {});
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => !documentedVariables.has(n))).toEqual([]);
  });
});

describe('.env.example', () => {
  it('documents every variable the configuration schema reads', () => {
    const schema = read('server/config/config.schema.ts');
    const read_ = [...schema.matchAll(/^\s{2}([A-Z][A-Z0-9_]+):/gm)].map((m) => m[1]);
    expect(read_.length).toBeGreaterThan(20);
    expect(read_.filter((n) => !documentedVariables.has(n))).toEqual([]);
  });
});
