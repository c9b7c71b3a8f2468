import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { RedisConnection } from '../cache/redis-connection';
import { Semaphore } from '../common/semaphore';
import { AppConfig } from '../config/app-config';
import { RedisModule } from '../cache/redis.module';
import { pendingInvitationEmail } from '../invitations/invitation-tokens';
import { MailModule } from '../mail/mail.module';
import { Mailer } from '../mail/mailer';
import { hostOf, passwordResetMail } from '../mail/messages';
import { AuthPool } from './auth-pool';
import { AuthEvents } from './auth-events';
import { AuthRequests } from './auth-requests';
import { createAuth } from './better-auth';
import { AuthService } from './auth.service';
import { SessionGuard } from './session.guard';
import { SessionMemo } from './session-memo';
import { SessionRevocations } from './session-revocations';
import { SessionsController } from './sessions.controller';
import { SignInLimiter } from './sign-in-limiter';
import { UserSessions } from './user-sessions';

function signInLimit(config: AppConfig) {
  return { limit: config.auth.signInRateLimit, windowS: config.auth.signInRateWindowS, keyPrefix: config.companyView.cachePrefix };
}

/** Connections a sign-up may not take: kept for session checks and sign-ins while many sign up at once. */
const POOL_RESERVE = 2;

@Module({
  imports: [RedisModule, MailModule],
  controllers: [SessionsController],
  providers: [
    AuthPool,
    AuthEvents,
    { provide: SessionMemo, useFactory: () => new SessionMemo() },
    SessionRevocations,
    {
      provide: SignInLimiter,
      inject: [AppConfig, RedisConnection],
      useFactory: (config: AppConfig, redis: RedisConnection) => new SignInLimiter(signInLimit(config), redis.client ?? undefined),
    },
    {
      provide: AuthService,
      inject: [AppConfig, AuthPool, SessionMemo, SessionRevocations, SignInLimiter, RedisConnection, Mailer],
      useFactory: (
        config: AppConfig,
        pool: AuthPool,
        memo: SessionMemo,
        revocations: SessionRevocations,
        signInLimiter: SignInLimiter,
        redis: RedisConnection,
        mailer: Mailer,
      ) => {
        const logger = new Logger('BetterAuth');
        const requests = new AuthRequests();
        const signUpSlots = new Semaphore(Math.max(1, config.auth.poolSize - POOL_RESERVE));
        const auth = createAuth({
          config,
          pool,
          log: { warn: (m) => logger.warn(m), error: (m) => logger.error(m) },
          http: {
            revocations,
            signInLimiter,
            passwordResetLimiter: new SignInLimiter({ ...signInLimit(config), name: 'password-reset' }, redis.client ?? undefined),
            signUpSlots,
            requests,
            mail: mailer.enabled
              ? { sendPasswordReset: (to, link) => mailer.send(passwordResetMail({ to, url: link }), hostOf(link)).then(() => undefined) }
              : null,
            invitedEmail: (token) => pendingInvitationEmail(pool, token),
            allowSignup: config.auth.allowSignup,
          },
        });
        return new AuthService(auth, memo, revocations, signInLimiter, requests);
      },
    },
    SessionGuard,
    // Closed by default: every route needs a session unless it is marked @Public().
    { provide: APP_GUARD, useExisting: SessionGuard },
    UserSessions,
  ],
  exports: [AuthService, AuthEvents],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly authService: AuthService) {}

  async onModuleInit(): Promise<void> {
    await this.authService.init();
  }
}
