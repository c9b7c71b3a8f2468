import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from './auth/public.decorator';
import { AppConfig } from './config/app-config';
import type { PublicConfigResponse } from './contracts/app';

/** What the client needs to know before anyone signs in. */
@Controller('public-config')
@Public()
@ApiTags('app')
export class AppInfoController {
  constructor(private readonly config: AppConfig) {}

  @Get()
  @ApiOperation({ summary: 'What the sign-in page needs to know (sign-up open, demo mode, workspace creation, password reset)' })
  @ApiOkResponse({
    schema: {
      type: 'object',
      properties: {
        allowSignup: { type: 'boolean' },
        demoMode: { type: 'boolean' },
        allowWorkspaceCreation: { type: 'boolean' },
        passwordReset: { type: 'boolean' },
      },
      required: ['allowSignup', 'demoMode', 'allowWorkspaceCreation', 'passwordReset'],
    },
  })
  get(): PublicConfigResponse {
    return {
      allowSignup: this.config.auth.allowSignup,
      demoMode: this.config.odoo.demoMode,
      allowWorkspaceCreation: this.config.workspaces.allowCreation,
      passwordReset: this.config.mail !== null,
    };
  }
}
