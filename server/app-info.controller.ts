import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AppConfig } from './config/app-config';
import type { PublicConfigResponse } from './contracts/app';

/** What the client needs to know before anyone signs in. */
@Controller('api/public-config')
@ApiTags('app')
export class AppInfoController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOkResponse({ schema: { type: 'object', properties: { allowSignup: { type: 'boolean' }, demoMode: { type: 'boolean' } } } })
  get(): PublicConfigResponse {
    return { allowSignup: this.config.auth.allowSignup, demoMode: this.config.odoo.demoMode };
  }
}
