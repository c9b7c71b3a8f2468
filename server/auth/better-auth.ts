import { BASE_ERROR_CODES } from '@better-auth/core/error';
import { APIError, betterAuth, getCurrentAdapter } from 'better-auth';
import { createAuthMiddleware } from 'better-auth/api';
import type { Pool } from 'pg';
import type { Semaphore } from '../common/semaphore';
import type { AppConfig } from '../config/app-config';
import type { AuthRequests } from './auth-requests';
import { DEMO_EMAILS } from './demo-accounts';
import type { SessionRevocations } from './session-revocations';
import type { SignInLimiter } from './sign-in-limiter';
import { AUTH_BASE_PATH } from '../common/routes';
import { MIN_PASSWORD_LENGTH } from '../contracts/session';

export interface AuthDeps {
  config: AppConfig;
  pool: Pool;
  log: { warn(message: string): void; error(message: string): void };
  /** What serving HTTP needs; the admin CLI, which only hashes passwords, goes without. */
  http?: HttpAuthDeps;
}

export interface HttpAuthDeps {
  revocations: Pick<SessionRevocations, 'cookieCacheVersion'>;
  signInLimiter: SignInLimiter;
  /** Password-reset requests and resets per client IP, counted like failed sign-ins. */
  passwordResetLimiter: SignInLimiter;
  /** Sends reset links; null without SMTP_URL (then Better Auth answers that reset is not enabled). */
  mail: PasswordResetMailer | null;
  /** With ALLOW_SIGNUP off, a sign-up goes ahead only for the address an invitation token names. */
  invitedEmail: (token: unknown) => Promise<string | null>;
  allowSignup: boolean;
  /** Sign-ups hold a pool connection for their whole transaction (password hashing included). */
  signUpSlots: Semaphore;
  requests: AuthRequests;
}

export interface PasswordResetMailer {
  /** Sends the link to `to`; resolves whether or not delivery worked (never throws). */
  sendPasswordReset(to: string, link: string): Promise<void>;
}

/** The cookie-cache version of a session nothing happened to lately (see SessionRevocations). */
export const UNCHANGED = '1';

export const SIGN_IN_LIMITED = 'Too Many Requests: too many failed sign-in attempts, try again later';
export const PASSWORD_RESET_LIMITED = 'Too Many Requests: too many password reset attempts, try again later';

/** Endpoints as Better Auth resolves them (its hooks see these, however the URL was spelled). */
const SIGN_IN_ENDPOINT = '/sign-in/email';
const SIGN_UP_ENDPOINT = '/sign-up/email';
const PASSWORD_RESET_ENDPOINTS = new Set(['/request-password-reset', '/reset-password']);
/** How long a reset link works. */
const RESET_TOKEN_LIFETIME_S = 3600;

/** The Better Auth instance: email + password, encrypted session cookie cache, our own tables. */
export function createAuth(deps: AuthDeps) {
  const { config, log } = deps;
  const secureCookies = config.isProduction || (config.auth.baseUrl?.startsWith('https:') ?? false);
  return betterAuth({
    appName: 'Company View',
    secret: config.auth.secret,
    baseURL: authBaseUrl(config),
    basePath: AUTH_BASE_PATH,
    database: deps.pool,
    telemetry: { enabled: false },
    // Same-origin requests are always trusted; CORS_ORIGINS and BETTER_AUTH_URL add others.
    trustedOrigins: (request?: Request) => trustedOrigins(config, request),
    emailAndPassword: {
      enabled: true,
      // ALLOW_SIGNUP is enforced in the before hook, which also lets invited addresses in. Without
      // the HTTP side (the CLI only hashes passwords) nobody signs up anyway.
      disableSignUp: !deps.http && !config.auth.allowSignup,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      autoSignIn: true,
      resetPasswordTokenExpiresIn: RESET_TOKEN_LIFETIME_S,
      // Whoever knew the old password is signed out everywhere.
      revokeSessionsOnPasswordReset: true,
      sendResetPassword: deps.http?.mail ? resetSender(config, deps.http.mail, deps.http.requests) : undefined,
    },
    session: {
      cookieCache: {
        enabled: true,
        maxAge: config.auth.sessionCacheMaxAgeS,
        // Encrypted: the session token inside must not be readable by whoever holds the cookie.
        strategy: 'jwe',
        // A session or user changed since the cookie was written: Better Auth asks the database.
        version: (session, user) => deps.http?.revocations.cookieCacheVersion(session.id, user.id) ?? UNCHANGED,
      },
    },
    // Revoking one device goes by session id through our own route, never by token.
    disabledPaths: ['/revoke-session'],
    // Sign-in throttling is ours (failed attempts per client IP); see SignInLimiter.
    rateLimit: { enabled: false },
    hooks: { before: createAuthMiddleware(async (ctx) => (deps.http ? beforeEndpoint(deps.http, ctx.path, ctx.request, ctx.body) : undefined)) },
    user: {
      additionalFields: {
        disabledAt: { type: 'date', required: false, input: false },
        isOperator: { type: 'boolean', required: false, input: false, defaultValue: false },
      },
    },
    advanced: {
      useSecureCookies: secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure: secureCookies },
      ipAddress: { ipAddressHeaders: config.trustProxy > 0 ? ['x-forwarded-for'] : [] },
    },
    databaseHooks: {
      user: {
        create: {
          // A production server has no demo accounts, not even self-registered ones.
          before: (user) => Promise.resolve(config.isProduction && DEMO_EMAILS.includes(user.email.toLowerCase()) ? false : { data: user }),
        },
      },
      session: {
        create: {
          // Disabled users, and demo users on a production server, get no session, and are told the
          // same as for a wrong password: this runs after the password was verified, so neither the
          // answer nor its timing says whether it was right.
          before: async (session, context) => {
            const user = await sessionOwner(deps, session.userId, context?.context.adapter);
            if (user?.disabledAt || (user && config.isProduction && DEMO_EMAILS.includes(user.email))) {
              throw APIError.from('UNAUTHORIZED', BASE_ERROR_CODES.INVALID_EMAIL_OR_PASSWORD);
            }
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

/** BETTER_AUTH_URL; without it, links Better Auth builds point at the local server. */
export function authBaseUrl(config: AppConfig): string {
  return config.auth.baseUrl ?? `http://localhost:${config.port}`;
}

type AuthAdapter = Parameters<typeof getCurrentAdapter>[0];

/**
 * The user a session is about to be created for. Read through the adapter of the transaction in
 * progress, if any (sign-up, change-password): a second pool connection would wait on the first.
 */
async function sessionOwner(deps: AuthDeps, userId: string, adapter: AuthAdapter | undefined): Promise<{ email: string; disabledAt?: Date | null } | null> {
  if (!adapter) {
    const { rows } = await deps.pool.query<{ email: string; disabledAt: Date | null }>('SELECT email, "disabledAt" FROM "user" WHERE id = $1', [userId]);
    return rows[0] ?? null;
  }
  const current = await getCurrentAdapter(adapter);
  return current.findOne<{ email: string; disabledAt?: Date | null }>({ model: 'user', where: [{ field: 'id', value: userId }] });
}

/**
 * Runs before every endpoint Better Auth resolved for an HTTP request. A sign-in takes a point
 * before its password is checked (or is refused with 429); a sign-up waits for a free slot.
 */
async function beforeEndpoint(deps: HttpAuthDeps, endpoint: string, request: Request | undefined, body: unknown): Promise<Response | undefined> {
  const state = deps.requests.of(request);
  if (!state) return undefined;
  if (endpoint === SIGN_IN_ENDPOINT) {
    const retryAfterS = await deps.signInLimiter.take(state.clientIp);
    if (retryAfterS > 0) return tooManySignIns(retryAfterS);
    state.signInCounted = true;
  } else if (endpoint === SIGN_UP_ENDPOINT) {
    state.releaseSignUp = await deps.signUpSlots.acquire();
    // Before Better Auth opens its transaction: this query holds no connection it waits for.
    if (!deps.allowSignup && !(await invitedSignUp(deps, body))) return signUpDisabled();
  } else if (PASSWORD_RESET_ENDPOINTS.has(endpoint)) {
    // Each request may send an email or try a token: every one counts, none is given back.
    const retryAfterS = await deps.passwordResetLimiter.take(state.clientIp);
    if (retryAfterS > 0) return tooManySignIns(retryAfterS, PASSWORD_RESET_LIMITED);
  }
  return undefined;
}

/** The body names an invitation still pending for exactly the address signing up. */
async function invitedSignUp(deps: HttpAuthDeps, body: unknown): Promise<boolean> {
  const { email, invitationToken } = (typeof body === 'object' && body !== null ? body : {}) as { email?: unknown; invitationToken?: unknown };
  if (typeof email !== 'string' || invitationToken === undefined) return false;
  const invited = await deps.invitedEmail(invitationToken);
  return invited !== null && invited === email.trim().toLowerCase();
}

/** What Better Auth itself answers when sign-up is off (answered here, it is not logged as an error). */
function signUpDisabled(): Response {
  return new Response(JSON.stringify({ code: 'EMAIL_PASSWORD_SIGN_UP_DISABLED', message: 'Email and password sign up is not enabled' }), {
    status: 400,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
  });
}

/**
 * Reset links open the client's reset page on the public origin (as invitation links do), which
 * posts the token back. The mail is not waited for: an answer that took longer when the account
 * exists would tell who has one (the mailer logs a failed send).
 */
function resetSender(config: AppConfig, mail: PasswordResetMailer, requests: AuthRequests) {
  return ({ user, token }: { user: { email: string }; token: string }, request?: Request): Promise<void> => {
    const origin = requests.of(request)?.publicOrigin ?? new URL(authBaseUrl(config)).origin;
    void mail.sendPasswordReset(user.email, `${origin}/reset-password?token=${encodeURIComponent(token)}`);
    return Promise.resolve();
  };
}

function tooManySignIns(retryAfterS: number, message = SIGN_IN_LIMITED): Response {
  return new Response(JSON.stringify({ error: message }), {
    status: 429,
    headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterS), 'cache-control': 'no-store' },
  });
}

function trustedOrigins(config: AppConfig, request?: Request): string[] {
  const origins = [...config.corsOrigins, ...config.trustedOrigins];
  // Angular's dev server (npm run dev) proxies /api from its own origin.
  if (!config.isProduction) origins.push('http://localhost:4200');
  if (config.auth.baseUrl) origins.push(new URL(config.auth.baseUrl).origin);
  const host = request?.headers.get('host');
  // A browser's Origin equals the host it sent the request to only for same-origin calls.
  if (host) origins.push(`http://${host}`, `https://${host}`);
  return origins;
}
