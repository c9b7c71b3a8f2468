import type { CompanyScope } from '../company-view/company-scope';

/** Recent history is kept in buckets of this length, aligned on the UTC epoch (so on every quarter hour). */
export const BUCKET_MS = 15 * 60_000;

/** The start of the 15-minute bucket `at` falls in. */
export function bucketStart(at: Date): Date {
  return new Date(Math.floor(at.getTime() / BUCKET_MS) * BUCKET_MS);
}

/**
 * Which history a company view belongs to: "all" for the tenant's default scope (whatever companies
 * it covers today, so a change of its company list keeps one line of history), the company's id for
 * a single company, and none for a view of several chosen companies.
 */
export function historyScopeKey(scope: CompanyScope): string | null {
  if (scope === null) return 'all';
  return scope.length === 1 ? String(scope[0]) : null;
}
