import { HttpErrorResponse } from '@angular/common/http';

export const GENERIC_ERROR = 'Something went wrong. Please try again.';
export const UNREACHABLE_ERROR = 'Cannot reach the server. Check your connection and try again.';

function bodyField(error: HttpErrorResponse, field: 'error' | 'message' | 'code'): string | null {
  const body: unknown = error.error;
  if (typeof body !== 'object' || body === null) {
    return null;
  }
  const value = (body as Record<string, unknown>)[field];
  return typeof value === 'string' && value.length > 0 ? value : null;
}

/** The machine-readable code Better Auth puts in its error bodies (`{ code, message }`), if any. */
export function errorCode(error: unknown): string | null {
  return error instanceof HttpErrorResponse ? bodyField(error, 'code') : null;
}

/**
 * A message fit to show the user. Our API answers `{ error }` and Better Auth answers `{ code, message }`;
 * a status of 0 means the request never got an answer (offline, server down, aborted).
 */
export function errorMessage(error: unknown, fallback = GENERIC_ERROR): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return UNREACHABLE_ERROR;
    }
    return bodyField(error, 'error') ?? bodyField(error, 'message') ?? fallback;
  }
  if (error instanceof Error && error.message) {
    return error.message;
  }
  return fallback;
}
