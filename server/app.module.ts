import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { LoggerModule } from 'nestjs-pino';
import { AdminModule } from './admin/admin.module';
import { AppInfoController } from './app-info.controller';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { RedisModule } from './cache/redis.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { JsonBodyPipe } from './common/json-body';
import { CompanyViewModule } from './company-view/company-view.module';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { HistoryModule } from './history/history.module';
import { InvitationsModule } from './invitations/invitations.module';
import { loggerParams } from './logging';
import { MetricsModule } from './metrics/metrics.module';
import { TenantModule } from './tenant/tenant.module';
import { WorkspacesModule } from './workspaces/workspaces.module';

/** Composes the feature modules; holds no business providers of its own. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string, options: { logStream?: NodeJS.WritableStream; demoOdooUrl?: string | null } = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config, { databaseUrl, demoOdooUrl: options.demoOdooUrl ?? null }),
        LoggerModule.forRoot(loggerParams(config, options.logStream)),
        DatabaseModule.forRoot(databaseUrl),
        RedisModule,
        MetricsModule,
        AuthModule,
        TenantModule,
        HealthModule,
        CompanyViewModule,
        HistoryModule,
        WorkspacesModule,
        InvitationsModule,
        AuditModule,
        AdminModule,
      ],
      controllers: [AppInfoController],
      providers: [
        { provide: APP_FILTER, useClass: ApiExceptionFilter },
        { provide: APP_PIPE, useClass: JsonBodyPipe },
      ],
    };
  }
}
