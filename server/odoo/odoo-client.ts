import type { OdooConnection } from './odoo-connection';

/** An Odoo domain in prefix notation, e.g. ['&', ['a', '=', 1], '!', ['b', 'in', [1, 2]]]. */
export type OdooDomainTerm = [string, string, unknown];
export type OdooDomain = Array<OdooDomainTerm | '&' | '|' | '!'>;

/** A record as returned by the client: `false` for empty non-boolean fields already turned into null,
 *  many2one turned into {id, name}, x2many kept as id arrays. */
export type OdooValue = string | number | boolean | null | OdooMany2one | number[] | OdooValue[] | { [k: string]: unknown };
export interface OdooMany2one {
  id: number;
  name: string;
}
export type OdooRecord = { id: number } & Record<string, OdooValue>;

export interface SearchReadOptions {
  fields: string[];
  order?: string;
  limit?: number;
  offset?: number;
}

export interface OdooFieldInfo {
  type: string;
  string?: string;
  store?: boolean;
  searchable?: boolean;
  relation?: string;
  selection?: Array<[string, string]>;
}

export interface OdooVersionInfo {
  /** e.g. "17.0+e-20240709" */
  serverVersion: string;
  /** e.g. "17.0" or "saas~17.4" */
  serverSerie: string;
  /** Parsed major, e.g. 17 (also for "saas~17.4"). */
  major: number;
  /** Parsed minor. */
  minor: number;
  edition: 'community' | 'enterprise' | 'unknown';
}

/** One group of a grouped read: the group's many2one value, how many records, and the sums asked for. */
export interface OdooGroup {
  /** The group's record (e.g. the company), or null for records where the field is empty. */
  key: OdooMany2one | null;
  count: number;
  sums: Record<string, number>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

/**
 * The one way into Odoo. Read-only by construction: it offers no write method, and every
 * implementation refuses any RPC method outside the read allow-list before a byte is sent.
 * Failures are always `OdooError`s.
 */
export abstract class OdooClient {
  abstract version(conn: OdooConnection, opts?: CallOptions): Promise<OdooVersionInfo>;
  abstract searchRead(conn: OdooConnection, model: string, domain: OdooDomain, options: SearchReadOptions, opts?: CallOptions): Promise<OdooRecord[]>;
  abstract searchCount(conn: OdooConnection, model: string, domain: OdooDomain, opts?: CallOptions): Promise<number>;
  abstract read(conn: OdooConnection, model: string, ids: number[], fields: string[], opts?: CallOptions): Promise<OdooRecord[]>;
  /**
   * Counts and sums per value of a many2one field, computed by Odoo (read_group on 16-18,
   * formatted_read_group on 19+): nothing is fetched row by row.
   */
  abstract groupSums(conn: OdooConnection, model: string, domain: OdooDomain, groupBy: string, sumFields: string[], opts?: CallOptions): Promise<OdooGroup[]>;
  abstract fieldsGet(conn: OdooConnection, model: string, attributes: string[], opts?: CallOptions): Promise<Record<string, OdooFieldInfo>>;
  /** Forgets uid, version, capabilities and backoff for one connection key (its settings changed). */
  abstract forget(connectionKey: string): void;
  /** Optional: asks the server for its version now, bypassing the cache (a reachability probe). */
  ping?(conn: OdooConnection, opts?: CallOptions): Promise<OdooVersionInfo>;
  /** Optional: the transport a connection ends up using (auto resolves to one of the two). */
  transportFor?(conn: OdooConnection, opts?: CallOptions): Promise<'xmlrpc' | 'json2'>;
}

/** RPC methods that may ever leave the process. */
export const READ_ONLY_METHODS = ['search_read', 'search_count', 'read', 'fields_get', 'search', 'read_group', 'formatted_read_group'] as const;
export type ReadOnlyMethod = (typeof READ_ONLY_METHODS)[number];
