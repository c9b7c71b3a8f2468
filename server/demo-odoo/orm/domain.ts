// Odoo's domain language evaluated over in-memory records with the same answers PostgreSQL
// would give: prefix operators with implicit AND, negation pushed into the leaves as 16-18 do,
// each version's NULL rules (conditions.ts), dotted paths, search methods of computed fields, and
// the version-dependent trap on non-searchable fields.

import type { DemoRecord } from '../demo-odoo.types';
import { PyException, valueError } from '../python/odoo-exceptions';
import { pyRepr, pyTruthy, pyTuple } from '../python/py-values';
import type { CallContext, DbView, FieldDef, ModelDef } from '../schema/fields';
import { condition, x2manyCondition } from './conditions';

export type Predicate = (rec: DemoRecord) => boolean;

/** What the ORM needs besides the records: the model registry and the user's timezone. */
export interface DomainDb extends DbView {
  model(name: string): ModelDef;
  hasModel(name: string): boolean;
}

export interface DomainOptions {
  /** Context tz, used by 19 to read a date-only bound of a datetime field. */
  tz?: string;
  /** The call's context: computed fields read it, and active_test decides sub-searches. */
  context?: CallContext;
}

const TRUE: Predicate = () => true;
const FALSE: Predicate = () => false;
const TRUE_LEAF = [1, '=', 1];
const FALSE_LEAF = [0, '=', 1];

const BASE_OPERATORS = [
  '=',
  '!=',
  '<=',
  '<',
  '>',
  '>=',
  '=?',
  '=like',
  '=ilike',
  'like',
  'not like',
  'ilike',
  'not ilike',
  'in',
  'not in',
  'child_of',
  'parent_of',
];
const NEGATIVE = new Set(['!=', 'not like', 'not ilike', 'not in', 'not any', 'not =like', 'not =ilike']);
const MAX_DEPTH = 900;

/** TERM_OPERATORS_NEGATION (16 expression.py L158-171; 17 adds any / not any, L162-177). */
const NEGATION: Record<string, string> = {
  '<': '>=',
  '>': '<=',
  '<=': '>',
  '>=': '<',
  '=': '!=',
  '!=': '=',
  in: 'not in',
  like: 'not like',
  ilike: 'not ilike',
  'not in': 'in',
  'not like': 'like',
  'not ilike': 'ilike',
};

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

/**
 * 16 distribute_not (expression.py L280-330) and 17/18 _tree_not (17 L426-439, 18 L421-440):
 * a negated leaf takes the opposite operator, so !(x < 5) is x >= 5 with that operator's NULL
 * rule. 17/18 first turn dotted paths into `any`, whose negation is `not any`; 18 resolves `=?`.
 * Leaves without an opposite keep their '!'. 19 negates whole conditions (a true complement),
 * which the predicate negation in the parser already gives.
 */
function distributeNot(tokens: unknown[], version: number, model: ModelDef): unknown[] {
  const result: unknown[] = [];
  const stack: boolean[] = [false];
  for (const token of tokens) {
    const negate = stack.pop() ?? false;
    if (token === '!') stack.push(!negate);
    else if (token === '&' || token === '|') {
      result.push(negate ? (token === '&' ? '|' : '&') : token);
      stack.push(negate, negate);
    } else if (!negate) result.push(token);
    else {
      const negated = Array.isArray(token) ? negatedLeaf(token, version, model) : undefined;
      if (negated) result.push(negated);
      else result.push('!', token);
    }
  }
  return result;
}

function negatedLeaf(leaf: unknown[], version: number, model: ModelDef): unknown[] | undefined {
  const [left, op, right] = leaf;
  if (isConstantLeaf(leaf)) return left === 0 ? TRUE_LEAF : FALSE_LEAF;
  if (typeof left !== 'string' || typeof op !== 'string') return undefined;
  if (version >= 17 && left.includes('.')) {
    const field = model.fields.get(left.split('.')[0]);
    if (field && isRelational(field)) return undefined;
  }
  if (version === 18 && op === '=?') return pyTruthy(right) ? [left, '!=', right] : FALSE_LEAF;
  if (version >= 17 && (op === 'any' || op === 'not any')) return [left, op === 'any' ? 'not any' : 'any', right];
  const negated = NEGATION[op];
  return negated ? [left, negated, right] : undefined;
}

function isConstantLeaf(leaf: unknown[]): boolean {
  const [left, op, right] = leaf;
  return (left === 1 || left === 0 || left === true) && op === '=' && (right === 1 || right === true);
}

/**
 * normalize_leaf (16 expression.py L343-359, 18 L690-706): `in` with a boolean is `=`, `=` with
 * a list is `in`. 19 also reads `= []` as "is empty" (orm/domains.py L1274-1296).
 */
function normalizeOperator(op: string, right: unknown, version: number): [string, unknown] {
  if (typeof right === 'boolean' && (op === 'in' || op === 'not in') && version < 19) return [op === 'in' ? '=' : '!=', right];
  if (Array.isArray(right) && (op === '=' || op === '!=')) {
    const list = right.length === 0 && version >= 19 ? [false] : right;
    return [op === '=' ? 'in' : 'not in', list];
  }
  return [op, right];
}

/** Builds the predicate of a whole domain on one model. */
export function compileDomain(db: DomainDb, model: ModelDef, domain: unknown, opts: DomainOptions = {}): Predicate {
  if (!Array.isArray(domain)) throw valueError(`Invalid domain: ${pyRepr(domain)}`, 'domain');
  const normalized = normalizeDomain(domain);
  const tokens = db.version < 19 ? distributeNot(normalized, db.version, model) : normalized;
  const compiler = new Compiler(db, model, opts);
  const [pred, next] = compiler.parse(tokens, 0, 0);
  if (next !== tokens.length) throw new PyException('builtins.AssertionError', `This domain is syntactically not correct: ${pyRepr(domain)}`, 'domain');
  return pred;
}

/** _where_calc / _search: archived records stay out unless the domain names `active` or active_test is off. */
export function withActiveTest(model: ModelDef, domain: unknown[], activeTest: boolean): unknown[] {
  if (!model.fields.has('active') || !activeTest) return domain;
  const mentionsActive = domain.some((item) => Array.isArray(item) && item[0] === 'active');
  return mentionsActive ? domain : [['active', '=', 1], ...domain];
}

/** Ids of a model matching a domain (the sub-search of a path or an `any`). */
export function matchingIds(db: DomainDb, modelName: string, domain: unknown[], opts: DomainOptions, activeTest = false): Set<number> {
  const model = db.model(modelName);
  const pred = compileDomain(db, model, withActiveTest(model, domain, activeTest), opts);
  const ids = new Set<number>();
  for (const rec of db.records(modelName)) if (pred(rec)) ids.add(rec.id);
  return ids;
}

class Compiler {
  private readonly operators: Set<string>;
  private readonly ctx: CallContext;

  constructor(
    private readonly db: DomainDb,
    private readonly model: ModelDef,
    private readonly opts: DomainOptions,
  ) {
    this.operators = operatorsFor(db.version);
    this.ctx = opts.context ?? {};
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
    const [left, rawOp, rawRight] = leaf;
    if (isConstantLeaf(leaf)) return left === 0 ? FALSE : TRUE;
    if (typeof left !== 'string' || typeof rawOp !== 'string') throw this.invalidLeaf(leaf);
    let op = rawOp.toLowerCase();
    if (op === '<>' || op === '==') op = op === '<>' ? '!=' : '=';
    if (!this.operators.has(op)) {
      if (this.db.version >= 19) throw valueError(`Invalid operator ${pyRepr(rawOp)} in condition ${pyTuple(leaf)}`, 'domain');
      throw this.invalidLeaf(leaf);
    }
    let right = rawRight;
    [op, right] = normalizeOperator(op, right, this.db.version);
    const path = left.split('.');
    const field = this.model.fields.get(path[0]);
    if (!field) throw this.invalidField(path[0], leaf);
    if (!field.searchable) return this.unsearchable(field);
    if (path.length > 1) return this.pathLeaf(field, path.slice(1).join('.'), op, right, leaf);
    if (field.search && !field.store) return this.searchMethod(field, op, right);
    if (op === 'any' || op === 'not any') return this.anyLeaf(field, op, right, leaf);
    if (op === 'child_of' || op === 'parent_of') return this.hierarchyLeaf(field, op, right);
    if (op === '=?') return this.equalIfValue(field, right);
    if (isRelational(field) && isNameSearch(op, right)) return this.nameSearchLeaf(field, op, right);
    return this.valueLeaf(field, op, right);
  }

  /**
   * `a =? b` is `not b or a = b`: 16-18 test `b is False or b is None` (16 expression.py
   * L1118-1125, 18 models.py L3152-3158); 19 tests Python truth (orm/domains.py L1250-1255).
   */
  private equalIfValue(field: FieldDef, right: unknown): Predicate {
    const shortCircuit = this.db.version >= 19 ? !pyTruthy(right) : right === false || right === null || right === undefined;
    if (shortCircuit) return TRUE;
    const [op, value] = normalizeOperator('=', right, this.db.version);
    if (isRelational(field) && isNameSearch(op, value)) return this.nameSearchLeaf(field, op, value);
    return this.valueLeaf(field, op, value);
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
    const replacement = field.search!(this.db, op, right, this.ctx);
    return compileDomain(this.db, this.model, replacement, this.opts);
  }

  /**
   * A many2one path searches the comodel with active_test off; an x2many path searches it with
   * the field's context over the call's, so archived targets drop out unless the field or the
   * call says otherwise (16 expression.py L723-729, 18 L988-992, 19 orm/fields_relational.py
   * L516 and L813-821).
   */
  private subSearchActiveTest(field: FieldDef): boolean {
    if (field.type === 'many2one') return false;
    const fieldCtx = field.context?.active_test;
    if (fieldCtx !== undefined) return fieldCtx !== false;
    return this.ctx.active_test !== false;
  }

  private pathLeaf(field: FieldDef, rest: string, op: string, right: unknown, leaf: unknown[]): Predicate {
    if (field.related && !field.store) {
      const rewritten = [`${field.related}.${rest}`, op, right];
      return new Compiler(this.db, this.model, this.opts).leaf(rewritten);
    }
    if (!isRelational(field))
      throw valueError(`Invalid field ${pyRepr(field.name)} in path ${pyRepr(`${field.name}.${rest}`)} of leaf ${pyTuple(leaf)}`, 'domain');
    const ids = matchingIds(this.db, field.relation!, [[rest, op, right]], this.opts, this.subSearchActiveTest(field));
    return this.pointsInto(field, ids);
  }

  private pointsInto(field: FieldDef, ids: Set<number>): Predicate {
    const name = field.name;
    const model = this.model.name;
    if (field.type === 'many2one') {
      return (r) => {
        const v = this.db.value(model, r, name, this.ctx);
        return typeof v === 'number' && ids.has(v);
      };
    }
    return (r) => ((this.db.value(model, r, name, this.ctx) as number[] | null) ?? []).some((id) => ids.has(id));
  }

  private anyLeaf(field: FieldDef, op: string, right: unknown, leaf: unknown[]): Predicate {
    if (!isRelational(field)) throw valueError(`Invalid leaf ${pyTuple(leaf)}`, 'domain');
    if (!Array.isArray(right)) throw valueError(`Invalid leaf ${pyTuple(leaf)}`, 'domain');
    const ids = matchingIds(this.db, field.relation!, right, this.opts, this.subSearchActiveTest(field));
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
    const test = condition({ type: 'char', name: 'display_name' }, op, right, this.db.version, this.opts.tz);
    for (const rec of this.db.records(comodel)) if (test(this.db.displayName(comodel, rec.id))) ids.add(rec.id);
    return ids;
  }

  private valueLeaf(field: FieldDef, op: string, right: unknown): Predicate {
    const name = field.name;
    const model = this.model.name;
    if (field.type === 'one2many' || field.type === 'many2many') {
      const test = x2manyCondition(op, right);
      return (r) => test((this.db.value(model, r, name, this.ctx) as number[] | null) ?? []);
    }
    const test = condition(field, op, right, this.db.version, this.opts.tz);
    return (r) => test(this.db.value(model, r, name, this.ctx));
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
