import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AppConfig } from '../config/app-config';
import { CROSS_ORIGIN_MESSAGE } from '../contracts/errors';
import { acceptedOrigins } from './public-origin';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Refuses a state-changing request whose Origin header names a site that is not ours: a page
 * elsewhere making a signed-in browser act (the session cookie is SameSite=Lax, which still lets
 * some cross-site requests carry it). No Origin at all is a script or the CLI, and is let through.
 * Runs after the session guard, before any tenant or role check.
 */
@Injectable()
export class SameOriginGuard implements CanActivate {
  constructor(private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    if (SAFE_METHODS.has(request.method)) return true;
    const origin = request.headers.origin;
    if (origin === undefined) return true;
    if (acceptedOrigins(this.config, request).has(origin.toLowerCase())) return true;
    throw new ForbiddenException(CROSS_ORIGIN_MESSAGE);
  }
}
