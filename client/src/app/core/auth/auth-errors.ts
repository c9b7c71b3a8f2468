import { HttpErrorResponse } from '@angular/common/http';
import { errorCode, errorMessage, UNREACHABLE_ERROR } from '../http/api-errors';

export type AuthAction = 'sign-in' | 'sign-up' | 'change-password' | 'forgot-password' | 'reset-password';

export const INVALID_RESET_LINK_MESSAGE = 'This reset link is invalid or has expired. Ask for a new one.';

export const RATE_LIMITED_MESSAGE = 'Too many attempts, try again in a minute';

/** Friendlier wording for Better Auth's stable error codes; anything else shows the server's own message. */
const MESSAGES_BY_CODE: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'Wrong email or password.',
  INVALID_EMAIL: 'Enter a valid email address.',
  USER_ALREADY_EXISTS: 'An account with this email already exists.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL: 'An account with this email already exists.',
  PASSWORD_TOO_SHORT: 'The password is too short.',
  PASSWORD_TOO_LONG: 'The password is too long.',
  EMAIL_NOT_VERIFIED: 'Verify your email address before signing in.',
  INVALID_TOKEN: INVALID_RESET_LINK_MESSAGE,
  RESET_PASSWORD_DISABLED: 'Password reset by email is not available on this server.',
};

/** The message to show under an auth form after the server refused the request. */
export function authErrorMessage(error: unknown, action: AuthAction): string {
  if (!(error instanceof HttpErrorResponse)) {
    return errorMessage(error);
  }
  if (error.status === 0) {
    return UNREACHABLE_ERROR;
  }
  if (error.status === 429) {
    return RATE_LIMITED_MESSAGE;
  }
  const code = errorCode(error);
  if (action === 'change-password' && code === 'INVALID_PASSWORD') {
    return 'Your current password is incorrect.';
  }
  if (code && MESSAGES_BY_CODE[code]) {
    return MESSAGES_BY_CODE[code];
  }
  if (action === 'sign-in' && error.status === 401) {
    return MESSAGES_BY_CODE['INVALID_EMAIL_OR_PASSWORD'];
  }
  return errorMessage(error);
}
