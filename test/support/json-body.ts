import type { Response } from 'supertest';
import type { ApiErrorBody } from '../../server/contracts/errors';

// supertest types every parsed body as `any`. These read it as the contract type the route
// promises, so a test that gets a field name wrong fails to compile; the assertions check the values.

export function bodyOf<T>(res: Response): T {
  return res.body as T;
}

/** The `{ "error": "..." }` body every failure carries. */
export function errorOf(res: Response): string {
  return bodyOf<ApiErrorBody>(res).error;
}
