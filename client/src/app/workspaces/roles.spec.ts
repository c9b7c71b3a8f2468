import { assignableRoles, canManageRole, isAdminRole } from './roles';

describe('roles', () => {
  it('counts admins and owners as managers, members and unknown roles not', () => {
    expect([isAdminRole('owner'), isAdminRole('admin'), isAdminRole('member'), isAdminRole(null)]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });

  it('lets owners hand out every role, admins up to admin, members none', () => {
    expect(assignableRoles('owner')).toEqual(['member', 'admin', 'owner']);
    expect(assignableRoles('admin')).toEqual(['member', 'admin']);
    expect(assignableRoles('member')).toEqual([]);
    expect(assignableRoles(undefined)).toEqual([]);
  });

  it('leaves owners to owners', () => {
    expect(canManageRole('owner', 'owner')).toBe(true);
    expect(canManageRole('admin', 'owner')).toBe(false);
    expect(canManageRole('admin', 'admin')).toBe(true);
    expect(canManageRole('admin', 'member')).toBe(true);
    expect(canManageRole('member', 'member')).toBe(false);
  });
});
