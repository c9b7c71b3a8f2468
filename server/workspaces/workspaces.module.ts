import { Module } from '@nestjs/common';
import { TenantActivityModule } from '../activity/tenant-activity.module';
import { CompanyViewModule } from '../company-view/company-view.module';
import { OdooModule } from '../odoo/odoo.module';
import { TenantModule } from '../tenant/tenant.module';
import { ConnectionChecker } from './connection-checker';
import { MembersController } from './members.controller';
import { MembersService } from './members.service';
import { OdooConnectionController } from './odoo-connection.controller';
import { OdooConnectionService } from './odoo-connection.service';
import { WorkspacesController } from './workspaces.controller';
import { WorkspacesService } from './workspaces.service';

/** Self-service workspaces: creating one, its settings, its Odoo connection and its members. */
@Module({
  imports: [TenantModule, OdooModule, CompanyViewModule, TenantActivityModule],
  controllers: [WorkspacesController, OdooConnectionController, MembersController],
  providers: [WorkspacesService, OdooConnectionService, ConnectionChecker, MembersService],
})
export class WorkspacesModule {}
