import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { envSchema } from './config.schema';
import type { OdooTransport } from '../odoo/odoo-connection';

/** Typed configuration, grouped by concern. Also the DI token (see AppConfigModule). */
export class AppConfig {
  nodeEnv: 'development' | 'production' | 'test';
  isProduction: boolean;
  port: number;
  logLevel: string;
  dataDir: string;
  corsOrigins: string[];
  trustProxy: number;
  database: { url: string | undefined; testUrl: string | undefined; migrationsRun: boolean };
  auth: {
    secret: string;
    baseUrl: string | undefined;
    allowSignup: boolean;
    sessionCacheMaxAgeS: number;
    signInRateLimit: number;
    signInRateWindowS: number;
  };
  secretsKey: string;
  odoo: {
    /** The environment connection, or null when ODOO_URL is unset. */
    env: { url: string; database: string; username: string; password: string; transport: OdooTransport; companyIds: number[] | null } | null;
    lang: string;
    timeoutMs: number;
    authBackoffMs: number;
    maxResponseBytes: number;
    /** No ODOO_URL outside production: run the demo Odoo and map demo tenants to its databases. */
    demoMode: boolean;
    demoPort: number;
    /** URL of the running demo Odoo; set by the bootstrap (or a test) once it listens. */
    demoUrl: string | null;
  };
  companyView: {
    cacheTtlMs: number;
    errorCacheTtlMs: number;
    sectionTimeoutMs: number;
    totalBudgetMs: number;
    cacheMaxTenants: number;
    refreshAheadRatio: number;
    /** With refresh-ahead on, an entry just past its TTL is still served while one aggregation
     *  (at most the total budget) replaces it, so steady pollers never wait. 0 when it is off. */
    staleGraceMs: number;
    cacheLockTtlMs: number;
    cachePrefix: string;
  };
  redisUrl: string | undefined;
  metricsToken: string | undefined;
  apiDocs: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

export interface LoadConfigOptions {
  /** Called with a warning line (e.g. a development secret was generated). */
  warn?: (line: string) => void;
}

/** Validates the environment and returns typed config, or throws ConfigError listing every problem. */
export function loadConfig(env: NodeJS.ProcessEnv, options: LoadConfigOptions = {}): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  const isProduction = e.NODE_ENV === 'production';

  const odooVars = ['ODOO_URL', 'ODOO_DATABASE', 'ODOO_USERNAME', 'ODOO_PASSWORD'] as const;
  const setOdoo = odooVars.filter((k) => e[k] !== undefined);
  if (setOdoo.length > 0 && setOdoo.length < odooVars.length) {
    const missing = odooVars.filter((k) => e[k] === undefined);
    problems.push(`${missing.join(', ')} must be set too: ODOO_URL, ODOO_DATABASE, ODOO_USERNAME and ODOO_PASSWORD go together`);
  }
  if (isProduction) {
    if (!e.DATABASE_URL) problems.push('DATABASE_URL is required in production');
    if (!e.BETTER_AUTH_SECRET) problems.push('BETTER_AUTH_SECRET is required in production (at least 32 characters)');
    if (!e.SECRETS_KEY) problems.push('SECRETS_KEY is required in production (at least 32 characters)');
  }
  if (e.BETTER_AUTH_SECRET && e.SECRETS_KEY && e.BETTER_AUTH_SECRET === e.SECRETS_KEY) {
    problems.push('SECRETS_KEY must differ from BETTER_AUTH_SECRET');
  }
  if (problems.length) throw new ConfigError(problems);

  const dataDir = resolve(e.DATA_DIR);
  const devSecret = (name: 'BETTER_AUTH_SECRET' | 'SECRETS_KEY', value: string | undefined) =>
    value ?? developmentSecret(dataDir, name, options.warn);

  const config = new AppConfig();
  Object.assign(config, {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'warn' : 'info'),
    dataDir,
    corsOrigins: (e.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    trustProxy: e.TRUST_PROXY,
    database: { url: e.DATABASE_URL, testUrl: e.TEST_DATABASE_URL, migrationsRun: e.MIGRATIONS_RUN },
    auth: {
      secret: devSecret('BETTER_AUTH_SECRET', e.BETTER_AUTH_SECRET),
      baseUrl: e.BETTER_AUTH_URL,
      allowSignup: e.ALLOW_SIGNUP === undefined ? !isProduction : e.ALLOW_SIGNUP === 'true',
      sessionCacheMaxAgeS: e.SESSION_CACHE_MAX_AGE_S,
      signInRateLimit: e.SIGN_IN_RATE_LIMIT,
      signInRateWindowS: e.SIGN_IN_RATE_WINDOW_S,
    },
    secretsKey: devSecret('SECRETS_KEY', e.SECRETS_KEY),
    odoo: {
      env: e.ODOO_URL
        ? {
            url: e.ODOO_URL,
            database: e.ODOO_DATABASE!,
            username: e.ODOO_USERNAME!,
            password: e.ODOO_PASSWORD!,
            transport: e.ODOO_TRANSPORT,
            companyIds: e.ODOO_COMPANY_IDS ? e.ODOO_COMPANY_IDS.split(',').map(Number) : null,
          }
        : null,
      lang: e.ODOO_LANG,
      timeoutMs: e.ODOO_TIMEOUT_MS,
      authBackoffMs: e.ODOO_AUTH_BACKOFF_MS,
      maxResponseBytes: e.ODOO_MAX_RESPONSE_BYTES,
      demoMode: !e.ODOO_URL && !isProduction,
      demoPort: e.DEMO_ODOO_PORT,
      demoUrl: null,
    },
    companyView: {
      cacheTtlMs: e.CACHE_TTL_MS,
      errorCacheTtlMs: e.ERROR_CACHE_TTL_MS,
      sectionTimeoutMs: e.SECTION_TIMEOUT_MS,
      totalBudgetMs: e.TOTAL_BUDGET_MS,
      cacheMaxTenants: e.CACHE_MAX_TENANTS,
      refreshAheadRatio: e.REFRESH_AHEAD_RATIO,
      staleGraceMs: e.REFRESH_AHEAD_RATIO > 0 ? e.TOTAL_BUDGET_MS : 0,
      cacheLockTtlMs: e.CACHE_LOCK_TTL_MS,
      cachePrefix: e.COMPANY_VIEW_CACHE_PREFIX,
    },
    redisUrl: e.REDIS_URL,
    metricsToken: e.METRICS_TOKEN,
    apiDocs: e.API_DOCS || !isProduction,
  } satisfies AppConfig);
  return config;
}

/** Development only: a random secret generated once and kept in DATA_DIR so sessions and
 *  encrypted Odoo secrets survive restarts. */
function developmentSecret(dataDir: string, name: string, warn?: (line: string) => void): string {
  const file = join(dataDir, 'dev-secrets.json');
  const stored: Record<string, string> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  if (!stored[name]) {
    stored[name] = randomBytes(32).toString('base64url');
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
    warn?.(`${name} is not set: generated a development value and stored it in ${file}. Set it explicitly in production.`);
  }
  return stored[name];
}
