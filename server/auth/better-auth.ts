import { betterAuth } from 'better-auth';
import type { Pool } from 'pg';
import type { AppConfig } from '../config/app-config';
import { DEMO_EMAILS } from './demo-accounts';

export interface AuthDeps {
  config: AppConfig;
  pool: Pool;
  log: { warn(message: string): void; error(message: string): void };
}

/** The Better Auth instance: email + password, signed session cookie cache, our own tables. */
export function createAuth({ config, pool, log }: AuthDeps) {
  const secureCookies = config.isProduction || (config.auth.baseUrl?.startsWith('https:') ?? false);
  return betterAuth({
    appName: 'Company View',
    secret: config.auth.secret,
    // Without BETTER_AUTH_URL, links Better Auth builds point at the local server.
    baseURL: config.auth.baseUrl ?? `http://localhost:${config.port}`,
    basePath: '/api/auth',
    database: pool,
    telemetry: { enabled: false },
    // Same-origin requests are always trusted; CORS_ORIGINS and BETTER_AUTH_URL add others.
    trustedOrigins: (request?: Request) => trustedOrigins(config, request),
    emailAndPassword: { enabled: true, disableSignUp: !config.auth.allowSignup, minPasswordLength: 8, autoSignIn: true },
    session: { cookieCache: { enabled: true, maxAge: config.auth.sessionCacheMaxAgeS } },
    // Sign-in throttling is ours (failed attempts per client IP); see SignInLimiter.
    rateLimit: { enabled: false },
    user: { additionalFields: { disabledAt: { type: 'date', required: false, input: false } } },
    advanced: {
      useSecureCookies: secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: secureCookies },
      ipAddress: { ipAddressHeaders: config.trustProxy > 0 ? ['x-forwarded-for'] : [] },
    },
    databaseHooks: {
      user: {
        create: {
          // A production server has no demo accounts, not even self-registered ones.
          before: async (user) => (config.isProduction && DEMO_EMAILS.includes(user.email.toLowerCase()) ? false : { data: user }),
        },
      },
      session: {
        create: {
          // Disabled users, and demo users on a production server, get no session. (A user created in
          // the same sign-up transaction is not visible here yet; it is new, so neither applies.)
          before: async (session) => {
            const { rows } = await pool.query<{ email: string; disabledAt: Date | null }>(
              'SELECT email, "disabledAt" FROM "user" WHERE id = $1',
              [session.userId],
            );
            const user = rows[0];
            if (user?.disabledAt) return false;
            if (user && config.isProduction && DEMO_EMAILS.includes(user.email)) return false;
            return { data: session };
          },
        },
      },
    },
    logger: {
      level: 'warn',
      log: (level, message) => (level === 'error' ? log.error(message) : log.warn(message)),
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

function trustedOrigins(config: AppConfig, request?: Request): string[] {
  const origins = [...config.corsOrigins];
  // Angular's dev server (npm run dev) proxies /api from its own origin.
  if (!config.isProduction) origins.push('http://localhost:4200');
  if (config.auth.baseUrl) origins.push(new URL(config.auth.baseUrl).origin);
  const host = request?.headers.get('host');
  // A browser's Origin equals the host it sent the request to only for same-origin calls.
  if (host) origins.push(`http://${host}`, `https://${host}`);
  return origins;
}
