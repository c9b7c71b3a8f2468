// What bench/serve.ts prints on its BENCH_READY and BENCH_STATS lines, and the seed it accepts.

export interface SeedSpec {
  /** Tenants to create, named `<prefix>-<n>`, spread round-robin over `databases`. */
  tenants: number;
  /** Users to create; every one is a member of every seeded tenant. */
  users: number;
  /** Sessions signed in per user (each gives its own cookie). */
  sessionsPerUser?: number;
  databases?: string[];
  prefix: string;
}

export interface BenchSession {
  userId: string;
  email: string;
  cookie: string;
}

export interface ServeReady {
  url: string;
  pid: number;
  databaseUrl: string;
  demoUrl: string;
  tenants: string[];
  sessions: BenchSession[];
  seedMs: number;
}

export interface ServeStats {
  rssBytes: number;
  heapUsedBytes: number;
  heapTotalBytes: number;
  /** Memory outside the JS heap held by JS objects (Buffers and the like). */
  externalBytes: number;
  /** unhandledRejection events seen since the process started. */
  unhandledRejections: number;
  unhandledSamples: string[];
  /** Aggregations started since the process started (all tenants), and per tenant. */
  aggregations: number;
  aggregationsByTenant: Record<string, number>;
  /** When each tenant's latest aggregations started (ms since the epoch). */
  aggregationStartsByTenant: Record<string, number[]>;
  uptimeMs: number;
}
