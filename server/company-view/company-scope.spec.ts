import { HttpException } from '@nestjs/common';
import { parseScope, scopeKey } from './company-scope';
import { TenantScopes } from './tenant-scopes';
import { testConfig } from '../../test/company-view/fakes';

const COMPANIES = [
  { id: 1, name: 'EU', currency: 'EUR' },
  { id: 3, name: 'US', currency: 'USD' },
  { id: 7, name: 'UK', currency: 'GBP' },
];

function refusal(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err instanceof HttpException ? { status: err.getStatus(), body: err.getResponse() } : err;
  }
  return 'accepted';
}

describe('company scope', () => {
  it('reads comma-separated company ids, sorted', () => {
    expect(parseScope(undefined)).toBeNull();
    expect(parseScope('3,1')).toEqual([1, 3]);
    expect(parseScope('7')).toEqual([7]);
  });

  it.each(['', ',', '1,', ',1', '1,,2', '0', '-1', '+1', '1.5', '1, 2', ' 1', 'a', '01', '1,1', '99999999999', '2147483648'])('refuses %p', (raw) => {
    expect(refusal(() => parseScope(raw))).toEqual({ status: 400, body: { error: 'Bad Request: Invalid company scope' } });
  });

  it('refuses a repeated parameter (an array)', () => {
    expect(refusal(() => parseScope(['1', '2']))).toEqual({ status: 400, body: { error: 'Bad Request: Invalid company scope' } });
  });

  it('keys the default scope, and an explicit list of every company, as "all"', () => {
    expect(scopeKey(null, COMPANIES)).toBe('all');
    expect(scopeKey([1, 3, 7], COMPANIES)).toBe('all');
    expect(scopeKey([1, 7], COMPANIES)).toBe('1,7');
  });

  it('refuses companies outside the tenant, but only checks the syntax while they are unknown', () => {
    expect(refusal(() => scopeKey([1, 2], COMPANIES))).toEqual({ status: 400, body: { error: 'Bad Request: Invalid company scope' } });
    expect(scopeKey([1, 2], null)).toBe('1,2');
  });
});

describe('TenantScopes', () => {
  it('keeps the eight most recently used scopes of a tenant and hands back the ones it drops', () => {
    const scopes = new TenantScopes(testConfig());
    for (let i = 1; i <= 8; i++) expect(scopes.touch('t1', `k${i}`)).toEqual([]);
    expect(scopes.touch('t1', 'k1')).toEqual([]); // used again: now the most recent
    expect(scopes.touch('t1', 'k9')).toEqual(['k2']);
    expect(scopes.touch('t2', 'k1')).toEqual([]); // tenants are apart
    expect(scopes.take('t1').sort()).toEqual(['k1', 'k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'k9']);
    expect(scopes.take('t1')).toEqual([]);
  });
});
