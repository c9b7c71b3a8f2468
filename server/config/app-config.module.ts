import { DynamicModule, Global, Module } from '@nestjs/common';
import { DATABASE_URL } from '../database/database-url';
import { DEMO_ODOO_URL } from '../odoo/demo-odoo-url';
import { AppConfig } from './app-config';

/** What only the running process knows: where its database and its demo Odoo are. */
export interface RuntimeFacts {
  databaseUrl: string;
  demoOdooUrl: string | null;
}

/**
 * Makes the configuration parsed at boot injectable as `AppConfig` everywhere, with the facts
 * learnt at run time that configuration cannot hold (DATABASE_URL, DEMO_ODOO_URL). The only
 * global module: everything else is imported by the modules that use it.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(config: AppConfig, runtime: RuntimeFacts): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        { provide: AppConfig, useValue: config },
        { provide: DATABASE_URL, useValue: runtime.databaseUrl },
        { provide: DEMO_ODOO_URL, useValue: runtime.demoOdooUrl },
      ],
      exports: [AppConfig, DATABASE_URL, DEMO_ODOO_URL],
    };
  }
}
