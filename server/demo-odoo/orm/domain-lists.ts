// Domains as grouped reads write them back into their answers (`__domain`, `__extra_domain`):
// 16-18 join lists with osv/expression.py's AND; 19 builds a Domain tree (orm/domains.py) and
// lists it again, which simplifies what it reads.

import { valueError } from '../python/odoo-exceptions';
import { pyRepr } from '../python/py-values';

/**
 * normalize_domain (16 expression.py L168-194, 17/18 the same plus the sub-domain of any/not any):
 * an explicit '&' in front of every implicit conjunction.
 */
function normalize(domain: unknown[], version: number): unknown[] {
  if (domain.length === 0) return [[1, '=', 1]];
  const result: unknown[] = [];
  let expected = 1;
  for (const token of domain) {
    if (expected === 0) {
      result.unshift('&');
      expected = 1;
    }
    if (Array.isArray(token)) {
      expected -= 1;
      const anyLeaf = version >= 17 && token.length === 3 && (token[1] === 'any' || token[1] === 'not any') && Array.isArray(token[2]);
      result.push(anyLeaf ? [token[0], token[1], normalize(token[2] as unknown[], version)] : [...(token as unknown[])]);
    } else {
      expected += (token === '!' ? 1 : token === '&' || token === '|' ? 2 : 0) - 1;
      result.push(token);
    }
  }
  return result;
}

/**
 * expression.AND (combine, 16-18): empty domains drop out, the others are normalized and joined
 * by as many '&' as needed; nothing left is the TRUE leaf. Lists from a request never equal
 * Python's TRUE_DOMAIN tuple, so no other domain drops out.
 */
export function andDomains(domains: unknown[][], version: number): unknown[] {
  const parts = domains.filter((d) => d.length > 0);
  if (parts.length === 0) return [[1, '=', 1]];
  return [...Array<string>(parts.length - 1).fill('&'), ...parts.flatMap((d) => normalize(d, version))];
}

// ---------------------------------------------------------------- 19

type Node =
  | { kind: 'bool'; value: boolean }
  | { kind: 'condition'; field: string; operator: string; value: unknown }
  | { kind: 'not'; child: Node }
  | { kind: '&' | '|'; children: Node[] };

const TRUE: Node = { kind: 'bool', value: true };
const FALSE: Node = { kind: 'bool', value: false };

/** orm/domains.py _INVERSE_OPERATOR: what ~condition becomes on a plain field. */
const INVERSE: Record<string, string> = {
  'not any': 'any',
  'not in': 'in',
  'not like': 'like',
  'not ilike': 'ilike',
  'not =like': '=like',
  'not =ilike': '=ilike',
  '!=': '=',
  '<>': '=',
  any: 'not any',
  in: 'not in',
  like: 'not like',
  ilike: 'not ilike',
  '=like': 'not =like',
  '=ilike': 'not =ilike',
  '=': '!=',
};

/** Domain(field, op, value).checked() or a constant leaf. */
function leaf(item: unknown[]): Node {
  const [left, op, right] = item;
  if (typeof left === 'string') {
    return { kind: 'condition', field: left, operator: String(op).toLowerCase(), value: right ?? false };
  }
  const constant = (l: unknown, r: unknown) => (l === 1 || l === true) && op === '=' && (r === 1 || r === true);
  if (constant(left, right)) return TRUE;
  if ((left === 0 || left === false) && op === '=' && (right === 1 || right === true)) return FALSE;
  throw valueError(`Domain() invalid arguments: ${pyRepr(item)}`);
}

/** DomainNary.apply: constants simplify, children of the same operator flatten. */
function combine(kind: '&' | '|', items: Node[]): Node {
  const neutral = kind === '&';
  const children: Node[] = [];
  for (const item of items) {
    if (item.kind === 'bool') {
      if (item.value !== neutral) return item;
    } else if (item.kind === kind) children.push(...item.children);
    else children.push(item);
  }
  if (children.length === 0) return neutral ? TRUE : FALSE;
  return children.length === 1 ? children[0] : { kind, children };
}

function invert(node: Node): Node {
  switch (node.kind) {
    case 'bool':
      return node.value ? FALSE : TRUE;
    case 'not':
      return node.child;
    case 'condition':
      return !node.field.includes('.') && INVERSE[node.operator] ? { ...node, operator: INVERSE[node.operator] } : { kind: 'not', child: node };
    default:
      return { kind: node.kind === '&' ? '|' : '&', children: node.children.map(invert) };
  }
}

/** Domain(list): the prefix list read from the end, with an AND over what remains. */
function parse(domain: unknown[]): Node {
  if (domain.length === 0) return TRUE;
  const stack: Node[] = [];
  const pop = () => {
    const node = stack.pop();
    if (!node) throw valueError(`Domain() malformed domain ${pyRepr(domain)}`);
    return node;
  };
  for (const item of [...domain].reverse()) {
    if (Array.isArray(item) && item.length === 3) stack.push(leaf(item));
    else if (item === '&' || item === '|') stack.push(combine(item, [pop(), pop()]));
    else if (item === '!') stack.push(invert(pop()));
    else throw valueError(`Domain() invalid item in domain: ${pyRepr(item)}`);
  }
  return stack.length === 1 ? stack[0] : combine('&', stack.reverse());
}

function listOf(node: Node): unknown[] {
  switch (node.kind) {
    case 'bool':
      return [[node.value ? 1 : 0, '=', 1]];
    case 'condition':
      return [[node.field, node.operator, node.value]];
    case 'not':
      return ['!', ...listOf(node.child)];
    default:
      return [...Array<string>(node.children.length - 1).fill(node.kind), ...node.children.flatMap(listOf)];
  }
}

/** list(Domain.AND(domains)) on 19. */
export function andDomains19(domains: unknown[][]): unknown[] {
  return listOf(combine('&', domains.map(parse)));
}
