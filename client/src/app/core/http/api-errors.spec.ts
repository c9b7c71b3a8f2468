import { HttpErrorResponse } from '@angular/common/http';
import { errorCode, errorMessage, GENERIC_ERROR, UNREACHABLE_ERROR } from './api-errors';

function httpError(status: number, body: unknown): HttpErrorResponse {
  return new HttpErrorResponse({ status, error: body, url: '/api/x' });
}

describe('errorMessage', () => {
  it('reads the { error } body our API sends', () => {
    expect(errorMessage(httpError(403, { error: 'Forbidden: Tenant is inactive' }))).toBe(
      'Forbidden: Tenant is inactive',
    );
  });

  it('reads the { message } body Better Auth sends', () => {
    expect(errorMessage(httpError(400, { code: 'INVALID_PASSWORD', message: 'Invalid password' }))).toBe(
      'Invalid password',
    );
  });

  it('explains that the server could not be reached when there was no answer', () => {
    expect(errorMessage(httpError(0, new ProgressEvent('error')))).toBe(UNREACHABLE_ERROR);
  });

  it('falls back to a generic message for bodies it does not understand', () => {
    expect(errorMessage(httpError(500, '<html>oops</html>'))).toBe(GENERIC_ERROR);
    expect(errorMessage(httpError(500, { error: 42 }))).toBe(GENERIC_ERROR);
    expect(errorMessage('weird')).toBe(GENERIC_ERROR);
  });

  it('uses the message of plain errors', () => {
    expect(errorMessage(new Error('Response was for another tenant'))).toBe('Response was for another tenant');
  });
});

describe('errorCode', () => {
  it('returns the Better Auth code, or null', () => {
    expect(errorCode(httpError(401, { code: 'INVALID_EMAIL_OR_PASSWORD', message: 'x' }))).toBe(
      'INVALID_EMAIL_OR_PASSWORD',
    );
    expect(errorCode(httpError(401, { error: 'Unauthorized' }))).toBeNull();
    expect(errorCode(new Error('x'))).toBeNull();
  });
});
