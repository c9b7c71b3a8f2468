import { Subject } from 'rxjs';
import { loadConfig } from '../config/app-config';
import type { AuthChange, AuthEvents } from './auth-events';
import { UNCHANGED } from './better-auth';
import { SessionMemo } from './session-memo';
import { SessionRevocations } from './session-revocations';

function setup(maxAgeS = 30) {
  const changes = new Subject<AuthChange>();
  const memo = new SessionMemo();
  const config = loadConfig({ NODE_ENV: 'test', BETTER_AUTH_SECRET: 'x'.repeat(32), SECRETS_KEY: 'y'.repeat(32), SESSION_CACHE_MAX_AGE_S: String(maxAgeS) });
  const revocations = new SessionRevocations(memo, { changes$: changes.asObservable() } as AuthEvents, config);
  revocations.onModuleInit();
  memo.remember('c1', { sessionId: 's1', user: { id: 'u1', email: 'u1@test.example', name: 'U1', isOperator: false } }, 60_000);
  memo.remember('c2', { sessionId: 's2', user: { id: 'u2', email: 'u2@test.example', name: 'U2', isOperator: false } }, 60_000);
  return { changes, memo, revocations };
}

describe('SessionRevocations', () => {
  it('drops the memo entries of a changed session or user, and everything on a reset', () => {
    const { changes, memo } = setup();
    changes.next({ kind: 'session', op: 'delete', sessionId: 's1', userId: 'u1', tx: '101' });
    expect([memo.get('c1'), memo.get('c2')?.sessionId]).toEqual([undefined, 's2']);
    changes.next({ kind: 'reset' });
    expect(memo.size).toBe(0);
  });

  it('gives a changed session, or a session of a changed user, a new cookie-cache version each time', () => {
    const { changes, revocations } = setup();
    expect(revocations.cookieCacheVersion('s1', 'u1')).toBe(UNCHANGED);
    changes.next({ kind: 'session', op: 'update', sessionId: 's1', userId: 'u1', tx: '100' });
    const afterUpdate = revocations.cookieCacheVersion('s1', 'u1');
    changes.next({ kind: 'session', op: 'delete', sessionId: 's1', userId: 'u1', tx: '101' });
    const afterDelete = revocations.cookieCacheVersion('s1', 'u1');
    changes.next({ kind: 'user', op: 'update', userId: 'u2', tx: '102' });
    expect(new Set([UNCHANGED, afterUpdate, afterDelete, revocations.cookieCacheVersion('s2', 'u2')]).size).toBe(4);
    expect(revocations.cookieCacheVersion('s3', 'u3')).toBe(UNCHANGED);
  });

  it('agrees with another instance that heard the same changes in another order, among others', () => {
    const one = setup();
    const two = setup();
    one.changes.next({ kind: 'user', op: 'update', userId: 'u9', tx: '7' });
    one.changes.next({ kind: 'session', op: 'update', sessionId: 's1', userId: 'u1', tx: '8' });
    two.changes.next({ kind: 'session', op: 'update', sessionId: 's1', userId: 'u1', tx: '8' });
    expect(one.revocations.cookieCacheVersion('s1', 'u1')).toBe(two.revocations.cookieCacheVersion('s1', 'u1'));
  });

  it('says whether a session, its user or everything changed after a given position', () => {
    const { changes, revocations } = setup();
    const before = revocations.position;
    changes.next({ kind: 'session', op: 'update', sessionId: 's1', userId: 'u1', tx: '100' });
    expect([revocations.changedSince(before, 's1', 'u1'), revocations.changedSince(before, 's2', 'u2')]).toEqual([true, false]);
    const later = revocations.position;
    changes.next({ kind: 'user', op: 'update', userId: 'u2', tx: '102' });
    expect([revocations.changedSince(later, 's1', 'u1'), revocations.changedSince(later, 's2', 'u2')]).toEqual([false, true]);
    const last = revocations.position;
    changes.next({ kind: 'reset' });
    expect(revocations.changedSince(last, 's9', 'u9')).toBe(true);
  });

  it('forgets a change once no cookie cache written before it could still be valid', () => {
    jest.useFakeTimers({ now: 1_000_000 });
    try {
      const { changes, revocations } = setup(1);
      changes.next({ kind: 'session', op: 'delete', sessionId: 's1', userId: 'u1', tx: '101' });
      jest.setSystemTime(1_000_999);
      expect(revocations.cookieCacheVersion('s1', 'u1')).not.toBe(UNCHANGED);
      jest.setSystemTime(1_001_001);
      expect(revocations.cookieCacheVersion('s1', 'u1')).toBe(UNCHANGED);
    } finally {
      jest.useRealTimers();
    }
  });
});
