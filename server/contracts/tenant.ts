// Tenant endpoints' contract. Types only.

export type TenantRole = 'owner' | 'admin' | 'member';

/** GET /api/tenants/current */
export interface CurrentTenantResponse {
  tenantId: string | null;
  tenantName: string | null;
  error: string | null;
}

/** One row of GET /api/tenants */
export interface TenantMembershipDto {
  tenantId: string;
  tenantName: string;
  isActive: boolean;
  isDefault: boolean;
  role: TenantRole;
}

/** Body of PUT /api/tenants/current */
export interface SwitchTenantRequest {
  tenantId: string;
}
