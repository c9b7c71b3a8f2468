import { createParamDecorator, ExecutionContext } from '@nestjs/common';

/** What the session guard attaches to the request (`request.user`). */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  /** Platform operator: may use the console (never a tenant member by it). */
  isOperator: boolean;
}

/** The user the session guard resolved for this request. */
export const CurrentUser = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): SessionUser => ctx.switchToHttp().getRequest<{ user: SessionUser }>().user,
);
