// The seeded demo dataset of one database, dated relative to "today". Every partner, product,
// task and ticket name carries the database's marker ("Acme", "Globex"...) so tests can tell
// tenants apart, and the data covers the states and edge cases the company view must handle.

import type { DemoDatabaseSpec, DemoOdooVersion, DemoRecord } from '../demo-odoo.types';
import type { DatabaseContent } from '../orm/database';
import { Random } from './random';

export const API_USER_ID = 6;

const COMPANY_CURRENCY: Record<string, string> = { acme: 'USD', globex: 'EUR', initech: 'GBP', umbrella: 'USD' };

interface CurrencySeed {
  id: number;
  name: string;
  full: string;
  symbol: string;
  position: 'before' | 'after';
  eur: number;
  decimals: number;
  label: string;
  active: boolean;
}

const CURRENCIES: CurrencySeed[] = [
  { id: 1, name: 'EUR', full: 'Euro', symbol: '€', position: 'after', eur: 1, decimals: 2, label: 'Euros', active: true },
  { id: 2, name: 'USD', full: 'United States dollar', symbol: '$', position: 'before', eur: 1.0842, decimals: 2, label: 'Dollars', active: true },
  { id: 3, name: 'GBP', full: 'Pound sterling', symbol: '£', position: 'before', eur: 0.8531, decimals: 2, label: 'Pounds', active: true },
  { id: 4, name: 'CHF', full: 'Swiss franc', symbol: 'CHF', position: 'after', eur: 0.9551, decimals: 2, label: 'Francs', active: true },
  { id: 5, name: 'JPY', full: 'Japanese yen', symbol: '¥', position: 'before', eur: 163.42, decimals: 0, label: 'Yen', active: true },
  { id: 6, name: 'CAD', full: 'Canadian dollar', symbol: '$', position: 'before', eur: 1.4761, decimals: 2, label: 'Dollars', active: true },
  { id: 7, name: 'AUD', full: 'Australian dollar', symbol: '$', position: 'before', eur: 1.6432, decimals: 2, label: 'Dollars', active: false },
];

const FIRST_NAMES = ['Alice', 'Bruno', 'Chen', 'Dana', 'Emil', 'Farah', 'Gustav', 'Hana', 'Ivan', 'Jonas', 'Keiko', 'Lena', 'Marco', 'Nadia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq'];
const LAST_NAMES = ['Martin', 'Keller', 'Wei', 'Okafor', 'Novak', 'Haddad', 'Lind', 'Sato', 'Petrov', 'Berg', 'Tanaka', 'Moreau', 'Rossi', 'Farouk', 'Silva', 'Iyer', 'Dubois', 'Costa', 'Nilsen', 'Aziz'];
const COMPANY_WORDS = ['Northwind', 'Blue Harbor', 'Crescent', 'Summit', 'Red Oak', 'Silverline', 'Ironbridge', 'Maple', 'Pioneer', 'Lakeside', 'Granite', 'Brightwater', 'Copperfield', 'Evergreen', 'Falcon', 'Harborview', 'Juniper', 'Keystone', 'Lighthouse', 'Meridian', 'Nimbus', 'Orchard', 'Pinnacle', 'Quarry', 'Riverside', 'Sterling', 'Timberline', 'Upland', 'Vantage', 'Westbrook', 'Zephyr', 'Aurora', 'Beacon', 'Cobalt', 'Driftwood', 'Foxglove', 'Hawthorn', 'Ivory'];
const COMPANY_KINDS = ['Traders', 'Logistics', 'Foods', 'Clinic', 'Studios', 'Engineering', 'Retail', 'Labs', 'Holdings', 'Outfitters', 'Consulting', 'Bakery', 'Motors', 'Textiles', 'Media'];
const PRODUCT_ADJ = ['Steel', 'Oak', 'Compact', 'Heavy-Duty', 'Smart', 'Classic', 'Eco', 'Premium', 'Mini', 'Industrial', 'Portable', 'Wireless', 'Modular', 'Folding', 'Reinforced'];
const STORABLE_NOUNS = ['Bolt M6', 'Desk', 'Office Chair', 'Cable 2m', 'Drill', 'Shelf', 'Desk Lamp', 'Monitor Arm', 'Toolbox', 'Pallet Jack', 'Safety Helmet', 'Workbench', 'Storage Bin', 'Ladder', 'Router', 'Keyboard', 'Headset', 'Label Printer', 'Hand Truck', 'Fan'];
const CONSUMABLE_NOUNS = ['Paper Ream', 'Coffee Beans 1kg', 'Cleaning Wipes', 'Packing Tape', 'Printer Toner', 'Gloves (box)', 'Batteries AA', 'Sticky Notes', 'Stretch Film', 'Marker Set'];
const SERVICE_NOUNS = ['Installation', 'Consulting Hour', 'Maintenance Plan', 'Training Session', 'Support Contract', 'Site Survey', 'Repair Service', 'Delivery Service', 'Setup Fee', 'Audit'];
const OPP_SUBJECTS = ['Fleet renewal', 'Office fit-out', 'Annual supply contract', 'Warehouse automation', 'Software licences', 'Maintenance renewal', 'Pilot project', 'Expansion order', 'Training programme', 'Replacement parts', 'Cloud migration', 'Security upgrade'];
const TASK_VERBS = ['Draft', 'Review', 'Prepare', 'Update', 'Test', 'Deploy', 'Design', 'Document', 'Migrate', 'Plan', 'Fix', 'Audit'];
const TASK_OBJECTS = ['landing page', 'invoice template', 'data import', 'user training', 'release notes', 'backup policy', 'onboarding guide', 'API integration', 'budget sheet', 'vendor list', 'checkout flow', 'access rights', 'sprint board', 'price list', 'service report'];
const TICKET_SUBJECTS = ['Cannot log in', 'Invoice PDF is blank', 'Wrong delivery address', 'Refund request', 'Damaged item received', 'Password reset needed', 'Order not received', 'Question about warranty', 'Duplicate charge', 'App crashes on start', 'Need a quote', 'Change subscription plan'];

const round2 = (x: number) => Math.round(x * 100) / 100;

export function markerOf(db: string): string {
  return db.charAt(0).toUpperCase() + db.slice(1);
}

class Calendar {
  private readonly base: number;
  constructor(readonly today: string) {
    this.base = Date.parse(`${today}T00:00:00Z`);
  }
  day(offset: number): string {
    return new Date(this.base + offset * 86_400_000).toISOString().slice(0, 10);
  }
  at(offset: number, hour: number, minute = 0, second = 0): string {
    const t = this.base + offset * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000;
    return new Date(t).toISOString().slice(0, 19).replace('T', ' ');
  }
  /** Days between two YYYY-MM-DD dates. */
  diff(a: string, b: string): number {
    return Math.round((Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / 86_400_000);
  }
}

interface Ctx {
  spec: DemoDatabaseSpec;
  version: DemoOdooVersion;
  rng: Random;
  cal: Calendar;
  marker: string;
  companyCurrency: CurrencySeed;
  tables: Record<string, DemoRecord[]>;
  employees: number[];
  customers: number[];
  contacts: number[];
  vendors: number[];
}

/** Builds the full content of one database. Same spec, seed and today: same records. */
export function buildDataset(spec: DemoDatabaseSpec, seed: number, today: string): DatabaseContent {
  const rng = new Random(seed, spec.name);
  const currencyName = COMPANY_CURRENCY[spec.name] ?? rng.pick(['USD', 'EUR', 'GBP', 'CHF', 'CAD']);
  const ctx: Ctx = {
    spec,
    version: spec.version,
    rng,
    cal: new Calendar(today),
    marker: markerOf(spec.name),
    companyCurrency: CURRENCIES.find((c) => c.name === currencyName)!,
    tables: {},
    employees: [],
    customers: [],
    contacts: [],
    vendors: [],
  };
  companyAndPeople(ctx);
  accounting(ctx);
  crm(ctx);
  projects(ctx);
  if (spec.edition === 'enterprise') helpdesk(ctx);
  inventory(ctx);
  fillMagicFields(ctx);
  return {
    today,
    credentials: {
      uid: API_USER_ID,
      login: `api@${spec.name}.example`,
      password: `demo-password-${spec.name}`,
      apiKey: `demo-secret-${spec.name}`,
      companyIds: [1],
      tz: 'UTC',
    },
    tables: ctx.tables,
  };
}

function companyAndPeople(ctx: Ctx): void {
  const { rng, marker, spec } = ctx;
  const suffix = ` (${marker})`;
  ctx.tables['res.currency'] = CURRENCIES.map((c) => ({
    id: c.id,
    name: c.name,
    full_name: c.full,
    symbol: c.symbol,
    position: c.position,
    rounding: c.decimals === 0 ? 1 : 0.01,
    decimal_places: c.decimals,
    currency_unit_label: c.label,
    active: c.active,
    eur_rate: c.eur,
  }));
  const companyName = `${marker} Corporation`;
  ctx.tables['res.company'] = [
    { id: 1, name: companyName, partner_id: 1, currency_id: ctx.companyCurrency.id, email: `info@${spec.name}.example`, phone: '+1 555 0100', sequence: 10, active: true },
  ];
  const partners: DemoRecord[] = [
    { id: 1, name: companyName, is_company: true, type: 'contact', email: `info@${spec.name}.example`, active: true, company_id: null, customer_rank: 0, supplier_rank: 0 },
    { id: 2, name: `OdooBot${suffix}`, is_company: false, type: 'contact', active: false, email: `odoobot@${spec.name}.example` },
    { id: 3, name: `Administrator${suffix}`, is_company: false, type: 'contact', active: true, email: `admin@${spec.name}.example`, parent_id: 1 },
    { id: API_USER_ID, name: `API Reader${suffix}`, is_company: false, type: 'contact', active: true, email: `api@${spec.name}.example`, parent_id: 1 },
  ];
  const users: DemoRecord[] = [
    { id: 1, name: `OdooBot${suffix}`, login: '__system__', partner_id: 2, active: false, share: false, tz: 'UTC' },
    { id: 2, name: `Administrator${suffix}`, login: 'admin', partner_id: 3, active: true, share: false, tz: 'Europe/Brussels' },
    { id: API_USER_ID, name: `API Reader${suffix}`, login: `api@${spec.name}.example`, partner_id: API_USER_ID, active: true, share: false, tz: 'UTC' },
  ];
  const firsts = rng.sample(FIRST_NAMES, 5);
  firsts.forEach((first, i) => {
    const id = 7 + i;
    const name = `${first} ${rng.pick(LAST_NAMES)}${suffix}`;
    partners.push({ id, name, is_company: false, type: 'contact', active: true, email: `${first.toLowerCase()}@${spec.name}.example`, parent_id: 1 });
    users.push({ id, name, login: `${first.toLowerCase()}@${spec.name}.example`, partner_id: id, active: true, share: false, tz: 'Europe/Brussels' });
    ctx.employees.push(id);
  });
  for (const u of users) {
    u.company_id = 1;
    u.company_ids = [1];
  }
  const companyNames = rng.shuffle(COMPANY_WORDS.flatMap((w) => COMPANY_KINDS.map((k) => `${w} ${k}`))).slice(0, 46);
  let nextId = 20;
  companyNames.slice(0, 38).forEach((n, i) => {
    const id = nextId++;
    partners.push({
      id,
      name: `${n}${suffix}`,
      is_company: true,
      type: 'contact',
      email: `hello@${n.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      phone: `+1 555 ${String(1000 + id).slice(-4)}`,
      city: rng.pick(['Springfield', 'Riverton', 'Lakewood', 'Fairview', 'Greenville', 'Brookside']),
      customer_rank: 1 + (i % 4),
      supplier_rank: 0,
      user_id: rng.pick(ctx.employees),
      active: i !== 37,
      ref: `C${String(id).padStart(5, '0')}`,
    });
    if (i !== 37) ctx.customers.push(id);
  });
  companyNames.slice(38).forEach((n) => {
    const id = nextId++;
    partners.push({ id, name: `${n}${suffix}`, is_company: true, type: 'contact', email: `sales@${n.toLowerCase().replace(/[^a-z]+/g, '')}.example`, customer_rank: 0, supplier_rank: 1, active: true });
    ctx.vendors.push(id);
  });
  for (let i = 0; i < 18; i++) {
    const id = nextId++;
    const parent = ctx.customers[i * 2];
    const first = rng.pick(FIRST_NAMES);
    partners.push({ id, name: `${first} ${rng.pick(LAST_NAMES)}${suffix}`, is_company: false, type: i % 6 === 5 ? 'invoice' : 'contact', parent_id: parent, email: `${first.toLowerCase()}.${id}@example.com`, customer_rank: 0, supplier_rank: 0, active: true });
    ctx.contacts.push(id);
  }
  ctx.tables['res.partner'] = partners.map((p) => ({ company_id: null, customer_rank: 0, supplier_rank: 0, ...p }));
  ctx.tables['res.users'] = users;
}

// ---------------------------------------------------------------- accounting

interface MovePlan {
  type: string;
  state: string;
  invoiceOffset: number | null;
  rec: Record<string, unknown>;
}

const PREFIX: Record<string, string> = { out_invoice: 'INV', out_refund: 'RINV', in_invoice: 'BILL', in_refund: 'RBILL', entry: 'MISC' };
const SIGN: Record<string, number> = { out_invoice: 1, out_refund: -1, in_invoice: -1, in_refund: 1, entry: 1 };

function accounting(ctx: Ctx): void {
  const { rng, cal } = ctx;
  const plan: Array<[string, number]> = [
    ['out_invoice', 172],
    ['out_refund', 28],
    ['in_invoice', 24],
    ['in_refund', 4],
    ['entry', 12],
  ];
  const foreign = CURRENCIES.filter((c) => c.active && c.id !== ctx.companyCurrency.id && c.name !== 'JPY');
  const moves: MovePlan[] = [];
  for (const [type, count] of plan) {
    for (let i = 0; i < count; i++) {
      const state = type === 'entry' ? rng.weighted([['posted', 0.9], ['draft', 0.1]] as const) : rng.weighted([['posted', 0.82], ['draft', 0.12], ['cancel', 0.06]] as const);
      const undated = state === 'draft' && rng.chance(0.3);
      const invoiceOffset = undated ? null : state === 'draft' ? -rng.int(0, 20) : -rng.int(0, 240);
      const currency = type !== 'entry' && rng.chance(0.2) ? rng.pick(foreign) : ctx.companyCurrency;
      moves.push({ type, state, invoiceOffset, rec: amounts(ctx, type, state, currency) });
    }
  }
  // Ids grow with the document date, as they would in a live database.
  moves.sort((a, b) => (a.invoiceOffset ?? 1) - (b.invoiceOffset ?? 1));
  const counters = new Map<string, number>();
  const rows: DemoRecord[] = moves.map((m, i) => {
    const id = i + 1;
    const dateOffset = m.invoiceOffset ?? -rng.int(0, 5);
    const invoiceDate = m.invoiceOffset === null || m.type === 'entry' ? null : cal.day(m.invoiceOffset);
    const term = rng.pick([0, 15, 30, 30, 45, 60]);
    const isSale = m.type.startsWith('out_');
    const partner = m.type === 'entry' ? null : isSale ? rng.pick(rng.chance(0.1) ? ctx.contacts : ctx.customers) : rng.pick(ctx.vendors);
    let name = '/';
    if (m.state !== 'draft') {
      const year = cal.day(dateOffset).slice(0, 4);
      const key = `${PREFIX[m.type]}/${year}`;
      const n = (counters.get(key) ?? 0) + 1;
      counters.set(key, n);
      name = `${key}/${String(n).padStart(5, '0')}`;
    }
    return {
      id,
      name,
      move_type: m.type,
      state: m.state,
      date: cal.day(dateOffset),
      invoice_date: invoiceDate,
      invoice_date_due: invoiceDate ? cal.day((m.invoiceOffset ?? 0) + term) : null,
      partner_id: partner,
      invoice_user_id: isSale && rng.chance(0.85) ? rng.pick(ctx.employees) : null,
      invoice_origin: isSale && rng.chance(0.3) ? `S${String(rng.int(1, 999)).padStart(5, '0')}` : null,
      ref: m.type.startsWith('in_') ? `VB-${rng.int(10000, 99999)}` : null,
      company_id: 1,
      create_date: cal.at(dateOffset, rng.int(7, 18), rng.int(0, 59), rng.int(0, 59)),
      reversed_entry_id: null,
      ...m.rec,
    };
  });
  linkReversals(ctx, rows);
  ctx.tables['account.move'] = rows;
}

function amounts(ctx: Ctx, type: string, state: string, currency: CurrencySeed): Record<string, unknown> {
  const { rng } = ctx;
  const untaxed = type === 'entry' ? rng.amount(50, 5000) : rng.amount(80, 25000);
  const taxRate = type === 'entry' ? 0 : rng.pick([0.2, 0.2, 0.1, 0]);
  const tax = round2(untaxed * taxRate);
  const total = round2(untaxed + tax);
  const payment = paymentState(ctx, type, state);
  let residual = total;
  if (payment === 'partial') residual = round2(total * rng.amount(0.2, 0.8));
  else if (payment === 'paid' || payment === 'in_payment' || payment === 'reversed') residual = 0;
  if (type === 'entry') residual = 0;
  const rate = currency.eur / ctx.companyCurrency.eur;
  const sign = SIGN[type];
  const company = (x: number) => round2(x / rate);
  return {
    currency_id: currency.id,
    amount_untaxed: untaxed,
    amount_tax: tax,
    amount_total: total,
    amount_residual: residual,
    amount_untaxed_signed: sign * company(untaxed),
    amount_total_signed: sign * company(total),
    amount_total_in_currency_signed: sign * total,
    amount_residual_signed: sign * company(residual),
    payment_state: payment,
  };
}

function paymentState(ctx: Ctx, type: string, state: string): string {
  const { rng, version } = ctx;
  if (state !== 'posted' || type === 'entry') return 'not_paid';
  if (type === 'out_invoice') {
    const blocked = version >= 18 ? 0.04 : 0;
    return rng.weighted([
      ['paid', 0.38],
      ['not_paid', 0.3],
      ['partial', 0.12],
      ['in_payment', 0.08],
      ['reversed', 0.05],
      ['blocked', blocked],
    ] as const);
  }
  if (type === 'out_refund') return rng.weighted([['paid', 0.5], ['not_paid', 0.3], ['in_payment', 0.1], ['partial', 0.1]] as const);
  return rng.weighted([['paid', 0.5], ['not_paid', 0.35], ['partial', 0.15]] as const);
}

/** Refunds point to the invoices they reverse, when there is one. */
function linkReversals(ctx: Ctx, rows: DemoRecord[]): void {
  const reversed = rows.filter((r) => r.move_type === 'out_invoice' && r.payment_state === 'reversed');
  const refunds = rows.filter((r) => r.move_type === 'out_refund' && r.state === 'posted');
  reversed.forEach((inv, i) => {
    const refund = refunds[i];
    if (!refund) return;
    refund.reversed_entry_id = inv.id;
    refund.partner_id = inv.partner_id;
  });
}

// ---------------------------------------------------------------- CRM

function crm(ctx: Ctx): void {
  const { rng, cal, marker } = ctx;
  ctx.tables['crm.stage'] = [
    { id: 1, name: 'New', sequence: 1, is_won: false, fold: false },
    { id: 2, name: 'Qualified', sequence: 2, is_won: false, fold: false },
    { id: 3, name: 'Proposition', sequence: 3, is_won: false, fold: false },
    { id: 4, name: 'Won', sequence: 70, is_won: true, fold: false },
  ];
  const outcomes = rng.shuffle([...Array<string>(56).fill('open'), ...Array<string>(12).fill('won'), ...Array<string>(12).fill('lost')]);
  const used = new Map<string, number>();
  const uniqueName = (base: string) => {
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    return n === 1 ? base : `${base} #${n}`;
  };
  const leads: DemoRecord[] = [];
  const push = (r: DemoRecord) => leads.push({ company_id: 1, ...r, id: leads.length + 1 });
  outcomes.forEach((outcome, i) => {
    const created = -rng.int(5, 300);
    const partner = rng.chance(0.85) ? rng.pick(ctx.customers) : null;
    const base: DemoRecord = {
      id: 0,
      name: uniqueName(`${rng.pick(OPP_SUBJECTS)} (${marker})`),
      type: 'opportunity',
      partner_id: partner,
      email_from: partner ? `buyer${i}@example.com` : null,
      user_id: rng.chance(0.9) ? rng.pick(ctx.employees) : null,
      expected_revenue: Math.round(rng.amount(500, 90000, 0)),
      priority: rng.weighted([['0', 0.4], ['1', 0.3], ['2', 0.2], ['3', 0.1]] as const),
      create_date: cal.at(created, rng.int(8, 17), rng.int(0, 59)),
      active: true,
    };
    if (outcome === 'won') {
      push({ ...base, stage_id: 4, probability: 100, date_closed: cal.at(-rng.int(1, Math.min(200, -created)), 15), date_deadline: cal.day(-rng.int(1, 60)) });
    } else if (outcome === 'lost') {
      push({ ...base, stage_id: rng.int(1, 3), probability: 0, active: false, date_closed: cal.at(-rng.int(1, Math.min(200, -created)), 11), date_deadline: cal.day(-rng.int(1, 90)) });
    } else {
      const stage = rng.weighted([[1, 0.35], [2, 0.35], [3, 0.3]] as const);
      const probability = Math.max(1, Math.min(99, [10, 30, 60][stage - 1] + rng.int(-5, 15)));
      const deadline = rng.weighted([['future', 0.6], ['past', 0.25], ['none', 0.15]] as const);
      push({
        ...base,
        stage_id: stage,
        probability,
        date_deadline: deadline === 'none' ? null : cal.day(deadline === 'future' ? rng.int(1, 90) : -rng.int(1, 45)),
        date_closed: null,
      });
    }
  });
  // An edge case: probability forced to 100 in a stage that is not a won stage (pending on 19).
  const trap = leads.find((l) => l.active && l.stage_id === 3);
  if (trap) trap.probability = 100;
  for (let i = 0; i < 16; i++) {
    const lost = i < 2;
    push({
      id: 0,
      name: uniqueName(`Inbound enquiry ${i + 1} (${marker})`),
      type: 'lead',
      stage_id: 1,
      partner_id: null,
      email_from: `lead${i + 1}@example.net`,
      user_id: rng.chance(0.5) ? rng.pick(ctx.employees) : null,
      expected_revenue: Math.round(rng.amount(0, 5000, 0)),
      probability: lost ? 0 : rng.int(5, 20),
      priority: rng.pick(['0', '1']),
      active: !lost,
      date_deadline: null,
      date_closed: lost ? cal.at(-rng.int(1, 30), 10) : null,
      create_date: cal.at(-rng.int(1, 60), rng.int(8, 17)),
    });
  }
  ctx.tables['crm.lead'] = leads;
}

// ---------------------------------------------------------------- projects

function projects(ctx: Ctx): void {
  const { rng, cal, marker, version } = ctx;
  ctx.tables['project.project'] = [
    { id: 1, name: `Website Relaunch (${marker})`, sequence: 10, active: true, user_id: ctx.employees[0], partner_id: ctx.customers[0] },
    { id: 2, name: `ERP Rollout (${marker})`, sequence: 20, active: true, user_id: ctx.employees[1], partner_id: ctx.customers[1] },
    { id: 3, name: `Field Service (${marker})`, sequence: 30, active: true, user_id: ctx.employees[2], partner_id: null },
    { id: 4, name: `Internal Operations (${marker})`, sequence: 40, active: true, user_id: ctx.employees[3], partner_id: null },
    { id: 5, name: `Legacy Migration (${marker})`, sequence: 50, active: false, user_id: ctx.employees[4], partner_id: ctx.customers[2] },
  ].map((p) => ({ company_id: 1, ...p }));
  const allProjects = [1, 2, 3, 4, 5];
  ctx.tables['project.task.type'] = [
    { id: 1, name: 'New', sequence: 1, fold: false },
    { id: 2, name: 'In Progress', sequence: 2, fold: false },
    { id: 3, name: 'Review', sequence: 3, fold: false },
    { id: 4, name: 'Done', sequence: 4, fold: true },
    { id: 5, name: 'Cancelled', sequence: 5, fold: true },
  ].map((s) => ({ active: true, project_ids: allProjects, user_id: null, ...s }));

  const used = new Set<string>();
  const taskName = (prefix = '') => {
    for (let attempt = 0; ; attempt++) {
      const base = `${prefix}${rng.pick(TASK_VERBS)} ${rng.pick(TASK_OBJECTS)}`;
      const name = attempt > 20 ? `${base} ${attempt} (${marker})` : `${base} (${marker})`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  const tasks: DemoRecord[] = [];
  const deadline = (kind: 'none' | 'past' | 'future' | 'today') => {
    if (kind === 'none') return null;
    const offset = kind === 'today' ? 0 : kind === 'past' ? -rng.int(1, 60) : rng.int(1, 60);
    return version >= 17 ? cal.at(offset, rng.pick([9, 12, 16, 17])) : cal.day(offset);
  };
  for (let i = 0; i < 150; i++) {
    const project = i < 142 ? 1 + (i % 4) : 5;
    const stage = rng.weighted([[1, 0.22], [2, 0.3], [3, 0.14], [4, 0.24], [5, 0.1]] as const);
    const closed = stage >= 4;
    const created = -rng.int(1, 200);
    const nUsers = rng.weighted([[0, 0.15], [1, 0.55], [2, 0.2], [3, 0.1]] as const);
    tasks.push({
      id: i + 1,
      name: taskName(),
      project_id: project,
      stage_id: stage,
      active: !(i % 25 === 7),
      user_ids: rng.sample(ctx.employees, nUsers),
      partner_id: ctx.tables['project.project'][project - 1].partner_id,
      priority: rng.chance(0.2) ? '1' : '0',
      sequence: 10 + (i % 20),
      date_deadline: deadline(rng.weighted([['none', 0.3], ['past', 0.35], ['future', 0.3], ['today', 0.05]] as const)),
      date_end: closed ? cal.at(-rng.int(0, Math.min(60, -created)), 14) : null,
      date_assign: nUsers > 0 ? cal.at(created, 10) : null,
      date_last_stage_update: cal.at(Math.min(0, created + rng.int(0, 30)), 9),
      create_date: cal.at(created, rng.int(8, 17), rng.int(0, 59)),
      ...versionTaskFields(ctx, stage),
      display_in_project: true,
      is_template: false,
      parent_id: null,
    });
  }
  // A few subtasks.
  for (const [child, parent] of [
    [12, 4],
    [13, 4],
    [30, 10],
  ]) {
    tasks[child - 1].parent_id = parent;
    tasks[child - 1].project_id = tasks[parent - 1].project_id;
  }
  if (version >= 17) {
    for (let i = 0; i < 12; i++) {
      const done = i < 3;
      tasks.push({
        id: tasks.length + 1,
        name: taskName('To-do: '),
        project_id: null,
        stage_id: null,
        active: true,
        user_ids: [rng.pick(ctx.employees)],
        partner_id: null,
        priority: '0',
        sequence: 10,
        date_deadline: i % 3 === 0 ? deadline(rng.pick(['past', 'future'] as const)) : null,
        date_end: done ? cal.at(-rng.int(0, 10), 16) : null,
        state: done ? '1_done' : '01_in_progress',
        display_in_project: false,
        is_template: false,
        parent_id: null,
        create_date: cal.at(-rng.int(1, 40), 9),
      });
    }
  }
  if (version >= 19) {
    for (let i = 0; i < 5; i++) {
      tasks.push({
        id: tasks.length + 1,
        name: taskName('Template: '),
        project_id: 1 + (i % 2),
        stage_id: 1,
        active: true,
        user_ids: [],
        partner_id: null,
        priority: '0',
        sequence: 5,
        date_deadline: null,
        state: '01_in_progress',
        display_in_project: true,
        is_template: true,
        parent_id: null,
        create_date: cal.at(-rng.int(100, 300), 9),
      });
    }
  }
  ctx.tables['project.task'] = tasks.map((t) => ({ company_id: 1, planned_hours: null, allocated_hours: null, ...t, [version === 16 ? 'planned_hours' : 'allocated_hours']: rng.amount(1, 40, 1) }));
}

function versionTaskFields(ctx: Ctx, stage: number): Record<string, unknown> {
  const { rng, version } = ctx;
  if (version === 16) {
    return { kanban_state: stage === 4 ? 'done' : rng.weighted([['normal', 0.75], ['blocked', 0.15], ['done', 0.1]] as const) };
  }
  const state =
    stage === 4
      ? '1_done'
      : stage === 5
        ? '1_canceled'
        : rng.weighted([['01_in_progress', 0.55], ['02_changes_requested', 0.1], ['03_approved', 0.15], ['04_waiting_normal', 0.2]] as const);
  return { state };
}

// ---------------------------------------------------------------- helpdesk

function helpdesk(ctx: Ctx): void {
  const { rng, cal, marker } = ctx;
  ctx.tables['helpdesk.stage'] = [
    { id: 1, name: 'New', sequence: 0, fold: false },
    { id: 2, name: 'In Progress', sequence: 1, fold: false },
    { id: 3, name: 'On Hold', sequence: 2, fold: false },
    { id: 4, name: 'Solved', sequence: 3, fold: true },
    { id: 5, name: 'Cancelled', sequence: 4, fold: true },
  ].map((s) => ({ active: true, ...s }));
  const tickets: DemoRecord[] = [];
  const counts = new Map<string, number>();
  for (let i = 0; i < 60; i++) {
    const stage = rng.weighted([[1, 0.2], [2, 0.25], [3, 0.1], [4, 0.35], [5, 0.1]] as const);
    const created = -rng.int(0, 90);
    const folded = stage >= 4;
    const subject = rng.pick(TICKET_SUBJECTS);
    const n = (counts.get(subject) ?? 0) + 1;
    counts.set(subject, n);
    tickets.push({
      id: i + 1,
      name: `${subject}${n > 1 ? ` #${n}` : ''} (${marker})`,
      stage_id: stage,
      priority: rng.weighted([['0', 0.4], ['1', 0.3], ['2', 0.2], ['3', 0.1]] as const),
      partner_id: rng.chance(0.9) ? rng.pick(rng.chance(0.3) ? ctx.contacts : ctx.customers) : null,
      user_id: rng.chance(0.8) ? rng.pick(ctx.employees) : null,
      company_id: 1,
      active: !(i % 20 === 13),
      create_date: cal.at(created, rng.int(6, 20), rng.int(0, 59), rng.int(0, 59)),
      close_date: folded ? cal.at(Math.min(0, created + rng.int(0, 10)), rng.int(9, 18)) : null,
      sla_deadline: rng.chance(0.5) ? cal.at(created + rng.int(1, 5), 18) : null,
    });
  }
  ctx.tables['helpdesk.ticket'] = tickets;
}

// ---------------------------------------------------------------- inventory

function inventory(ctx: Ctx): void {
  const { rng, marker, version, spec } = ctx;
  ctx.tables['uom.uom'] = [
    { id: 1, name: 'Units', factor: 1, rounding: 0.01, active: true },
    { id: 2, name: 'Dozens', factor: 0.08333, rounding: 0.01, active: true },
    { id: 3, name: 'kg', factor: 1, rounding: 0.001, active: true },
    { id: 4, name: 'Hours', factor: 8, rounding: 0.01, active: true },
    { id: 5, name: 'm', factor: 1, rounding: 0.01, active: true },
  ];
  ctx.tables['stock.location'] = [
    { id: 1, name: 'Physical Locations', complete_name: 'Physical Locations', usage: 'view', location_id: null, warehouse_id: null },
    { id: 2, name: 'Partners', complete_name: 'Partners', usage: 'view', location_id: null, warehouse_id: null },
    { id: 3, name: 'Vendors', complete_name: 'Partners/Vendors', usage: 'supplier', location_id: 2, warehouse_id: null },
    { id: 4, name: 'Customers', complete_name: 'Partners/Customers', usage: 'customer', location_id: 2, warehouse_id: null },
    { id: 5, name: 'Inventory adjustment', complete_name: 'Virtual Locations/Inventory adjustment', usage: 'inventory', location_id: null, warehouse_id: null },
    { id: 7, name: 'WH', complete_name: 'WH', usage: 'view', location_id: 1, warehouse_id: 1 },
    { id: 8, name: 'Stock', complete_name: 'WH/Stock', usage: 'internal', location_id: 7, warehouse_id: 1 },
    { id: 9, name: 'E1', complete_name: 'E1', usage: 'view', location_id: 1, warehouse_id: 2 },
    { id: 10, name: 'Stock', complete_name: 'E1/Stock', usage: 'internal', location_id: 9, warehouse_id: 2 },
  ].map((l) => ({ company_id: 1, active: true, ...l }));
  ctx.tables['stock.warehouse'] = [
    { id: 1, name: `${marker} Main Warehouse`, code: 'WH', sequence: 1, lot_stock_id: 8, company_id: 1, active: true },
    { id: 2, name: `${marker} East Depot`, code: 'E1', sequence: 2, lot_stock_id: 10, company_id: 1, active: true },
  ];
  const prefix = spec.name.replace(/[^a-z]/gi, '').slice(0, 3).toUpperCase() || 'DMO';
  const products: DemoRecord[] = [];
  const names = new Set<string>();
  const productName = (nouns: readonly string[]) => {
    for (let attempt = 0; ; attempt++) {
      const n = `${marker} ${rng.pick(PRODUCT_ADJ)} ${rng.pick(nouns)}${attempt > 30 ? ` ${attempt}` : ''}`;
      if (!names.has(n)) {
        names.add(n);
        return n;
      }
    }
  };
  for (let i = 0; i < 120; i++) {
    const kind = i < 80 ? 'storable' : i < 100 ? (version >= 18 && i >= 98 ? 'combo' : 'consumable') : 'service';
    const id = i + 1;
    const noun = kind === 'storable' ? STORABLE_NOUNS : kind === 'service' ? SERVICE_NOUNS : CONSUMABLE_NOUNS;
    const price = rng.amount(2, 900);
    products.push({
      id,
      name: kind === 'combo' ? `${marker} Starter Bundle ${i - 97}` : productName(noun),
      default_code: rng.chance(0.92) ? `${prefix}-${String(id).padStart(4, '0')}` : null,
      barcode: rng.chance(0.5) ? String(4000000000000 + id * 7919) : null,
      ...productType(kind, version),
      is_favorite: false,
      list_price: price,
      standard_price: round2(price * rng.amount(0.4, 0.8)),
      uom_id: kind === 'service' ? 4 : rng.weighted([[1, 0.8], [3, 0.08], [5, 0.07], [2, 0.05]] as const),
      company_id: null,
      sale_ok: true,
      purchase_ok: kind !== 'combo',
      active: ![17, 44, 71, 90, 111].includes(id),
      incoming_qty: kind === 'storable' && rng.chance(0.15) ? rng.int(5, 100) : 0,
    });
  }
  ctx.tables['product.product'] = products;
  stock(ctx, products.filter((p) => p.id <= 80));
}

function productType(kind: string, version: DemoOdooVersion): Record<string, unknown> {
  const legacy = { storable: 'product', consumable: 'consu', service: 'service', combo: 'consu' }[kind]!;
  if (version <= 17) return { type: legacy, detailed_type: legacy };
  return { type: kind === 'service' ? 'service' : kind === 'combo' ? 'combo' : 'consu', is_storable: kind === 'storable' };
}

/** Quants and reorder rules: some products below their minimum, some only on paper (forecast). */
function stock(ctx: Ctx, storable: DemoRecord[]): void {
  const { rng } = ctx;
  const quants: DemoRecord[] = [];
  const onHand = new Map<number, number>();
  const addQuant = (product: number, location: number, quantity: number) => {
    quants.push({ id: quants.length + 1, product_id: product, location_id: location, quantity, reserved_quantity: 0, company_id: 1 });
  };
  for (const p of storable) {
    const roll = rng.next();
    const qty = roll < 0.15 ? 0 : roll < 0.2 ? -rng.int(1, 5) : rng.int(1, 400);
    onHand.set(p.id, qty);
  }
  const withRules = rng.sample(
    storable.filter((p) => p.active !== false),
    40,
  );
  const orderpoints: DemoRecord[] = [];
  const addRule = (product: DemoRecord, warehouse: 1 | 2, values: Partial<DemoRecord> = {}) => {
    const min = rng.int(5, 60);
    orderpoints.push({
      id: orderpoints.length + 1,
      name: `OP/${String(orderpoints.length + 1).padStart(5, '0')}`,
      product_id: product.id,
      warehouse_id: warehouse,
      location_id: warehouse === 1 ? 8 : 10,
      company_id: 1,
      product_min_qty: min,
      product_max_qty: min + rng.int(10, 150),
      qty_multiple: rng.pick([1, 1, 5, 10]),
      trigger: 'auto',
      snoozed_until: null,
      active: true,
      ...values,
    });
    return orderpoints[orderpoints.length - 1];
  };
  withRules.forEach((product, k) => {
    const rule = addRule(product, 1, {
      trigger: k === 20 || k === 21 ? 'manual' : 'auto',
      active: !(k === 2 || k === 30),
      snoozed_until: k === 5 ? ctx.cal.day(rng.int(3, 20)) : null,
    });
    const min = rule.product_min_qty as number;
    if (k < 12) {
      // Below minimum on hand; for k 8..11 an incoming receipt lifts the forecast back above it.
      onHand.set(product.id, Math.floor(min * rng.amount(0, 0.8)));
      product.incoming_qty = k >= 8 ? min + rng.int(5, 40) : 0;
    } else {
      onHand.set(product.id, Math.max(onHand.get(product.id) ?? 0, min + rng.int(0, 200)));
    }
    if (k >= 36) addRule(product, 2);
  });
  for (const p of storable) {
    const qty = onHand.get(p.id) ?? 0;
    if (qty !== 0) addQuant(p.id, 8, qty);
    if (rng.chance(0.3)) addQuant(p.id, 10, rng.int(0, 50));
  }
  ctx.tables['stock.quant'] = quants;
  ctx.tables['stock.warehouse.orderpoint'] = orderpoints;
}

// ---------------------------------------------------------------- magic fields

function fillMagicFields(ctx: Ctx): void {
  const fallback = ctx.cal.at(-400, 8);
  for (const rows of Object.values(ctx.tables)) {
    for (const rec of rows) {
      rec.create_date ??= fallback;
      rec.write_date ??= rec.create_date;
      rec.create_uid ??= 2;
      rec.write_uid ??= 2;
    }
  }
}
