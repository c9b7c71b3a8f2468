// Odoo's domain language evaluated over in-memory records with the same answers PostgreSQL
// would give: prefix operators with implicit AND, NULL handling of each operator, dotted paths,
// search methods of computed fields, and the version-dependent trap on non-searchable fields.

import type { DemoRecord } from '../demo-odoo.types';
import { PyException, valueError } from '../python/odoo-exceptions';
import { plain, pyRepr, pyTruthy, pyTuple } from '../python/py-values';
import type { DbView, FieldDef, ModelDef } from '../schema/fields';

export type Predicate = (rec: DemoRecord) => boolean;

/** What the ORM needs besides the records: the model registry and the user's timezone. */
export interface DomainDb extends DbView {
  model(name: string): ModelDef;
  hasModel(name: string): boolean;
}

export interface DomainOptions {
  /** Context tz, used by 19 to read a date-only bound of a datetime field. */
  tz?: string;
}

const TRUE: Predicate = () => true;
const FALSE: Predicate = () => false;

const BASE_OPERATORS = ['=', '!=', '<=', '<', '>', '>=', '=?', '=like', '=ilike', 'like', 'not like', 'ilike', 'not ilike', 'in', 'not in', 'child_of', 'parent_of'];
const NEGATIVE = new Set(['!=', 'not like', 'not ilike', 'not in', 'not any', 'not =like', 'not =ilike']);
const MAX_DEPTH = 900;

function operatorsFor(version: number): Set<string> {
  const ops = new Set(BASE_OPERATORS);
  if (version >= 17) ops.add('any').add('not any');
  if (version >= 19) ops.add('not =like').add('not =ilike');
  return ops;
}

/** Implicit AND between consecutive terms, as expression.normalize_domain does. */
export function normalizeDomain(domain: unknown[]): unknown[] {
  if (domain.length === 0) return [[1, '=', 1]];
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (Array.isArray(token)) expected -= 1;
    else expected += (token === '!' ? 1 : token === '&' || token === '|' ? 2 : 0) - 1;
    result.push(token);
  }
  if (expected !== 0) throw new PyException('builtins.AssertionError', `This domain is syntactically not correct: ${pyRepr(domain)}`, 'domain');
  return result;
}

/** Builds the predicate of a whole domain on one model. */
export function compileDomain(db: DomainDb, model: ModelDef, domain: unknown, opts: DomainOptions = {}): Predicate {
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`, 'domain');
  const tokens = normalizeDomain(domain);
  const compiler = new Compiler(db, model, opts);
  const [pred, next] = compiler.parse(tokens, 0, 0);
  if (next !== tokens.length) throw new PyException('builtins.AssertionError', `This domain is syntactically not correct: ${pyRepr(domain)}`, 'domain');
  return pred;
}

/** Ids of a model matching a domain, archived records included (sub-searches of paths). */
export function matchingIds(db: DomainDb, modelName: string, domain: unknown[], opts: DomainOptions): Set<number> {
  const model = db.model(modelName);
  const pred = compileDomain(db, model, domain, opts);
  const ids = new Set<number>();
  for (const rec of db.records(modelName)) if (pred(rec)) ids.add(rec.id);
  return ids;
}

class Compiler {
  private readonly operators: Set<string>;

  constructor(
    private readonly db: DomainDb,
    private readonly model: ModelDef,
    private readonly opts: DomainOptions,
  ) {
    this.operators = operatorsFor(db.version);
  }

  parse(tokens: unknown[], i: number, depth: number): [Predicate, number] {
    if (depth > MAX_DEPTH) throw new PyException('builtins.RecursionError', 'maximum recursion depth exceeded', 'domain');
    const token = tokens[i];
    if (token === '!') {
      const [inner, next] = this.parse(tokens, i + 1, depth + 1);
      return [(r) => !inner(r), next];
    }
    if (token === '&' || token === '|') {
      // Flatten chains of the same operator so long OR lists do not nest deeply.
      const parts: Predicate[] = [];
      let pending = 2;
      let j = i + 1;
      while (pending > 0) {
        if (tokens[j] === token) {
          // A nested operator of the same kind takes one operand slot and opens two.
          pending += 1;
          j += 1;
          continue;
        }
        const [p, next] = this.parse(tokens, j, depth + 1);
        parts.push(p);
        j = next;
        pending -= 1;
      }
      return [token === '&' ? (r) => parts.every((p) => p(r)) : (r) => parts.some((p) => p(r)), j];
    }
    if (!Array.isArray(token) || token.length !== 3) throw this.invalidLeaf(token);
    return [this.leaf(token), i + 1];
  }

  private invalidLeaf(token: unknown): PyException {
    const shown = Array.isArray(token) ? pyTuple(token) : pyRepr(token);
    return valueError(`Invalid leaf ${shown}`, 'domain');
  }

  private leaf(leaf: unknown[]): Predicate {
    const [left, rawOp, right] = leaf;
    if ((left === 1 || left === 0 || left === true) && rawOp === '=' && (right === 1 || right === true)) return left === 0 ? FALSE : TRUE;
    if (typeof left !== 'string' || typeof rawOp !== 'string') throw this.invalidLeaf(leaf);
    let op = rawOp.toLowerCase();
    if (op === '<>' || op === '==') op = op === '<>' ? '!=' : '=';
    if (!this.operators.has(op)) {
      if (this.db.version >= 19) throw valueError(`Invalid operator ${pyRepr(rawOp)} in condition ${pyTuple(leaf)}`, 'domain');
      throw this.invalidLeaf(leaf);
    }
    const path = left.split('.');
    const field = this.model.fields.get(path[0]);
    if (!field) throw this.invalidField(path[0], leaf);
    if (!field.searchable) return this.unsearchable(field);
    if (path.length > 1) return this.pathLeaf(field, path.slice(1).join('.'), op, right, leaf);
    if (field.search && !field.store) return this.searchMethod(field, op, right);
    if (op === 'any' || op === 'not any') return this.anyLeaf(field, op, right, leaf);
    if (op === 'child_of' || op === 'parent_of') return this.hierarchyLeaf(field, op, right);
    if (op === '=?') return pyTruthy(right) ? this.valueLeaf(field, '=', right) : TRUE;
    if (isRelational(field) && isNameSearch(op, right)) return this.nameSearchLeaf(field, op, right);
    return this.valueLeaf(field, op, right);
  }

  private invalidField(name: string, leaf: unknown[]): PyException {
    const where = this.db.version >= 19 ? `in condition ${pyTuple(leaf)}` : `in leaf ${pyTuple(leaf)}`;
    return valueError(`Invalid field ${this.model.name}.${name} ${where}`, 'domain');
  }

  /** 16-18 log an error and drop the condition (it becomes TRUE); 19 refuses it. */
  private unsearchable(field: FieldDef): Predicate {
    if (this.db.version >= 19) throw valueError(`Cannot convert ${this.model.name}.${field.name} to SQL because it is not stored`, 'domain');
    return TRUE;
  }

  private searchMethod(field: FieldDef, op: string, right: unknown): Predicate {
    const replacement = field.search!(this.db, op, right);
    return compileDomain(this.db, this.model, replacement, this.opts);
  }

  private pathLeaf(field: FieldDef, rest: string, op: string, right: unknown, leaf: unknown[]): Predicate {
    if (field.related && !field.store) {
      const rewritten = [`${field.related}.${rest}`, op, right];
      return new Compiler(this.db, this.model, this.opts).leaf(rewritten);
    }
    if (!isRelational(field)) throw valueError(`Invalid field ${pyRepr(field.name)} in path ${pyRepr(`${field.name}.${rest}`)} of leaf ${pyTuple(leaf)}`, 'domain');
    // Odoo searches the comodel without active_test and keeps the records pointing into the result.
    const ids = matchingIds(this.db, field.relation!, [[rest, op, right]], this.opts);
    return this.pointsInto(field, ids);
  }

  private pointsInto(field: FieldDef, ids: Set<number>): Predicate {
    const name = field.name;
    const model = this.model.name;
    if (field.type === 'many2one') {
      return (r) => {
        const v = this.db.value(model, r, name);
        return typeof v === 'number' && ids.has(v);
      };
    }
    return (r) => ((this.db.value(model, r, name) as number[] | null) ?? []).some((id) => ids.has(id));
  }

  private anyLeaf(field: FieldDef, op: string, right: unknown, leaf: unknown[]): Predicate {
    if (!isRelational(field)) throw valueError(`Invalid leaf ${pyTuple(leaf)}`, 'domain');
    if (!Array.isArray(right)) throw valueError(`Invalid leaf ${pyTuple(leaf)}`, 'domain');
    const ids = matchingIds(this.db, field.relation!, right, this.opts);
    const inner = this.pointsInto(field, ids);
    return op === 'any' ? inner : (r) => !inner(r);
  }

  private hierarchyLeaf(field: FieldDef, op: string, right: unknown): Predicate {
    const comodelName = field.name === 'id' ? this.model.name : field.relation;
    if (!comodelName) return this.valueLeaf(field, 'in', right);
    const comodel = this.db.model(comodelName);
    const roots = typeof right === 'string' ? [...this.nameMatches(comodelName, 'ilike', right)] : asList(right).map(Number);
    const parentOf = (id: number): number | null => {
      if (!comodel.parentField) return null;
      const rec = this.db.record(comodelName, id);
      const p = rec?.[comodel.parentField];
      return typeof p === 'number' ? p : null;
    };
    const rootSet = new Set(roots);
    const matching = new Set<number>();
    if (op === 'child_of') {
      for (const rec of this.db.records(comodelName)) {
        for (let id: number | null = rec.id, hops = 0; id !== null && hops < 100; id = parentOf(id), hops++) {
          if (rootSet.has(id)) {
            matching.add(rec.id);
            break;
          }
        }
      }
    } else {
      for (const root of roots) {
        for (let id: number | null = root, hops = 0; id !== null && hops < 100; id = parentOf(id), hops++) matching.add(id);
      }
    }
    if (field.name === 'id') return (r) => matching.has(r.id);
    return this.pointsInto(field, matching);
  }

  /** A string compared to a relational field searches the comodel's display names (name_search). */
  private nameSearchLeaf(field: FieldDef, op: string, right: unknown): Predicate {
    const positive = NEGATIVE.has(op) ? op.replace(/^not /, '').replace(/^!=$/, '=') : op;
    const ids = this.nameMatches(field.relation!, positive, right);
    const inner = this.pointsInto(field, ids);
    return NEGATIVE.has(op) ? (r) => !inner(r) : inner;
  }

  private nameMatches(comodel: string, op: string, right: unknown): Set<number> {
    const ids = new Set<number>();
    const test = comparator('char', op, right, this.db.version, this.opts.tz);
    for (const rec of this.db.records(comodel)) if (test(this.db.displayName(comodel, rec.id))) ids.add(rec.id);
    return ids;
  }

  private valueLeaf(field: FieldDef, op: string, right: unknown): Predicate {
    const name = field.name;
    const model = this.model.name;
    if (field.type === 'one2many' || field.type === 'many2many') {
      const test = x2manyComparator(op, right);
      return (r) => test((this.db.value(model, r, name) as number[] | null) ?? []);
    }
    const test = comparator(field.type, op, right, this.db.version, this.opts.tz);
    return (r) => test(this.db.value(model, r, name));
  }
}

function isRelational(field: FieldDef): boolean {
  return field.type === 'many2one' || field.type === 'one2many' || field.type === 'many2many';
}

function isNameSearch(op: string, right: unknown): boolean {
  if (op === 'child_of' || op === 'parent_of') return false;
  if (typeof right === 'string') return true;
  return (op === 'in' || op === 'not in') && Array.isArray(right) && right.length > 0 && right.every((v) => typeof v === 'string');
}

function asList(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  return [v];
}

const isNull = (v: unknown) => v === null || v === undefined || v === false;

type Test = (v: unknown) => boolean;

function x2manyComparator(op: string, right: unknown): (ids: number[]) => boolean {
  const r = plain(right);
  switch (op) {
    case '=':
      return isNull(r) ? (ids) => ids.length === 0 : (ids) => ids.includes(Number(r));
    case '!=':
      return isNull(r) ? (ids) => ids.length > 0 : (ids) => !ids.includes(Number(r));
    case 'in':
    case 'not in': {
      const list = asList(r);
      const wantsEmpty = list.some(isNull);
      const set = new Set(list.filter((x) => !isNull(x)).map(Number));
      const inTest = (ids: number[]) => (wantsEmpty && ids.length === 0) || ids.some((id) => set.has(id));
      return op === 'in' ? inTest : (ids) => !inTest(ids);
    }
    default:
      return () => false;
  }
}

/** The test of one operator against one stored value, following PostgreSQL and Odoo's NULL rules. */
export function comparator(type: FieldDef['type'], op: string, rightIn: unknown, version: number, tz?: string): Test {
  const right = plain(rightIn);
  if (type === 'boolean') return booleanComparator(op, right);
  const norm = valueNormalizer(type, op, version, tz);
  switch (op) {
    case '=':
      if (isNull(right)) return (v) => isNull(v);
      return eq(norm(right));
    case '!=':
      if (isNull(right)) return (v) => !isNull(v);
      return ((t: Test) => (v: unknown) => isNull(v) || !t(v))(eq(norm(right)));
    case 'in':
    case 'not in': {
      const list = asList(right);
      const wantsNull = list.some(isNull);
      const values = new Set(list.filter((x) => !isNull(x)).map((x) => key(norm(x))));
      const inTest: Test = (v) => (isNull(v) ? wantsNull : values.has(key(v)));
      return op === 'in' ? inTest : (v) => !inTest(v);
    }
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordering(op, right, type, version, tz);
    case 'like':
    case 'ilike':
    case '=like':
    case '=ilike':
    case 'not like':
    case 'not ilike':
    case 'not =like':
    case 'not =ilike':
      return likeComparator(op, right);
    default:
      return () => false;
  }
}

function booleanComparator(op: string, right: unknown): Test {
  const b = (v: unknown) => v === true;
  switch (op) {
    case '=':
      return pyTruthy(right) ? b : (v) => !b(v);
    case '!=':
      return pyTruthy(right) ? (v) => !b(v) : b;
    case 'in':
    case 'not in': {
      const list = asList(right).map(pyTruthy);
      const inTest: Test = (v) => list.includes(b(v));
      return op === 'in' ? inTest : (v) => !inTest(v);
    }
    default:
      return () => false;
  }
}

function key(v: unknown): string {
  return typeof v === 'number' ? `n${v}` : `s${String(v)}`;
}

function eq(expected: unknown): Test {
  const k = key(expected);
  return (v) => !isNull(v) && key(v) === k;
}

/** Coerces a domain operand to the stored representation (numbers, date strings). */
function valueNormalizer(type: FieldDef['type'], op: string, version: number, tz?: string): (x: unknown) => unknown {
  switch (type) {
    case 'integer':
    case 'float':
    case 'monetary':
    case 'many2one':
      return (x) => (typeof x === 'string' && x.trim() !== '' && !Number.isNaN(Number(x)) ? Number(x) : x);
    case 'date':
      return (x) => (typeof x === 'string' && x.length > 10 ? x.slice(0, 10) : x);
    case 'datetime':
      return (x) => (typeof x === 'string' ? datetimeBound(x, op, version, tz) : x);
    default:
      return (x) => (typeof x === 'number' ? String(x) : x);
  }
}

function ordering(op: string, right: unknown, type: FieldDef['type'], version: number, tz?: string): Test {
  if (isNull(right)) return () => false;
  const bound = valueNormalizer(type, op, version, tz)(right);
  const numeric = type === 'integer' || type === 'float' || type === 'monetary' || type === 'many2one';
  const cmp = (v: unknown): number => {
    if (numeric) return (v as number) - Number(bound);
    const a = String(v);
    const b = String(bound);
    return a < b ? -1 : a > b ? 1 : 0;
  };
  switch (op) {
    case '<':
      return (v) => !isNull(v) && cmp(v) < 0;
    case '<=':
      return (v) => !isNull(v) && cmp(v) <= 0;
    case '>':
      return (v) => !isNull(v) && cmp(v) > 0;
    default:
      return (v) => !isNull(v) && cmp(v) >= 0;
  }
}

/**
 * A date-only bound on a datetime field. 16-18 append 00:00:00 (23:59:59 for > and <=), in UTC.
 * 19 reads the date as midnight in the user's timezone and converts it to UTC.
 */
function datetimeBound(x: string, op: string, version: number, tz?: string): string {
  const s = x.replace('T', ' ');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return s.length === 16 ? `${s}:00` : s.slice(0, 19);
  if (version < 19) return op === '>' || op === '<=' ? `${s} 23:59:59` : `${s} 00:00:00`;
  const midnight = zonedMidnightUtc(s, tz ?? 'UTC');
  if (op === '>' || op === '<=') {
    const next = zonedMidnightUtc(addDays(s, 1), tz ?? 'UTC');
    return secondBefore(next);
  }
  return midnight;
}

function addDays(d: string, n: number): string {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

function secondBefore(dt: string): string {
  const t = new Date(`${dt.replace(' ', 'T')}Z`);
  return new Date(t.getTime() - 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** UTC time of midnight of a local date in an IANA zone. */
export function zonedMidnightUtc(day: string, tz: string): string {
  const guess = new Date(`${day}T00:00:00Z`);
  let offsetMs = 0;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' }).formatToParts(guess);
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    offsetMs = local - guess.getTime();
  } catch {
    offsetMs = 0; // unknown zone: Odoo falls back to UTC
  }
  return new Date(guess.getTime() - offsetMs).toISOString().slice(0, 19).replace('T', ' ');
}

function likeComparator(op: string, right: unknown): Test {
  const negative = op.startsWith('not ');
  const base = negative ? op.slice(4) : op;
  const wrap = base === 'like' || base === 'ilike';
  const insensitive = base === 'ilike' || base === '=ilike';
  const pattern = isNull(right) ? '' : String(right);
  if (wrap && pattern === '') {
    // '%%' matches every non-NULL value; Odoo adds "OR column IS NULL" for an empty operand.
    return negative ? (v) => isNull(v) : () => true;
  }
  const re = likeToRegExp(wrap ? `%${pattern}%` : pattern, insensitive);
  const matches: Test = (v) => !isNull(v) && re.test(String(plain(v)));
  return negative ? (v) => isNull(v) || !matches(v) : matches;
}

/** SQL LIKE: % any run, _ one character, backslash escapes the next character. */
export function likeToRegExp(pattern: string, insensitive: boolean): RegExp {
  let src = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\' && i + 1 < pattern.length) {
      src += escapeRe(pattern[++i]);
    } else if (ch === '%') src += '[\\s\\S]*';
    else if (ch === '_') src += '[\\s\\S]';
    else src += escapeRe(ch);
  }
  return new RegExp(`^${src}$`, insensitive ? 'iu' : 'u');
}

function escapeRe(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
