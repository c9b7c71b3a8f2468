import { resolve } from 'node:path';
import { envSchema } from './config.schema';
import type { OdooTransport } from '../odoo/odoo-connection';
import { publicOdooUrl, PublicUrlError } from '../odoo/odoo-links';
import { RECORD_WAIT_MS } from '../history/history-recorder';

/** Typed configuration, grouped by concern, frozen once parsed. Also the DI token (see AppConfigModule). */
export class AppConfig {
  readonly nodeEnv: 'development' | 'production' | 'test';
  readonly isProduction: boolean;
  readonly port: number;
  readonly logLevel: string;
  readonly dataDir: string;
  readonly corsOrigins: string[];
  /** TRUSTED_ORIGINS: origins besides the public one whose state-changing requests are accepted. */
  readonly trustedOrigins: string[];
  readonly trustProxy: number;
  readonly database: Readonly<{ url: string | undefined; testUrl: string | undefined; migrationsRun: boolean }>;
  readonly auth: Readonly<{
    secret: string;
    baseUrl: string | undefined;
    allowSignup: boolean;
    /** How long an instance trusts a session it validated without asking the database again. */
    sessionCacheMaxAgeS: number;
    /** Connections in Better Auth's own pool. */
    poolSize: number;
    signInRateLimit: number;
    signInRateWindowS: number;
  }>;
  readonly workspaces: Readonly<{
    /** Anyone signed in may create a workspace (operators always may). */
    allowCreation: boolean;
  }>;
  /** Outgoing email (invitations, password resets); null without SMTP_URL. */
  readonly mail: Readonly<{ url: string; from: string | null }> | null;
  readonly secretsKey: string;
  readonly odoo: Readonly<{
    /** The environment connection, or null when ODOO_URL is unset. */
    env: Readonly<{
      url: string;
      database: string;
      username: string;
      password: string;
      transport: OdooTransport;
      companyIds: number[] | null;
      /** ODOO_PUBLIC_URL: where users open this Odoo, when it differs from ODOO_URL. */
      publicUrl: string | null;
    }> | null;
    lang: string;
    timeoutMs: number;
    authBackoffMs: number;
    maxResponseBytes: number;
    /** Workspace connections may point at loopback and private addresses (ODOO_ALLOW_PRIVATE_HOSTS). */
    allowPrivateHosts: boolean;
    /** No ODOO_URL outside production: run the demo Odoo and map demo tenants to its databases. */
    demoMode: boolean;
    demoPort: number;
  }>;
  readonly companyView: Readonly<{
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
  }>;
  readonly history: Readonly<{
    /** When every active tenant's default scope is sampled (UTC). */
    sampleCron: string;
    /** Runs the job queue (scheduled samples and the daily compaction) in this process. */
    sampling: boolean;
  }>;
  readonly redisUrl: string | undefined;
  readonly metricsToken: string | undefined;
  readonly apiDocs: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'ConfigError';
  }
}

/**
 * Validates the environment and returns typed, frozen config, or throws ConfigError listing every
 * problem. Reads nothing but `env` (development secrets are filled in beforehand, see
 * development-secrets.ts).
 */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
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
  const odooPublicUrl = checkedPublicUrl(e.ODOO_PUBLIC_URL, problems);
  if (odooPublicUrl && !e.ODOO_URL) problems.push('ODOO_PUBLIC_URL needs ODOO_URL: it is the public address of the environment connection');
  if (isProduction && !e.DATABASE_URL) problems.push('DATABASE_URL is required in production');
  for (const name of ['BETTER_AUTH_SECRET', 'SECRETS_KEY'] as const) {
    if (!e[name]) problems.push(`${name} is required${isProduction ? ' in production' : ''} (at least 32 characters)`);
  }
  if (e.BETTER_AUTH_SECRET && e.SECRETS_KEY && e.BETTER_AUTH_SECRET === e.SECRETS_KEY) {
    problems.push('SECRETS_KEY must differ from BETTER_AUTH_SECRET');
  }
  if (problems.length) throw new ConfigError(problems);

  const dataDir = resolve(e.DATA_DIR);
  const allowSignup = e.ALLOW_SIGNUP === undefined ? !isProduction : e.ALLOW_SIGNUP === 'true';

  const config = new AppConfig();
  Object.assign(config, {
    nodeEnv: e.NODE_ENV,
    isProduction,
    port: e.PORT,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'warn' : 'info'),
    dataDir,
    corsOrigins: listOf(e.CORS_ORIGINS),
    trustedOrigins: listOf(e.TRUSTED_ORIGINS).map((o) => new URL(o).origin),
    trustProxy: e.TRUST_PROXY,
    database: { url: e.DATABASE_URL, testUrl: e.TEST_DATABASE_URL, migrationsRun: e.MIGRATIONS_RUN },
    auth: {
      secret: e.BETTER_AUTH_SECRET!,
      baseUrl: e.BETTER_AUTH_URL,
      allowSignup,
      sessionCacheMaxAgeS: e.SESSION_CACHE_MAX_AGE_S,
      poolSize: e.AUTH_DB_POOL_SIZE,
      signInRateLimit: e.SIGN_IN_RATE_LIMIT,
      signInRateWindowS: e.SIGN_IN_RATE_WINDOW_S,
    },
    // Like sign-up unless set: an open deployment lets newcomers start their own workspace.
    workspaces: { allowCreation: e.ALLOW_WORKSPACE_CREATION === undefined ? allowSignup : e.ALLOW_WORKSPACE_CREATION === 'true' },
    mail: e.SMTP_URL ? { url: e.SMTP_URL, from: e.SMTP_FROM ?? null } : null,
    secretsKey: e.SECRETS_KEY!,
    odoo: {
      env: e.ODOO_URL
        ? {
            url: e.ODOO_URL,
            database: e.ODOO_DATABASE!,
            username: e.ODOO_USERNAME!,
            password: e.ODOO_PASSWORD!,
            transport: e.ODOO_TRANSPORT,
            companyIds: e.ODOO_COMPANY_IDS ? e.ODOO_COMPANY_IDS.split(',').map(Number) : null,
            publicUrl: odooPublicUrl,
          }
        : null,
      lang: e.ODOO_LANG,
      timeoutMs: e.ODOO_TIMEOUT_MS,
      authBackoffMs: e.ODOO_AUTH_BACKOFF_MS,
      maxResponseBytes: e.ODOO_MAX_RESPONSE_BYTES,
      // Outside production the demo Odoo and local test servers live on loopback.
      allowPrivateHosts: e.ODOO_ALLOW_PRIVATE_HOSTS === undefined ? !isProduction : e.ODOO_ALLOW_PRIVATE_HOSTS === 'true',
      demoMode: !e.ODOO_URL && !isProduction,
      demoPort: e.DEMO_ODOO_PORT,
    },
    companyView: {
      cacheTtlMs: e.CACHE_TTL_MS,
      errorCacheTtlMs: e.ERROR_CACHE_TTL_MS,
      sectionTimeoutMs: e.SECTION_TIMEOUT_MS,
      totalBudgetMs: e.TOTAL_BUDGET_MS,
      cacheMaxTenants: e.CACHE_MAX_TENANTS,
      refreshAheadRatio: e.REFRESH_AHEAD_RATIO,
      // Long enough for a background rebuild to finish (its budget, then the wait for its history
      // sample) before the entry it replaces stops being served: a watched tenant never sees a miss.
      staleGraceMs: e.REFRESH_AHEAD_RATIO > 0 ? e.TOTAL_BUDGET_MS + RECORD_WAIT_MS : 0,
      cacheLockTtlMs: e.CACHE_LOCK_TTL_MS,
      cachePrefix: e.COMPANY_VIEW_CACHE_PREFIX,
    },
    history: { sampleCron: e.HISTORY_SAMPLE_CRON, sampling: e.HISTORY_SAMPLING },
    redisUrl: e.REDIS_URL,
    metricsToken: e.METRICS_TOKEN,
    apiDocs: e.API_DOCS || !isProduction,
  } satisfies AppConfig);
  return deepFreeze(config);
}

function listOf(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (child && typeof child === 'object') deepFreeze(child as object);
  return Object.freeze(value);
}

/** ODOO_PUBLIC_URL normalised (no trailing slash), or null; a problem line when it carries credentials. */
function checkedPublicUrl(value: string | undefined, problems: string[]): string | null {
  if (value === undefined) return null;
  try {
    return publicOdooUrl(value);
  } catch (err) {
    if (!(err instanceof PublicUrlError)) throw err;
    problems.push(`ODOO_PUBLIC_URL ${err.message}`);
    return null;
  }
}
