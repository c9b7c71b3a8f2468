import { buildDataset } from '../dataset/build-dataset';
import type { DemoOdooVersion, DemoRecord } from '../demo-odoo.types';
import { PyException } from '../python/odoo-exceptions';
import { PyFloat } from '../python/py-values';
import { OdooDatabase } from './database';
import { callMethod } from './methods';

// Multi-company visibility on the stark dataset (two companies, some records in none), built on
// each version. Expected ids are computed from the raw records.

type Scope = number[] | undefined;

function starkOn(version: DemoOdooVersion): OdooDatabase {
  const spec = { name: 'stark', version, edition: 'enterprise' as const };
  return new OdooDatabase(spec, buildDataset(spec, 1, '2025-06-15'));
}

function call(db: OdooDatabase, model: string, method: string, args: unknown[], scope: Scope, kwargs: Record<string, unknown> = {}): unknown {
  const context = scope === undefined ? {} : { allowed_company_ids: scope };
  return callMethod({ db, uid: 6, context }, db.model(model), method, args, kwargs);
}

function failure(fn: () => unknown): PyException {
  try {
    fn();
  } catch (e) {
    if (e instanceof PyException) return e;
    throw e;
  }
  throw new Error('expected a Python exception');
}

const sorted = (ids: unknown) => [...(ids as number[])].sort((a, b) => a - b);
const SCOPES: Array<[string, Scope, number[]]> = [
  ['company 1', [1], [1]],
  ['company 2', [2], [2]],
  ['both companies', [2, 1], [1, 2]],
  ['the default (all the user may use)', undefined, [1, 2]],
];

describe('multi-company record rules on stark', () => {
  const db = starkOn(18);
  const visibleIds = (model: string, companies: number[]) =>
    db
      .rawRecords(model)
      .filter((r) => r.active !== false && (r.company_id === null || companies.includes(r.company_id as number)))
      .map((r) => r.id);

  describe.each(SCOPES)('in %s', (_label, scope, companies) => {
    it.each(['account.move', 'crm.lead', 'helpdesk.ticket', 'project.task', 'stock.warehouse', 'stock.warehouse.orderpoint', 'stock.move'])(
      'search returns the %s records of those companies and those without a company',
      (model) => {
        expect(sorted(call(db, model, 'search', [[]], scope))).toEqual(visibleIds(model, companies));
        expect(call(db, model, 'search_count', [[]], scope)).toBe(visibleIds(model, companies).length);
      },
    );

    it('lists only those companies in res.company', () => {
      const rows = call(db, 'res.company', 'search_read', [[]], scope, { fields: ['name', 'currency_id'] }) as Array<Record<string, unknown>>;
      expect(rows.map((r) => r.id)).toEqual(companies);
      expect(rows.map((r) => (r.currency_id as unknown[])[1])).toEqual(companies.map((c) => (c === 1 ? 'EUR' : 'USD')));
    });

    it('reads a record without a company', () => {
      const lead = db.rawRecords('crm.lead').find((l) => l.company_id === null)!;
      expect(call(db, 'crm.lead', 'read', [[lead.id], ['name']], scope)).toEqual([{ id: lead.id, name: lead.name }]);
    });
  });

  it('has records without a company to show, and records of each company to hide', () => {
    for (const model of ['crm.lead', 'helpdesk.ticket', 'project.task']) {
      expect(visibleIds(model, [])).not.toHaveLength(0);
      expect(visibleIds(model, [1]).length).toBeLessThan(visibleIds(model, [1, 2]).length);
      expect(visibleIds(model, [2]).length).toBeLessThan(visibleIds(model, [1, 2]).length);
    }
  });

  it('keeps internal users visible whatever the scope', () => {
    const users = db.rawRecords('res.users').filter((u) => u.active === true);
    expect(sorted(call(db, 'res.users', 'search', [[]], [2]))).toEqual(users.map((u) => u.id));
  });

  it('computes stock quantities over the warehouses of the scope', () => {
    const quantities = (scope: Scope) =>
      (call(db, 'product.product', 'search_read', [[['id', '<=', 80]]], scope, { fields: ['qty_available'] }) as DemoRecord[]).map(
        (p) => (p.qty_available as PyFloat).value,
      );
    const [first, second, both] = [quantities([1]), quantities([2]), quantities([1, 2])];
    expect(first).not.toEqual(second);
    expect(both).toEqual(first.map((q, i) => q + second[i]));
  });

  it('refuses a company the user may not use, whatever the method', () => {
    for (const [model, method, args] of [
      ['crm.lead', 'search', [[]]],
      ['crm.lead', 'read', [[1]]],
      ['res.company', 'search_read', [[]]],
      ['account.move', 'read_group', [[], [], ['company_id']]],
    ] as const) {
      const error = failure(() => call(db, model, method, [...args], [1, 3]));
      expect([error.pyClass, error.message]).toEqual(['odoo.exceptions.AccessError', 'Access to unauthorized or invalid companies.']);
    }
  });

  it('hides from search_read what read refuses', () => {
    const foreign = db.rawRecords('account.move').find((m) => m.company_id === 2)!;
    expect(call(db, 'account.move', 'search_read', [[['id', '=', foreign.id]]], [1], { fields: ['name'] })).toEqual([]);
    expect(failure(() => call(db, 'account.move', 'read', [[foreign.id], ['name']], [1])).pyClass).toBe('odoo.exceptions.AccessError');
    expect(call(db, 'account.move', 'read', [[foreign.id], ['name']], [2])).toEqual([{ id: foreign.id, name: foreign.name }]);
  });
});

describe.each([16, 17, 18, 19] as DemoOdooVersion[])('reading a record of another company on %s', (version) => {
  const db = starkOn(version);
  const foreign = db.rawRecords('account.move').find((m) => m.company_id === 2)!;
  const cookies = 'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.';
  const head = "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, API Reader (Stark) (id=6) doesn't have 'read' access to:";

  it("raises the version's access error for record rules", () => {
    const error = failure(() => call(db, 'account.move', 'read', [[1, foreign.id], ['name']], [1]));
    expect(error.pyClass).toBe('odoo.exceptions.AccessError');
    const expected = {
      16: "Due to security restrictions, you are not allowed to access 'Journal Entry' (account.move) records.\n\nContact your administrator to request access if necessary.",
      17: `${head}\n- Journal Entry (account.move)\n\n${cookies}`,
      18: `${head}\n- Journal Entry (account.move)\n\n${cookies}\n\nThis seems to be a multi-company issue, you might be able to access the record by switching to the company: Stark Industries USA.`,
      19: `${head}\n- Journal Entry (account.move)\n\n${cookies}\n\nThis seems to be a multi-company issue, you might be able to access the record by switching to the company: Stark Industries USA.`,
    }[version];
    expect(error.message).toBe(expected);
    expect(error.context).toEqual(version >= 18 ? { suggested_company: { id: 2, display_name: 'Stark Industries USA' } } : undefined);
  });

  it('gives no company hint for res.company, whose rule is on its id', () => {
    const error = failure(() => call(db, 'res.company', 'read', [[2], ['name']], [1]));
    expect(error.message.endsWith(version === 16 ? 'Contact your administrator to request access if necessary.' : cookies)).toBe(true);
  });
});
