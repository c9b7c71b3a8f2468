// The SQL side of Odoo's grouped reads: GROUP BY over the records a search would return,
// aggregate functions with PostgreSQL's NULL rules and result types, ORDER BY over groups, LIMIT
// and OFFSET. read-group.ts shapes the answer of each version from these groups.

import type { DemoRecord } from '../demo-odoo.types';
import { PyException, valueError } from '../python/odoo-exceptions';
import { PyFloat } from '../python/py-values';
import type { FieldDef, ModelDef } from '../schema/fields';
import type { CallEnv } from './search';
import { comodelRanks, compareKeys, SortKey } from './order';

/** A group's value for one groupby: a many2one id, a plain value, or null. */
export type GroupValue = number | string | boolean | null;

export interface Group {
  values: GroupValue[];
  /** The group's records, by id. */
  records: DemoRecord[];
}

/** One ORDER BY term over groups. */
export interface GroupOrder {
  key: (group: Group) => SortKey;
  desc: boolean;
  nullsFirst: boolean;
}

const collator = new Intl.Collator('en-US');

/**
 * What _field_to_sql accepts: stored fields and fields inherited through _inherits; 18+ also
 * follow a related field to its target. 16 refuses the rest with its own messages (read-group.ts).
 */
export function checkSqlField(version: number, model: ModelDef, field: FieldDef): void {
  if (field.store || field.inherited || (version >= 18 && field.related)) return;
  if (version === 17) throw valueError(`Cannot convert field ${model.name}.${field.name} to SQL`);
  throw valueError(`Cannot convert ${model.name}.${field.name} to SQL because it is not stored`);
}

/** Grouping by dates needs babel's labels and time zones, and x2many needs unnest: not emulated. */
export function checkEmulatedGroupby(field: FieldDef): void {
  if (['date', 'datetime', 'one2many', 'many2many'].includes(field.type)) {
    throw new PyException('builtins.NotImplementedError', `The demo Odoo does not group by ${field.type} fields (${field.name})`);
  }
}

/** The GROUP BY value of a record: booleans are COALESCEd to false, empty values are NULL. */
function groupValueOf(env: CallEnv, model: ModelDef, field: FieldDef, rec: DemoRecord): GroupValue {
  const v = env.db.value(model.name, rec, field.name, env.context);
  if (field.type === 'boolean') return v === true;
  if (v === null || v === undefined || v === false) return null;
  return v as GroupValue;
}

/** The groups of `records` (in id order) by the given fields; no field: one group of everything. */
export function groupRecords(env: CallEnv, model: ModelDef, records: DemoRecord[], fields: FieldDef[]): Group[] {
  const byKey = new Map<string, Group>();
  for (const rec of [...records].sort((a, b) => a.id - b.id)) {
    const values = fields.map((f) => groupValueOf(env, model, f, rec));
    const key = JSON.stringify(values);
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = { values, records: [] }));
    group.records.push(rec);
  }
  if (fields.length === 0 && byKey.size === 0) return [{ values: [], records: [] }];
  return [...byKey.values()];
}

/** The ORDER BY key of a groupby column; a many2one follows its comodel's _order when asked. */
export function groupbyOrderKey(env: CallEnv, field: FieldDef, index: number, byComodelOrder: boolean): (g: Group) => SortKey {
  if (field.type === 'many2one' && byComodelOrder) {
    const ranks = comodelRanks(env.db, field.relation!);
    return (g) => {
      const v = g.values[index];
      return typeof v === 'number' ? (ranks.get(v) ?? v) : null;
    };
  }
  return (g) => {
    const v = g.values[index];
    return typeof v === 'boolean' ? Number(v) : v;
  };
}

/** The ORDER BY key of an aggregate column. */
export function aggregateOrderKey(env: CallEnv, model: ModelDef, field: FieldDef | null, func: string): (g: Group) => SortKey {
  return (g) => {
    const v = plainAggregate(env, model, field, func, g.records);
    if (v instanceof PyFloat) return v.value;
    return typeof v === 'number' || typeof v === 'string' ? v : typeof v === 'boolean' ? Number(v) : null;
  };
}

/** ORDER BY the terms, then by the group's first record, which keeps equal groups stable. */
export function sortGroups(groups: Group[], terms: GroupOrder[]): Group[] {
  const keyed = groups.map((g) => ({ g, keys: terms.map((t) => t.key(g)), first: g.records[0]?.id ?? 0 }));
  keyed.sort((a, b) => {
    for (let i = 0; i < terms.length; i++) {
      const c = compareKeys(a.keys[i], b.keys[i], terms[i]);
      if (c !== 0) return c;
    }
    return a.first - b.first;
  });
  return keyed.map((k) => k.g);
}

/** The ORDER BY direction words of one term: NULLS LAST ascending and NULLS FIRST descending unless told. */
export function direction(words: { direction?: string; nulls?: string }): { desc: boolean; nullsFirst: boolean } {
  const desc = (words.direction ?? '').toLowerCase() === 'desc';
  const nulls = (words.nulls ?? '').toLowerCase().replace(/\s+/g, ' ');
  return { desc, nullsFirst: nulls === 'nulls first' ? true : nulls === 'nulls last' ? false : desc };
}

// ---------------------------------------------------------------- aggregates

/** PostgreSQL's name of a column type, as its errors print it. */
function pgType(field: FieldDef): string {
  switch (field.type) {
    case 'integer':
    case 'many2one':
      return 'integer';
    case 'float':
      return 'double precision';
    case 'monetary':
      return 'numeric';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return 'timestamp without time zone';
    case 'char':
    case 'selection':
      return 'character varying';
    default:
      return 'text';
  }
}

function undefinedFunction(func: string, field: FieldDef): PyException {
  return new PyException(
    'psycopg2.errors.UndefinedFunction',
    `function ${func}(${pgType(field)}) does not exist\nHINT:  No function matches the given name and argument types. You might need to add explicit type casts.\n`,
  );
}

const NUMERIC_TYPES = new Set(['integer', 'float', 'monetary', 'many2one']);

/** Decimal places of a stored number, so sums add decimals exactly as a numeric column does. */
function decimalsOf(x: number): number {
  const s = String(x);
  if (s.includes('e')) return 10;
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : Math.min(10, s.length - dot - 1);
}

function exactSum(values: number[]): number {
  const f = 10 ** Math.max(0, ...values.map(decimalsOf));
  return values.reduce((s, v) => s + Math.round(v * f), 0) / f;
}

/** A column value as psycopg2 returns it: floats stay floats, integers and ids stay ints. */
function typed(field: FieldDef, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (field.type === 'float' || field.type === 'monetary') return new PyFloat(v as number);
  return v;
}

/** The functions each version accepts (16 VALID_AGGREGATE_FUNCTIONS, 17+ READ_GROUP_AGGREGATE). */
export function aggregateFunctions(version: number): Set<string> {
  if (version === 16) return new Set(['array_agg', 'count', 'count_distinct', 'bool_and', 'bool_or', 'max', 'min', 'avg', 'sum']);
  const funcs = new Set(['sum', 'avg', 'max', 'min', 'bool_and', 'bool_or', 'array_agg', 'recordset', 'count', 'count_distinct']);
  if (version >= 19) funcs.add('array_agg_distinct').add('sum_currency');
  return funcs;
}

/** Functions a version accepts that the demo does not compute (recordsets, currency conversion). */
export function checkEmulatedAggregate(func: string): void {
  if (func === 'recordset' || func === 'sum_currency') {
    throw new PyException('builtins.NotImplementedError', `The demo Odoo does not emulate the aggregate ${func}`);
  }
}

/**
 * One aggregate over a group's records, as the SQL function returns it: null for SQL NULL (no
 * non-empty value), ints for counts and integer sums, floats for float and monetary sums and for
 * averages. `field` null is COUNT(*).
 */
export function plainAggregate(env: CallEnv, model: ModelDef, field: FieldDef | null, func: string, records: DemoRecord[]): unknown {
  if (field === null) return records.length;
  const all = records.map((rec) => env.db.value(model.name, rec, field.name, env.context));
  const values = field.type === 'boolean' ? all.map((v) => v === true) : all.filter((v) => v !== null && v !== undefined && v !== false);
  switch (func) {
    case 'count':
      return values.length;
    case 'count_distinct':
      return new Set(values).size;
    case 'array_agg':
      return all.map((v) => typed(field, field.type === 'boolean' ? v === true : (v ?? null)));
    case 'array_agg_distinct':
      return [...new Set(values)].sort((a, b) => compareKeys(a as SortKey, b as SortKey, { desc: false, nullsFirst: false })).map((v) => typed(field, v));
    case 'sum':
    case 'avg':
      if (!NUMERIC_TYPES.has(field.type)) throw undefinedFunction(func, field);
      if (values.length === 0) return null;
      return sumOrAverage(field, func, values as number[]);
    case 'max':
    case 'min':
      if (field.type === 'boolean') throw undefinedFunction(func, field);
      return values.length === 0 ? null : typed(field, extreme(values, func));
    case 'bool_and':
    case 'bool_or':
      if (field.type !== 'boolean') throw undefinedFunction(func, field);
      return values.length === 0 ? null : func === 'bool_and' ? values.every(Boolean) : values.some(Boolean);
    default:
      throw valueError(`Invalid aggregate method ${func}`);
  }
}

function sumOrAverage(field: FieldDef, func: string, values: number[]): unknown {
  const sum = exactSum(values);
  if (func === 'avg') return new PyFloat(sum / values.length);
  return field.type === 'integer' || field.type === 'many2one' ? sum : new PyFloat(sum);
}

function extreme(values: unknown[], func: string): unknown {
  const cmp = (a: unknown, b: unknown) => (typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b)));
  return values.reduce((best, v) => ((func === 'max' ? cmp(v, best) > 0 : cmp(v, best) < 0) ? v : best));
}

/** LIMIT and OFFSET over the sorted groups. */
export function page<T>(items: T[], offset: number, limit: number | null): T[] {
  const start = offset > 0 ? offset : 0;
  return items.slice(start, limit && limit > 0 ? start + limit : undefined);
}
