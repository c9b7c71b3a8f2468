import { Logger, Module, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AuthPool } from '../database/database.module';
import { createAuth } from './better-auth';
import { AuthService } from './auth.service';
import { SessionGuard } from './session.guard';
import { SessionMemo } from './session-memo';
import { SignInLimiter } from './sign-in-limiter';
import { RedisConnection } from '../cache/redis-connection';

@Module({
  providers: [
    {
      provide: AuthService,
      inject: [AppConfig, AuthPool, RedisConnection],
      useFactory: (config: AppConfig, pool: AuthPool, redis: RedisConnection) => {
        const logger = new Logger('BetterAuth');
        const auth = createAuth({ config, pool, log: { warn: (m) => logger.warn(m), error: (m) => logger.error(m) } });
        const limiter = new SignInLimiter(config.auth.signInRateLimit, config.auth.signInRateWindowS, redis.client ?? undefined);
        return new AuthService(auth, new SessionMemo(), limiter);
      },
    },
    SessionGuard,
  ],
  exports: [AuthService, SessionGuard],
})
export class AuthModule implements OnModuleInit {
  constructor(private readonly authService: AuthService) {}

  async onModuleInit(): Promise<void> {
    await this.authService.init();
  }
}
