import { HttpErrorResponse } from '@angular/common/http';
import { UNREACHABLE_ERROR } from '../http/api-errors';
import { authErrorMessage, RATE_LIMITED_MESSAGE } from './auth-errors';

function httpError(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body });
}

describe('authErrorMessage', () => {
  it('says the credentials are wrong on a failed sign-in', () => {
    const error = httpError(401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'Invalid email or password' });
    expect(authErrorMessage(error, 'sign-in')).toBe('Wrong email or password.');
  });

  it('treats a bare 401 on sign-in as wrong credentials too', () => {
    expect(authErrorMessage(httpError(401, null), 'sign-in')).toBe('Wrong email or password.');
  });

  it('asks the user to wait when rate limited, whatever the action', () => {
    const error = httpError(429, { message: 'Too many requests. Please try again later.' });
    expect(authErrorMessage(error, 'sign-in')).toBe(RATE_LIMITED_MESSAGE);
    expect(authErrorMessage(error, 'change-password')).toBe(RATE_LIMITED_MESSAGE);
  });

  it('explains a wrong current password when changing it', () => {
    const error = httpError(400, { code: 'INVALID_PASSWORD', message: 'Invalid password' });
    expect(authErrorMessage(error, 'change-password')).toBe('Your current password is incorrect.');
  });

  it('explains a duplicate account on sign-up', () => {
    const error = httpError(422, { code: 'USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL', message: 'User already exists.' });
    expect(authErrorMessage(error, 'sign-up')).toBe('An account with this email already exists.');
  });

  it('shows the server message for codes it has no wording for', () => {
    const error = httpError(400, { code: 'SOMETHING_NEW', message: 'Something new happened' });
    expect(authErrorMessage(error, 'sign-up')).toBe('Something new happened');
  });

  it('reports an unreachable server', () => {
    expect(authErrorMessage(httpError(0, null), 'sign-in')).toBe(UNREACHABLE_ERROR);
  });
});
