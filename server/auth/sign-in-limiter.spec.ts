import { SignInLimiter } from './sign-in-limiter';

describe('SignInLimiter (in-memory)', () => {
  it('grants exactly `limit` of many parallel attempts from one address, and tells the others when to retry', async () => {
    const limiter = new SignInLimiter({ limit: 5, windowS: 60, keyPrefix: 'test:' });
    const waits = await Promise.all(Array.from({ length: 40 }, () => limiter.take('192.0.2.1')));
    expect(waits.filter((s) => s === 0)).toHaveLength(5);
    expect(waits.filter((s) => s > 0).every((s) => s >= 1 && s <= 60)).toBe(true);
    expect(await limiter.take('192.0.2.2')).toBe(0);
  });

  it('gives a point back, so a successful sign-in does not count as a failure', async () => {
    const limiter = new SignInLimiter({ limit: 2, windowS: 60, keyPrefix: 'test:' });
    expect(await limiter.take('192.0.2.3')).toBe(0);
    await limiter.giveBack('192.0.2.3');
    expect(await limiter.take('192.0.2.3')).toBe(0);
    expect(await limiter.take('192.0.2.3')).toBe(0);
    expect(await limiter.take('192.0.2.3')).toBeGreaterThan(0);
  });
});
