import { HttpException } from '@nestjs/common';
import { parseHistoryScope, parseRange, pointQuery } from './history-query';

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err instanceof HttpException ? { status: err.getStatus(), body: err.getResponse() } : err;
  }
  return 'accepted';
}

describe('parseRange', () => {
  it.each(['24h', '7d', '30d', '365d'])('takes %s', (range) => {
    expect(parseRange(range)).toBe(range);
  });

  it.each([undefined, '', '1y', '24H', ' 24h', ['24h', '7d']])('refuses %p with the invalid-range body', (raw) => {
    expect(refusal(() => parseRange(raw))).toEqual({ status: 400, body: { error: 'Bad Request: Invalid range' } });
  });
});

describe('parseHistoryScope', () => {
  it('reads no parameter as the default scope and one company id as that company', () => {
    expect(parseHistoryScope(undefined)).toBe('all');
    expect(parseHistoryScope('3')).toBe('3');
    expect(parseHistoryScope('2147483647')).toBe('2147483647');
  });

  it.each(['', '0', '01', '-1', '1,2', 'all', '2147483648', ['1', '1']])('refuses %p with the invalid-scope body', (raw) => {
    expect(refusal(() => parseHistoryScope(raw))).toEqual({ status: 400, body: { error: 'Bad Request: Invalid company scope' } });
  });
});

describe('pointQuery', () => {
  const tenant = { tenantId: 't1', timeZone: 'Europe/Berlin' };
  const now = new Date('2026-03-20T12:07:00Z');

  it('reads 24h and 7d from the quarter hour holding the range’s first moment', () => {
    expect(pointQuery(tenant, 'all', '24h', now)).toEqual({ tenantId: 't1', scopeKey: 'all', every: '15m', from: new Date('2026-03-19T12:00:00Z') });
    expect(pointQuery(tenant, '4', '7d', now)).toEqual({ tenantId: 't1', scopeKey: '4', every: '15m', from: new Date('2026-03-13T12:00:00Z') });
  });

  it('reads 30d and 365d as that many tenant-local days, today included, in a zone the runtime knows', () => {
    expect(pointQuery(tenant, 'all', '30d', now)).toEqual({ tenantId: 't1', scopeKey: 'all', every: 'day', days: 30, timeZone: 'Europe/Berlin', now });
    expect(pointQuery({ ...tenant, timeZone: 'Nowhere/Else' }, 'all', '365d', now)).toMatchObject({ days: 365, timeZone: 'UTC' });
  });
});
