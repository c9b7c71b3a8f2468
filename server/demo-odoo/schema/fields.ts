// Field and model definitions: what fields_get reports and how the ORM reads and searches each field.

import type { DemoOdooEdition, DemoOdooVersion, DemoRecord } from '../demo-odoo.types';

export type FieldType =
  'char' | 'text' | 'html' | 'integer' | 'float' | 'monetary' | 'boolean' | 'date' | 'datetime' | 'selection' | 'many2one' | 'one2many' | 'many2many';

/** A domain as the ORM receives it (prefix notation, leaves as 3-element lists). */
export type Domain = unknown[];

/** The call's context (allowed_company_ids, location, to_date...), as computed fields read it. */
export type CallContext = Readonly<Record<string, unknown>>;

/** What computed fields and search methods may read. Values are raw: null for empty. */
export interface DbView {
  readonly version: DemoOdooVersion;
  readonly edition: DemoOdooEdition;
  /** YYYY-MM-DD, the dataset's today. */
  readonly today: string;
  /** The API user's companies (env.companies when the context names none). */
  readonly userCompanyIds: readonly number[];
  record(model: string, id: number): DemoRecord | undefined;
  records(model: string): DemoRecord[];
  /** Raw value of a field, computing it when the field is computed (in the call's context). */
  value(model: string, rec: DemoRecord, field: string, ctx?: CallContext): unknown;
  displayName(model: string, id: number): string;
  /** Per-database derived data, rebuilt after any record changes. */
  memo<T>(key: string, build: () => T): T;
}

export interface FieldDef {
  name: string;
  type: FieldType;
  string: string;
  /** A database column. */
  store: boolean;
  /** Reachable from a domain: stored, or with a search method (fields_get "searchable"). */
  searchable: boolean;
  /** Delegated to a parent model through _inherits: not stored here, but searchable and sortable. */
  inherited?: boolean;
  relation?: string;
  selection?: Array<[string, string]>;
  required?: boolean;
  readonly?: boolean;
  help?: string;
  translate?: boolean;
  /** Dotted path of a related field; its value and its search follow the path. */
  related?: string;
  compute?: (rec: DemoRecord, db: DbView, ctx: CallContext) => unknown;
  /** The search method of a non-stored field: returns the domain that replaces the condition. */
  search?: (db: DbView, operator: string, value: unknown, ctx: CallContext) => Domain;
  /**
   * A stored compute whose @api.depends misses some of its inputs: the value is kept as computed
   * when the database is built, and recomputed only when one of these fields of the record changes.
   */
  recomputeOn?: string[];
  /** The field's context (x2many fields: e.g. active_test false for the sub-search of a path). */
  context?: Readonly<Record<string, unknown>>;
  /**
   * How read_group aggregates the field when named without a function (group_operator on 16/17,
   * aggregator on 18+). Numbers default to 'sum'; null: not aggregated.
   */
  aggregator?: string | null;
}

/** The default aggregate of a field: Integer, Float and Monetary sum unless they say otherwise. */
export function aggregatorOf(field: FieldDef): string | null {
  if (field.aggregator !== undefined) return field.aggregator;
  return field.type === 'integer' || field.type === 'float' || field.type === 'monetary' ? 'sum' : null;
}

export interface ModelDef {
  name: string;
  description: string;
  /** The model's _order. */
  order: string;
  /** The field display_name falls back on. */
  recName: string;
  fields: Map<string, FieldDef>;
  /** Groups listed in the access-error text. */
  groups: string[];
  parentField?: string;
  displayName?: (rec: DemoRecord, db: DbView) => string;
}

type FieldOpts = Partial<Omit<FieldDef, 'name' | 'type' | 'string'>>;

function make(type: FieldType, string: string, opts: FieldOpts = {}): FieldDef {
  const computedOnly = (opts.compute !== undefined || opts.related !== undefined) && opts.store === undefined;
  const store = opts.store ?? !computedOnly;
  const searchable = opts.searchable ?? (store || opts.inherited === true || opts.related !== undefined || opts.search !== undefined);
  return { name: '', type, string, ...opts, store, searchable };
}

export const char = (s: string, o?: FieldOpts) => make('char', s, o);
export const text = (s: string, o?: FieldOpts) => make('text', s, o);
export const integer = (s: string, o?: FieldOpts) => make('integer', s, o);
export const float = (s: string, o?: FieldOpts) => make('float', s, o);
export const monetary = (s: string, o?: FieldOpts) => make('monetary', s, o);
export const boolean = (s: string, o?: FieldOpts) => make('boolean', s, o);
export const date = (s: string, o?: FieldOpts) => make('date', s, o);
export const datetime = (s: string, o?: FieldOpts) => make('datetime', s, o);
export const selection = (s: string, values: Array<[string, string]>, o?: FieldOpts) => make('selection', s, { ...o, selection: values });
export const many2one = (relation: string, s: string, o?: FieldOpts) => make('many2one', s, { ...o, relation });
export const many2many = (relation: string, s: string, o?: FieldOpts) => make('many2many', s, { ...o, relation });

export interface ModelSpec {
  description: string;
  order: string;
  recName?: string;
  groups: string[];
  parentField?: string;
  displayName?: (rec: DemoRecord, db: DbView) => string;
  fields: Record<string, FieldDef | false | undefined>;
}

/** Adds the magic fields every model has (id, display_name, create/write date and user). */
export function defineModel(name: string, spec: ModelSpec, version: DemoOdooVersion): ModelDef {
  const fields = new Map<string, FieldDef>();
  const add = (fname: string, def: FieldDef) => fields.set(fname, { ...def, name: fname });
  // fields.Id is no Integer: it has no aggregator.
  add('id', integer('ID', { readonly: true, aggregator: null }));
  const recName = spec.recName ?? 'name';
  for (const [fname, def] of Object.entries(spec.fields)) if (def) add(fname, def);
  if (!fields.has('display_name')) {
    add(
      'display_name',
      char('Display Name', {
        readonly: true,
        compute: (rec, db) => db.displayName(name, rec.id),
        // 16 has no search method on display_name; 17 added _search_display_name.
        searchable: version >= 17,
      }),
    );
  }
  add('create_uid', many2one('res.users', 'Created by', { readonly: true }));
  add('create_date', datetime('Created on', { readonly: true }));
  add('write_uid', many2one('res.users', 'Last Updated by', { readonly: true }));
  add('write_date', datetime('Last Updated on', { readonly: true }));
  return {
    name,
    description: spec.description,
    order: spec.order,
    recName,
    fields,
    groups: spec.groups,
    parentField: spec.parentField,
    displayName: spec.displayName,
  };
}
