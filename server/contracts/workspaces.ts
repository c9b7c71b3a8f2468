// Self-service workspaces, their Odoo connection, members, invitations, audit log and the operator
// console. Types, and the one limit both sides check: imported by the server and the Angular client.
import type { SectionErrorKind, CompanyViewSectionKey } from './company-view';
import type { TenantRole } from './tenant';

/** How the server reaches a workspace's Odoo. */
export type OdooTransportName = 'auto' | 'xmlrpc' | 'json2';

// ---------------------------------------------------------------------------------------------
// Workspaces

/** The longest workspace name the server accepts. */
export const WORKSPACE_NAME_MAX_LENGTH = 100;

/** Body of POST /api/tenants. `timeZone` is an IANA zone (default UTC), `lang` an Odoo code (default en_US). */
export interface CreateWorkspaceRequest {
  name: string;
  timeZone?: string;
  lang?: string;
}

/** 201 answer of POST /api/tenants: the caller is the new workspace's owner. */
export interface CreateWorkspaceResponse {
  tenantId: string;
  name: string;
  myRole: TenantRole;
}

/** Last result of a connection check of the stored connection (`odoo:check` or the check route). */
export interface OdooLastCheckDto {
  /** ISO 8601. */
  at: string;
  ok: boolean;
  summary: string;
}

/**
 * Where a workspace's dashboard reads from:
 * - `workspace`: the connection saved for this workspace;
 * - `server`: the server's own connection (ODOO_* or, in demo mode, the demo Odoo) — only tenants
 *   created with the admin CLI may fall back to it;
 * - `none`: not connected; the dashboard answers with every section failed, kind `not-connected`.
 */
export type OdooConnectionSource = 'workspace' | 'server' | 'none';

/** A workspace's Odoo settings as admins see them. The secret is write-only: only `hasSecret` tells it exists. */
export interface WorkspaceOdooDto {
  url: string | null;
  publicUrl: string | null;
  database: string | null;
  login: string | null;
  transport: OdooTransportName;
  companyIds: number[] | null;
  hasSecret: boolean;
  lastCheck: OdooLastCheckDto | null;
  source: OdooConnectionSource;
}

/** GET /api/tenants/:tenantId (any member), PATCH /api/tenants/:tenantId (admin). */
export interface WorkspaceDto {
  tenantId: string;
  name: string;
  isActive: boolean;
  timeZone: string;
  lang: string;
  myRole: TenantRole;
  /** null unless the caller is an admin or owner. */
  odoo: WorkspaceOdooDto | null;
}

/** Body of PATCH /api/tenants/:tenantId: at least one field. */
export interface UpdateWorkspaceRequest {
  name?: string;
  timeZone?: string;
  lang?: string;
}

// ---------------------------------------------------------------------------------------------
// Odoo connection

/**
 * Body of PUT /api/tenants/:tenantId/odoo-connection, and the optional candidate of
 * POST .../odoo-connection/check. `secret` omitted keeps the stored one, but only while the URL's
 * origin stays the same (a stored secret is never sent to another server). `companyIds` null or
 * omitted: every company the Odoo user may use. `publicUrl`: where people open Odoo, when it differs.
 */
export interface OdooConnectionRequest {
  url: string;
  database: string;
  login: string;
  secret?: string;
  transport?: OdooTransportName;
  publicUrl?: string | null;
  companyIds?: number[] | null;
}

/** PUT and DELETE /api/tenants/:tenantId/odoo-connection answer with the workspace's settings as they now are. */
export type OdooConnectionResponse = WorkspaceOdooDto;

/** One Odoo model the dashboard reads, as the check found it. */
export interface OdooCheckModelDto {
  model: string;
  /** The Odoo app that provides it, e.g. "CRM". */
  app: string;
  /** true: installed and readable; false: the app is missing; null: the check stopped before it. */
  available: boolean | null;
  /** Records visible to the Odoo user. */
  count: number | null;
  latencyMs: number | null;
}

export interface OdooCheckProblemDto {
  /** e.g. auth-failed, module-missing, network, api-key-needed */
  code: string;
  severity: 'error' | 'warning';
  model?: string;
  message: string;
  /** What to do about it. */
  hint: string;
}

export interface OdooVersionDto {
  /** e.g. "17.0+e-20240709" */
  serverVersion: string;
  serverSerie: string;
  major: number;
  minor: number;
  edition: 'community' | 'enterprise' | 'unknown';
}

/**
 * 200 answer of POST /api/tenants/:tenantId/odoo-connection/check: the JSON object `odoo:check`
 * prints for a tenant. Never saved as the connection. A failing Odoo is a 200 with verdict `failed`.
 */
export interface OdooCheckResponse {
  tenantId: string;
  name: string;
  /** ok: everything readable; degraded: some sections will be empty, or a warning; failed: nothing readable. */
  verdict: 'ok' | 'degraded' | 'failed';
  url: string;
  database: string;
  login: string;
  version: OdooVersionDto | null;
  transport: 'xmlrpc' | 'json2' | null;
  models: OdooCheckModelDto[];
  problems: OdooCheckProblemDto[];
}

// ---------------------------------------------------------------------------------------------
// Members

/** One entry of GET /api/tenants/:tenantId/members; PATCH .../members/:userId answers with one. */
export interface MemberDto {
  userId: string;
  email: string;
  name: string;
  role: TenantRole;
  /** ISO 8601. */
  joinedAt: string;
}

/** Body of PATCH /api/tenants/:tenantId/members/:userId. */
export interface ChangeRoleRequest {
  role: TenantRole;
}

// ---------------------------------------------------------------------------------------------
// Invitations

/** Body of POST /api/tenants/:tenantId/invitations. */
export interface CreateInvitationRequest {
  email: string;
  role: TenantRole;
}

/** 201 answer: `url` is `{public origin}/invite/{token}`, shown once (only a hash of the token is kept). */
export interface CreateInvitationResponse {
  invitationId: string;
  url: string;
  /** ISO 8601, 7 days after creation. */
  expiresAt: string;
  /** true when an email went out (SMTP_URL set and the server accepted it). */
  emailSent: boolean;
}

/** One pending invitation of GET /api/tenants/:tenantId/invitations (never its token or link). */
export interface InvitationDto {
  invitationId: string;
  email: string;
  role: TenantRole;
  /** ISO 8601. */
  createdAt: string;
  expiresAt: string;
  /** Email of who invited, or null when that account is gone. */
  invitedBy: string | null;
}

/** GET /api/invitations/:token (public). */
export interface InvitationPreviewDto {
  tenantName: string;
  role: TenantRole;
  email: string;
  /** ISO 8601. */
  expiresAt: string;
  /** Name of who invited, or null when that account is gone. */
  invitedBy: string | null;
  /** Whether an account exists for `email`: sign in if so, else sign up (allowed for this email even when sign-up is closed). */
  accountExists: boolean;
}

/** 200 answer of POST /api/invitations/:token/accept. */
export interface AcceptInvitationResponse {
  tenantId: string;
  tenantName: string;
  role: TenantRole;
}

// ---------------------------------------------------------------------------------------------
// Audit log

export type AuditAction =
  | 'workspace.created'
  | 'workspace.updated'
  | 'workspace.activated'
  | 'workspace.deactivated'
  | 'connection.saved'
  | 'connection.checked'
  | 'connection.removed'
  | 'member.invited'
  | 'member.joined'
  | 'member.role_changed'
  | 'member.removed'
  | 'member.left'
  | 'invitation.revoked'
  | 'operator.granted'
  | 'operator.revoked';

export interface AuditEntryDto {
  /** ISO 8601. */
  at: string;
  /** null when done from the admin CLI or by an account since deleted. */
  actorEmail: string | null;
  /** null for platform-wide actions (operator.granted / operator.revoked). */
  tenantId: string | null;
  action: AuditAction;
  /** What changed, never a secret (e.g. {"role": "admin", "email": "a@b.c"}). */
  details: Record<string, unknown>;
}

/**
 * GET /api/tenants/:tenantId/audit (admin) and GET /api/admin/audit (operator), newest first.
 * Query: `limit` (1-100, default 50) and `cursor` (the previous page's `nextCursor`).
 */
export interface AuditPageDto {
  items: AuditEntryDto[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

// ---------------------------------------------------------------------------------------------
// Operator console

/** The latest aggregation the history recorded for a workspace's default scope. */
export interface LastAggregationDto {
  /** ISO 8601: when the data was read from Odoo. */
  at: string;
  /** Failed sections and why; empty when every section loaded. */
  errorKinds: Partial<Record<CompanyViewSectionKey, SectionErrorKind>>;
}

/** One row of GET /api/admin/tenants. Never a login or secret. */
export interface AdminTenantDto {
  tenantId: string;
  name: string;
  isActive: boolean;
  /** ISO 8601. */
  createdAt: string;
  members: number;
  /** Where the dashboard reads from (see OdooConnectionSource). */
  source: OdooConnectionSource;
  /** The workspace's own Odoo, host and database only; null when it has none. */
  odoo: { host: string; database: string | null } | null;
  /** The Odoo version last seen by a dashboard aggregation or a check, e.g. "17.0+e-20240709". */
  odooVersion: string | null;
  lastAggregation: LastAggregationDto | null;
  /** ISO 8601 of the last dashboard request (to the minute), or null when never used. */
  lastDashboardRequestAt: string | null;
}

/** POST /api/admin/tenants/:tenantId/activate and /deactivate. */
export interface AdminTenantActivationResponse {
  tenantId: string;
  name: string;
  isActive: boolean;
}
