// Programmatic interface of the demo Odoo server. Used by the dev bootstrap (demo mode), the
// test fixtures and the benchmarks. Imports nothing from the Nest application.

export type DemoOdooVersion = 16 | 17 | 18 | 19;
export type DemoOdooEdition = 'community' | 'enterprise';

export interface DemoDatabaseSpec {
  name: string;
  version: DemoOdooVersion;
  edition: DemoOdooEdition;
}

export type DemoFaultKind =
  | 'latency' // delay every matching call by latencyMs (+ random 0..jitterMs)
  | 'hang' // accept the request and never answer (until the client gives up)
  | 'missing' // the model does not exist: fault 2 "Object <model> doesn't exist"
  | 'auth' // credentials refused: authenticate returns False, execute_kw fault 3 "Access Denied"
  | 'http500' // HTTP 500 with an HTML body
  | 'html' // HTTP 200 with an HTML page (a proxy's error page)
  | 'malformed' // HTTP 200 with broken XML
  | 'reset' // destroy the socket without answering
  | 'huge' // a valid but enormous response (hugeBytes, default 50 MB)
  | 'drip'; // answer a few bytes at a time, slowly

export interface DemoFault {
  db: string;
  /** Absent: every model of the database (and, for 'auth', authenticate too). */
  model?: string;
  kind: DemoFaultKind;
  latencyMs?: number;
  jitterMs?: number;
  hugeBytes?: number;
}

/** Calls received, by database, model and method. Common-service calls (version, login,
 *  authenticate) are counted under the model name "common"; `version` (no database) under db "*". */
export type DemoCallCounts = Record<string, Record<string, Record<string, number>>>;

/** One raw record as stored in the demo dataset (Python-like values: null for empty). */
export type DemoRecord = { id: number } & Record<string, unknown>;

export interface DemoOdooOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: acme 17 enterprise, globex 18 community, initech 16 enterprise, umbrella 19 enterprise,
   *  stark 18 enterprise (two companies). */
  databases?: DemoDatabaseSpec[];
  /** Seed of the deterministic dataset (default 1). */
  seed?: number;
  faults?: DemoFault[];
  /** "Today" the dataset is built around (default: the real today). */
  today?: Date;
  /** Log each call to stderr. */
  verbose?: boolean;
}

export interface DemoOdooServer {
  /** Base URL. version() here answers for the first database (or the one named by an
   *  X-Odoo-Database header); object calls may name any database. */
  readonly url: string;
  /** URL that serves one database only, as an Odoo with a dbfilter would: version() and
   *  /web/version answer for it, and calls naming another database fail as unknown. */
  urlFor(db: string): string;
  /** The listening node:http server (tests use it to feed sockets from a non-loopback peer). */
  readonly httpServer: import('node:http').Server;
  readonly port: number;
  readonly databases: DemoDatabaseSpec[];
  setFault(fault: DemoFault): void;
  clearFaults(): void;
  /** Faults in force. */
  faults(): DemoFault[];
  calls(): DemoCallCounts;
  resetCalls(): void;
  /** Changes one record (tests watch the new value propagate). */
  updateRecord(db: string, model: string, id: number, values: Record<string, unknown>): void;
  /**
   * Raw stored records of one model, archived ones included, computed fields evaluated (for
   * tests that recompute KPIs). `context` is what computed fields read, as in a call's context:
   * e.g. `{ allowed_company_ids: [2] }` or `{ location: 10 }` for product quantities.
   */
  records(db: string, model: string, context?: Record<string, unknown>): DemoRecord[];
  close(): Promise<void>;
}
