import { Injectable } from '@nestjs/common';

export interface TenantActivityFacts {
  /** ms since epoch of the last dashboard request, or null. */
  lastRequestAt: number | null;
  odooVersion: string | null;
}

/**
 * When each tenant's dashboard was last asked for, and which Odoo version it last read from, kept in
 * memory: the request path only writes to a map. TenantActivityWriter takes what changed once a minute.
 */
@Injectable()
export class TenantActivity {
  private readonly latest = new Map<string, TenantActivityFacts>();
  private changed = new Map<string, TenantActivityFacts>();

  /** A dashboard request for the tenant, now. */
  requested(tenantId: string): void {
    const now = Date.now();
    this.facts(this.latest, tenantId).lastRequestAt = now;
    this.facts(this.changed, tenantId).lastRequestAt = now;
  }

  /** The Odoo version an aggregation just read from. */
  sawVersion(tenantId: string, version: string): void {
    if (this.latest.get(tenantId)?.odooVersion === version) return;
    this.facts(this.latest, tenantId).odooVersion = version;
    this.facts(this.changed, tenantId).odooVersion = version;
  }

  /** What this instance saw; undefined when it saw nothing of the tenant. */
  seen(tenantId: string): TenantActivityFacts | undefined {
    return this.latest.get(tenantId);
  }

  /** What changed since the last call (null fields: nothing new), and forgets it. */
  takeChanges(): Map<string, TenantActivityFacts> {
    const changes = this.changed;
    this.changed = new Map();
    return changes;
  }

  private facts(map: Map<string, TenantActivityFacts>, tenantId: string): TenantActivityFacts {
    let facts = map.get(tenantId);
    if (!facts) map.set(tenantId, (facts = { lastRequestAt: null, odooVersion: null }));
    return facts;
  }
}
