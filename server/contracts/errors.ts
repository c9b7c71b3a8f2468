// Every error the API answers with has this body. Types only.
export interface ApiErrorBody {
  error: string;
}

/** The 400 a company scope the tenant cannot show gets; the client recognises it by this text. */
export const INVALID_SCOPE_MESSAGE = 'Bad Request: Invalid company scope';

// Self-service workspaces (roles, members, invitations, operator console): the exact bodies the
// client recognises. Bad bodies answer `Bad Request: <what is wrong>`, never echoing the input.
export const REQUIRES_ADMIN_MESSAGE = 'Forbidden: Requires the admin role';
export const REQUIRES_OWNER_MESSAGE = 'Forbidden: Requires the owner role';
export const OPERATOR_REQUIRED_MESSAGE = 'Forbidden: Operator access required';
export const LAST_OWNER_MESSAGE = 'Conflict: A workspace needs at least one owner';
export const MEMBER_NOT_FOUND_MESSAGE = 'Not Found: Member not found';
export const CROSS_ORIGIN_MESSAGE = 'Forbidden: Cross-origin request refused';
export const WORKSPACE_CREATION_DISABLED_MESSAGE = 'Forbidden: Workspace creation is disabled';
export const INVITATION_OTHER_EMAIL_MESSAGE = 'Forbidden: This invitation is for another email address';
export const INVITATION_GONE_MESSAGE = 'Gone: Invitation is no longer valid';
export const INVITATION_NOT_FOUND_MESSAGE = 'Not Found: Invitation not found';
export const ALREADY_MEMBER_MESSAGE = 'Conflict: That person is already a member of this workspace';
export const UNSUPPORTED_MEDIA_TYPE_MESSAGE = 'Unsupported Media Type';
/** Refused Odoo URLs (SSRF rules) answer 400 with this prefix and one line saying why. */
export const ODOO_URL_REFUSED_PREFIX = 'Bad Request: Odoo URL refused';
