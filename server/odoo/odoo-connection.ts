import type { AddressRules } from './outbound-addresses';

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
  /** Where users open this Odoo in a browser (links); no credentials, no trailing slash. */
  publicUrl: string;
  /**
   * Which addresses its sockets may reach. Absent (what the operator configured: the environment,
   * the CLI, the demo): anything but link-local and metadata addresses. Set for connections saved
   * through the API.
   */
  addressRules?: AddressRules;
}
