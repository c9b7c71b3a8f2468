/** How we reach one Odoo database. The secret is a password or an API key. */
export type OdooTransport = 'auto' | 'xmlrpc' | 'json2';

export interface OdooConnection {
  /** Stable key for per-connection client state (uid, version, capabilities). */
  key: string;
  url: string;
  database: string;
  login: string;
  secret: string;
  transport: OdooTransport;
  /** Sent in every call's context. */
  lang: string;
  /** When set, sent as `allowed_company_ids` (first id = current company). */
  companyIds: number[] | null;
}

/** What the company view needs to know about the tenant it reads for. */
export interface OdooTenantContext {
  tenantId: string;
  timeZone: string;
  lang: string;
}
