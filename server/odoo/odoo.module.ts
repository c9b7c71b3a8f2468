import { Module } from '@nestjs/common';
import { OdooClient } from './odoo-client';
import { OdooConnectionResolver } from './odoo-connection.resolver';
import { RpcOdooClient } from './rpc-odoo-client';

/** The one way into Odoo. Needs the global AppConfig provider (AppConfigModule.forRoot). */
@Module({
  providers: [{ provide: OdooClient, useClass: RpcOdooClient }, OdooConnectionResolver],
  exports: [OdooClient, OdooConnectionResolver],
})
export class OdooModule {}
