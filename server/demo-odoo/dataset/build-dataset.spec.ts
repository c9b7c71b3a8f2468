import type { DemoOdooVersion, DemoRecord } from '../demo-odoo.types';
import { DEFAULT_DATABASES } from '../http/demo-server';
import { OdooDatabase } from '../orm/database';
import { buildDataset } from './build-dataset';

// The cases where Odoo's own lists and a naive filter disagree must stay in every demo database:
// each expectation below is computed here from the raw records, not from the dataset's code.

const TODAYS = ['2025-06-15', '2026-01-01'];
const TODO_STATES = ['waiting', 'confirmed', 'assigned', 'partially_available'];

const open = (m: DemoRecord) => m.state === 'posted' && (m.payment_state === 'not_paid' || m.payment_state === 'partial');
const num = (v: unknown) => (typeof v === 'number' ? v : 0);

function database(name: string, today: string): OdooDatabase {
  const spec = DEFAULT_DATABASES.find((d) => d.name === name)!;
  return new OdooDatabase(spec, buildDataset(spec, 1, today));
}

function openTask(t: DemoRecord, version: DemoOdooVersion, db: OdooDatabase): boolean {
  if (t.active === false || t.project_id === null) return false;
  if (version === 16) return db.record('project.task.type', t.stage_id as number)?.fold !== true;
  return !['1_done', '1_canceled'].includes(t.state as string);
}

/** Locations below a root, the root included, from the parent links. */
function subtree(db: OdooDatabase, root: number): Set<number> {
  const ids = new Set<number>();
  for (const loc of db.records('stock.location')) {
    for (let id: unknown = loc.id; typeof id === 'number'; id = db.record('stock.location', id)?.location_id) {
      if (id === root) {
        ids.add(loc.id);
        break;
      }
    }
  }
  return ids;
}

/** On hand plus receipts minus deliveries still to do, at one location tree, up to a moment. */
function forecastAt(db: OdooDatabase, product: number, locations: Set<number>, until?: string) {
  const onHand = db.records('stock.quant').reduce((s, q) => (q.product_id === product && locations.has(q.location_id as number) ? s + num(q.quantity) : s), 0);
  let incoming = 0;
  let outgoing = 0;
  for (const m of db.records('stock.move')) {
    if (m.product_id !== product || !TODO_STATES.includes(m.state as string)) continue;
    if (until !== undefined && (m.date as string) > until) continue;
    const dest = typeof m.location_final_id === 'number' ? m.location_final_id : (m.location_dest_id as number);
    const inside = locations.has(m.location_id as number);
    if (locations.has(dest) && !inside) incoming += num(m.product_qty);
    if (inside && !locations.has(dest)) outgoing += num(m.product_qty);
  }
  return { onHand, incoming, outgoing, forecast: onHand + incoming - outgoing };
}

describe.each(TODAYS)('the demo dataset dated %s', (today) => {
  describe.each(DEFAULT_DATABASES)('$name (Odoo $version)', ({ name, version }) => {
    const db = database(name, today);
    const moves = db.rawRecords('account.move');
    const rules = db.rawRecords('stock.warehouse.orderpoint').filter((r) => r.active === true);
    const triggers = (r: DemoRecord) => num(r.qty_forecast) < num(r.product_min_qty);

    it.each(['out_refund', 'out_receipt'])('holds open %s documents, overdue and not yet due', (type) => {
      const openOnes = moves.filter((m) => m.move_type === type && open(m));
      expect(openOnes.some((m) => (m.invoice_date_due as string) < today)).toBe(true);
      expect(openOnes.some((m) => (m.invoice_date_due as string) >= today)).toBe(true);
    });

    it('holds open opportunities without an expected revenue (NULL on 16/17, 0 on 18/19)', () => {
      const leads = db.rawRecords('crm.lead').filter((l) => l.active === true && l.type === 'opportunity' && num(l.probability) < 100);
      const unpriced = leads.filter((l) => (version <= 17 ? l.expected_revenue === null : l.expected_revenue === 0));
      expect(unpriced.length).toBeGreaterThanOrEqual(2);
      if (version >= 18) expect(leads.some((l) => l.expected_revenue === null)).toBe(false);
    });

    it('holds open subtasks that "All Tasks" hides on 17/18 (display_in_project False)', () => {
      const tasks = db.rawRecords('project.task');
      const hidden = tasks.filter((t) => openTask(t, version, db) && t.parent_id !== null && t.display_in_project === false);
      if (version === 16) expect(tasks[0]).not.toHaveProperty('display_in_project');
      else if (version <= 18) expect(hidden.length).toBeGreaterThanOrEqual(2);
      // 19 computes the field (the next test covers what its "All Tasks" hides there).
      else expect(tasks.every((t) => typeof t.display_in_project === 'boolean')).toBe(true);
    });

    it('computes has_template_ancestor from every ancestor on 19, with open descendants of a template', () => {
      const tasks = db.rawRecords('project.task');
      if (version < 19) {
        expect(tasks[0]).not.toHaveProperty('has_template_ancestor');
        return;
      }
      const byId = new Map(tasks.map((t) => [t.id, t]));
      const fromAncestors = (t: DemoRecord): boolean => {
        for (let cur: DemoRecord | undefined = t; cur; cur = byId.get(cur.parent_id as number)) if (cur.is_template === true) return true;
        return false;
      };
      for (const t of tasks) expect([t.id, t.has_template_ancestor]).toEqual([t.id, fromAncestors(t)]);
      const descendants = tasks.filter((t) => openTask(t, version, db) && t.is_template === false && t.has_template_ancestor === true);
      expect(descendants.length).toBeGreaterThanOrEqual(2);
      // A grandchild: its parent is not a template itself.
      expect(descendants.some((t) => byId.get(t.parent_id as number)?.is_template === false)).toBe(true);
    });

    it('gives each rule the forecast of its own location tree up to its lead date', () => {
      for (const r of db.rawRecords('stock.warehouse.orderpoint')) {
        const leadDate = (version >= 19 ? r.lead_horizon_date : r.lead_days_date) as string;
        const f = forecastAt(db, r.product_id as number, subtree(db, r.location_id as number), `${leadDate} 23:59:59`);
        expect([r.id, r.qty_on_hand, r.qty_forecast]).toEqual([r.id, f.onHand, f.forecast]);
      }
    });

    it("keeps product quantities consistent with the quants and moves of the company's warehouses", () => {
      const locations = new Set<number>();
      for (const w of db.records('stock.warehouse')) for (const id of subtree(db, w.view_location_id as number)) locations.add(id);
      for (const p of db.rawRecords('product.product')) {
        const f = forecastAt(db, p.id, locations);
        const got = [p.qty_available, p.incoming_qty, p.outgoing_qty, p.virtual_available].map((x) => Math.round(num(x) * 1000) / 1000);
        expect([p.id, ...got]).toEqual([p.id, f.onHand, f.incoming, f.outgoing, f.forecast]);
      }
      expect(db.records('stock.move').some((m) => m.location_dest_id === 10 && TODO_STATES.includes(m.state as string))).toBe(true);
    });

    it('holds a snoozed rule whose forecast is below its minimum, and rules snoozed until today or before', () => {
      expect(rules.some((r) => typeof r.snoozed_until === 'string' && r.snoozed_until > today && triggers(r))).toBe(true);
      expect(rules.some((r) => r.snoozed_until === today && triggers(r))).toBe(true);
      expect(rules.some((r) => typeof r.snoozed_until === 'string' && r.snoozed_until < today && triggers(r))).toBe(true);
    });

    it('holds a product with rules in two warehouses of which only one triggers', () => {
      const byProduct = new Map<number, DemoRecord[]>();
      for (const r of rules) byProduct.set(r.product_id as number, [...(byProduct.get(r.product_id as number) ?? []), r]);
      const split = [...byProduct.values()].filter((rs) => new Set(rs.map((r) => r.warehouse_id)).size === 2 && rs.filter(triggers).length === 1);
      expect(split.length).toBeGreaterThanOrEqual(2);
    });

    it('holds rules that only the forecast clears (receipts) or triggers (deliveries)', () => {
      expect(rules.some((r) => num(r.qty_on_hand) < num(r.product_min_qty) && !triggers(r))).toBe(true);
      expect(rules.some((r) => num(r.qty_on_hand) >= num(r.product_min_qty) && triggers(r))).toBe(true);
    });

    it('holds a triggering rule with a minimum of 0, a triggering manual rule and an archived triggering rule', () => {
      expect(rules.some((r) => r.product_min_qty === 0 && triggers(r))).toBe(true);
      expect(rules.some((r) => r.trigger === 'manual' && triggers(r))).toBe(true);
      const archived = db.rawRecords('stock.warehouse.orderpoint').filter((r) => r.active === false);
      expect(archived.some(triggers)).toBe(true);
    });

    it('stores qty_to_order on 16/17 as it was written, stale against later moves', () => {
      if (version >= 18) {
        expect(rules.every((r) => num(r.qty_to_order) > 0 === triggers(r))).toBe(true);
        return;
      }
      expect(rules.some((r) => num(r.qty_to_order) > 0 && !triggers(r))).toBe(true);
      expect(rules.some((r) => num(r.qty_to_order) === 0 && triggers(r))).toBe(true);
    });
  });

  it.each(DEFAULT_DATABASES)('computes prorated_revenue as expected revenue × probability / 100, to the cent ($name)', ({ name }) => {
    const leads = database(name, today).rawRecords('crm.lead');
    for (const l of leads) expect([l.id, l.prorated_revenue]).toEqual([l.id, Math.round(num(l.expected_revenue) * num(l.probability)) / 100]);
    const open = leads.filter(
      (l) => l.active === true && l.type === 'opportunity' && num(l.probability) > 0 && num(l.probability) < 100 && num(l.expected_revenue) > 0,
    );
    expect(open.every((l) => num(l.prorated_revenue) > 0 && num(l.prorated_revenue) < num(l.expected_revenue))).toBe(true);
  });

  it('is the same for the same seed, database and day', () => {
    const spec = DEFAULT_DATABASES[0];
    expect(buildDataset(spec, 1, today)).toEqual(buildDataset(spec, 1, today));
  });
});

describe.each(TODAYS)('the stark database dated %s', (today) => {
  const db = database('stark', today);
  const companyCurrency = (c: unknown) => db.record('res.currency', db.record('res.company', c as number)!.currency_id as number)!.name;

  it('is an Odoo 18 Enterprise database after the four others, with two companies in EUR and USD open to the API user', () => {
    expect(DEFAULT_DATABASES.map((d) => d.name)).toEqual(['acme', 'globex', 'initech', 'umbrella', 'stark']);
    expect(DEFAULT_DATABASES[4]).toEqual({ name: 'stark', version: 18, edition: 'enterprise' });
    expect(db.rawRecords('res.company').map((c) => [c.id, c.name, companyCurrency(c.id)])).toEqual([
      [1, 'Stark Industries Europe', 'EUR'],
      [2, 'Stark Industries USA', 'USD'],
    ]);
    expect(db.credentials).toMatchObject({
      uid: 6,
      login: 'api@stark.example',
      apiKey: 'demo-secret-stark',
      password: 'demo-password-stark',
      companyIds: [1, 2],
    });
  });

  it("puts every journal entry in a company, with signed amounts in that company's currency", () => {
    const moves = db.rawRecords('account.move');
    expect(moves.every((m) => m.company_id === 1 || m.company_id === 2)).toBe(true);
    for (const m of moves) expect([m.id, m.company_currency_id]).toEqual([m.id, db.record('res.company', m.company_id as number)!.currency_id]);
    const sameCurrency = moves.filter((m) => m.currency_id === m.company_currency_id && m.move_type !== 'entry');
    for (const m of sameCurrency) expect([m.id, Math.abs(num(m.amount_total_signed))]).toEqual([m.id, num(m.amount_total)]);
    expect(moves.some((m) => m.currency_id !== m.company_currency_id)).toBe(true);
  });

  it.each([1, 2])('holds open invoices and credit notes in company %s, overdue and not yet due', (company) => {
    const own = db.rawRecords('account.move').filter((m) => m.company_id === company && open(m));
    for (const type of ['out_invoice', 'out_refund']) {
      const docs = own.filter((m) => m.move_type === type);
      expect([type, docs.some((m) => (m.invoice_date_due as string) < today)]).toEqual([type, true]);
      expect([type, docs.some((m) => (m.invoice_date_due as string) >= today)]).toEqual([type, true]);
    }
  });

  it('puts opportunities in both companies, and leaves a few leads and tickets without a company', () => {
    const leads = db.rawRecords('crm.lead');
    const opportunities = leads.filter((l) => l.type === 'opportunity' && l.active === true);
    expect(new Set(opportunities.map((l) => l.company_id))).toEqual(new Set([1, 2, null]));
    expect(leads.filter((l) => l.company_id === null).map((l) => l.id)).toEqual([100, 101, 102]);
    const homeless = opportunities.filter((l) => l.company_id === null);
    expect(homeless.length).toBeGreaterThanOrEqual(1);
    expect(homeless.length).toBeLessThanOrEqual(3);
    expect(homeless.every((l) => num(l.expected_revenue) > 0 && num(l.probability) < 100)).toBe(true);
    const tickets = db.rawRecords('helpdesk.ticket');
    expect(tickets.filter((t) => t.company_id === null).map((t) => t.id)).toEqual([6, 26, 46]);
    expect(new Set(tickets.map((t) => t.company_id))).toEqual(new Set([1, 2, null]));
  });

  it('splits projects, tasks, warehouses, reordering rules, quants and moves between the companies', () => {
    for (const model of ['project.project', 'project.task', 'stock.warehouse', 'stock.warehouse.orderpoint', 'stock.quant', 'stock.move']) {
      const companies = new Set(db.rawRecords(model).map((r) => r.company_id));
      expect([model, companies.has(1) && companies.has(2)]).toEqual([model, true]);
    }
    expect(db.rawRecords('stock.warehouse').map((w) => [w.code, w.company_id])).toEqual([
      ['WH', 1],
      ['US', 2],
    ]);
  });

  it('gives each company stock of its own, so quantities depend on the company scope', () => {
    const onHand = (companies: number[]) => db.rawRecords('product.product', { allowed_company_ids: companies }).map((p) => num(p.qty_available));
    const [eu, us, both] = [onHand([1]), onHand([2]), onHand([1, 2])];
    expect(eu.some((q, i) => q !== us[i])).toBe(true);
    expect(both).toEqual(eu.map((q, i) => q + us[i]));
  });
});
