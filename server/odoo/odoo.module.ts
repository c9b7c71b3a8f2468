import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { OdooClient } from './odoo-client';
import { OdooConnectionResolver } from './odoo-connection.resolver';
import { RpcOdooClient } from './rpc-odoo-client';

/**
 * The one way into Odoo. Needs the global AppConfig (AppConfigModule.forRoot) and an
 * OdooCallObserver, which MetricsModule provides (every call is counted).
 */
@Module({
  imports: [MetricsModule],
  providers: [{ provide: OdooClient, useClass: RpcOdooClient }, OdooConnectionResolver],
  exports: [OdooClient, OdooConnectionResolver],
})
export class OdooModule {}
