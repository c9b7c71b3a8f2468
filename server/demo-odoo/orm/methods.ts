// The model methods the demo answers, bound to their arguments the way Python binds a call, and
// the refusals a read-only user meets for everything else.

import type { DemoRecord } from '../demo-odoo.types';
import { accessError, missingError, PyException, typeError, valueError } from '../python/odoo-exceptions';
import { asText, PyFloat, pyRepr, pyStrRepr } from '../python/py-values';
import type { FieldDef, ModelDef } from '../schema/fields';
import { formattedReadGroup, readGroup } from './read-group';
import { companyRule, readAccessError } from './record-rules';
import { CallEnv, checkCompanies, search } from './search';

export type { CallEnv } from './search';
export { checkCompanies, search } from './search';

interface Param {
  name: string;
  default?: unknown;
  required?: boolean;
}

interface MethodSpec {
  /** @api.model: called without records. */
  modelLevel: boolean;
  /** The class that defines the method, as Python's TypeError texts name it (default BaseModel). */
  qualname?: string;
  params: Param[];
  varKw?: boolean;
  run(env: CallEnv, model: ModelDef, ids: number[], args: Record<string, unknown>): unknown;
}

const READ_METHODS: Record<string, MethodSpec> = {
  search: {
    modelLevel: true,
    params: [
      { name: 'domain', required: true },
      { name: 'offset', default: 0 },
      { name: 'limit', default: null },
      { name: 'order', default: null },
    ],
    run: (env, model, _ids, a) => {
      const ids = search(env, model, a.domain, a);
      return a.count === true ? ids.length : ids;
    },
  },
  search_count: {
    modelLevel: true,
    params: [
      { name: 'domain', required: true },
      { name: 'limit', default: null },
    ],
    run: (env, model, _ids, a) => search(env, model, a.domain, { limit: a.limit }).length,
  },
  search_read: {
    modelLevel: true,
    params: [
      { name: 'domain', default: null },
      { name: 'fields', default: null },
      { name: 'offset', default: 0 },
      { name: 'limit', default: null },
      { name: 'order', default: null },
    ],
    varKw: true,
    run: (env, model, _ids, a) => {
      const { domain, fields, offset, limit, order, ...readKwargs } = a;
      const readArgs = bindReadKwargs(readKwargs);
      // 17+ resolve the field list before searching; 16 searches first.
      if (env.db.version >= 17) checkFields(env, model, fields);
      const ids = search(env, model, domain ?? [], { offset, limit, order });
      return read(env, model, ids, fields, readArgs.load);
    },
  },
  read: {
    modelLevel: false,
    params: [
      { name: 'fields', default: null },
      { name: 'load', default: '_classic_read' },
    ],
    run: (env, model, ids, a) => read(env, model, ids, a.fields, a.load),
  },
  fields_get: {
    modelLevel: true,
    params: [
      { name: 'allfields', default: null },
      { name: 'attributes', default: null },
    ],
    run: (env, model, _ids, a) => fieldsGet(env, model, a.allfields, a.attributes),
  },
  name_search: {
    modelLevel: true,
    params: [
      { name: 'name', default: '' },
      { name: 'args', default: null },
      { name: 'operator', default: 'ilike' },
      { name: 'limit', default: 100 },
    ],
    run: (env, model, _ids, a) => {
      const domain = [...((a.args ?? a.domain ?? []) as unknown[])];
      if (a.name) domain.unshift([model.recName, a.operator, a.name]);
      const ids = search(env, model, domain, { limit: a.limit });
      return ids.map((id) => [id, env.db.displayName(model.name, id)]);
    },
  },
  name_get: {
    modelLevel: false,
    params: [],
    run: (env, model, ids) => {
      const recs = existing(env, model, ids);
      checkReadable(env, model, recs);
      return recs.map((rec) => [rec.id, env.db.displayName(model.name, rec.id)]);
    },
  },
  read_group: {
    modelLevel: true,
    params: [
      { name: 'domain', required: true },
      { name: 'fields', required: true },
      { name: 'groupby', required: true },
      { name: 'offset', default: 0 },
      { name: 'limit', default: null },
      { name: 'orderby', default: false },
      { name: 'lazy', default: true },
    ],
    run: (env, model, _ids, a) => readGroup(env, model, a),
  },
  formatted_read_group: {
    modelLevel: true,
    // Defined on `base` by the web module (19 web/models/models.py), whose class is Base.
    qualname: 'Base',
    params: [
      { name: 'domain', required: true },
      { name: 'groupby', default: [] },
      { name: 'aggregates', default: [] },
      { name: 'having', default: [] },
      { name: 'offset', default: 0 },
      { name: 'limit', default: null },
      { name: 'order', default: null },
    ],
    run: (env, model, _ids, a) => formattedReadGroup(env, model, a),
  },
};

/** Methods that exist on every model and change data; a read-only user is refused them. */
const CREATE_METHODS = new Set(['create', 'name_create', 'copy', 'copy_data', 'load']);
const UNLINK_METHODS = new Set(['unlink']);
const WRITE_METHODS = new Set([
  'write',
  'toggle_active',
  'action_archive',
  'action_unarchive',
  'web_save',
  'onchange',
  'message_post',
  'message_subscribe',
  'message_unsubscribe',
  'activity_schedule',
  'update',
  'flush_model',
  'invalidate_model',
  'default_get',
  'web_read_group',
  'web_search_read',
  'export_data',
]);
const WRITE_PREFIXES = ['action_', 'button_', 'message_', 'activity_'];

function methodSpec(env: CallEnv, model: ModelDef, method: string): MethodSpec {
  const spec = Object.hasOwn(READ_METHODS, method) ? READ_METHODS[method] : undefined;
  const version = env.db.version;
  if (spec && method === 'name_get' && version >= 18) throw noSuchMethod(env, model, method);
  if (spec && method === 'formatted_read_group' && version < 19) throw noSuchMethod(env, model, method);
  if (spec && method === 'search' && version === 16) {
    return { ...spec, params: [...spec.params, { name: 'count', default: false }] };
  }
  if (spec && method === 'name_search' && version >= 18) {
    return { ...spec, params: spec.params.map((p) => (p.name === 'args' ? { name: 'domain', default: null } : p)) };
  }
  if (spec) return spec;
  if (model.name === 'res.users' && method === 'context_get') {
    return { modelLevel: true, params: [], run: (e) => ({ lang: 'en_US', tz: e.db.credentials.tz, uid: e.uid }) };
  }
  const operation = CREATE_METHODS.has(method)
    ? 'create'
    : UNLINK_METHODS.has(method)
      ? 'delete'
      : WRITE_METHODS.has(method) || WRITE_PREFIXES.some((p) => method.startsWith(p))
        ? 'modify'
        : null;
  if (operation) throw accessDeniedFor(model, operation);
  throw noSuchMethod(env, model, method);
}

function noSuchMethod(env: CallEnv, model: ModelDef, method: string): PyException {
  if (env.db.version >= 18) return new PyException('builtins.AttributeError', `The method '${model.name}.${method}' does not exist`, 'dispatch');
  return new PyException('builtins.AttributeError', `type object '${model.name}' has no attribute '${method}'`, 'dispatch');
}

/** ir.model.access: the text Odoo builds when the user's groups lack an operation. */
export function accessDeniedFor(model: ModelDef, operation: 'create' | 'modify' | 'delete' | 'access'): PyException {
  const groups = model.groups.map((g) => `\t- ${g}`).join('\n');
  return accessError(
    `You are not allowed to ${operation} '${model.description}' (${model.name}) records.\n\n` +
      `This operation is allowed for the following groups:\n${groups}\n\n` +
      'Contact your administrator to request access if necessary.',
  );
}

/** Private names are refused before anything else (16/17 check_method_name, 18+ get_public_method). */
export function checkPublicMethod(version: number, modelName: string, method: string): void {
  if (!method.startsWith('_')) return;
  const shown = version >= 18 ? `'${modelName}.${method}'` : method;
  throw accessError(`Private methods (such as ${shown}) cannot be called remotely.`);
}

/** Resolves a method without calling it: JSON-2 needs to know whether it takes ids. */
export function resolveMethod(env: CallEnv, model: ModelDef, method: string): { modelLevel: boolean } {
  return methodSpec(env, model, method);
}

/** execute_kw: positional args (records first for record methods) plus keyword args. */
export function callMethod(env: CallEnv, model: ModelDef, method: string, args: unknown[], kwargs: Record<string, unknown>): unknown {
  const spec = methodSpec(env, model, method);
  let positional = args;
  let ids: number[] = [];
  if (!spec.modelLevel) {
    if (args.length === 0) throw new PyException('builtins.IndexError', 'list index out of range', 'dispatch');
    ids = toIds(args[0]);
    positional = args.slice(1);
  }
  const bound = bind(method, spec, positional, kwargs);
  return spec.run(env, model, ids, bound);
}

/** JSON-2: every argument named, ids apart. Binding errors surface here, before the call runs. */
export function bindNamedCall(
  env: CallEnv,
  model: ModelDef,
  method: string,
  kwargs: Record<string, unknown>,
): { modelLevel: boolean; run: (ids: number[]) => unknown } {
  const spec = methodSpec(env, model, method);
  const bound = bind(method, spec, [], kwargs);
  return { modelLevel: spec.modelLevel, run: (ids) => spec.run(env, model, ids, bound) };
}

function toIds(v: unknown): number[] {
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => {
    if (typeof x !== 'number' || !Number.isInteger(x)) throw typeError(`ids must be integers, got ${pyRepr(x)}`);
    return x;
  });
}

/** Python's argument binding, with Python's TypeError texts. */
function bind(method: string, spec: MethodSpec, positional: unknown[], kwargs: Record<string, unknown>): Record<string, unknown> {
  const qual = `${spec.qualname ?? 'BaseModel'}.${method}()`;
  if (positional.length > spec.params.length) {
    const self = spec.modelLevel ? 1 : 2;
    throw typeError(`${qual} takes from ${self} to ${spec.params.length + self} positional arguments but ${positional.length + self} were given`);
  }
  const out: Record<string, unknown> = {};
  spec.params.forEach((p, i) => {
    if (i < positional.length) out[p.name] = positional[i];
  });
  for (const [k, v] of Object.entries(kwargs)) {
    const known = spec.params.some((p) => p.name === k);
    if (!known && !spec.varKw) throw typeError(`${qual} got an unexpected keyword argument ${pyStrRepr(k)}`);
    if (k in out && known) throw typeError(`${qual} got multiple values for argument ${pyStrRepr(k)}`);
    out[k] = v;
  }
  const missing = spec.params.filter((p) => p.required && !(p.name in out));
  if (missing.length > 0) {
    const names = missing.map((p) => pyStrRepr(p.name)).join(' and ');
    throw typeError(`${qual} missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${names}`);
  }
  for (const p of spec.params) if (!(p.name in out)) out[p.name] = p.default;
  return out;
}

function bindReadKwargs(kwargs: Record<string, unknown>): { load: unknown } {
  for (const k of Object.keys(kwargs)) {
    if (k !== 'load') throw typeError(`BaseModel.read() got an unexpected keyword argument ${pyStrRepr(k)}`);
  }
  return { load: 'load' in kwargs ? kwargs.load : '_classic_read' };
}

// ---------------------------------------------------------------- read

function invalidFieldError(env: CallEnv, model: ModelDef, name: unknown): PyException {
  const shown = typeof name === 'string' ? pyStrRepr(name) : pyRepr(name);
  const text = env.db.version >= 19 ? `Invalid field ${shown} on ${pyStrRepr(model.name)}` : `Invalid field ${shown} on model ${pyStrRepr(model.name)}`;
  return valueError(text, 'read');
}

function checkFields(env: CallEnv, model: ModelDef, fields: unknown): FieldDef[] {
  if (fields === null || fields === undefined || fields === false || (Array.isArray(fields) && fields.length === 0)) {
    return [...model.fields.values()].filter((f) => f.name !== 'id');
  }
  const names = Array.isArray(fields) ? fields : [fields];
  const out: FieldDef[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const def = typeof name === 'string' ? model.fields.get(name) : undefined;
    if (!def) throw invalidFieldError(env, model, name);
    if (def.name === 'id' || seen.has(def.name)) continue;
    seen.add(def.name);
    out.push(def);
  }
  return out;
}

function existing(env: CallEnv, model: ModelDef, ids: number[]): DemoRecord[] {
  const recs = ids.map((id) => env.db.record(model.name, id));
  const missing = ids.filter((_, i) => !recs[i]);
  if (missing.length > 0) {
    const shown = missing.length === 1 ? `${missing[0]},` : missing.join(', ');
    throw missingError(`Record does not exist or has been deleted.\n(Record: ${model.name}(${shown}), User: ${env.uid})`);
  }
  return recs as DemoRecord[];
}

/**
 * read: one row per record that exists, in the order asked; ids that do not exist are left out
 * without an error: _read (16 models.py L3265-3278) and fetch (17 L3781, 18 L4102, 19
 * orm/models.py L3811-3815) raise only for records that exist but are hidden by record rules,
 * and _read_format (16 L3108-3130, 19 L3706) drops the rows of missing ones.
 */
function read(env: CallEnv, model: ModelDef, ids: number[], fields: unknown, load: unknown): Record<string, unknown>[] {
  checkCompanies(env);
  const defs = checkFields(env, model, fields);
  const recs = ids.map((id) => env.db.record(model.name, id)).filter((rec): rec is DemoRecord => rec !== undefined);
  checkReadable(env, model, recs);
  return recs.map((rec) => {
    const row: Record<string, unknown> = { id: rec.id };
    for (const def of defs) row[def.name] = toReadValue(env, def, env.db.value(model.name, rec, def.name, env.context), load);
    return row;
  });
}

/** Records that exist but that the record rules hide make the whole read fail (_read / fetch). */
function checkReadable(env: CallEnv, model: ModelDef, recs: DemoRecord[]): void {
  const rule = companyRule(env, model);
  const forbidden = rule ? recs.filter((rec) => !rule(rec)) : [];
  if (forbidden.length > 0) throw readAccessError(env, model, forbidden);
}

/** Field.convert_to_read: false for empty, floats as floats, many2one as [id, name]. */
export function toReadValue(env: CallEnv, field: FieldDef, v: unknown, load: unknown): unknown {
  switch (field.type) {
    case 'boolean':
      return v === true;
    case 'integer':
      return typeof v === 'number' ? v : 0;
    case 'float':
    case 'monetary':
      return new PyFloat(typeof v === 'number' ? v : 0);
    case 'many2one':
      if (typeof v !== 'number') return false;
      return load === '_classic_read' ? [v, env.db.displayName(field.relation!, v)] : v;
    case 'one2many':
    case 'many2many':
      return Array.isArray(v) ? [...(v as unknown[])] : [];
    default:
      return v === null || v === undefined || v === false ? false : asText(v);
  }
}

// ---------------------------------------------------------------- fields_get

function fieldsGet(env: CallEnv, model: ModelDef, allfields: unknown, attributes: unknown): Record<string, Record<string, unknown>> {
  const wanted = Array.isArray(allfields) && allfields.length > 0 ? new Set(allfields) : null;
  const attrs = Array.isArray(attributes) && attributes.length > 0 ? new Set(attributes) : null;
  const out: Record<string, Record<string, unknown>> = {};
  for (const def of model.fields.values()) {
    if (wanted && !wanted.has(def.name)) continue;
    const desc = describe(env, def);
    if (attrs) for (const k of Object.keys(desc)) if (!attrs.has(k)) delete desc[k];
    out[def.name] = desc;
  }
  return out;
}

function describe(env: CallEnv, def: FieldDef): Record<string, unknown> {
  const d: Record<string, unknown> = {
    change_default: false,
    company_dependent: false,
    depends: def.related ? [def.related] : [],
    manual: false,
    name: def.name,
    readonly: def.readonly === true || (!def.store && !def.inherited && def.compute !== undefined),
    required: def.required === true,
    searchable: def.searchable,
    sortable: def.store || def.inherited === true,
    store: def.store,
    string: def.string,
    type: def.type,
  };
  if (def.help) d.help = def.help;
  if (env.db.version >= 17) d.groupable = def.store && def.type !== 'text' && def.type !== 'html';
  if (def.relation) {
    d.relation = def.relation;
    d.context = {};
    d.domain = [];
  }
  if (def.selection) d.selection = def.selection.map(([k, v]) => [k, v]);
  if (def.type === 'char' || def.type === 'text' || def.type === 'html') d.translate = def.translate === true;
  if (def.type === 'char') d.trim = true;
  if (def.related) d.related = def.related;
  return d;
}
