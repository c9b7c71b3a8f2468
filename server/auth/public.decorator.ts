import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';

export const IS_PUBLIC = 'company-view:public';

/**
 * Opens a route (or every route of a controller) to callers without a session. Everything else
 * needs one: the session guard is global, so a route nobody marked stays closed.
 */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The id of the session the session guard accepted for this request. */
export const CurrentSessionId = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): string => ctx.switchToHttp().getRequest<{ sessionId: string }>().sessionId,
);
