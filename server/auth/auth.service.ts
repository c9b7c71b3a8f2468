import { Injectable } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { fromNodeHeaders } from 'better-auth/node';
import type { AuthRequests } from './auth-requests';
import type { Auth } from './better-auth';
import { type RememberedSession, SessionMemo } from './session-memo';
import { SessionRevocations } from './session-revocations';
import type { SignInLimiter } from './sign-in-limiter';
import { type Passwords, passwordsOf } from './user-admin';

/** What Better Auth said about a request's session, with the cookies it refreshed. */
export interface SessionCheck {
  session: RememberedSession | null;
  setCookies: string[];
}

/**
 * Sessions and sign-ins: Better Auth behind a few methods, with the per-instance memory of the
 * sessions it accepted (dropped as soon as the database announces a revocation) and the sign-in limit.
 */
@Injectable()
export class AuthService {
  private cookieName = '';

  constructor(
    private readonly auth: Auth,
    private readonly memo: SessionMemo,
    private readonly revocations: SessionRevocations,
    private readonly signInLimiter: SignInLimiter,
    private readonly requests: AuthRequests,
  ) {}

  async init(): Promise<void> {
    const { authCookies } = await this.auth.$context;
    this.cookieName = authCookies.sessionToken.name;
  }

  /** The name of the signed session-token cookie (it depends on the public URL's scheme). */
  get sessionCookieName(): string {
    return this.cookieName;
  }

  /** A session this instance accepted for `cookie` and nothing has revoked since: no database, no crypto. */
  remembered(cookie: string): RememberedSession | undefined {
    return this.memo.get(cookie);
  }

  /** Asks Better Auth, and remembers its yes for at most `lifetimeMs` (never past the session's expiry). */
  async check(headers: IncomingHttpHeaders, cookie: string, lifetimeMs: number): Promise<SessionCheck> {
    const since = this.revocations.position;
    const { headers: answer, response } = await this.auth.api.getSession({ headers: fromNodeHeaders(headers), returnHeaders: true });
    const setCookies = answer.getSetCookie();
    if (!response) return { session: null, setCookies };
    const session: RememberedSession = {
      sessionId: response.session.id,
      user: { id: response.user.id, email: response.user.email, name: response.user.name, isOperator: response.user.isOperator === true },
    };
    // A change announced while Better Auth was answering may not be reflected in its answer.
    if (!this.revocations.changedSince(since, session.sessionId, session.user.id)) {
      const untilExpiry = new Date(response.session.expiresAt).getTime() - Date.now();
      this.memo.remember(cookie, session, Math.min(lifetimeMs, untilExpiry));
    }
    return { session, setCookies };
  }

  /** A sign-out: this instance forgets the cookie at once (the database announces it to the others). */
  forget(cookie: string): void {
    this.memo.forget(cookie);
  }

  /** Runs one request through Better Auth; a sign-in takes a point of the limit and keeps it only if the password was refused. */
  async handle(request: Request, clientIp: string, publicOrigin: string): Promise<Response> {
    const state = this.requests.open(request, clientIp, publicOrigin);
    try {
      const response = await this.auth.handler(request);
      if (state.signInCounted && response.status !== 401) await this.signInLimiter.giveBack(state.clientIp);
      return response;
    } finally {
      state.releaseSignUp?.();
    }
  }

  /** Better Auth's password rules and hasher, for accounts made outside HTTP (demo seed, tests). */
  passwords(): Promise<Passwords> {
    return passwordsOf(this.auth);
  }
}
