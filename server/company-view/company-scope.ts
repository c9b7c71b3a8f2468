import { HttpException, HttpStatus } from '@nestjs/common';
import type { CompanyInfo } from '../contracts/company-view';
import { INVALID_SCOPE_MESSAGE } from '../contracts/errors';

/** The companies one company view covers: null for the tenant's default (every company it may show). */
export type CompanyScope = readonly number[] | null;

export { INVALID_SCOPE_MESSAGE };

export function invalidScope(): HttpException {
  return new HttpException({ error: INVALID_SCOPE_MESSAGE }, HttpStatus.BAD_REQUEST);
}

/**
 * `?companies=1,3`: comma-separated positive integers, none repeated; absent means the default
 * scope. Anything else (empty, a repeated parameter, zero, a sign, a space) is refused.
 */
export function parseScope(raw: unknown): CompanyScope {
  if (raw === undefined) return null;
  if (typeof raw !== 'string' || !/^[1-9]\d{0,9}(,[1-9]\d{0,9})*$/.test(raw)) throw invalidScope();
  const ids = raw.split(',').map(Number);
  if (new Set(ids).size !== ids.length || ids.some((id) => id > 2_147_483_647)) throw invalidScope();
  return [...ids].sort((a, b) => a - b);
}

/**
 * The scope's part of the cache key: "all" for the default scope (an explicit list of every
 * company shares its entry), else the sorted ids. With the tenant's companies known, a scope
 * outside them is refused; while Odoo cannot say, only the syntax was checked.
 */
export function scopeKey(scope: CompanyScope, companies: CompanyInfo[] | null): string {
  if (scope === null) return 'all';
  if (companies) {
    const known = new Set(companies.map((c) => c.id));
    if (!scope.every((id) => known.has(id))) throw invalidScope();
    if (scope.length === known.size) return 'all';
  }
  return scope.join(',');
}
