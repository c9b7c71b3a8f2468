import type { OdooConnectionRequest, OdooTransportName, WorkspaceOdooDto } from '@contracts/workspaces';

/** The connection form as typed: text fields, before they become a request. */
export interface ConnectionFields {
  url: string;
  database: string;
  login: string;
  secret: string;
  transport: OdooTransportName;
  publicUrl: string;
  companyIds: string;
}

export const TRANSPORT_LABELS: Record<OdooTransportName, string> = {
  auto: 'Automatic (JSON-2 on Odoo 19 and later, else XML-RPC)',
  xmlrpc: 'XML-RPC',
  json2: 'JSON-2 (Odoo 19 and later)',
};

/** The form's starting values: the saved connection, never its secret (the server does not send it). */
export function fieldsFrom(odoo: WorkspaceOdooDto | null): ConnectionFields {
  return {
    url: odoo?.url ?? '',
    database: odoo?.database ?? '',
    login: odoo?.login ?? '',
    secret: '',
    transport: odoo?.transport ?? 'auto',
    publicUrl: odoo?.publicUrl ?? '',
    companyIds: odoo?.companyIds?.join(', ') ?? '',
  };
}

/** "1, 3 4" → [1, 3, 4]; blank → null (every company); anything else → undefined. */
export function parseCompanyIds(text: string): number[] | null | undefined {
  const parts = text.split(/[\s,]+/).filter(Boolean);
  if (parts.length === 0) {
    return null;
  }
  if (!parts.every((part) => /^[1-9]\d{0,9}$/.test(part))) {
    return undefined;
  }
  return [...new Set(parts.map(Number))];
}

function httpOrigin(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether the stored secret goes on being used: the server keeps it only while the URL points at the
 * same origin as the saved one (a secret is never sent to another server).
 */
export function keepsSavedSecret(odoo: WorkspaceOdooDto | null, url: string): boolean {
  if (!odoo?.hasSecret || !odoo.url) {
    return false;
  }
  const saved = httpOrigin(odoo.url);
  return saved !== null && saved === httpOrigin(url);
}

/** What is wrong with the form, in one sentence; null when it can be sent. */
export function connectionProblem(fields: ConnectionFields, odoo: WorkspaceOdooDto | null): string | null {
  if (!httpOrigin(fields.url)) {
    return 'Enter the Odoo address, starting with https:// or http://.';
  }
  if (!fields.database.trim()) {
    return 'Enter the name of the Odoo database.';
  }
  if (!fields.login.trim()) {
    return 'Enter the login of the Odoo user the dashboard reads as.';
  }
  if (!fields.secret && !keepsSavedSecret(odoo, fields.url)) {
    return odoo?.hasSecret
      ? 'The address changed: enter the API key again (a saved key is only sent to the server it was saved for).'
      : 'Enter the API key (or password) of that Odoo user.';
  }
  if (fields.publicUrl.trim() && !httpOrigin(fields.publicUrl)) {
    return 'The public address must start with https:// or http://, or stay empty.';
  }
  if (parseCompanyIds(fields.companyIds) === undefined) {
    return 'Company ids are whole numbers separated by commas, or empty for every company.';
  }
  return null;
}

/** The request body for the form; call only once connectionProblem() found nothing. */
export function toConnectionRequest(fields: ConnectionFields): OdooConnectionRequest {
  const request: OdooConnectionRequest = {
    url: fields.url.trim(),
    database: fields.database.trim(),
    login: fields.login.trim(),
    transport: fields.transport,
    publicUrl: fields.publicUrl.trim() || null,
    companyIds: parseCompanyIds(fields.companyIds) ?? null,
  };
  // Left out, the server keeps the saved secret.
  if (fields.secret) {
    request.secret = fields.secret;
  }
  return request;
}
