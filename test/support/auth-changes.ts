import { filter, firstValueFrom, scan } from 'rxjs';
import { AuthEvents, type AuthChange } from '../../server/auth/auth-events';
import type { TestApp } from './app-fixture';

/**
 * Resolves once `app` has heard every change the predicates describe (in any order). Call it before
 * making the change, then await it: the tests wait for the notification, never for a fixed time.
 */
export function heard(app: TestApp, ...wanted: Array<(change: AuthChange) => boolean>): Promise<unknown> {
  return firstValueFrom(
    app.app.get(AuthEvents).changes$.pipe(
      scan((pending, change) => pending.filter((matches) => !matches(change)), wanted),
      filter((pending) => pending.length === 0),
    ),
  );
}

export const sessionDeleted =
  (sessionId: string) =>
  (change: AuthChange): boolean =>
    change.kind === 'session' && change.op === 'delete' && change.sessionId === sessionId;

export const sessionChanged =
  (sessionId: string) =>
  (change: AuthChange): boolean =>
    change.kind === 'session' && change.sessionId === sessionId;

export const userChanged =
  (userId: string) =>
  (change: AuthChange): boolean =>
    change.kind === 'user' && change.userId === userId;
