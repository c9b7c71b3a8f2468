import type { TenantContext } from '../tenant/tenant-context';
import type { CompanyScope } from './company-scope';

/** One company view to serve or build: whose, for which companies, and its cache key. */
export interface ViewTarget {
  tenant: TenantContext;
  /** null: the tenant's default scope. */
  scope: CompanyScope;
  key: string;
}
