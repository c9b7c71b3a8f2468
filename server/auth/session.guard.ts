import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import type { SessionUser } from './session-user';
import { AuthService } from './auth.service';
import { readCookie } from './auth-cookies';
import { IS_PUBLIC } from './public.decorator';
import type { RememberedSession } from './session-memo';

const UNAUTHORIZED_MESSAGE = 'Unauthorized: Valid session required';

type GuardedRequest = FastifyRequest & { user?: SessionUser; sessionId?: string };

/**
 * Global: lets a request through only with a session Better Auth accepts, unless its route is
 * `@Public()`; attaches `request.user` and `request.sessionId`. A session it validated is
 * remembered (SessionMemo) for SESSION_CACHE_MAX_AGE_S at most, and forgotten as soon as the
 * database announces a change to it or its user.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly logger = new Logger(SessionGuard.name);
  private readonly publicHandlers = new WeakMap<object, boolean>();
  private readonly memoLifetimeMs: number;

  constructor(
    private readonly authService: AuthService,
    private readonly reflector: Reflector,
    config: AppConfig,
  ) {
    this.memoLifetimeMs = config.auth.sessionCacheMaxAgeS * 1000;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.isPublic(context)) return true;
    const http = context.switchToHttp();
    const request = http.getRequest<GuardedRequest>();
    const cookie = readCookie(request.headers.cookie, this.authService.sessionCookieName);
    if (!cookie) return this.refuse(request);
    const session = this.authService.remembered(cookie) ?? (await this.validate(request, http.getResponse<FastifyReply>(), cookie));
    if (!session) return this.refuse(request);
    request.user = session.user;
    request.sessionId = session.sessionId;
    return true;
  }

  /** Reflection once per route, not once per request. */
  private isPublic(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let open = this.publicHandlers.get(handler);
    if (open === undefined) {
      open = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [handler, context.getClass()]) === true;
      this.publicHandlers.set(handler, open);
    }
    return open;
  }

  private async validate(request: FastifyRequest, reply: FastifyReply, cookie: string): Promise<RememberedSession | null> {
    const { session, setCookies } = await this.authService.check(request.headers, cookie, this.memoLifetimeMs);
    // Better Auth refreshes its cookie cache through Set-Cookie; one header line per cookie.
    for (const line of setCookies) reply.header('set-cookie', line);
    return session;
  }

  private refuse(request: FastifyRequest): never {
    this.logger.debug(`Unauthorized: Valid session required (${request.method} ${request.url.split('?')[0]})`);
    throw new UnauthorizedException(UNAUTHORIZED_MESSAGE);
  }
}
