import { applyDecorators } from '@nestjs/common';
import { ApiParam, ApiResponse } from '@nestjs/swagger';
import { ERROR_BODY_REF } from './openapi';

export type DocumentedError = [status: number, message: string];

/** Documents the `{"error": "..."}` answers a route can give; several messages may share a status. */
export function ApiErrors(...errors: DocumentedError[]) {
  const byStatus = new Map<number, string[]>();
  for (const [status, message] of errors) byStatus.set(status, [...(byStatus.get(status) ?? []), message]);
  return applyDecorators(
    ...[...byStatus].map(([status, messages]) =>
      ApiResponse({ status, description: messages.map((m) => `{"error":"${m}"}`).join(' or '), schema: ERROR_BODY_REF }),
    ),
  );
}

export const SESSION_REQUIRED: DocumentedError = [401, 'Unauthorized: Valid session required'];
export const DATABASE_DOWN: DocumentedError = [503, 'Service Unavailable: database unreachable'];
/** The tenant rows of the access matrix, for an id taken from the path. */
export const PATH_TENANT_ERRORS: DocumentedError[] = [
  [400, 'Bad Request: Invalid tenant ID'],
  [403, 'Forbidden: Tenant is inactive'],
  [403, 'Forbidden: User is not a member of this tenant'],
];
/**
 * The workspace id in a route's path. The workspace guard reads it, not a handler parameter, so the
 * document would not know of it without this.
 */
export const TenantIdParam = () => ApiParam({ name: 'tenantId', description: 'The workspace (tenant) id', schema: { type: 'string', format: 'uuid' } });
export const TENANT_ERRORS: DocumentedError[] = [[400, 'Bad Request: x-tenant-id header required'], ...PATH_TENANT_ERRORS];
