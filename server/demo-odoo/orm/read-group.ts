// Grouped reads as each version answers them over RPC: read_group on 16-19 (16's own
// implementation, 17+'s compatibility layer over _read_group) and formatted_read_group on 19.

import { PyException, typeError, userError, valueError } from '../python/odoo-exceptions';
import { PyFloat, pyRepr, pyStrRepr, pyTruthy, pyTuple, pyTypeName } from '../python/py-values';
import { aggregatorOf, FieldDef, ModelDef } from '../schema/fields';
import { andDomains, andDomains19 } from './domain-lists';
import {
  aggregateFunctions,
  aggregateOrderKey,
  checkEmulatedAggregate,
  checkEmulatedGroupby,
  checkSqlField,
  direction,
  Group,
  GroupOrder,
  groupbyOrderKey,
  groupRecords,
  page,
  plainAggregate,
  sortGroups,
} from './grouping';
import { CallEnv, matchRecords } from './search';

/** read_group's fields specs: 'name', 'name:func' or 'name:func(field)' (a prefix match). */
const FIELD_AGG = /^(\w+)(?::(\w+)(?:\((\w+)\))?)?/;
/** regex_read_group_spec (17/18; 19 allows a dotted path). */
const SPEC_17 = /^(\w+)(\.(\w+))?(?::(\w+))?$/;
const SPEC_19 = /^(\w+)(\.([\w.]+))?(?::(\w+))?$/;
/** One term of a grouped ORDER BY (17 regex_order, 19 regex_order_part_read_group). */
const ORDER_TERM = /^\s*(?<term>[a-z0-9_]+(\.[\w.]+)?(:[a-z_]+)?)(\s+(?<direction>desc|asc))?(\s+(?<nulls>nulls first|nulls last))?\s*$/i;
/** 16 regex_order (models.py L70). */
const ORDER_16 = /^(\s*([a-z0-9:_]+|"[a-z0-9:_]+")(\.id)?(\s+(desc|asc))?\s*(,|$))+(?<!,)$/i;

interface Aggregate {
  /** The key of the result row. */
  key: string;
  /** null: COUNT(*). */
  field: FieldDef | null;
  func: string;
}

/** iter(v), as the Python loops over these arguments do: a str gives its characters. */
function pyIterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (v !== null && typeof v === 'object' && !(v instanceof PyFloat) && !Buffer.isBuffer(v)) return Object.keys(v);
  throw typeError(`'${pyTypeName(v)}' object is not iterable`, 'orm');
}

function asSpec(v: unknown, method: 'split' | 'replace' = 'split'): string {
  if (typeof v === 'string') return v;
  throw new PyException('builtins.AttributeError', `'${pyTypeName(v)}' object has no attribute '${method}'`);
}

const asNumber = (v: unknown): number => (typeof v === 'number' ? v : 0);
const asDomain = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A many2one group value as the result shows it: (id, display_name), or False. */
function shownValue(env: CallEnv, field: FieldDef, v: unknown): unknown {
  if (v === null || v === undefined) return false;
  if (field.type === 'many2one') return [v, env.db.displayName(field.relation!, v as number)];
  if (field.type === 'float' || field.type === 'monetary') return new PyFloat(v as number);
  return v;
}

/** _read_group_empty_value: what a SQL NULL becomes in 17+'s answers. */
function emptyValue(func: string): unknown {
  if (func === 'count' || func === 'count_distinct') return 0;
  return func === 'array_agg' ? [] : false;
}

function aggregateValue(env: CallEnv, model: ModelDef, agg: Aggregate, group: Group): unknown {
  return plainAggregate(env, model, agg.field, agg.func, group.records);
}

export function readGroup(env: CallEnv, model: ModelDef, a: Record<string, unknown>): unknown[] {
  return env.db.version === 16 ? readGroup16(env, model, a) : readGroup17(env, model, a);
}

// ---------------------------------------------------------------- 16

/** 16 read_group / _read_group_raw (models.py L2151-2350). */
function readGroup16(env: CallEnv, model: ModelDef, a: Record<string, unknown>): unknown[] {
  const records = matchRecords(env, model, a.domain);
  const fields = pyTruthy(a.fields) ? pyIterate(a.fields) : [...model.fields.values()].filter((f) => f.store).map((f) => f.name);
  const groupby = typeof a.groupby === 'string' ? [a.groupby] : [...new Set(pyIterate(a.groupby))];
  const lazy = pyTruthy(a.lazy);
  const groupbyList = (lazy ? groupby.slice(0, 1) : groupby).map((gb) => asSpec(gb));
  const annotated = groupbyList.map((gb) => {
    const field = model.fields.get(gb.split(':')[0]);
    if (!field) throw valueError(`Invalid field ${pyStrRepr(gb.split(':')[0])} on model ${pyStrRepr(model.name)}`);
    return field;
  });
  for (const field of annotated) {
    if (!field.store && !field.inherited) {
      throw userError(
        `Field ${model.name}.${field.name} is not a stored field, only stored fields (regular or many2many) are valid for the 'groupby' parameter`,
      );
    }
    checkEmulatedGroupby(field);
  }
  const names = annotated.map((f) => f.name);
  const aggregates = aggregates16(model, fields, names);
  const orderby = typeof a.orderby === 'string' && a.orderby !== '' ? a.orderby : groupbyList.join(',');
  const terms = order16(env, model, orderby, groupbyList, annotated, aggregates);
  const countKey = lazy && (names.length >= 2 || !pyTruthy(env.context.group_by_no_leaf)) && names.length >= 1 ? `${names[0]}_count` : '__count';
  const groups = sortGroups(groupRecords(env, model, records, annotated), terms);
  // OFFSET only goes with a LIMIT here (models.py L2316).
  const limit = pyTruthy(a.limit) ? asNumber(a.limit) : null;
  const paged = page(groups, limit ? asNumber(a.offset) : 0, limit);
  if (annotated.length === 0) {
    // No GROUP BY: the raw SQL row, with min(id) and without __domain (L2300-2323).
    return paged.map((g) => {
      const row: Record<string, unknown> = { id: g.records[0]?.id ?? null, [countKey]: g.records.length };
      for (const agg of aggregates) row[agg.key] = aggregateValue(env, model, agg, g);
      return row;
    });
  }
  return paged.map((g) => {
    const row: Record<string, unknown> = { [countKey]: g.records.length };
    for (const agg of aggregates) row[agg.key] = aggregateValue(env, model, agg, g) ?? false;
    annotated.forEach((field, i) => (row[groupbyList[i]] = shownValue(env, field, g.values[i])));
    const sections = annotated.map((field, i) => [[field.name, '=', g.values[i] ?? false]]);
    row.__domain = andDomains([...sections, asDomain(a.domain)], 16);
    if (groupby.length > annotated.length) row.__context = { group_by: groupby.slice(annotated.length) };
    return row;
  });
}

/** The aggregates of 16's `fields` list, with its errors and its silent skips. */
function aggregates16(model: ModelDef, fields: unknown[], groupbyFields: string[]): Aggregate[] {
  const valid = aggregateFunctions(16);
  const out: Aggregate[] = [];
  for (const fspec of fields) {
    if (fspec === 'sequence' || fspec === '__count') continue;
    const match = typeof fspec === 'string' ? FIELD_AGG.exec(fspec) : null;
    if (!match) throw userError(`Invalid field specification ${typeof fspec === 'string' ? pyStrRepr(fspec) : pyRepr(fspec)}.`);
    const [, name, func, fromField] = match;
    const fname = func ? (fromField ?? name) : name;
    const field = model.fields.get(fname);
    if (!field) throw valueError(`Invalid field ${pyStrRepr(fname)} on model ${pyStrRepr(model.name)}`);
    const stored = field.store || field.inherited === true;
    let aggFunc: string;
    if (func) {
      if (!stored) throw userError(`Cannot aggregate field ${pyStrRepr(fname)}.`);
      if (!valid.has(func)) throw userError(`Invalid aggregation function ${pyStrRepr(func)}.`);
      aggFunc = func;
    } else {
      const aggregator = aggregatorOf(field);
      if (!stored || !aggregator) continue;
      aggFunc = aggregator;
    }
    if (groupbyFields.includes(fname)) continue;
    if (out.some((agg) => agg.key === name)) throw userError(`Output name ${pyStrRepr(name)} is used twice.`);
    out.push({ key: name, field, func: aggFunc });
  }
  return out;
}

/** 16 _read_group_prepare: ORDER BY groupby columns (a many2one by its comodel's order) or aggregates. */
function order16(env: CallEnv, model: ModelDef, orderby: string, specs: string[], fields: FieldDef[], aggregates: Aggregate[]): GroupOrder[] {
  if (orderby === '') return [];
  if (!ORDER_16.test(orderby)) {
    throw userError(
      `Invalid "order" specified (${orderby}). A valid "order" specification is a comma-separated list of valid field names (optionally followed by asc/desc for the direction)`,
    );
  }
  const terms: GroupOrder[] = [];
  for (const part of orderby.split(',')) {
    const [first, dir] = part.trim().split(/\s+/);
    const byId = first.endsWith('.id');
    const name = (byId ? first.slice(0, -3) : first).replace(/"/g, '');
    const index = specs.findIndex((spec, i) => spec === name || fields[i].name === name);
    const aggregate = aggregates.find((agg) => agg.key === name);
    const words = direction({ direction: dir });
    if (name === 'id') terms.push({ key: (g) => g.records[0]?.id ?? null, ...words });
    else if (index >= 0) terms.push({ key: groupbyOrderKey(env, fields[index], index, !byId), ...words });
    else if (aggregate) terms.push({ key: aggregateOrderKey(env, model, aggregate.field, aggregate.func), ...words });
    else if (!model.fields.has(name)) throw valueError(`Invalid field ${pyStrRepr(name)} on model ${pyStrRepr(model.name)}`);
    // Any other field is ignored with a warning: its column is not in the result.
  }
  return terms;
}

// ---------------------------------------------------------------- 17+

/** parse_read_group_spec: field, property (or path on 19) and function/granularity. */
function parseSpec(version: number, spec: string): [string, string | undefined, string | undefined] {
  const match = (version >= 19 ? SPEC_19 : SPEC_17).exec(spec);
  if (!match) {
    throw valueError(
      `Invalid aggregate/groupby specification ${pyStrRepr(spec)}.\n` +
        '- Valid aggregate specification looks like "<field_name>:<agg>" example: "quantity:sum".\n' +
        '- Valid groupby specification looks like "<no_datish_field_name>" or "<datish_field_name>:<granularity>" example: "date:month" or "<properties_field_name>.<property>:<granularity>".',
    );
  }
  return [match[1], match[3], match[4]];
}

/** _read_group_groupby: the field of a groupby spec, with each version's refusals. */
function groupbyField(env: CallEnv, model: ModelDef, spec: string): FieldDef {
  const version = env.db.version;
  const [fname, path, granularity] = parseSpec(version, spec);
  const field = model.fields.get(fname);
  if (!field) throw valueError(`Invalid field ${pyStrRepr(fname)} on model ${pyStrRepr(model.name)}`);
  if (path !== undefined) {
    if (version === 17) throw valueError(`Property set on a non properties field: ${pyStrRepr(path)}`);
    if (version === 18) throw valueError(`Property access on non-property field: ${pyStrRepr(spec)}`);
    if (field.type !== 'many2one') throw valueError(`Only many2one path is accepted for the ${pyStrRepr(spec)} groupby spec`);
    throw new PyException('builtins.NotImplementedError', `The demo Odoo does not group by a path (${spec})`);
  }
  if (granularity !== undefined && field.type !== 'date' && field.type !== 'datetime') {
    throw valueError(`Granularity set on a no-datetime field or property: ${pyStrRepr(spec)}`);
  }
  checkSqlField(version, model, field);
  checkEmulatedGroupby(field);
  return field;
}

/** _read_group_select: an aggregate spec ('field:func' or '__count'). */
function parseAggregate(env: CallEnv, model: ModelDef, spec: string): Aggregate {
  if (spec === '__count') return { key: spec, field: null, func: 'count' };
  const version = env.db.version;
  const [fname, property, func] = parseSpec(version, spec);
  if (property !== undefined && version >= 19) throw valueError(`Invalid ${pyStrRepr(spec)}, this dot notation is not supported`);
  const field = model.fields.get(fname);
  if (!field) throw valueError(`Invalid field ${pyStrRepr(fname)} on model ${pyStrRepr(model.name)} for ${pyStrRepr(spec)}.`);
  if (!func) throw valueError(`Aggregate method is mandatory for ${pyStrRepr(property && version < 19 ? `${fname}.${property}` : fname)}`);
  if (func === 'sum_currency' && version >= 19 && field.type !== 'monetary') {
    throw valueError(`Aggregator "sum_currency" only works on currency field for ${pyStrRepr(fname)}`);
  }
  if (!aggregateFunctions(version).has(func)) throw valueError(`Invalid aggregate method ${pyStrRepr(func)} for ${pyStrRepr(spec)}.`);
  if (func === 'recordset' && field.type !== 'many2one' && field.type !== 'one2many' && field.type !== 'many2many' && fname !== 'id') {
    throw valueError(`Aggregate method ${pyStrRepr(func)} can be only used on relational field (or id) (for ${pyStrRepr(spec)}).`);
  }
  checkSqlField(version, model, field);
  checkEmulatedAggregate(func);
  return { key: spec, field, func };
}

/** _read_group_orderby: groupby columns (a many2one by its comodel's order) or aggregate specs. */
function order17(env: CallEnv, model: ModelDef, order: string, specs: string[], fields: FieldDef[]): GroupOrder[] {
  if (order === '') return [];
  const terms: GroupOrder[] = [];
  for (const part of order.split(',')) {
    const match = ORDER_TERM.exec(part);
    if (!match?.groups) throw valueError(`Invalid order ${pyStrRepr(order)} for _read_group()`);
    const { term } = match.groups;
    const words = direction(match.groups);
    const index = specs.indexOf(term);
    if (index < 0) {
      let agg: Aggregate;
      try {
        agg = parseAggregate(env, model, term);
      } catch (e) {
        if (e instanceof PyException && e.pyClass === 'builtins.ValueError') {
          throw valueError(`Order term ${pyStrRepr(part)} is not a valid aggregate nor valid groupby`);
        }
        throw e;
      }
      terms.push({ key: aggregateOrderKey(env, model, agg.field, agg.func), ...words });
      continue;
    }
    const field = fields[index];
    const byComodel = field.type === 'many2one' && env.db.model(field.relation!).order !== 'id';
    terms.push({ key: groupbyOrderKey(env, field, index, byComodel), ...words });
  }
  return terms;
}

interface GroupedRead {
  fields: FieldDef[];
  aggregates: Aggregate[];
  groups: Group[];
}

/** _read_group (17 models.py L1826, 19 orm/models.py L1861): the groups, sorted and paged. */
function runReadGroup(
  env: CallEnv,
  model: ModelDef,
  domain: unknown,
  specs: string[],
  aggSpecs: string[],
  opts: { having?: unknown[]; offset: unknown; limit: unknown; order: string },
): GroupedRead {
  const records = matchRecords(env, model, domain);
  const fields = specs.map((spec) => groupbyField(env, model, spec));
  const aggregates = aggSpecs.map((spec) => parseAggregate(env, model, spec));
  // 19 builds ORDER BY and HAVING only for a GROUP BY; 17/18 check the order either way.
  const grouped = specs.length > 0;
  const having = grouped && opts.having && opts.having.length > 0 ? havingPredicate(env, model, opts.having) : null;
  const terms = grouped || env.db.version < 19 ? order17(env, model, opts.order, specs, fields) : [];
  let groups = groupRecords(env, model, records, fields);
  if (having) groups = groups.filter(having);
  groups = sortGroups(groups, terms);
  const limit = pyTruthy(opts.limit) ? asNumber(opts.limit) : null;
  return { fields, aggregates, groups: page(groups, pyTruthy(opts.offset) ? asNumber(opts.offset) : 0, limit) };
}

/** 17-19 read_group: the compatibility layer over _read_group (17 L2630, 18 L2800, 19 L2749). */
function readGroup17(env: CallEnv, model: ModelDef, a: Record<string, unknown>): unknown[] {
  const version = env.db.version;
  const groupby = (typeof a.groupby === 'string' ? [a.groupby] : pyIterate(a.groupby)).map((gb) => asSpec(gb));
  const lazy = pyTruthy(a.lazy);
  const lazyGroupby = lazy ? groupby.slice(0, 1) : groupby;
  for (const spec of lazyGroupby) {
    const [fname, property] = parseSpec(version, spec);
    const field = model.fields.get(fname);
    if (!field) throw valueError(`Invalid field ${pyStrRepr(fname)} on model ${pyStrRepr(model.name)}`);
    if (property !== undefined) throw valueError(`Property name ${pyStrRepr(property)} has to be used on a property field.`);
  }
  const countKey = lazy && lazyGroupby.length === 1 ? `${lazyGroupby[0].split(':')[0]}_count` : '__count';
  const annotated = new Map<string, string>([[countKey, '__count']]);
  for (const fspec of pyIterate(a.fields)) {
    if (fspec === '__count') continue;
    const match = typeof fspec === 'string' ? FIELD_AGG.exec(fspec) : null;
    if (!match) throw valueError(`Invalid field specification ${typeof fspec === 'string' ? pyStrRepr(fspec) : pyRepr(fspec)}.`);
    const [, name, func, fromField] = match;
    if (fromField) annotated.set(name, `${fromField}:${func}`);
    else if (func) annotated.set(name, `${name}:${func}`);
    else {
      const field = model.fields.get(name);
      // 17 names the last groupby's field in this message (a stale variable, fixed in 18).
      const shown = version === 17 && lazyGroupby.length > 0 ? parseSpec(version, lazyGroupby[lazyGroupby.length - 1])[0] : name;
      if (!field) throw valueError(`Invalid field ${pyStrRepr(shown)} on model ${pyStrRepr(model.name)}`);
      const aggregator = aggregatorOf(field);
      if ((field.store || field.inherited) && aggregator && !lazyGroupby.includes(fspec as string)) annotated.set(name, `${name}:${aggregator}`);
    }
  }
  const order = rewriteOrder(a.orderby, lazyGroupby, annotated);
  const { fields, aggregates, groups } = runReadGroup(env, model, a.domain, lazyGroupby, [...annotated.values()], { offset: a.offset, limit: a.limit, order });
  const keys = [...annotated.keys()];
  return groups.map((g) => {
    const row: Record<string, unknown> = {};
    lazyGroupby.forEach((spec, i) => (row[spec] = shownValue(env, fields[i], g.values[i])));
    aggregates.forEach((agg, i) => (row[keys[i]] = aggregateValue(env, model, agg, g) ?? emptyValue(agg.func)));
    const leaves = fields.map((field, i) => [[field.name, '=', g.values[i] ?? false]]);
    row.__domain = groupDomain(version, a.domain, leaves);
    if (lazyGroupby.length < groupby.length) row.__context = { group_by: groupby.slice(lazyGroupby.length) };
    return row;
  });
}

/** The caller's domain AND each group's conditions, written as the version writes it. */
function groupDomain(version: number, domain: unknown, leaves: unknown[][]): unknown {
  if (version >= 19) return andDomains19([asDomain(domain), ...leaves]);
  if (leaves.length === 0) return domain;
  return leaves.reduce<unknown[]>((acc, leaf) => andDomains([acc, leaf], version), asDomain(domain));
}

/** read_group's orderby in _read_group's terms: field names become their aggregate specs. */
function rewriteOrder(orderby: unknown, groupby: string[], annotated: Map<string, string>): string {
  if (!pyTruthy(orderby)) return groupby.join(',');
  const pairs = [...[...groupby].reverse().map((spec) => [spec, spec]), ...annotated.entries()];
  return asSpec(orderby)
    .split(',')
    .map((raw) => {
      const term = raw.trim();
      for (const [key, spec] of pairs) {
        const name = key.split(':')[0];
        if (term.startsWith(`${name} `) || term === name) return term.replaceAll(name, spec);
      }
      return term;
    })
    .join(',');
}

// ---------------------------------------------------------------- 19 formatted_read_group

const HAVING_OPERATORS = ['in', 'not in', '<', '>', '<=', '>=', '=', '!='];

/** _read_group_having: a domain over aggregate specs, read from the end as Odoo builds its SQL. */
function havingPredicate(env: CallEnv, model: ModelDef, having: unknown[]): (g: Group) => boolean {
  const stack: Array<(g: Group) => boolean> = [];
  const pop = () => stack.pop() ?? (() => true);
  for (const item of [...having].reverse()) {
    if (item === '!') {
      const inner = pop();
      stack.push((g) => !inner(g));
    } else if (item === '&' || item === '|') {
      const [left, right] = [pop(), pop()];
      stack.push(item === '&' ? (g) => left(g) && right(g) : (g) => left(g) || right(g));
    } else if (Array.isArray(item) && item.length === 3) {
      const [left, op, right] = item as [unknown, unknown, unknown];
      if (typeof op !== 'string' || !HAVING_OPERATORS.includes(op)) {
        throw valueError(`Invalid having clause ${pyRepr(item)}: supported comparators are ${pyTuple(HAVING_OPERATORS)}`);
      }
      const agg = parseAggregate(env, model, asSpec(left));
      stack.push((g) => sqlCompare(aggregateValue(env, model, agg, g), op, right));
    } else {
      throw valueError(`Invalid having clause ${pyRepr(item)}: it should be a domain-like clause`);
    }
  }
  while (stack.length > 1) {
    const [left, right] = [pop(), pop()];
    stack.push((g) => left(g) && right(g));
  }
  return stack[0];
}

/** A comparison in SQL: NULL compares to nothing. */
function sqlCompare(raw: unknown, op: string, right: unknown): boolean {
  const v = raw instanceof PyFloat ? raw.value : raw;
  if (v === null || v === undefined) return false;
  const r = right instanceof PyFloat ? right.value : right;
  if (op === 'in' || op === 'not in') return Array.isArray(r) && r.includes(v) === (op === 'in');
  const a = v as number;
  const b = r as number;
  return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : op === '>=' ? a >= b : op === '=' ? a === b : a !== b;
}

/** 19 web/models/models.py formatted_read_group (L744-858) and _web_read_group_format (L1074). */
export function formattedReadGroup(env: CallEnv, model: ModelDef, a: Record<string, unknown>): unknown[] {
  const groupby = pyIterate(a.groupby).map((gb) => asSpec(gb));
  const aggSpecs = pyIterate(a.aggregates).map((agg) => asSpec(agg, 'replace').replaceAll(':recordset', ':array_agg'));
  const order = pyTruthy(a.order) ? asSpec(a.order) : groupby.join(', ');
  const having = pyIterate(a.having);
  const { fields, aggregates, groups } = runReadGroup(env, model, a.domain, groupby, aggSpecs, { having, offset: a.offset, limit: a.limit, order });
  return groups.map((g) => {
    const row: Record<string, unknown> = {};
    const extra: unknown[][] = [];
    fields.forEach((field, i) => {
      row[groupby[i]] = shownValue(env, field, g.values[i]);
      extra.push([[field.name, '=', g.values[i] ?? false]]);
    });
    row.__extra_domain = andDomains19(extra);
    aggregates.forEach((agg) => (row[agg.key] = aggregateValue(env, model, agg, g) ?? emptyValue(agg.func)));
    return row;
  });
}
