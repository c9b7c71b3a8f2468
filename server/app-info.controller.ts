import { Controller, Get } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import type { PublicConfigResponse } from './contracts/app';

/** What the client needs to know before anyone signs in. */
@Controller('api/public-config')
export class AppInfoController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  get(): PublicConfigResponse {
    return { allowSignup: this.config.auth.allowSignup, demoMode: this.config.odoo.demoMode };
  }
}
