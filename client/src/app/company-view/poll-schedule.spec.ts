import { jitter, MAX_POLL_JITTER_MS, maxAgeMs, MIN_POLL_DELAY_MS, pollDelay, untilExpiry } from './poll-schedule';

const NOW = Date.parse('2026-03-02T09:00:00Z');
const readAgo = (ms: number) => new Date(NOW - ms).toISOString();

describe('untilExpiry', () => {
  it('is refreshedAt + the interval, on our clock', () => {
    expect(untilExpiry({ refreshedAt: readAgo(12_500), intervalMs: 30_000, maxAgeMs: null }, NOW)).toBe(17_500);
  });

  it('stays within the second that a rounded-up max-age leaves open', () => {
    // 17.5 s remain by our clock; max-age=18 agrees.
    expect(untilExpiry({ refreshedAt: readAgo(12_500), intervalMs: 30_000, maxAgeMs: 18_000 }, NOW)).toBe(17_500);
    // Our clock is a minute ahead: the server still gives the entry 18 s.
    expect(untilExpiry({ refreshedAt: readAgo(72_500), intervalMs: 30_000, maxAgeMs: 18_000 }, NOW)).toBe(17_000);
    // Our clock is a minute behind.
    expect(untilExpiry({ refreshedAt: readAgo(-47_500), intervalMs: 30_000, maxAgeMs: 18_000 }, NOW)).toBe(18_000);
  });

  it('is never more than one interval, and uses the interval when refreshedAt cannot be read', () => {
    expect(untilExpiry({ refreshedAt: readAgo(-600_000), intervalMs: 30_000, maxAgeMs: null }, NOW)).toBe(30_000);
    expect(untilExpiry({ refreshedAt: 'yesterday', intervalMs: 30_000, maxAgeMs: null }, NOW)).toBe(30_000);
  });
});

describe('pollDelay', () => {
  it('waits at least the minimum for an entry that has expired, plus the jitter', () => {
    const expired = { refreshedAt: readAgo(45_000), intervalMs: 30_000, maxAgeMs: 0 };
    expect(pollDelay(expired, NOW, () => 0)).toBe(MIN_POLL_DELAY_MS);
    expect(pollDelay(expired, NOW, () => 0.25)).toBe(MIN_POLL_DELAY_MS + 250);
  });

  it('keeps the jitter below a second whatever the random source returns', () => {
    expect(jitter(() => 1)).toBeLessThan(MAX_POLL_JITTER_MS);
    expect(jitter(() => -3)).toBe(0);
    expect(jitter(() => 0.5)).toBe(500);
  });
});

describe('maxAgeMs', () => {
  it('reads max-age in milliseconds, and nothing else', () => {
    expect(maxAgeMs('private, max-age=30')).toBe(30_000);
    expect(maxAgeMs('max-age=0')).toBe(0);
    expect(maxAgeMs('private, s-maxage=30')).toBeNull();
    expect(maxAgeMs('no-store')).toBeNull();
    expect(maxAgeMs(null)).toBeNull();
  });
});
