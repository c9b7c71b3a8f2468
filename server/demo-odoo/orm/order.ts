// ORDER BY as Odoo writes it and PostgreSQL runs it: "field [asc|desc] [nulls first|last]", NULLS
// LAST for ascending and NULLS FIRST for descending unless told, many2one sorted by the comodel's
// own _order, and a final id tie-break so pages are stable.

import type { DemoRecord } from '../demo-odoo.types';
import { userError, valueError } from '../python/odoo-exceptions';
import { asText, pyStrRepr } from '../python/py-values';
import type { FieldDef, ModelDef } from '../schema/fields';
import type { DomainDb } from './domain';

export interface OrderTerm {
  field: FieldDef;
  desc: boolean;
  nullsFirst: boolean;
}

// _check_qorder: 16 knows no NULLS clause; 17+ accept one.
const ORDER_16 = /^(\s*([a-z0-9:_]+|"[a-z0-9:_]+")(\.id)?(\s+(desc|asc))?\s*(,|$))+(?<!,)$/i;
const ORDER_17 = /^(\s*([a-z0-9:_]+|"[a-z0-9:_]+")(\.[a-z0-9_]+)?(\s+(desc|asc))?(\s+nulls\s+(first|last))?\s*(,|$))+(?<!,)$/i;

const collator = new Intl.Collator('en-US');

export function parseOrder(db: DomainDb, model: ModelDef, order: unknown): OrderTerm[] {
  const spec = typeof order === 'string' && order.trim() !== '' ? order : model.order;
  const pattern = db.version >= 17 ? ORDER_17 : ORDER_16;
  if (!pattern.test(spec)) {
    throw userError(
      `Invalid "order" specified (${spec}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
    );
  }
  const terms: OrderTerm[] = [];
  for (const part of spec.split(',')) {
    const words = part.trim().split(/\s+/);
    const name = words[0].replace(/"/g, '').split('.')[0];
    const dir = (words[1] ?? 'asc').toLowerCase();
    const desc = dir === 'desc';
    const nullsWord = words.findIndex((w) => w.toLowerCase() === 'nulls');
    const nullsFirst = nullsWord >= 0 ? words[nullsWord + 1].toLowerCase() === 'first' : desc;
    const field = model.fields.get(name);
    if (!field) {
      throw valueError(
        db.version >= 19
          ? `Invalid field ${pyStrRepr(name)} on ${pyStrRepr(model.name)}`
          : `Invalid field ${pyStrRepr(name)} on model ${pyStrRepr(model.name)}`,
      );
    }
    if (!field.store && !field.inherited) {
      // 16 skips a non-column with a warning; 17+ cannot turn it into SQL.
      if (db.version >= 17) throw valueError(`Cannot convert ${model.name}.${name} to SQL because it is not stored`);
      continue;
    }
    terms.push({ field, desc, nullsFirst });
  }
  return terms;
}

export type SortKey = number | string | null;

/** Sorts records in place by the terms, then by id. */
export function sortRecords(db: DomainDb, model: ModelDef, records: DemoRecord[], terms: OrderTerm[]): DemoRecord[] {
  const extractors = terms.map((t) => keyExtractor(db, model, t.field));
  const keyed = records.map((rec) => ({ rec, keys: extractors.map((k) => k(rec)) }));
  keyed.sort((a, b) => {
    for (let i = 0; i < terms.length; i++) {
      const c = compareKeys(a.keys[i], b.keys[i], terms[i]);
      if (c !== 0) return c;
    }
    return a.rec.id - b.rec.id;
  });
  return keyed.map((k) => k.rec);
}

export function compareKeys(a: SortKey, b: SortKey, term: Pick<OrderTerm, 'desc' | 'nullsFirst'>): number {
  if (a === null || b === null) {
    if (a === b) return 0;
    return (a === null) === term.nullsFirst ? -1 : 1;
  }
  const c = typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
  return term.desc ? -c : c;
}

function keyExtractor(db: DomainDb, model: ModelDef, field: FieldDef): (rec: DemoRecord) => SortKey {
  const get = (rec: DemoRecord) => db.value(model.name, rec, field.name);
  switch (field.type) {
    case 'many2one': {
      const ranks = comodelRanks(db, field.relation!);
      return (rec) => {
        const v = get(rec);
        return typeof v === 'number' ? (ranks.get(v) ?? v) : null;
      };
    }
    case 'boolean':
      return (rec) => {
        const v = get(rec);
        return v === null || v === undefined ? null : v ? 1 : 0;
      };
    case 'integer':
    case 'float':
    case 'monetary':
      return (rec) => {
        const v = get(rec);
        return typeof v === 'number' ? v : null;
      };
    case 'one2many':
    case 'many2many':
      return () => null;
    default:
      return (rec) => {
        const v = get(rec);
        return v === null || v === undefined || v === false ? null : asText(v);
      };
  }
}

/** Position of each record of a comodel in that model's default order (archived ones too). */
export function comodelRanks(db: DomainDb, comodel: string): Map<number, number> {
  return db.memo(`rank:${comodel}`, () => {
    const model = db.model(comodel);
    const sorted = sortRecords(db, model, [...db.records(comodel)], parseOrder(db, model, model.order));
    return new Map(sorted.map((rec, i) => [rec.id, i]));
  });
}
