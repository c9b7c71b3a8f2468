import { MIN_PASSWORD_LENGTH } from '@contracts/session';

/** Why a password the user is choosing would be refused, or null when it is long enough. */
export function shortPasswordProblem(password: string): string | null {
  return password.length < MIN_PASSWORD_LENGTH
    ? `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`
    : null;
}

/** Why a new password and its confirmation cannot be used, or null when they are the same. */
export function mismatchProblem(password: string, confirmation: string): string | null {
  return password === confirmation ? null : 'The two passwords do not match.';
}
