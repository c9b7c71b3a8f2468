import type { TenantRole } from '@contracts/tenant';

export const ROLE_LABELS: Record<TenantRole, string> = { owner: 'Owner', admin: 'Admin', member: 'Member' };

/** What each role may do, in a sentence, for the role pickers. */
export const ROLE_HINTS: Record<TenantRole, string> = {
  owner: 'Everything an admin can, and makes or removes owners.',
  admin: 'Edits the settings and the Odoo connection, invites and manages people.',
  member: 'Sees the dashboard.',
};

const RANK: Record<TenantRole, number> = { member: 0, admin: 1, owner: 2 };

/** Admins and owners manage the workspace; members only see it. */
export function isAdminRole(role: TenantRole | null | undefined): boolean {
  return role === 'admin' || role === 'owner';
}

/**
 * The roles someone with `myRole` may hand out: owners any, admins up to admin, members none.
 * Only decides what the page offers; the server makes the same check and has the last word.
 */
export function assignableRoles(myRole: TenantRole | null | undefined): TenantRole[] {
  if (!isAdminRole(myRole)) {
    return [];
  }
  const all: TenantRole[] = ['member', 'admin', 'owner'];
  return all.filter((role) => RANK[role] <= RANK[myRole!]);
}

/** Whether `myRole` may change the role of, or remove, someone who holds `theirRole` (only owners touch owners). */
export function canManageRole(myRole: TenantRole | null | undefined, theirRole: TenantRole): boolean {
  return isAdminRole(myRole) && (theirRole !== 'owner' || myRole === 'owner');
}
