import { CronExpressionParser } from 'cron-parser';
import { z } from 'zod';

// One schema for every environment variable the server, the CLI and ormconfig.ts read.
// Parsed once at boot; bad values end the process with one line per problem.

const bool = (def: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .optional()
    .transform((v) => (v === undefined ? def : ['true', '1', 'yes'].includes(v)));

const int = (def: number, min: number, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return def;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}` });
        return z.NEVER;
      }
      return n;
    });

const url = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : undefined))
    .refine((v) => v === undefined || isUrl(v, protocols), {
      message: `must be a URL starting with ${protocols.map((p) => p + '//').join(' or ')}`,
    });

function isUrl(value: string, protocols: string[]): boolean {
  try {
    return protocols.includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** scheme://host[:port] and nothing else, as browsers send it in Origin. */
function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value.replace(/\/$/, '');
  } catch {
    return false;
  }
}

/** Five fields (minute hour day-of-month month day-of-week), as the sampler's schedule takes them. */
const cron = (def: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const value = v?.trim() ? v.trim().replace(/\s+/g, ' ') : def;
      if (!isCron(value)) {
        ctx.addIssue({ code: 'custom', message: 'must be a cron expression of five fields (minute hour day month weekday), e.g. 0 * * * *' });
        return z.NEVER;
      }
      return value;
    });

function isCron(value: string): boolean {
  if (value.split(' ').length !== 5) return false;
  try {
    CronExpressionParser.parse(value, { tz: 'UTC' });
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v : undefined));

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test'], { message: 'must be development, production or test' }).default('development'),
  PORT: int(3000, 0, 65535),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'must be one of fatal, error, warn, info, debug, trace, silent' })
    .optional(),
  DATA_DIR: z.string().default('./.data'),

  DATABASE_URL: url(['postgres:', 'postgresql:']),
  TEST_DATABASE_URL: url(['postgres:', 'postgresql:']),
  MIGRATIONS_RUN: bool(true),

  BETTER_AUTH_SECRET: optionalText.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
  BETTER_AUTH_URL: url(['http:', 'https:']),
  SECRETS_KEY: optionalText.refine((v) => v === undefined || v.length >= 32, { message: 'must be at least 32 characters' }),
  ALLOW_SIGNUP: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  ALLOW_WORKSPACE_CREATION: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  TRUSTED_ORIGINS: optionalText.refine((v) => v === undefined || v.split(',').every((o) => !o.trim() || isOrigin(o.trim())), {
    message: 'must be comma-separated origins, e.g. https://dash.example.com,https://admin.example.com',
  }),
  SMTP_URL: url(['smtp:', 'smtps:']),
  SMTP_FROM: optionalText,
  TRUST_PROXY: int(0, 0, 16),
  CORS_ORIGINS: optionalText,
  SESSION_CACHE_MAX_AGE_S: int(30, 1, 3600),
  AUTH_DB_POOL_SIZE: int(10, 3, 200),
  SIGN_IN_RATE_LIMIT: int(5, 1, 10000),
  SIGN_IN_RATE_WINDOW_S: int(60, 1, 86400),

  ODOO_URL: url(['http:', 'https:']),
  ODOO_PUBLIC_URL: url(['http:', 'https:']),
  ODOO_DATABASE: optionalText,
  ODOO_USERNAME: optionalText,
  ODOO_PASSWORD: optionalText,
  ODOO_TRANSPORT: z.enum(['auto', 'xmlrpc', 'json2'], { message: 'must be auto, xmlrpc or json2' }).default('auto'),
  ODOO_COMPANY_IDS: optionalText.refine((v) => v === undefined || /^\d+(,\d+)*$/.test(v), { message: 'must be comma-separated company ids, e.g. 1,2' }),
  ODOO_LANG: z.string().default('en_US'),
  ODOO_TIMEOUT_MS: int(10000, 100),
  ODOO_AUTH_BACKOFF_MS: int(90000, 0),
  ODOO_MAX_RESPONSE_BYTES: int(20 * 1024 * 1024, 1024),
  ODOO_ALLOW_PRIVATE_HOSTS: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),

  CACHE_TTL_MS: int(30000, 100),
  ERROR_CACHE_TTL_MS: int(5000, 0),
  SECTION_TIMEOUT_MS: int(4000, 10),
  TOTAL_BUDGET_MS: int(6000, 10),
  CACHE_MAX_TENANTS: int(10000, 1),
  REFRESH_AHEAD_RATIO: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 1;
      const n = Number(v);
      if (!(n >= 0 && n <= 1)) {
        ctx.addIssue({ code: 'custom', message: 'must be a number from 0 (off) to 1' });
        return z.NEVER;
      }
      return n;
    }),
  CACHE_LOCK_TTL_MS: int(10000, 100),
  COMPANY_VIEW_CACHE_PREFIX: z.string().default('company-view:'),
  HISTORY_SAMPLE_CRON: cron('0 * * * *'),
  HISTORY_SAMPLING: bool(true),
  REDIS_URL: url(['redis:', 'rediss:']),
  METRICS_TOKEN: optionalText,
  API_DOCS: bool(false),
  DEMO_ODOO_PORT: int(0, 0, 65535),
});

export type RawEnv = z.output<typeof envSchema>;
