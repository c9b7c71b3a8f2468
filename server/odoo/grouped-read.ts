import type { OdooDomain, OdooGroup } from './odoo-client';
import type { OdooCall } from './odoo-call';
import { OdooError } from './odoo-errors';
import { convertValue } from './odoo-values';

// Grouped sums per Odoo version. 16-18 offer read_group(domain, fields, groupby, lazy): one row per
// group with `<field>` holding the sum and `__count` (lazy=False). 19 deprecates it for
// formatted_read_group(domain, groupby, aggregates): the sums come under their spec ("field:sum")
// and the count only when "__count" is asked for.

export function groupedCall(major: number, model: string, domain: OdooDomain, groupBy: string, sumFields: string[]): OdooCall {
  const sums = sumFields.map((field) => `${field}:sum`);
  if (major >= 19) {
    return { model, method: 'formatted_read_group', domain, kwargs: { groupby: [groupBy], aggregates: [...sums, '__count'] } };
  }
  return { model, method: 'read_group', domain, kwargs: { fields: sums, groupby: [groupBy], lazy: false } };
}

/** The groups of either method's answer; anything that is not a list of groups is a bad response. */
export function parseGroups(major: number, answer: unknown, groupBy: string, sumFields: string[], model: string): OdooGroup[] {
  const bad = () => new OdooError('bad-response', `Odoo answered a grouped read on ${model} with something other than groups`);
  if (!Array.isArray(answer)) throw bad();
  return answer.map((row: unknown): OdooGroup => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw bad();
    const group = row as Record<string, unknown>;
    const key = convertValue(group[groupBy], 'many2one');
    if (key !== null && !(typeof key === 'object' && !Array.isArray(key) && typeof key.id === 'number')) throw bad();
    const count = group.__count;
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 0) throw bad();
    const sums: Record<string, number> = {};
    for (const field of sumFields) {
      const value = group[major >= 19 ? `${field}:sum` : field];
      // An empty sum arrives as False (nothing to add up), which is 0.
      if (value === false || value === null) sums[field] = 0;
      else if (typeof value === 'number' && Number.isFinite(value)) sums[field] = value;
      else throw bad();
    }
    return { key: key as OdooGroup['key'], count, sums };
  });
}
