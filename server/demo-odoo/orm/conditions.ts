// One condition on one stored value, answering as the SQL each version generates would:
// - 16/17: plain SQL with Odoo's NULL additions (16 osv/expression.py __leaf_to_sql L1040-1140,
//   17 L1470-1600);
// - 18: a NULL number or string also equals 0 or '' in =, != and in, and a NULL number counts as
//   0 in inequalities (18 models.py _condition_to_sql L3135-3280);
// - 19: = and != are in and not in of one value, and Field.falsy_value (0 for numbers, '' for
//   strings) stands for NULL in in, not in and inequalities (19 orm/fields.py L1264-1367,
//   orm/domains.py L1274-1296 and L1386-1404).

import { asText, plain, pyTruthy } from '../python/py-values';
import type { FieldDef } from '../schema/fields';

export type Test = (v: unknown) => boolean;
type Field = Pick<FieldDef, 'type' | 'name'>;

const NUMERIC = new Set<string>(['integer', 'float', 'monetary']);
const TEXT = new Set<string>(['char', 'text', 'html']);

export const isNull = (v: unknown) => v === null || v === undefined || v === false;

/** The value a NULL stands for in this version's comparisons, when there is one (never for id). */
function falsyValue(field: Field, version: number): number | string | undefined {
  if (version < 18) return undefined;
  if (NUMERIC.has(field.type) && field.name !== 'id') return 0;
  if (TEXT.has(field.type)) return '';
  return undefined;
}

/** Inequalities: 18 reads only numbers' NULL as 0 (is_number_field); 19 every falsy_value. */
function inequalityFalsy(field: Field, version: number): number | string | undefined {
  if (version === 18) return NUMERIC.has(field.type) && field.name !== 'id' ? 0 : undefined;
  return falsyValue(field, version);
}

const isRelational = (field: Field) => field.type === 'many2one' || field.type === 'one2many' || field.type === 'many2many';

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v.map(plain) : [plain(v)];
}

function key(v: unknown): string {
  return typeof v === 'number' ? `n${v}` : `s${String(v)}`;
}

/** The test of one operator against one stored value. */
export function condition(field: Field, op: string, rightIn: unknown, version: number, tz?: string): Test {
  const right = Array.isArray(rightIn) ? rightIn.map(plain) : plain(rightIn);
  if (field.type === 'boolean') return booleanCondition(op, right);
  const norm = valueNormalizer(field.type, op, version, tz);
  switch (op) {
    case 'in':
    case 'not in':
      return inCondition(field, op, asList(right), version, norm);
    case '=':
    case '!=':
      if (version >= 19) return inCondition(field, op === '=' ? 'in' : 'not in', [right], version, norm);
      return equality(field, op, right, version, norm);
    case '<':
    case '<=':
    case '>':
    case '>=':
      return ordering(field, op, right, version, norm);
    case 'like':
    case 'ilike':
    case '=like':
    case '=ilike':
    case 'not like':
    case 'not ilike':
    case 'not =like':
    case 'not =ilike':
      return likeCondition(field, op, right, version, tz);
    default:
      return () => false;
  }
}

/** in / not in: False in the list asks for NULL; 18+ add the falsy value to that question and back. */
function inCondition(field: Field, op: string, list: unknown[], version: number, norm: (x: unknown) => unknown): Test {
  const values = list.filter((x) => !isNull(x)).map(norm);
  let checkNull = values.length < list.length;
  const falsy = falsyValue(field, version);
  if (falsy !== undefined) {
    if (values.some((v) => key(v) === key(falsy))) checkNull = true;
    else if (checkNull) values.push(falsy);
  }
  const set = new Set(values.map(key));
  if (op === 'in') return (v) => (isNull(v) ? checkNull : set.has(key(v)));
  return (v) => (isNull(v) ? !checkNull : !set.has(key(v)));
}

/** = and != on 16-18. */
function equality(field: Field, op: string, right: unknown, version: number, norm: (x: unknown) => unknown): Test {
  const negative = op === '!=';
  let value = right;
  // 18: "if we compare a relation to 0, then compare only to False".
  if (version >= 18 && (isRelational(field) || field.name === 'id') && !pyTruthy(value)) value = false;
  if (isNull(value)) {
    const falsy = falsyValue(field, version);
    if (falsy === undefined) return negative ? (v) => !isNull(v) : isNull;
    value = falsy;
  }
  const target = key(norm(value));
  const test: Test = negative ? (v) => !isNull(v) && key(v) !== target : (v) => !isNull(v) && key(v) === target;
  // 16/17 add "OR col IS NULL" to a negative condition on a truthy value; 18 whenever the value's
  // truth equals the operator's negativity (so = 0 and = '' match NULL, != 0 does not).
  const orNull = version >= 18 ? pyTruthy(value) === negative : negative && pyTruthy(value);
  return orNull ? (v) => isNull(v) || test(v) : test;
}

function ordering(field: Field, op: string, right: unknown, version: number, norm: (x: unknown) => unknown): Test {
  const falsy = inequalityFalsy(field, version);
  let bound = right;
  if (falsy !== undefined) {
    if (!pyTruthy(bound)) bound = falsy;
  } else if (isNull(bound)) {
    return () => false;
  }
  bound = norm(bound);
  const numeric = NUMERIC.has(field.type) || field.type === 'many2one' || field.name === 'id';
  const compare = (v: unknown): boolean => {
    const c = numeric ? (v as number) - Number(bound) : String(v) < String(bound) ? -1 : String(v) > String(bound) ? 1 : 0;
    return op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
  };
  const acceptNull = falsy !== undefined && compare(falsy);
  return (v) => (isNull(v) ? acceptNull : compare(v));
}

function likeCondition(field: Field, op: string, right: unknown, version: number, tz?: string): Test {
  const negative = op.startsWith('not ');
  const base = negative ? op.slice(4) : op;
  const wrap = base === 'like' || base === 'ilike';
  const empty = !pyTruthy(right);
  if (empty && version >= 19) {
    // _optimize_like_str: like '' is TRUE, not like '' FALSE, =like '' is "= False".
    const result = negative === !wrap;
    return wrap ? () => result : condition(field, result ? '!=' : '=', false, version, tz);
  }
  if (empty && wrap) return version === 18 ? () => !negative : negative ? isNull : () => true;
  const re = likeToRegExp(wrap ? `%${asText(right)}%` : asText(right), base.endsWith('ilike'));
  const matches = (v: unknown) => re.test(String(plain(v)));
  const orNull = version >= 19 ? negative : version === 18 ? pyTruthy(right) === negative : negative && pyTruthy(right);
  return negative ? (v) => (isNull(v) ? orNull : !matches(v)) : (v) => (isNull(v) ? orNull : matches(v));
}

function booleanCondition(op: string, right: unknown): Test {
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

/** x2many fields compare the list of linked ids. */
export function x2manyCondition(op: string, rightIn: unknown): (ids: number[]) => boolean {
  const r = plain(rightIn);
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
  let offsetMs: number;
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(guess);
    const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
    const local = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    offsetMs = local - guess.getTime();
  } catch {
    offsetMs = 0; // unknown zone: Odoo falls back to UTC
  }
  return new Date(guess.getTime() - offsetMs).toISOString().slice(0, 19).replace('T', ' ');
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
