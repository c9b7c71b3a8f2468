import { bucketStart, historyScopeKey } from './buckets';

describe('bucketStart', () => {
  it.each([
    ['2026-03-20T12:00:00.000Z', '2026-03-20T12:00:00.000Z'],
    ['2026-03-20T12:14:59.999Z', '2026-03-20T12:00:00.000Z'],
    ['2026-03-20T12:15:00.000Z', '2026-03-20T12:15:00.000Z'],
    ['2026-03-20T23:59:30.000Z', '2026-03-20T23:45:00.000Z'],
  ])('puts %s in the quarter hour starting %s', (at, start) => {
    expect(bucketStart(new Date(at)).toISOString()).toBe(start);
  });
});

describe('historyScopeKey', () => {
  it('files the default scope as "all", one company under its id, and several companies nowhere', () => {
    expect(historyScopeKey(null)).toBe('all');
    expect(historyScopeKey([7])).toBe('7');
    expect(historyScopeKey([1, 2])).toBeNull();
  });
});
