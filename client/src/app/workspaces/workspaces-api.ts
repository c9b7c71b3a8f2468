import { HttpClient, HttpParams } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { TenantRole } from '@contracts/tenant';
import type {
  AcceptInvitationResponse,
  CreateInvitationResponse,
  CreateWorkspaceRequest,
  CreateWorkspaceResponse,
  InvitationDto,
  InvitationPreviewDto,
  MemberDto,
  OdooCheckResponse,
  OdooConnectionRequest,
  OdooConnectionResponse,
  UpdateWorkspaceRequest,
  WorkspaceDto,
} from '@contracts/workspaces';
import { firstValueFrom } from 'rxjs';

const TENANTS = '/api/tenants';

/** How many audit entries one "Load more" asks for. */
const AUDIT_PAGE_SIZE = 50;

/** A workspace's audit log, read page by page by AuditLog. */
export function tenantAuditUrl(tenantId: string): string {
  return tenantUrl(tenantId, 'audit');
}

function tenantUrl(tenantId: string, ...rest: string[]): string {
  return [TENANTS, encodeURIComponent(tenantId), ...rest.map(encodeURIComponent)].join('/');
}

/** The query of an audit page: the page size, and where the previous page stopped. */
export function auditParams(cursor: string | null): HttpParams {
  const params = new HttpParams().set('limit', AUDIT_PAGE_SIZE);
  return cursor ? params.set('cursor', cursor) : params;
}

/**
 * The workspace routes, one method each. Answers are never served from the browser cache: each
 * screen shows what the server holds now. Errors reach the caller as HttpErrorResponse.
 */
@Injectable({ providedIn: 'root' })
export class WorkspacesApi {
  private readonly http = inject(HttpClient);

  create(body: CreateWorkspaceRequest): Promise<CreateWorkspaceResponse> {
    return firstValueFrom(this.http.post<CreateWorkspaceResponse>(TENANTS, body));
  }

  get(tenantId: string): Promise<WorkspaceDto> {
    return firstValueFrom(this.http.get<WorkspaceDto>(tenantUrl(tenantId), { cache: 'no-store' }));
  }

  update(tenantId: string, body: UpdateWorkspaceRequest): Promise<WorkspaceDto> {
    return firstValueFrom(this.http.patch<WorkspaceDto>(tenantUrl(tenantId), body));
  }

  saveConnection(tenantId: string, body: OdooConnectionRequest): Promise<OdooConnectionResponse> {
    return firstValueFrom(this.http.put<OdooConnectionResponse>(tenantUrl(tenantId, 'odoo-connection'), body));
  }

  removeConnection(tenantId: string): Promise<OdooConnectionResponse> {
    return firstValueFrom(this.http.delete<OdooConnectionResponse>(tenantUrl(tenantId, 'odoo-connection')));
  }

  /** Checks a candidate connection (or the stored one, without a body); nothing is saved. */
  checkConnection(tenantId: string, candidate: OdooConnectionRequest | null): Promise<OdooCheckResponse> {
    const url = tenantUrl(tenantId, 'odoo-connection', 'check');
    return firstValueFrom(this.http.post<OdooCheckResponse>(url, candidate ?? {}));
  }

  members(tenantId: string): Promise<MemberDto[]> {
    return firstValueFrom(this.http.get<MemberDto[]>(tenantUrl(tenantId, 'members'), { cache: 'no-store' }));
  }

  changeRole(tenantId: string, userId: string, role: TenantRole): Promise<MemberDto> {
    return firstValueFrom(this.http.patch<MemberDto>(tenantUrl(tenantId, 'members', userId), { role }));
  }

  /** Removes a member; with the caller's own id, leaves the workspace. */
  removeMember(tenantId: string, userId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(tenantUrl(tenantId, 'members', userId)));
  }

  invitations(tenantId: string): Promise<InvitationDto[]> {
    const url = tenantUrl(tenantId, 'invitations');
    return firstValueFrom(this.http.get<InvitationDto[]>(url, { cache: 'no-store' }));
  }

  invite(tenantId: string, email: string, role: TenantRole): Promise<CreateInvitationResponse> {
    const url = tenantUrl(tenantId, 'invitations');
    return firstValueFrom(this.http.post<CreateInvitationResponse>(url, { email, role }));
  }

  revokeInvitation(tenantId: string, invitationId: string): Promise<void> {
    return firstValueFrom(this.http.delete<void>(tenantUrl(tenantId, 'invitations', invitationId)));
  }

  /** Public: who invites, to what and with which role. */
  previewInvitation(token: string): Promise<InvitationPreviewDto> {
    const url = `/api/invitations/${encodeURIComponent(token)}`;
    return firstValueFrom(this.http.get<InvitationPreviewDto>(url, { cache: 'no-store' }));
  }

  acceptInvitation(token: string): Promise<AcceptInvitationResponse> {
    const url = `/api/invitations/${encodeURIComponent(token)}/accept`;
    return firstValueFrom(this.http.post<AcceptInvitationResponse>(url, {}));
  }
}
