// What one demo server holds between requests: its databases, the injected faults and the call counts.

import type { DemoCallCounts, DemoFault, DemoFaultKind } from '../demo-odoo.types';
import type { OdooDatabase } from '../orm/database';

const FAULT_KINDS: readonly DemoFaultKind[] = ['latency', 'hang', 'missing', 'auth', 'http500', 'html', 'malformed', 'reset', 'huge', 'drip'];

/** Checks a fault coming from a file or the control API; returns a clean copy or an error text. */
export function validateFault(input: unknown): DemoFault | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'a fault must be a JSON object';
  const f = input as Record<string, unknown>;
  if (typeof f.db !== 'string' || f.db === '') return 'fault.db must be a non-empty string';
  if (f.model !== undefined && f.model !== null && typeof f.model !== 'string') return 'fault.model must be a string when present';
  if (typeof f.kind !== 'string' || !FAULT_KINDS.includes(f.kind as DemoFaultKind)) return `fault.kind must be one of ${FAULT_KINDS.join(', ')}`;
  for (const k of ['latencyMs', 'jitterMs', 'hugeBytes'] as const) {
    if (f[k] !== undefined && (typeof f[k] !== 'number' || !Number.isFinite(f[k]) || f[k] < 0)) return `fault.${k} must be a non-negative number`;
  }
  const fault: DemoFault = { db: f.db, kind: f.kind as DemoFaultKind };
  if (typeof f.model === 'string' && f.model !== '') fault.model = f.model;
  if (typeof f.latencyMs === 'number') fault.latencyMs = f.latencyMs;
  if (typeof f.jitterMs === 'number') fault.jitterMs = f.jitterMs;
  if (typeof f.hugeBytes === 'number') fault.hugeBytes = Math.floor(f.hugeBytes);
  return fault;
}

/** One fault per database and model; a fault without a model covers the whole database. */
export class FaultRegistry {
  private readonly faults = new Map<string, DemoFault>();

  set(fault: DemoFault): void {
    this.faults.set(keyOf(fault.db, fault.model), { ...fault });
  }

  clear(): void {
    this.faults.clear();
  }

  list(): DemoFault[] {
    return [...this.faults.values()].map((f) => ({ ...f }));
  }

  /** The fault for an object call: the model's own, else the database's. */
  forCall(db: string, model: string | undefined): DemoFault | undefined {
    return (model !== undefined ? this.faults.get(keyOf(db, model)) : undefined) ?? this.faults.get(keyOf(db, undefined));
  }

  /** A database-wide `auth` fault also makes authenticate fail. */
  refusesLogin(db: string): boolean {
    return this.faults.get(keyOf(db, undefined))?.kind === 'auth';
  }
}

function keyOf(db: string, model: string | undefined): string {
  return `${db}\u0000${model ?? ''}`;
}

export class CallCounter {
  private counts: DemoCallCounts = {};

  count(db: string, model: string, method: string): void {
    const byModel = (this.counts[db] ??= {});
    const byMethod = (byModel[model] ??= {});
    byMethod[method] = (byMethod[method] ?? 0) + 1;
  }

  snapshot(): DemoCallCounts {
    return JSON.parse(JSON.stringify(this.counts)) as DemoCallCounts;
  }

  reset(): void {
    this.counts = {};
  }
}

export interface DemoState {
  databases: Map<string, OdooDatabase>;
  faults: FaultRegistry;
  calls: CallCounter;
  verbose: boolean;
}
