import { startDemoOdoo } from '../../server/demo-odoo';
import type { DemoOdooServer, DemoRecord } from '../../server/demo-odoo';
import { Creds, decodeResponse, executeKw, faultOf, methodCall, post } from './raw-xmlrpc';

// Grouped reads and company scopes over the wire: XML-RPC on every version, JSON-2 on 19. Every
// expected count and sum is computed here from the raw records of the control API.

const TODAY = '2025-06-15';
const OPEN = [
  ['move_type', 'in', ['out_invoice', 'out_refund', 'out_receipt']],
  ['state', '=', 'posted'],
  ['payment_state', 'in', ['not_paid', 'partial']],
];
const isOpen = (m: DemoRecord) =>
  ['out_invoice', 'out_refund', 'out_receipt'].includes(m.move_type as string) &&
  m.state === 'posted' &&
  ['not_paid', 'partial'].includes(m.payment_state as string);
const cents = (x: number) => Math.round(x * 100) / 100;
const sumOf = (recs: DemoRecord[], field: string) => cents(recs.reduce((s, r) => s + ((r[field] as number | null) ?? 0), 0));

let demo: DemoOdooServer;
let stark19: DemoOdooServer;

beforeAll(async () => {
  demo = await startDemoOdoo({ port: 0, today: new Date(`${TODAY}T09:00:00Z`) });
  // The stark dataset on a 19 database, to speak JSON-2 to two companies.
  stark19 = await startDemoOdoo({ port: 0, today: new Date(`${TODAY}T09:00:00Z`), databases: [{ name: 'stark', version: 19, edition: 'enterprise' }] });
});
afterAll(async () => {
  await demo.close();
  await stark19.close();
});

const creds = (db: string): Creds => ({ db, uid: 6, secret: `demo-secret-${db}` });
const call = (db: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}) =>
  executeKw(demo.url, creds(db), model, method, args, kwargs);

/** The raw XML-RPC answer of one execute_kw, to look at the types on the wire. */
async function rawCall(db: string, model: string, method: string, args: unknown[], kwargs: Record<string, unknown> = {}): Promise<string> {
  const res = await post(demo.url, 'xmlrpc/2/object', methodCall('execute_kw', [db, 6, `demo-secret-${db}`, model, method, args, kwargs]));
  return res.body;
}

type Row = Record<string, unknown>;

describe.each([
  ['initech', 16],
  ['acme', 17],
  ['globex', 18],
  ['umbrella', 19],
  ['stark', 18],
])('read_group over XML-RPC on %s (Odoo %s)', (db, version) => {
  it('sums amount_residual_signed per company as a double, with __count, equal to the raw records', async () => {
    const moves = demo.records(db, 'account.move');
    const body = await rawCall(db, 'account.move', 'read_group', [OPEN, ['amount_residual_signed:sum'], ['company_id']], { lazy: false });
    const rows = (decodeResponse(body) as { value: Row[] }).value;
    const companies = [...new Set(moves.filter(isOpen).map((m) => m.company_id as number))].sort();
    expect(rows.map((r) => (r.company_id as unknown[])[0])).toEqual(companies);
    for (const [i, company] of companies.entries()) {
      const own = moves.filter((m) => isOpen(m) && m.company_id === company);
      expect([rows[i].__count, cents(rows[i].amount_residual_signed as number)]).toEqual([own.length, sumOf(own, 'amount_residual_signed')]);
    }
    expect(body).toMatch(/<name>amount_residual_signed<\/name>\n<value><double>-?\d+(\.\d+)?<\/double><\/value>/);
    expect(body).toMatch(/<name>__count<\/name>\n<value><int>\d+<\/int><\/value>/);
    const keys =
      version === 16 ? ['__count', 'amount_residual_signed', 'company_id', '__domain'] : ['company_id', '__count', 'amount_residual_signed', '__domain'];
    expect(Object.keys(rows[0])).toEqual(keys);
  });

  it('is a read method now, no longer refused as a write', async () => {
    const rows = (await call(db, 'crm.lead', 'read_group', [[['type', '=', 'opportunity']], ['expected_revenue:sum'], ['stage_id']])) as Row[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toHaveProperty('stage_id_count');
  });

  it('has formatted_read_group on 19 only', async () => {
    if (version === 19) {
      const rows = (await call(db, 'account.move', 'formatted_read_group', [OPEN, ['company_id'], ['amount_residual_signed:sum']])) as Row[];
      expect(Object.keys(rows[0])).toEqual(['company_id', '__extra_domain', 'amount_residual_signed:sum']);
      return;
    }
    const f = await faultOf(call(db, 'account.move', 'formatted_read_group', [OPEN, ['company_id'], ['amount_residual_signed:sum']]));
    expect(f.faultCode).toBe(1);
    const text =
      version === 18
        ? "AttributeError: The method 'account.move.formatted_read_group' does not exist"
        : "AttributeError: type object 'account.move' has no attribute 'formatted_read_group'";
    expect(f.faultString.trimEnd().split('\n').pop()).toBe(text);
  });
});

it('16 cannot marshal the None of an empty ungrouped read_group, as Python cannot', async () => {
  const f = await faultOf(call('initech', 'account.move', 'read_group', [[['id', '=', -1]], ['amount_total:sum'], []]));
  expect(f.faultCode).toBe(1);
  expect(f.faultString.trimEnd().split('\n').pop()).toBe('TypeError: cannot marshal None unless allow_none is enabled');
});

describe('company scopes over XML-RPC on stark', () => {
  const scoped = (companies: number[]) => ({ context: { allowed_company_ids: companies } });

  it.each([[[1]], [[2]], [[1, 2]]])('counts the leads of %j and those without a company', async (companies) => {
    const expected = demo
      .records('stark', 'crm.lead')
      .filter((l) => l.active === true && (l.company_id === null || companies.includes(l.company_id as number)));
    expect(await call('stark', 'crm.lead', 'search_count', [[]], scoped(companies))).toBe(expected.length);
    const groups = (await call('stark', 'crm.lead', 'read_group', [[], ['expected_revenue:sum'], ['company_id']], {
      lazy: false,
      ...scoped(companies),
    })) as Row[];
    expect(groups.map((g) => (g.company_id === false ? null : (g.company_id as unknown[])[0]))).toEqual([...companies, null]);
    expect(groups.reduce((s, g) => s + (g.__count as number), 0)).toBe(expected.length);
  });

  it('lists only the companies of the scope, with their currency', async () => {
    const rows = (await call('stark', 'res.company', 'search_read', [[]], { fields: ['name', 'currency_id'], ...scoped([2]) })) as Row[];
    expect(rows).toEqual([{ id: 2, name: 'Stark Industries USA', currency_id: [2, 'USD'] }]);
  });

  it('refuses to read a record of another company with fault 4, and a company the user may not use', async () => {
    const foreign = demo.records('stark', 'account.move').find((m) => m.company_id === 2)!;
    const f = await faultOf(call('stark', 'account.move', 'read', [[foreign.id], ['name']], scoped([1])));
    expect(f.faultCode).toBe(4);
    expect(f.faultString).toBe(
      "Uh-oh! Looks like you have stumbled upon some top-secret records.\n\nSorry, API Reader (Stark) (id=6) doesn't have 'read' access to:\n" +
        '- Journal Entry (account.move)\n\n' +
        'If you really, really need access, perhaps you can win over your friendly administrator with a batch of freshly baked cookies.\n\n' +
        'This seems to be a multi-company issue, you might be able to access the record by switching to the company: Stark Industries USA.',
    );
    const unauthorized = await faultOf(call('stark', 'account.move', 'read_group', [[], [], ['company_id']], scoped([1, 3])));
    expect([unauthorized.faultCode, unauthorized.faultString]).toEqual([4, 'Access to unauthorized or invalid companies.']);
  });
});

describe('JSON-2 on 19', () => {
  async function json2(server: DemoOdooServer, db: string, path: string, body: unknown): Promise<{ status: number; text: string; body: unknown }> {
    const res = await fetch(`${server.urlFor(db)}/json/2/${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `bearer demo-secret-${db}` },
      body: JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as unknown };
  }

  it('answers formatted_read_group and read_group with the sums of the raw records, as JSON floats', async () => {
    const own = demo.records('umbrella', 'account.move').filter(isOpen);
    const formatted = await json2(demo, 'umbrella', 'account.move/formatted_read_group', {
      domain: OPEN,
      groupby: ['company_id'],
      aggregates: ['amount_residual_signed:sum', '__count'],
    });
    expect(formatted.status).toBe(200);
    const [row] = formatted.body as Row[];
    expect([row.company_id, row.__extra_domain, cents(row['amount_residual_signed:sum'] as number), row.__count]).toEqual([
      [1, 'Umbrella Corporation'],
      [['company_id', '=', 1]],
      sumOf(own, 'amount_residual_signed'),
      own.length,
    ]);
    expect(formatted.text).toMatch(/"amount_residual_signed:sum": -?\d+\.\d+, "__count": \d+\}/);
    const grouped = await json2(demo, 'umbrella', 'account.move/read_group', {
      domain: OPEN,
      fields: ['amount_residual_signed:sum'],
      groupby: ['company_id'],
      lazy: false,
    });
    expect(grouped.status).toBe(200);
    expect((grouped.body as Row[]).map((r) => [r.__count, cents(r.amount_residual_signed as number), r.__domain])).toEqual([
      [own.length, sumOf(own, 'amount_residual_signed'), ['&', '&', '&', ...OPEN, ['company_id', '=', 1]]],
    ]);
  });

  it('scopes grouped reads by allowed_company_ids on a two-company database', async () => {
    const moves = stark19.records('stark', 'account.move').filter(isOpen);
    for (const companies of [[1], [2], [1, 2]]) {
      const r = await json2(stark19, 'stark', 'account.move/formatted_read_group', {
        domain: OPEN,
        groupby: ['company_id'],
        aggregates: ['amount_residual_signed:sum'],
        context: { allowed_company_ids: companies },
      });
      const expected = companies.map((c) =>
        sumOf(
          moves.filter((m) => m.company_id === c),
          'amount_residual_signed',
        ),
      );
      expect((r.body as Row[]).map((g) => cents(g['amount_residual_signed:sum'] as number))).toEqual(expected);
    }
  });

  it('answers 403 for a record of another company, naming the company to switch to in the context', async () => {
    const foreign = stark19.records('stark', 'account.move').find((m) => m.company_id === 2)!;
    const r = await json2(stark19, 'stark', 'account.move/read', { ids: [foreign.id], fields: ['name'], context: { allowed_company_ids: [1] } });
    expect(r.status).toBe(403);
    const body = r.body as { name: string; message: string; context: object };
    expect(body.name).toBe('odoo.exceptions.AccessError');
    expect(body.message).toMatch(/switching to the company: Stark Industries USA\.$/);
    expect(body.context).toEqual({ suggested_company: { id: 2, display_name: 'Stark Industries USA' } });
    const unauthorized = await json2(stark19, 'stark', 'account.move/search_count', { domain: [], context: { allowed_company_ids: [7] } });
    expect([unauthorized.status, (unauthorized.body as { message: string }).message]).toEqual([403, 'Access to unauthorized or invalid companies.']);
  });
});
