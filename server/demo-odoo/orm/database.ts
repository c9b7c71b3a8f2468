// One emulated Odoo database: its models, its records and the derived data computed from them.

import type { DemoDatabaseSpec, DemoRecord } from '../demo-odoo.types';
import { asText } from '../python/py-values';
import type { CallContext, FieldDef, ModelDef } from '../schema/fields';
import { buildModels, ModelRegistry } from '../schema/models';
import { isUnder, rootLocations } from '../schema/stock-quantities';
import type { DomainDb } from './domain';

/** The one API user of a database and the secrets it accepts. */
export interface DemoCredentials {
  uid: number;
  login: string;
  password: string;
  apiKey: string;
  /** Companies the user may select with allowed_company_ids. */
  companyIds: number[];
  tz: string;
}

export interface DatabaseContent {
  today: string;
  credentials: DemoCredentials;
  tables: Record<string, DemoRecord[]>;
}

interface Table {
  rows: DemoRecord[];
  byId: Map<number, DemoRecord>;
}

export class UnknownRecordError extends Error {}

export class OdooDatabase implements DomainDb {
  readonly models: ModelRegistry;
  readonly today: string;
  readonly credentials: DemoCredentials;
  private readonly tables = new Map<string, Table>();
  private memos = new Map<string, unknown>();

  constructor(
    readonly spec: DemoDatabaseSpec,
    content: DatabaseContent,
  ) {
    this.models = buildModels(spec.version, spec.edition);
    this.today = content.today;
    this.credentials = content.credentials;
    for (const name of this.models.keys()) {
      const rows = [...(content.tables[name] ?? [])].sort((a, b) => a.id - b.id);
      this.tables.set(name, { rows, byId: new Map(rows.map((r) => [r.id, r])) });
    }
    this.storeMissedComputes();
  }

  /** Stored computes that Odoo does not refresh on every input keep the value they had when written. */
  private storeMissedComputes(): void {
    for (const [name, def] of this.models) {
      for (const field of def.fields.values()) {
        if (!field.recomputeOn || !field.compute) continue;
        for (const rec of this.records(name)) if (rec[field.name] === undefined) rec[field.name] = field.compute(rec, this, {}) ?? null;
      }
    }
    this.memos = new Map();
  }

  get name(): string {
    return this.spec.name;
  }
  get version() {
    return this.spec.version;
  }
  get edition() {
    return this.spec.edition;
  }
  get userCompanyIds(): readonly number[] {
    return this.credentials.companyIds;
  }

  hasModel(name: string): boolean {
    return this.models.has(name);
  }

  model(name: string): ModelDef {
    const m = this.models.get(name);
    if (!m) throw new UnknownRecordError(`Unknown model ${name}`);
    return m;
  }

  record(model: string, id: number): DemoRecord | undefined {
    return this.tables.get(model)?.byId.get(id);
  }

  records(model: string): DemoRecord[] {
    return this.tables.get(model)?.rows ?? [];
  }

  value(model: string, rec: DemoRecord, field: string, ctx: CallContext = {}): unknown {
    const def = this.models.get(model)?.fields.get(field);
    if (!def) return rec[field] ?? null;
    if (def.recomputeOn) return rec[field] ?? null;
    if (def.compute) return def.compute(rec, this, ctx) ?? null;
    if (def.related) return this.relatedValue(model, rec, def, ctx);
    const v = rec[field];
    if (v === undefined) return def.type === 'boolean' ? false : null;
    return v;
  }

  private relatedValue(model: string, rec: DemoRecord, def: FieldDef, ctx: CallContext): unknown {
    const path = def.related!.split('.');
    let currentModel = model;
    let current: DemoRecord | undefined = rec;
    for (let i = 0; i < path.length - 1; i++) {
      const hop = this.models.get(currentModel)?.fields.get(path[i]);
      const target: unknown = current ? this.value(currentModel, current, path[i], ctx) : null;
      if (!hop?.relation || typeof target !== 'number') {
        current = undefined;
        break;
      }
      currentModel = hop.relation;
      current = this.record(currentModel, target);
    }
    if (!current) return def.type === 'boolean' ? false : null;
    return this.value(currentModel, current, path[path.length - 1], ctx);
  }

  displayName(model: string, id: number): string {
    const def = this.models.get(model);
    const rec = this.record(model, id);
    if (!def || !rec) return '';
    if (def.displayName) return def.displayName(rec, this);
    const v = this.value(model, rec, def.recName);
    return asText(v);
  }

  memo<T>(key: string, build: () => T): T {
    if (this.memos.has(key)) return this.memos.get(key) as T;
    const value = build();
    this.memos.set(key, value);
    return value;
  }

  /**
   * Changes stored values of one record. Setting `qty_available` on a product moves its stock
   * quant in the first location of the user's warehouses, so the computed quantity follows.
   */
  update(model: string, id: number, values: Record<string, unknown>): DemoRecord {
    const def = this.models.get(model);
    const rec = this.record(model, id);
    if (!def) throw new UnknownRecordError(`Model ${model} does not exist in database ${this.name}`);
    if (!rec) throw new UnknownRecordError(`Record ${model}(${id}) does not exist in database ${this.name}`);
    for (const [name, raw] of Object.entries(values)) {
      if (name === 'id') throw new TypeError('The id of a record cannot change');
      if (model === 'product.product' && name === 'qty_available') {
        this.setOnHand(id, Number(raw));
        continue;
      }
      const field = def.fields.get(name);
      if (!field) throw new TypeError(`Field ${name} does not exist on ${model} in database ${this.name}`);
      rec[name] = normalizeStored(field, raw);
    }
    this.memos = new Map();
    this.recomputeStale(def, rec, Object.keys(values));
    return rec;
  }

  private recomputeStale(def: ModelDef, rec: DemoRecord, changed: string[]): void {
    for (const field of def.fields.values()) {
      if (field.recomputeOn?.some((name) => changed.includes(name)) && field.compute) rec[field.name] = field.compute(rec, this, {}) ?? null;
    }
  }

  private setOnHand(productId: number, qty: number): void {
    if (!Number.isFinite(qty)) throw new TypeError('qty_available must be a number');
    const roots = rootLocations(this, {});
    const internal = this.records('stock.location').filter((l) => l.usage === 'internal' && isUnder(this, l.id, roots));
    const quants = this.records('stock.quant').filter((q) => q.product_id === productId && internal.some((l) => l.id === q.location_id));
    const others = quants.slice(1).reduce((sum, q) => sum + ((q.quantity as number) ?? 0), 0);
    if (quants.length > 0) {
      quants[0].quantity = qty - others;
    } else {
      const table = this.tables.get('stock.quant')!;
      const nextId = table.rows.reduce((m, r) => Math.max(m, r.id), 0) + 1;
      const row: DemoRecord = {
        id: nextId,
        product_id: productId,
        location_id: internal[0]?.id ?? null,
        quantity: qty,
        reserved_quantity: 0,
        company_id: internal[0]?.company_id ?? null,
      };
      table.rows.push(row);
      table.byId.set(nextId, row);
    }
    this.memos = new Map();
  }

  /** Every field of the version's schema, computed ones evaluated; null for empty. */
  rawRecords(model: string, ctx: CallContext = {}): DemoRecord[] {
    const def = this.model(model);
    return this.records(model).map((rec) => {
      const out: DemoRecord = { id: rec.id };
      for (const name of def.fields.keys()) {
        if (name === 'id') continue;
        const v = this.value(model, rec, name, ctx);
        out[name] = Array.isArray(v) ? [...(v as unknown[])] : v;
      }
      return out;
    });
  }
}

function normalizeStored(field: FieldDef, raw: unknown): unknown {
  if (field.type === 'boolean') return raw === true;
  if (raw === false || raw === undefined) return null;
  if (field.type === 'many2one' && Array.isArray(raw)) return raw[0] ?? null;
  if ((field.type === 'many2many' || field.type === 'one2many') && raw === null) return [];
  return raw;
}
