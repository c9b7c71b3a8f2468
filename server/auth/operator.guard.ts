import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { OPERATOR_REQUIRED_MESSAGE } from '../contracts/errors';
import type { SessionUser } from './session-user';

/**
 * After the session guard: only platform operators pass. The flag comes with the session, which is
 * re-read as soon as the user's row changes, so revoking it takes effect on the next request.
 */
@Injectable()
export class OperatorGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const { user } = context.switchToHttp().getRequest<{ user: SessionUser }>();
    if (!user.isOperator) throw new ForbiddenException(OPERATOR_REQUIRED_MESSAGE);
    return true;
  }
}
