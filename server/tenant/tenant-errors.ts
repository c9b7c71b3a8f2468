import { BadRequestException, ForbiddenException } from '@nestjs/common';

// The access matrix's bodies, exactly as clients and probes rely on them.
const TENANT_HEADER_REQUIRED = 'Bad Request: x-tenant-id header required';
const INVALID_TENANT_ID = 'Bad Request: Invalid tenant ID';
const TENANT_INACTIVE = 'Forbidden: Tenant is inactive';
export const NOT_A_MEMBER = 'Forbidden: User is not a member of this tenant';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Shape check only; never touches the database. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

const TENANT_ID_REQUIRED = 'Bad Request: tenantId required';

export const tenantErrors = {
  bodyIdRequired: () => new BadRequestException(TENANT_ID_REQUIRED),
  headerRequired: () => new BadRequestException(TENANT_HEADER_REQUIRED),
  invalidId: () => new BadRequestException(INVALID_TENANT_ID),
  inactive: () => new ForbiddenException(TENANT_INACTIVE),
  notMember: () => new ForbiddenException(NOT_A_MEMBER),
};
