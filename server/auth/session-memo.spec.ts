import { SessionMemo } from './session-memo';

const user = (id: string) => ({ id, email: `${id}@test.example`, name: id, isOperator: false });

describe('SessionMemo', () => {
  it('answers a remembered cookie, and forgets it by cookie, by session id or by user id', () => {
    const memo = new SessionMemo();
    memo.remember('c1', { sessionId: 's1', user: user('u1') }, 60_000);
    memo.remember('c2', { sessionId: 's2', user: user('u1') }, 60_000);
    memo.remember('c3', { sessionId: 's3', user: user('u2') }, 60_000);
    expect(memo.get('c1')?.sessionId).toBe('s1');

    memo.forgetSession('s1');
    expect([memo.get('c1'), memo.get('c2')?.sessionId]).toEqual([undefined, 's2']);
    memo.forgetUser('u1');
    expect([memo.get('c2'), memo.get('c3')?.sessionId]).toEqual([undefined, 's3']);
    memo.forget('c3');
    expect(memo.size).toBe(0);
  });

  it('never answers past the lifetime it was given, and remembers nothing for a lifetime of zero or less', () => {
    let now = 1_000;
    const memo = new SessionMemo(100, { now: () => now });
    memo.remember('short', { sessionId: 's1', user: user('u1') }, 30);
    memo.remember('expired', { sessionId: 's2', user: user('u1') }, 0);
    now += 29;
    expect(memo.get('short')).toBeDefined();
    expect(memo.get('expired')).toBeUndefined();
    now += 2;
    expect(memo.get('short')).toBeUndefined();
  });

  it('keeps its indexes in step with evictions, so forgetting a user later touches only live entries', () => {
    const memo = new SessionMemo(2);
    memo.remember('c1', { sessionId: 's1', user: user('u1') }, 60_000);
    memo.remember('c2', { sessionId: 's2', user: user('u2') }, 60_000);
    memo.remember('c3', { sessionId: 's3', user: user('u1') }, 60_000);
    expect(memo.get('c1')).toBeUndefined();
    // c1's cookie came back for another session: forgetting s1 must not drop it.
    memo.remember('c1', { sessionId: 's4', user: user('u3') }, 60_000);
    memo.forgetSession('s1');
    expect(memo.get('c1')?.sessionId).toBe('s4');
  });
});
