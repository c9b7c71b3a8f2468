import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AppInfoController } from './app-info.controller';
import { AuthModule } from './auth/auth.module';
import { RedisModule } from './cache/redis.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { CompanyViewModule } from './company-view/company-view.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { loggerParams } from './logging';
import { MetricsModule } from './metrics/metrics.module';
import { TenantModule } from './tenant/tenant.module';

/** Composes the feature modules; holds no business providers of its own. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, logStream?: NodeJS.WritableStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config, logStream)),
        DatabaseModule.forRoot(databaseUrl),
        RedisModule,
        MetricsModule,
        AuthModule,
        TenantModule,
        HealthModule,
        CompanyViewModule,
      ],
      controllers: [AppInfoController],
      providers: [{ provide: APP_FILTER, useClass: ApiExceptionFilter }],
    };
  }
}
