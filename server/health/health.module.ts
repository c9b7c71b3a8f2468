import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RedisModule } from '../cache/redis.module';
import { OdooModule } from '../odoo/odoo.module';
import { CacheHealthIndicator } from './cache.health';
import { HealthController } from './health.controller';
import { OdooHealthIndicator } from './odoo.health';

@Module({
  imports: [TerminusModule.forRoot({ logger: false }), OdooModule, RedisModule],
  controllers: [HealthController],
  providers: [OdooHealthIndicator, CacheHealthIndicator],
})
export class HealthModule {}
