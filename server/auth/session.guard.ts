import { CanActivate, ExecutionContext, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fromNodeHeaders } from 'better-auth/node';
import { AppConfig } from '../config/app-config';
import type { SessionUser } from '../tenant/tenant-context';
import { AuthService } from './auth.service';
import { readCookie } from './auth-cookies';

export const UNAUTHORIZED_MESSAGE = 'Unauthorized: Valid session required';

/** Lets a request through only with a session Better Auth accepts; attaches `request.user`. */
@Injectable()
export class SessionGuard implements CanActivate {
  private readonly logger = new Logger(SessionGuard.name);

  constructor(
    private readonly authService: AuthService,
    private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { user?: SessionUser }>();
    const token = readCookie(request.headers.cookie, this.authService.sessionCookieName);
    if (!token) return this.refuse(request);
    const remembered = this.authService.memo.get(token);
    if (remembered) {
      request.user = remembered;
      return true;
    }
    const user = await this.validate(request, http.getResponse<FastifyReply>(), token);
    if (!user) return this.refuse(request);
    request.user = user;
    return true;
  }

  private async validate(request: FastifyRequest, reply: FastifyReply, token: string): Promise<SessionUser | null> {
    const { headers, response } = await this.authService.auth.api.getSession({
      headers: fromNodeHeaders(request.headers),
      returnHeaders: true,
    });
    // Better Auth refreshes its cookie cache through Set-Cookie; one header line per cookie.
    const setCookies = headers.getSetCookie();
    for (const cookie of setCookies) reply.header('set-cookie', cookie);
    if (!response) return null;
    const user: SessionUser = { id: response.user.id, email: response.user.email, name: response.user.name };
    const untilExpiry = new Date(response.session.expiresAt).getTime() - Date.now();
    this.authService.memo.remember(token, user, Math.min(this.cookieCacheRemainingMs(request, setCookies), untilExpiry));
    return user;
  }

  /** How long Better Auth itself would keep trusting this session without the database: a fresh cookie
   *  cache lasts its full max age, a presented one until the expiry it carries. */
  private cookieCacheRemainingMs(request: FastifyRequest, setCookies: string[]): number {
    const name = this.authService.sessionDataCookieName;
    const maxAgeMs = this.config.auth.sessionCacheMaxAgeS * 1000;
    if (setCookies.some((c) => c.startsWith(`${name}=`) && !c.startsWith(`${name}=;`))) return maxAgeMs;
    const presented = readCookie(request.headers.cookie, name);
    const expiresAt = presented ? cookieCacheExpiry(presented) : null;
    return expiresAt === null ? 0 : Math.min(maxAgeMs, expiresAt - Date.now());
  }

  private refuse(request: FastifyRequest): never {
    this.logger.debug(`Unauthorized: Valid session required (${request.method} ${request.url.split('?')[0]})`);
    throw new UnauthorizedException(UNAUTHORIZED_MESSAGE);
  }
}

/** The expiry Better Auth wrote into its (signed) cookie-cache payload; only used to shorten our memo. */
function cookieCacheExpiry(value: string): number | null {
  try {
    const payload = JSON.parse(Buffer.from(decodeURIComponent(value), 'base64url').toString('utf8')) as { expiresAt?: unknown };
    return typeof payload.expiresAt === 'number' ? payload.expiresAt : null;
  } catch {
    return null;
  }
}
