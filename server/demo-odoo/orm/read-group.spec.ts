import { buildDataset } from '../dataset/build-dataset';
import type { DemoOdooVersion, DemoRecord } from '../demo-odoo.types';
import { PyException } from '../python/odoo-exceptions';
import { PyFloat } from '../python/py-values';
import { OdooDatabase } from './database';
import { callMethod } from './methods';

// The stark dataset built on each version: two companies, and leads without one. Every expected
// count and sum below is computed here from the raw records.

const VERSIONS: DemoOdooVersion[] = [16, 17, 18, 19];
const OPEN = [
  ['move_type', 'in', ['out_invoice', 'out_refund', 'out_receipt']],
  ['state', '=', 'posted'],
  ['payment_state', 'in', ['not_paid', 'partial']],
];
const isOpen = (m: DemoRecord) =>
  ['out_invoice', 'out_refund', 'out_receipt'].includes(m.move_type as string) &&
  m.state === 'posted' &&
  ['not_paid', 'partial'].includes(m.payment_state as string);

type Row = Record<string, unknown>;

const cents = (x: number) => Math.round(x * 100) / 100;
const sumOf = (recs: DemoRecord[], field: string) => cents(recs.reduce((s, r) => s + ((r[field] as number | null) ?? 0), 0));

function starkOn(version: DemoOdooVersion): OdooDatabase {
  const spec = { name: 'stark', version, edition: 'enterprise' as const };
  return new OdooDatabase(spec, buildDataset(spec, 1, '2025-06-15'));
}

function call(db: OdooDatabase, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}, context: Row = {}): Row[] {
  return callMethod({ db, uid: 6, context }, db.model(model), method, args, kwargs) as Row[];
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

/** A float as the wire shows it: a PyFloat whose value is given to the cent. */
const float = (v: unknown) => {
  expect(v).toBeInstanceOf(PyFloat);
  return cents((v as PyFloat).value);
};

describe.each(VERSIONS)('read_group on %s', (version) => {
  const db = starkOn(version);
  const moves = db.rawRecords('account.move');
  const openIn = (company: number) => moves.filter((m) => isOpen(m) && m.company_id === company);

  it('groups by a many2one lazily: the group as (id, name), <field>_count, the sum as a float and the group domain', () => {
    const rows = call(db, 'account.move', 'read_group', [OPEN, ['amount_residual_signed:sum'], ['company_id']]);
    const keys =
      version === 16
        ? ['company_id_count', 'amount_residual_signed', 'company_id', '__domain']
        : ['company_id', 'company_id_count', 'amount_residual_signed', '__domain'];
    expect(rows.map(Object.keys)).toEqual([keys, keys]);
    expect(rows.map((r) => r.company_id)).toEqual([
      [1, 'Stark Industries Europe'],
      [2, 'Stark Industries USA'],
    ]);
    expect(rows.map((r) => r.company_id_count)).toEqual([openIn(1).length, openIn(2).length]);
    expect(rows.map((r) => float(r.amount_residual_signed))).toEqual([sumOf(openIn(1), 'amount_residual_signed'), sumOf(openIn(2), 'amount_residual_signed')]);
    const domain = version === 16 ? ['&', ['company_id', '=', 2], '&', '&', ...OPEN] : ['&', '&', '&', ...OPEN, ['company_id', '=', 2]];
    expect(rows[1].__domain).toEqual(domain);
  });

  it('counts under __count when not lazy', () => {
    const rows = call(db, 'account.move', 'read_group', [OPEN, ['amount_residual_signed:sum'], ['company_id']], { lazy: false });
    expect(rows.map((r) => r.__count)).toEqual([openIn(1).length, openIn(2).length]);
    expect(rows[0]).not.toHaveProperty('company_id_count');
  });

  it('answers one row without a groupby (16: the raw row with min(id) and no __domain)', () => {
    const [row] = call(db, 'account.move', 'read_group', [OPEN, ['amount_residual_signed'], []]);
    const open = moves.filter(isOpen);
    const total = sumOf(open, 'amount_residual_signed');
    if (version === 16) {
      expect(Object.keys(row)).toEqual(['id', '__count', 'amount_residual_signed']);
      expect(row.id).toBe(Math.min(...open.map((m) => m.id)));
    } else {
      expect(Object.keys(row)).toEqual(['__count', 'amount_residual_signed', '__domain']);
      expect(row.__domain).toEqual(version === 19 ? ['&', '&', ...OPEN] : OPEN);
    }
    expect([row.__count, float(row.amount_residual_signed)]).toEqual([open.length, total]);
  });

  it('answers NULL sums of an empty selection as None on 16 (no groupby) and False on 17+', () => {
    const [row] = call(db, 'account.move', 'read_group', [[['id', '=', -1]], ['amount_residual_signed:sum'], []]);
    if (version === 16) expect(row).toEqual({ id: null, __count: 0, amount_residual_signed: null });
    else expect([row.__count, row.amount_residual_signed]).toEqual([0, false]);
  });

  it('keeps records without a company in a group of their own, last, visible in every company scope', () => {
    const leads = db.rawRecords('crm.lead').filter((l) => l.active === true);
    for (const scope of [[1], [2], [1, 2]]) {
      const rows = call(db, 'crm.lead', 'read_group', [[], ['expected_revenue'], ['company_id']], {}, { allowed_company_ids: scope });
      const expected = [...scope, null].map((c) => {
        const own = leads.filter((l) => l.company_id === c);
        return [c === null ? false : [c, db.displayName('res.company', c)], own.length, sumOf(own, 'expected_revenue')];
      });
      expect(rows.map((r) => [r.company_id, r.company_id_count, float(r.expected_revenue)])).toEqual(expected);
    }
    const [withoutCompany] = call(db, 'crm.lead', 'read_group', [[['company_id', '=', false]], [], ['company_id']]);
    expect([withoutCompany.company_id, withoutCompany.__domain]).toEqual([false, ['&', ['company_id', '=', false], ['company_id', '=', false]]]);
  });

  it('sums monetary fields and averages probability when they are named alone, as their aggregators say', () => {
    const opportunities = db.rawRecords('crm.lead').filter((l) => l.active === true && l.type === 'opportunity' && l.company_id === 1);
    const [row] = call(db, 'crm.lead', 'read_group', [
      [
        ['type', '=', 'opportunity'],
        ['company_id', '=', 1],
      ],
      ['expected_revenue', 'prorated_revenue', 'probability', 'name'],
      ['company_id'],
    ]);
    const average = opportunities.reduce((s, l) => s + (l.probability as number), 0) / opportunities.length;
    expect(float(row.expected_revenue)).toBe(sumOf(opportunities, 'expected_revenue'));
    expect(float(row.prorated_revenue)).toBe(sumOf(opportunities, 'prorated_revenue'));
    expect(float(row.probability)).toBe(cents(average));
    expect(row).not.toHaveProperty('name');
  });

  it('honours active_test from the context', () => {
    const all = db.rawRecords('crm.lead').filter((l) => l.company_id === 2);
    const [row] = call(db, 'crm.lead', 'read_group', [[['company_id', '=', 2]], [], ['company_id']], {}, { active_test: false });
    expect(row.company_id_count).toBe(all.length);
    expect(all.some((l) => l.active === false)).toBe(true);
  });

  it("orders many2one groups by the comodel's order, and by an aggregate when asked", () => {
    const local = starkOn(version);
    local.update('res.company', 2, { sequence: 5 });
    const byCompany = call(local, 'account.move', 'read_group', [OPEN, ['amount_residual_signed:sum'], ['company_id']]);
    expect(byCompany.map((r) => (r.company_id as unknown[])[0])).toEqual([2, 1]);
    const byType = call(db, 'account.move', 'read_group', [[], ['amount_total:sum'], ['move_type']], { orderby: 'amount_total desc' });
    const totals = byType.map((r) => float(r.amount_total));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
    expect(new Set(byType.map((r) => r.move_type))).toEqual(new Set(moves.map((m) => m.move_type)));
  });

  it('pages groups; 16 skips the offset unless a limit is given', () => {
    const all = call(db, 'account.move', 'read_group', [[], ['amount_total:sum'], ['move_type']]).map((r) => r.move_type);
    expect(all).toEqual([...new Set(moves.map((m) => m.move_type as string))].sort());
    expect(call(db, 'account.move', 'read_group', [[], [], ['move_type']], { offset: 1, limit: 2 }).map((r) => r.move_type)).toEqual(all.slice(1, 3));
    const offsetOnly = call(db, 'account.move', 'read_group', [[], [], ['move_type']], { offset: 1 }).map((r) => r.move_type);
    expect(offsetOnly).toEqual(version === 16 ? all : all.slice(1));
  });

  it('puts the next groupbys in __context when lazy', () => {
    const [row] = call(db, 'account.move', 'read_group', [[], [], ['company_id', 'move_type']]);
    expect(row.__context).toEqual({ group_by: ['move_type'] });
    const eager = call(db, 'account.move', 'read_group', [[], [], ['company_id', 'move_type']], { lazy: false });
    expect(eager[0]).not.toHaveProperty('__context');
    expect(eager.reduce((s, r) => s + (r.__count as number), 0)).toBe(moves.length);
  });

  it('refuses an unknown groupby field and an unknown aggregate function', () => {
    expect(failure(() => call(db, 'account.move', 'read_group', [[], [], ['nope']])).message).toBe("Invalid field 'nope' on model 'account.move'");
    const badFunc = failure(() => call(db, 'account.move', 'read_group', [[], ['amount_total:median'], ['company_id']]));
    if (version === 16) expect([badFunc.pyClass, badFunc.message]).toEqual(['odoo.exceptions.UserError', "Invalid aggregation function 'median'."]);
    else expect([badFunc.pyClass, badFunc.message]).toEqual(['builtins.ValueError', "Invalid aggregate method 'median' for 'amount_total:median'."]);
  });

  it('binds its arguments as Python does', () => {
    const missing = failure(() => call(db, 'account.move', 'read_group', [[], []]));
    expect(missing.message).toBe("BaseModel.read_group() missing 1 required positional argument: 'groupby'");
  });

  it('has formatted_read_group on 19 only', () => {
    if (version === 19) {
      const rows = call(db, 'account.move', 'formatted_read_group', [[], [], ['__count']]);
      expect(rows.map((row) => row.__count)).toEqual([moves.length]);
      return;
    }
    const error = failure(() => call(db, 'account.move', 'formatted_read_group', [[]]));
    expect(error.pyClass).toBe('builtins.AttributeError');
    expect(error.message).toBe(
      version === 18 ? "The method 'account.move.formatted_read_group' does not exist" : "type object 'account.move' has no attribute 'formatted_read_group'",
    );
  });
});

describe('formatted_read_group on 19', () => {
  const db = starkOn(19);
  const moves = db.rawRecords('account.move');
  const openIn = (company: number) => moves.filter((m) => isOpen(m) && m.company_id === company);

  it('keys the aggregates by their spec, adds __count only when asked, and gives each group its extra domain', () => {
    const rows = call(db, 'account.move', 'formatted_read_group', [OPEN, ['company_id'], ['amount_residual_signed:sum', '__count']]);
    expect(rows.map(Object.keys)).toEqual([
      ['company_id', '__extra_domain', 'amount_residual_signed:sum', '__count'],
      ['company_id', '__extra_domain', 'amount_residual_signed:sum', '__count'],
    ]);
    expect(rows.map((r) => [r.company_id, r.__extra_domain, float(r['amount_residual_signed:sum']), r.__count])).toEqual(
      [1, 2].map((c) => [[c, db.displayName('res.company', c)], [['company_id', '=', c]], sumOf(openIn(c), 'amount_residual_signed'), openIn(c).length]),
    );
    const withoutCount = call(db, 'account.move', 'formatted_read_group', [OPEN, ['company_id'], ['amount_residual_signed:sum']]);
    expect(Object.keys(withoutCount[0])).toEqual(['company_id', '__extra_domain', 'amount_residual_signed:sum']);
  });

  it('answers one row with the TRUE domain without a groupby', () => {
    const rows = call(db, 'account.move', 'formatted_read_group', [OPEN], { aggregates: ['amount_residual_signed:sum'] });
    expect(rows).toHaveLength(1);
    expect(rows[0].__extra_domain).toEqual([[1, '=', 1]]);
    expect(float(rows[0]['amount_residual_signed:sum'])).toBe(sumOf(moves.filter(isOpen), 'amount_residual_signed'));
  });

  it('filters groups with having and orders them by an aggregate', () => {
    const counts = [1, 2].map((c) => openIn(c).length);
    const threshold = Math.min(...counts);
    const rows = call(db, 'account.move', 'formatted_read_group', [OPEN, ['company_id'], ['__count']], { having: [['__count', '>', threshold]] });
    expect(rows.map((r) => r.__count)).toEqual(counts.filter((n) => n > threshold));
    const ordered = call(db, 'account.move', 'formatted_read_group', [[], ['move_type'], ['amount_total:sum']], { order: 'amount_total:sum desc' });
    const totals = ordered.map((r) => float(r['amount_total:sum']));
    expect(totals).toEqual([...totals].sort((a, b) => b - a));
  });

  it('applies the company scope of the context, and refuses a company the user may not use', () => {
    const rows = call(db, 'account.move', 'formatted_read_group', [OPEN, ['company_id'], ['__count']], {}, { allowed_company_ids: [2] });
    expect(rows.map((r) => r.company_id)).toEqual([[2, 'Stark Industries USA']]);
    const error = failure(() => call(db, 'account.move', 'formatted_read_group', [OPEN, ['company_id']], {}, { allowed_company_ids: [3] }));
    expect([error.pyClass, error.message]).toEqual(['odoo.exceptions.AccessError', 'Access to unauthorized or invalid companies.']);
  });

  it("refuses an aggregate without a function, with Odoo's text, and binds like Base.formatted_read_group", () => {
    const error = failure(() => call(db, 'account.move', 'formatted_read_group', [OPEN, ['company_id'], ['amount_residual_signed']]));
    expect(error.message).toBe("Aggregate method is mandatory for 'amount_residual_signed'");
    expect(failure(() => call(db, 'account.move', 'formatted_read_group', [])).message).toBe(
      "Base.formatted_read_group() missing 1 required positional argument: 'domain'",
    );
  });
});
