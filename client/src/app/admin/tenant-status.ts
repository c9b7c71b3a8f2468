import type { CompanyViewSectionKey } from '@contracts/company-view';
import type { AdminTenantDto } from '@contracts/workspaces';
import { SECTION_LABELS } from '@contracts/sections';

/** How a workspace's Odoo did the last time the dashboard read it. */
export type OdooHealth = 'ok' | 'failing' | 'not-connected' | 'no-data';

/** The problems the console filters by. */
export type TenantProblem = 'odoo-failing' | 'inactive' | 'never-used';
export type TenantFilter = 'all' | TenantProblem;

export const FILTER_LABELS: Record<TenantFilter, string> = {
  all: 'All workspaces',
  'odoo-failing': 'Odoo failing',
  inactive: 'Inactive',
  'never-used': 'Never used',
};

/**
 * A missing app is how that Odoo is set up, not a failure; anything else that stopped a section is.
 * No connection at all is its own state, and so is a workspace nobody has opened since it was connected.
 */
export function odooHealth(tenant: AdminTenantDto): OdooHealth {
  if (tenant.source === 'none') {
    return 'not-connected';
  }
  const aggregation = tenant.lastAggregation;
  if (!aggregation) {
    return 'no-data';
  }
  const kinds = Object.values(aggregation.errorKinds);
  if (kinds.length > 0 && kinds.every((kind) => kind === 'not-connected')) {
    return 'not-connected';
  }
  return kinds.some((kind) => kind !== 'module-missing') ? 'failing' : 'ok';
}

/** The sections that failed last time and why, for the failing badge's explanation. */
export function failingSections(tenant: AdminTenantDto): string {
  const kinds = tenant.lastAggregation?.errorKinds ?? {};
  return (Object.entries(kinds) as Array<[CompanyViewSectionKey, string]>)
    .filter(([, kind]) => kind !== 'module-missing')
    .map(([key, kind]) => `${SECTION_LABELS[key] ?? key}: ${kind}`)
    .join(', ');
}

export function problemsOf(tenant: AdminTenantDto): TenantProblem[] {
  const problems: TenantProblem[] = [];
  if (odooHealth(tenant) === 'failing') problems.push('odoo-failing');
  if (!tenant.isActive) problems.push('inactive');
  if (tenant.lastDashboardRequestAt === null) problems.push('never-used');
  return problems;
}

export function matchesFilter(tenant: AdminTenantDto, filter: TenantFilter): boolean {
  return filter === 'all' || problemsOf(tenant).includes(filter);
}

/** How many workspaces each filter would show. */
export function filterCounts(tenants: readonly AdminTenantDto[]): Record<TenantFilter, number> {
  const counts: Record<TenantFilter, number> = { all: tenants.length, 'odoo-failing': 0, inactive: 0, 'never-used': 0 };
  for (const tenant of tenants) {
    for (const problem of problemsOf(tenant)) counts[problem]++;
  }
  return counts;
}
