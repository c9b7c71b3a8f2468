import { Controller, Delete, Get, HttpCode, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CROSS_ORIGIN_MESSAGE } from '../contracts/errors';
import type { SessionDto } from '../contracts/session';
import { SameOriginGuard } from '../common/same-origin.guard';
import { ApiErrors, DATABASE_DOWN, SESSION_REQUIRED } from '../docs/api-errors.decorator';
import { CurrentUser } from './session-user';
import type { SessionUser } from './session-user';
import { CurrentSessionId } from './public.decorator';
import { UserSessions } from './user-sessions';

export const SESSION_NOT_FOUND = 'Not Found: Session not found';

const SESSION_SCHEMA = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    expiresAt: { type: 'string', format: 'date-time' },
    ipAddress: { type: 'string', nullable: true },
    userAgent: { type: 'string', nullable: true },
    current: { type: 'boolean' },
  },
};

/** The signed-in user's devices: list them, sign one out by its session id. */
@Controller('sessions')
@ApiTags('sessions')
@ApiErrors(SESSION_REQUIRED, DATABASE_DOWN)
export class SessionsController {
  constructor(private readonly sessions: UserSessions) {}

  @Get()
  @ApiOperation({ summary: "The signed-in user's sessions, the current one marked" })
  @ApiOkResponse({ description: "The user's live sessions, newest first", schema: { type: 'array', items: SESSION_SCHEMA } })
  list(@CurrentUser() user: SessionUser, @CurrentSessionId() sessionId: string): Promise<SessionDto[]> {
    return this.sessions.list(user.id, sessionId);
  }

  @Delete(':sessionId')
  @ApiOperation({ summary: 'Signs one of your devices out, by session id' })
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Signed out on that device, on every instance' })
  @ApiErrors([403, CROSS_ORIGIN_MESSAGE], [404, SESSION_NOT_FOUND])
  @UseGuards(SameOriginGuard)
  async revoke(@CurrentUser() user: SessionUser, @Param('sessionId') sessionId: string): Promise<void> {
    if (!(await this.sessions.revoke(user.id, sessionId))) throw new NotFoundException(SESSION_NOT_FOUND);
  }
}
