import { Injectable } from '@nestjs/common';
import type { Auth } from './better-auth';
import { SessionMemo } from './session-memo';
import { SignInLimiter } from './sign-in-limiter';

/** Holds the Better Auth instance and the session/sign-in state shared by the guard and the auth routes. */
@Injectable()
export class AuthService {
  sessionCookieName: string;
  sessionDataCookieName: string;

  constructor(
    readonly auth: Auth,
    readonly memo: SessionMemo,
    readonly signInLimiter: SignInLimiter,
  ) {}

  async init(): Promise<void> {
    const { authCookies } = await this.auth.$context;
    this.sessionCookieName = authCookies.sessionToken.name;
    this.sessionDataCookieName = authCookies.sessionData.name;
  }
}
