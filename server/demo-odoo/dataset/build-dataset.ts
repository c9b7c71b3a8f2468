// The seeded demo dataset of one database, dated relative to "today". Every partner, product,
// task and ticket name carries the database's marker ("Acme", "Globex"...) so tests can tell
// tenants apart, and the data covers the states and edge cases the company view must handle.

import type { DemoDatabaseSpec, DemoOdooVersion, DemoRecord } from '../demo-odoo.types';
import type { DatabaseContent } from '../orm/database';
import { Random } from './random';

export const API_USER_ID = 6;

const COMPANY_CURRENCY: Record<string, string> = { acme: 'USD', globex: 'EUR', initech: 'GBP', umbrella: 'USD' };

/**
 * Databases with several companies, each in its own currency. The others have one company, named
 * after the database, in COMPANY_CURRENCY.
 */
const MULTI_COMPANY: Record<string, Array<{ name: string; currency: string }>> = {
  stark: [
    { name: 'Stark Industries Europe', currency: 'EUR' },
    { name: 'Stark Industries USA', currency: 'USD' },
  ],
};

/** The partner of the second company takes an id the single-company layout leaves free. */
const SECOND_COMPANY_PARTNER = 4;

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

const FIRST_NAMES = [
  'Alice',
  'Bruno',
  'Chen',
  'Dana',
  'Emil',
  'Farah',
  'Gustav',
  'Hana',
  'Ivan',
  'Jonas',
  'Keiko',
  'Lena',
  'Marco',
  'Nadia',
  'Omar',
  'Priya',
  'Quentin',
  'Rosa',
  'Sven',
  'Tariq',
];
const LAST_NAMES = [
  'Martin',
  'Keller',
  'Wei',
  'Okafor',
  'Novak',
  'Haddad',
  'Lind',
  'Sato',
  'Petrov',
  'Berg',
  'Tanaka',
  'Moreau',
  'Rossi',
  'Farouk',
  'Silva',
  'Iyer',
  'Dubois',
  'Costa',
  'Nilsen',
  'Aziz',
];
const COMPANY_WORDS = [
  'Northwind',
  'Blue Harbor',
  'Crescent',
  'Summit',
  'Red Oak',
  'Silverline',
  'Ironbridge',
  'Maple',
  'Pioneer',
  'Lakeside',
  'Granite',
  'Brightwater',
  'Copperfield',
  'Evergreen',
  'Falcon',
  'Harborview',
  'Juniper',
  'Keystone',
  'Lighthouse',
  'Meridian',
  'Nimbus',
  'Orchard',
  'Pinnacle',
  'Quarry',
  'Riverside',
  'Sterling',
  'Timberline',
  'Upland',
  'Vantage',
  'Westbrook',
  'Zephyr',
  'Aurora',
  'Beacon',
  'Cobalt',
  'Driftwood',
  'Foxglove',
  'Hawthorn',
  'Ivory',
];
const COMPANY_KINDS = [
  'Traders',
  'Logistics',
  'Foods',
  'Clinic',
  'Studios',
  'Engineering',
  'Retail',
  'Labs',
  'Holdings',
  'Outfitters',
  'Consulting',
  'Bakery',
  'Motors',
  'Textiles',
  'Media',
];
const PRODUCT_ADJ = [
  'Steel',
  'Oak',
  'Compact',
  'Heavy-Duty',
  'Smart',
  'Classic',
  'Eco',
  'Premium',
  'Mini',
  'Industrial',
  'Portable',
  'Wireless',
  'Modular',
  'Folding',
  'Reinforced',
];
const STORABLE_NOUNS = [
  'Bolt M6',
  'Desk',
  'Office Chair',
  'Cable 2m',
  'Drill',
  'Shelf',
  'Desk Lamp',
  'Monitor Arm',
  'Toolbox',
  'Pallet Jack',
  'Safety Helmet',
  'Workbench',
  'Storage Bin',
  'Ladder',
  'Router',
  'Keyboard',
  'Headset',
  'Label Printer',
  'Hand Truck',
  'Fan',
];
const CONSUMABLE_NOUNS = [
  'Paper Ream',
  'Coffee Beans 1kg',
  'Cleaning Wipes',
  'Packing Tape',
  'Printer Toner',
  'Gloves (box)',
  'Batteries AA',
  'Sticky Notes',
  'Stretch Film',
  'Marker Set',
];
const SERVICE_NOUNS = [
  'Installation',
  'Consulting Hour',
  'Maintenance Plan',
  'Training Session',
  'Support Contract',
  'Site Survey',
  'Repair Service',
  'Delivery Service',
  'Setup Fee',
  'Audit',
];
const OPP_SUBJECTS = [
  'Fleet renewal',
  'Office fit-out',
  'Annual supply contract',
  'Warehouse automation',
  'Software licences',
  'Maintenance renewal',
  'Pilot project',
  'Expansion order',
  'Training programme',
  'Replacement parts',
  'Cloud migration',
  'Security upgrade',
];
const TASK_VERBS = ['Draft', 'Review', 'Prepare', 'Update', 'Test', 'Deploy', 'Design', 'Document', 'Migrate', 'Plan', 'Fix', 'Audit'];
const TASK_OBJECTS = [
  'landing page',
  'invoice template',
  'data import',
  'user training',
  'release notes',
  'backup policy',
  'onboarding guide',
  'API integration',
  'budget sheet',
  'vendor list',
  'checkout flow',
  'access rights',
  'sprint board',
  'price list',
  'service report',
];
const TICKET_SUBJECTS = [
  'Cannot log in',
  'Invoice PDF is blank',
  'Wrong delivery address',
  'Refund request',
  'Damaged item received',
  'Password reset needed',
  'Order not received',
  'Question about warranty',
  'Duplicate charge',
  'App crashes on start',
  'Need a quote',
  'Change subscription plan',
];

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

interface CompanySeed {
  id: number;
  name: string;
  partnerId: number;
  currency: CurrencySeed;
}

interface Ctx {
  spec: DemoDatabaseSpec;
  version: DemoOdooVersion;
  rng: Random;
  /**
   * Draws that place records in companies. A stream of its own, used only by multi-company
   * databases, so the single-company datasets stay what they were.
   */
  split: Random;
  cal: Calendar;
  marker: string;
  companies: CompanySeed[];
  /** The first company's currency. */
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
  const marker = markerOf(spec.name);
  const companies = companySeeds(spec.name, marker, rng);
  const ctx: Ctx = {
    spec,
    version: spec.version,
    rng,
    split: new Random(seed, `${spec.name}/companies`),
    cal: new Calendar(today),
    marker,
    companies,
    companyCurrency: companies[0].currency,
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
      companyIds: companies.map((c) => c.id),
      tz: 'UTC',
    },
    tables: ctx.tables,
  };
}

function companySeeds(name: string, marker: string, rng: Random): CompanySeed[] {
  const currency = (code: string) => CURRENCIES.find((c) => c.name === code)!;
  const multi = MULTI_COMPANY[name];
  if (multi) return multi.map((c, i) => ({ id: i + 1, name: c.name, partnerId: i === 0 ? 1 : SECOND_COMPANY_PARTNER + i - 1, currency: currency(c.currency) }));
  const code = COMPANY_CURRENCY[name] ?? rng.pick(['USD', 'EUR', 'GBP', 'CHF', 'CAD']);
  return [{ id: 1, name: `${marker} Corporation`, partnerId: 1, currency: currency(code) }];
}

const isMulti = (ctx: Ctx) => ctx.companies.length > 1;

/** The company of the next record: always the first one in a single-company database. */
function drawCompany(ctx: Ctx): CompanySeed {
  if (!isMulti(ctx)) return ctx.companies[0];
  return ctx.split.weighted(ctx.companies.map((c, i) => [c, i === 0 ? 0.55 : 0.45 / (ctx.companies.length - 1)] as const));
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
  const emailOf = (c: CompanySeed) => (c.id === 1 ? `info@${spec.name}.example` : `info-${c.id}@${spec.name}.example`);
  ctx.tables['res.company'] = ctx.companies.map((c) => ({
    id: c.id,
    name: c.name,
    partner_id: c.partnerId,
    currency_id: c.currency.id,
    email: emailOf(c),
    phone: `+1 555 0${c.id}00`,
    sequence: 10 * c.id,
    active: true,
  }));
  const partners: DemoRecord[] = ctx.companies.map((c) => ({
    id: c.partnerId,
    name: c.name,
    is_company: true,
    type: 'contact',
    email: emailOf(c),
    active: true,
    company_id: null,
    customer_rank: 0,
    supplier_rank: 0,
  }));
  partners.push(
    { id: 2, name: `OdooBot${suffix}`, is_company: false, type: 'contact', active: false, email: `odoobot@${spec.name}.example` },
    { id: 3, name: `Administrator${suffix}`, is_company: false, type: 'contact', active: true, email: `admin@${spec.name}.example`, parent_id: 1 },
    { id: API_USER_ID, name: `API Reader${suffix}`, is_company: false, type: 'contact', active: true, email: `api@${spec.name}.example`, parent_id: 1 },
  );
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
  // Every internal user may work in every company of the database.
  for (const u of users) {
    u.company_id = 1;
    u.company_ids = ctx.companies.map((c) => c.id);
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
    partners.push({
      id,
      name: `${n}${suffix}`,
      is_company: true,
      type: 'contact',
      email: `sales@${n.toLowerCase().replace(/[^a-z]+/g, '')}.example`,
      customer_rank: 0,
      supplier_rank: 1,
      active: true,
    });
    ctx.vendors.push(id);
  });
  for (let i = 0; i < 18; i++) {
    const id = nextId++;
    const parent = ctx.customers[i * 2];
    const first = rng.pick(FIRST_NAMES);
    partners.push({
      id,
      name: `${first} ${rng.pick(LAST_NAMES)}${suffix}`,
      is_company: false,
      type: i % 6 === 5 ? 'invoice' : 'contact',
      parent_id: parent,
      email: `${first.toLowerCase()}.${id}@example.com`,
      customer_rank: 0,
      supplier_rank: 0,
      active: true,
    });
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
  company: CompanySeed;
  rec: Record<string, unknown>;
}

// Sales receipts are posted in the sales journal, so they share the invoices' sequence.
const PREFIX: Record<string, string> = { out_invoice: 'INV', out_receipt: 'INV', out_refund: 'RINV', in_invoice: 'BILL', in_refund: 'RBILL', entry: 'MISC' };
const SIGN: Record<string, number> = { out_invoice: 1, out_receipt: 1, out_refund: -1, in_invoice: -1, in_refund: 1, entry: 1 };

function accounting(ctx: Ctx): void {
  const { rng, cal } = ctx;
  const plan: Array<[string, number]> = [
    ['out_invoice', 172],
    ['out_refund', 28],
    ['in_invoice', 24],
    ['in_refund', 4],
    ['out_receipt', 12],
    ['entry', 12],
  ];
  const moves: MovePlan[] = [];
  for (const [type, count] of plan) {
    for (let i = 0; i < count; i++) {
      const company = drawCompany(ctx);
      const foreign = CURRENCIES.filter((c) => c.active && c.id !== company.currency.id && c.name !== 'JPY');
      const state =
        type === 'entry'
          ? rng.weighted([
              ['posted', 0.9],
              ['draft', 0.1],
            ] as const)
          : rng.weighted([
              ['posted', 0.82],
              ['draft', 0.12],
              ['cancel', 0.06],
            ] as const);
      const undated = state === 'draft' && rng.chance(0.3);
      const invoiceOffset = undated ? null : state === 'draft' ? -rng.int(0, 20) : -rng.int(0, 240);
      const currency = type !== 'entry' && rng.chance(0.2) ? rng.pick(foreign) : company.currency;
      moves.push({ type, state, invoiceOffset, company, rec: amounts(ctx, type, state, currency, company.currency) });
    }
  }
  // Ids grow with the document date, as they would in a live database.
  moves.sort((a, b) => (a.invoiceOffset ?? 1) - (b.invoiceOffset ?? 1));
  const counters = new Map<string, number>();
  const rows: DemoRecord[] = moves.map((m, i) => {
    const id = i + 1;
    const dateOffset = m.invoiceOffset ?? -rng.int(0, 5);
    const invoiceDate = m.invoiceOffset === null || m.type === 'entry' ? null : cal.day(m.invoiceOffset);
    // A receipt is paid on the spot: due the day it is dated.
    const term = m.type === 'out_receipt' ? 0 : rng.pick([0, 15, 30, 30, 45, 60]);
    const isSale = m.type.startsWith('out_');
    const partner = m.type === 'entry' ? null : isSale ? rng.pick(rng.chance(0.1) ? ctx.contacts : ctx.customers) : rng.pick(ctx.vendors);
    let name = '/';
    if (m.state !== 'draft') {
      // Each company has its own journals, so its own sequences.
      const year = cal.day(dateOffset).slice(0, 4);
      const key = `${PREFIX[m.type]}/${year}`;
      const counter = `${m.company.id}:${key}`;
      const n = (counters.get(counter) ?? 0) + 1;
      counters.set(counter, n);
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
      company_id: m.company.id,
      create_date: cal.at(dateOffset, rng.int(7, 18), rng.int(0, 59), rng.int(0, 59)),
      reversed_entry_id: null,
      ...m.rec,
    };
  });
  linkReversals(ctx, rows);
  if (isMulti(ctx)) {
    // Every company holds open documents of every kind, overdue and not yet due.
    for (const c of ctx.companies) {
      const own = rows.filter((m) => m.company_id === c.id);
      for (const type of ['out_invoice', 'out_refund', 'out_receipt']) ensureOpenAndOverdue(ctx, own, type);
    }
  } else {
    for (const type of ['out_refund', 'out_receipt']) ensureOpenAndOverdue(ctx, rows, type);
  }
  ctx.tables['account.move'] = rows;
}

const isOpenMove = (m: DemoRecord) => m.state === 'posted' && (m.payment_state === 'not_paid' || m.payment_state === 'partial');

/**
 * Credit notes and receipts are what Odoo's invoice list leaves out or adds per version, so each
 * database holds open ones of both kinds, overdue and not yet due, whatever the draw gave.
 */
function ensureOpenAndOverdue(ctx: Ctx, rows: DemoRecord[], type: string): void {
  const today = ctx.cal.today;
  const posted = rows.filter((m) => m.move_type === type && m.state === 'posted' && typeof m.invoice_date === 'string');
  const overdue = posted.find((m) => isOpenMove(m) && (m.invoice_date_due as string) < today);
  const notDue = posted.find((m) => isOpenMove(m) && (m.invoice_date_due as string) >= today);
  if (!overdue)
    reopen(
      posted.find((m) => m !== notDue && (m.invoice_date as string) < today),
      ctx.cal.day(-10),
    );
  if (!notDue)
    reopen(
      [...posted].reverse().find((m) => m !== overdue),
      ctx.cal.day(15),
    );
}

/** Makes a posted document unpaid again, due on the given day. */
function reopen(move: DemoRecord | undefined, due: string): void {
  if (!move) return;
  move.payment_state = 'not_paid';
  move.amount_residual = move.amount_total;
  move.amount_residual_signed = move.amount_total_signed;
  move.invoice_date_due = due < (move.invoice_date as string) ? move.invoice_date : due;
}

/** Amounts in the document's currency, and signed ones in its company's currency. */
function amounts(ctx: Ctx, type: string, state: string, currency: CurrencySeed, companyCurrency: CurrencySeed): Record<string, unknown> {
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
  const rate = currency.eur / companyCurrency.eur;
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
  if (type === 'out_refund' || type === 'out_receipt')
    return rng.weighted([
      ['paid', 0.5],
      ['not_paid', 0.3],
      ['in_payment', 0.1],
      ['partial', 0.1],
    ] as const);
  return rng.weighted([
    ['paid', 0.5],
    ['not_paid', 0.35],
    ['partial', 0.15],
  ] as const);
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
  const push = (r: DemoRecord) => leads.push({ company_id: drawCompany(ctx).id, ...r, id: leads.length + 1 });
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
      priority: rng.weighted([
        ['0', 0.4],
        ['1', 0.3],
        ['2', 0.2],
        ['3', 0.1],
      ] as const),
      create_date: cal.at(created, rng.int(8, 17), rng.int(0, 59)),
      active: true,
    };
    if (outcome === 'won') {
      push({ ...base, stage_id: 4, probability: 100, date_closed: cal.at(-rng.int(1, Math.min(200, -created)), 15), date_deadline: cal.day(-rng.int(1, 60)) });
    } else if (outcome === 'lost') {
      push({
        ...base,
        stage_id: rng.int(1, 3),
        probability: 0,
        active: false,
        date_closed: cal.at(-rng.int(1, Math.min(200, -created)), 11),
        date_deadline: cal.day(-rng.int(1, 90)),
      });
    } else {
      const stage = rng.weighted([
        [1, 0.35],
        [2, 0.35],
        [3, 0.3],
      ] as const);
      const probability = Math.max(1, Math.min(99, [10, 30, 60][stage - 1] + rng.int(-5, 15)));
      const deadline = rng.weighted([
        ['future', 0.6],
        ['past', 0.25],
        ['none', 0.15],
      ] as const);
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
  noRevenueOpportunities(ctx, push);
  if (isMulti(ctx)) leadsWithoutCompany(ctx, push);
  ctx.tables['crm.lead'] = leads;
}

/**
 * crm.lead's company is optional, and Odoo's rule shows a lead without one in every company: two
 * open opportunities with a revenue (in no company's currency) and an enquiry.
 */
function leadsWithoutCompany(ctx: Ctx, push: (r: DemoRecord) => void): void {
  const { cal, marker } = ctx;
  [
    { name: `Group framework agreement (${marker})`, stage: 2, probability: 40, revenue: 120000 },
    { name: `Shared services pilot (${marker})`, stage: 3, probability: 65, revenue: 45000 },
  ].forEach((o, i) => {
    push({
      id: 0,
      name: o.name,
      type: 'opportunity',
      company_id: null,
      stage_id: o.stage,
      partner_id: ctx.customers[10 + i],
      email_from: `group${i + 1}@example.com`,
      user_id: ctx.employees[i],
      expected_revenue: o.revenue,
      probability: o.probability,
      priority: '2',
      active: true,
      date_deadline: cal.day(30 + i * 15),
      date_closed: null,
      create_date: cal.at(-20 - i, 10),
    });
  });
  push({
    id: 0,
    name: `Inbound enquiry without company (${marker})`,
    type: 'lead',
    company_id: null,
    stage_id: 1,
    partner_id: null,
    email_from: 'lead-group@example.net',
    user_id: null,
    expected_revenue: 2500,
    probability: 10,
    priority: '0',
    active: true,
    date_deadline: null,
    date_closed: null,
    create_date: cal.at(-3, 9),
  });
}

/**
 * Open opportunities nobody priced yet. 16/17 declare expected_revenue without a default, so the
 * column stays NULL (and sorts first in "expected_revenue desc"); 18/19 default it to 0.0
 * (crm_lead.py: 16 L149, 17 L152 without default; 18 L144, 19 L141 default=0.0).
 */
function noRevenueOpportunities(ctx: Ctx, push: (r: DemoRecord) => void): void {
  const { rng, cal, marker, version } = ctx;
  for (let i = 0; i < 3; i++) {
    const stage = 1 + (i % 2);
    push({
      id: 0,
      name: `Budget not known yet ${i + 1} (${marker})`,
      type: 'opportunity',
      stage_id: stage,
      partner_id: ctx.customers[3 + i],
      email_from: `prospect${i + 1}@example.com`,
      user_id: ctx.employees[i],
      expected_revenue: version <= 17 ? null : 0,
      probability: stage === 1 ? 10 : 30,
      priority: '1',
      active: true,
      date_deadline: i === 0 ? null : cal.day(rng.int(5, 40)),
      date_closed: null,
      create_date: cal.at(-rng.int(1, 30), 11),
    });
  }
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
  ].map((p) => ({ company_id: projectCompany(ctx, p.id), ...p }));
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
    const stage = rng.weighted([
      [1, 0.22],
      [2, 0.3],
      [3, 0.14],
      [4, 0.24],
      [5, 0.1],
    ] as const);
    const closed = stage >= 4;
    const created = -rng.int(1, 200);
    const nUsers = rng.weighted([
      [0, 0.15],
      [1, 0.55],
      [2, 0.2],
      [3, 0.1],
    ] as const);
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
      date_deadline: deadline(
        rng.weighted([
          ['none', 0.3],
          ['past', 0.35],
          ['future', 0.3],
          ['today', 0.05],
        ] as const),
      ),
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
  hiddenSubtasks(ctx, tasks, taskName);
  if (version >= 19) templateSubtasks(ctx, tasks, taskName);
  // A task takes its project's company; a private to-do has none in a multi-company database.
  const projectCompanies = new Map(ctx.tables['project.project'].map((p) => [p.id, p.company_id]));
  ctx.tables['project.task'] = tasks.map((t) => ({
    company_id: isMulti(ctx) ? (projectCompanies.get(t.project_id as number) ?? null) : 1,
    planned_hours: null,
    allocated_hours: null,
    ...t,
    [version === 16 ? 'planned_hours' : 'allocated_hours']: rng.amount(1, 40, 1),
  }));
}

/** Even projects belong to the second company of a multi-company database. */
function projectCompany(ctx: Ctx, id: number): number {
  return isMulti(ctx) && id % 2 === 0 ? ctx.companies[1].id : ctx.companies[0].id;
}

/** An open task in a project's first stage, as a subtask of `parent`. */
function openSubtask(ctx: Ctx, tasks: DemoRecord[], parent: DemoRecord, name: string, values: Partial<DemoRecord> = {}): DemoRecord {
  const task: DemoRecord = {
    id: tasks.length + 1,
    name,
    project_id: parent.project_id,
    stage_id: 1,
    active: true,
    user_ids: [ctx.employees[tasks.length % ctx.employees.length]],
    partner_id: parent.partner_id ?? null,
    priority: '0',
    sequence: 10,
    date_deadline: null,
    date_end: null,
    ...(ctx.version === 16 ? { kanban_state: 'normal' } : { state: '01_in_progress' }),
    display_in_project: true,
    is_template: false,
    parent_id: parent.id,
    create_date: ctx.cal.at(-ctx.rng.int(1, 20), 10),
    ...values,
  };
  tasks.push(task);
  return task;
}

/**
 * Subtasks added from their parent's form: 17/18 store display_in_project False for them and
 * "All Tasks" hides them (17 project_task.py L921-934); 19 computes the same value.
 */
function hiddenSubtasks(ctx: Ctx, tasks: DemoRecord[], taskName: (prefix?: string) => string): void {
  const open = (t: DemoRecord) => t.parent_id === null && typeof t.project_id === 'number' && t.project_id <= 4 && t.active && (t.stage_id as number) <= 3;
  const parents = tasks.filter(open).slice(0, 3);
  parents.forEach((parent, i) => {
    openSubtask(ctx, tasks, parent, taskName('Subtask: '), {
      display_in_project: false,
      date_deadline: i === 0 ? null : ctx.version >= 17 ? ctx.cal.at(i * 3, 12) : ctx.cal.day(i * 3),
    });
  });
}

/** 19: subtasks of a template task, and a subtask of one of them (has_template_ancestor is True). */
function templateSubtasks(ctx: Ctx, tasks: DemoRecord[], taskName: (prefix?: string) => string): void {
  const template = tasks.find((t) => t.is_template === true);
  if (!template) return;
  const child = openSubtask(ctx, tasks, template, taskName('Template step: '));
  openSubtask(ctx, tasks, template, taskName('Template step: '));
  openSubtask(ctx, tasks, child, taskName('Template sub-step: '));
}

function versionTaskFields(ctx: Ctx, stage: number): Record<string, unknown> {
  const { rng, version } = ctx;
  if (version === 16) {
    return {
      kanban_state:
        stage === 4
          ? 'done'
          : rng.weighted([
              ['normal', 0.75],
              ['blocked', 0.15],
              ['done', 0.1],
            ] as const),
    };
  }
  const state =
    stage === 4
      ? '1_done'
      : stage === 5
        ? '1_canceled'
        : rng.weighted([
            ['01_in_progress', 0.55],
            ['02_changes_requested', 0.1],
            ['03_approved', 0.15],
            ['04_waiting_normal', 0.2],
          ] as const);
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
    const stage = rng.weighted([
      [1, 0.2],
      [2, 0.25],
      [3, 0.1],
      [4, 0.35],
      [5, 0.1],
    ] as const);
    const created = -rng.int(0, 90);
    const folded = stage >= 4;
    const subject = rng.pick(TICKET_SUBJECTS);
    const n = (counts.get(subject) ?? 0) + 1;
    counts.set(subject, n);
    tickets.push({
      id: i + 1,
      name: `${subject}${n > 1 ? ` #${n}` : ''} (${marker})`,
      stage_id: stage,
      priority: rng.weighted([
        ['0', 0.4],
        ['1', 0.3],
        ['2', 0.2],
        ['3', 0.1],
      ] as const),
      partner_id: rng.chance(0.9) ? rng.pick(rng.chance(0.3) ? ctx.contacts : ctx.customers) : null,
      user_id: rng.chance(0.8) ? rng.pick(ctx.employees) : null,
      company_id: ticketCompany(ctx, i),
      active: !(i % 20 === 13),
      create_date: cal.at(created, rng.int(6, 20), rng.int(0, 59), rng.int(0, 59)),
      close_date: folded ? cal.at(Math.min(0, created + rng.int(0, 10)), rng.int(9, 18)) : null,
      sla_deadline: rng.chance(0.5) ? cal.at(created + rng.int(1, 5), 18) : null,
    });
  }
  ctx.tables['helpdesk.ticket'] = tickets;
}

/**
 * A ticket takes its team's company; one without a team has none, and Odoo's rule shows it in
 * every company. Multi-company databases hold three of those.
 */
function ticketCompany(ctx: Ctx, i: number): number | null {
  if (!isMulti(ctx)) return 1;
  if (i % 20 === 5) return null;
  return drawCompany(ctx).id;
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
  const warehouses = warehouseSeeds(ctx);
  const [main, second] = warehouses;
  // Locations shared by every company (partners, virtual ones) have none in a multi-company database.
  const shared = isMulti(ctx) ? null : 1;
  const locationCompany = (warehouse: number | null) => (warehouse === null ? shared : warehouses[warehouse - 1].company);
  ctx.tables['stock.location'] = [
    { id: 1, name: 'Physical Locations', complete_name: 'Physical Locations', usage: 'view', location_id: null, warehouse_id: null },
    { id: 2, name: 'Partners', complete_name: 'Partners', usage: 'view', location_id: null, warehouse_id: null },
    { id: 3, name: 'Vendors', complete_name: 'Partners/Vendors', usage: 'supplier', location_id: 2, warehouse_id: null },
    { id: 4, name: 'Customers', complete_name: 'Partners/Customers', usage: 'customer', location_id: 2, warehouse_id: null },
    { id: 5, name: 'Inventory adjustment', complete_name: 'Virtual Locations/Inventory adjustment', usage: 'inventory', location_id: null, warehouse_id: null },
    { id: 7, name: main.code, complete_name: main.code, usage: 'view', location_id: 1, warehouse_id: 1 },
    { id: 8, name: 'Stock', complete_name: `${main.code}/Stock`, usage: 'internal', location_id: 7, warehouse_id: 1 },
    { id: 9, name: second.code, complete_name: second.code, usage: 'view', location_id: 1, warehouse_id: 2 },
    { id: 10, name: 'Stock', complete_name: `${second.code}/Stock`, usage: 'internal', location_id: 9, warehouse_id: 2 },
  ].map((l) => ({ company_id: locationCompany(l.warehouse_id), active: true, ...l }));
  ctx.tables['stock.warehouse'] = warehouses.map((w) => ({
    id: w.id,
    name: w.name,
    code: w.code,
    sequence: w.id,
    view_location_id: w.view,
    lot_stock_id: w.stock,
    company_id: w.company,
    active: true,
  }));
  const prefix =
    spec.name
      .replace(/[^a-z]/gi, '')
      .slice(0, 3)
      .toUpperCase() || 'DMO';
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
      uom_id:
        kind === 'service'
          ? 4
          : rng.weighted([
              [1, 0.8],
              [3, 0.08],
              [5, 0.07],
              [2, 0.05],
            ] as const),
      company_id: null,
      sale_ok: true,
      purchase_ok: kind !== 'combo',
      active: ![17, 44, 71, 90, 111].includes(id),
    });
  }
  ctx.tables['product.product'] = products;
  stock(
    ctx,
    products.filter((p) => p.id <= 80),
  );
}

function productType(kind: string, version: DemoOdooVersion): Record<string, unknown> {
  const legacy = { storable: 'product', consumable: 'consu', service: 'service', combo: 'consu' }[kind]!;
  if (version <= 17) return { type: legacy, detailed_type: legacy };
  return { type: kind === 'service' ? 'service' : kind === 'combo' ? 'combo' : 'consu', is_storable: kind === 'storable' };
}

// Locations of the seeded stock.
const VENDORS = 3;
const CUSTOMERS = 4;
const WH_STOCK = 8;
const E1_STOCK = 10;

interface WarehouseSeed {
  id: 1 | 2;
  code: string;
  name: string;
  company: number;
  view: number;
  stock: number;
}

/** Two warehouses; in a multi-company database the second one belongs to the second company. */
function warehouseSeeds(ctx: Ctx): WarehouseSeed[] {
  const { marker } = ctx;
  const second = isMulti(ctx)
    ? { code: 'US', name: `${marker} US Warehouse`, company: ctx.companies[1].id }
    : { code: 'E1', name: `${marker} East Depot`, company: 1 };
  return [
    { id: 1, code: 'WH', name: isMulti(ctx) ? `${marker} EU Warehouse` : `${marker} Main Warehouse`, company: ctx.companies[0].id, view: 7, stock: WH_STOCK },
    { id: 2, ...second, view: 9, stock: E1_STOCK },
  ];
}

/** What the replenishment cases need: rules, quants and planned moves, built in that order. */
class StockPlan {
  readonly quants: DemoRecord[] = [];
  readonly rules: DemoRecord[] = [];
  readonly moves: DemoRecord[] = [];
  private readonly refs = new Map<string, number>();
  private readonly warehouses: WarehouseSeed[];

  constructor(private readonly ctx: Ctx) {
    this.warehouses = warehouseSeeds(ctx);
  }

  /** The warehouse whose stock location is `location`. */
  private warehouseAt(location: number): WarehouseSeed {
    return this.warehouses.find((w) => w.stock === location) ?? this.warehouses[0];
  }

  quant(product: number, location: number, quantity: number): void {
    if (quantity === 0) return;
    const company = this.warehouseAt(location).company;
    this.quants.push({ id: this.quants.length + 1, product_id: product, location_id: location, quantity, reserved_quantity: 0, company_id: company });
  }

  rule(product: DemoRecord, warehouse: 1 | 2, values: Partial<DemoRecord> = {}): DemoRecord {
    const { rng } = this.ctx;
    const min = rng.int(5, 60);
    const rule: DemoRecord = {
      id: this.rules.length + 1,
      name: `OP/${String(this.rules.length + 1).padStart(5, '0')}`,
      product_id: product.id,
      warehouse_id: warehouse,
      location_id: warehouse === 1 ? WH_STOCK : E1_STOCK,
      company_id: this.warehouses[warehouse - 1].company,
      product_min_qty: min,
      product_max_qty: min + rng.int(10, 150),
      qty_multiple: rng.pick([1, 1, 5, 10]),
      trigger: 'auto',
      snoozed_until: null,
      active: true,
      // Vendor and route delays: the forecast counts the moves planned up to today + lead_days.
      lead_days: warehouse === 1 ? rng.pick([1, 3, 7]) : 2,
      ...values,
    };
    this.rules.push(rule);
    return rule;
  }

  /** A planned transfer; `day` is the scheduled date relative to today. */
  move(product: DemoRecord, from: number, to: number, qty: number, day: number, state = 'assigned'): DemoRecord {
    const { cal, rng, version } = this.ctx;
    const incoming = from === VENDORS;
    const warehouse = this.warehouseAt(incoming ? to : from);
    const kind = incoming ? 'IN' : 'OUT';
    const n = (this.refs.get(`${warehouse.code}/${kind}`) ?? 0) + 1;
    this.refs.set(`${warehouse.code}/${kind}`, n);
    const move: DemoRecord = {
      id: this.moves.length + 1,
      reference: `${warehouse.code}/${kind}/${String(n).padStart(5, '0')}`,
      sequence: 10,
      origin: incoming ? `P${String(rng.int(1, 999)).padStart(5, '0')}` : `S${String(rng.int(1, 999)).padStart(5, '0')}`,
      date: cal.at(day, rng.int(8, 17)),
      company_id: warehouse.company,
      product_id: product.id,
      product_uom_qty: qty,
      product_qty: qty,
      product_uom: product.uom_id,
      location_id: from,
      location_dest_id: to,
      location_final_id: null,
      partner_id: incoming ? rng.pick(this.ctx.vendors) : rng.pick(this.ctx.customers),
      state,
    };
    if (version <= 18) move.name = String(product.name);
    this.moves.push(move);
    return move;
  }

  receipt(product: DemoRecord, to: number, qty: number, day: number, state?: string): DemoRecord {
    return this.move(product, VENDORS, to, qty, day, state);
  }

  delivery(product: DemoRecord, from: number, qty: number, day: number, state?: string): DemoRecord {
    return this.move(product, from, CUSTOMERS, qty, day, state);
  }
}

/**
 * Quants, reordering rules and planned moves. Each rule's forecast is on hand at its location plus
 * receipts minus deliveries planned up to its lead date, so the data holds rules that only the
 * forecast triggers or clears, per warehouse, snoozed ones, manual ones and archived ones. The
 * role of each rule is fixed by its position `k` among the products drawn for rules.
 */
function stock(ctx: Ctx, storable: DemoRecord[]): void {
  const { rng, version } = ctx;
  const plan = new StockPlan(ctx);
  const onHand = new Map<number, number>();
  for (const p of storable) {
    const roll = rng.next();
    onHand.set(p.id, roll < 0.15 ? 0 : roll < 0.2 ? -rng.int(1, 5) : rng.int(1, 400));
  }
  const withRules = rng.sample(
    storable.filter((p) => p.active !== false),
    40,
  );
  // Where each product mostly lives: the main warehouse, or in a multi-company database one of
  // the two, so each company has rules of every kind and stock of its own.
  const homes = new Map(storable.map((p) => [p.id, isMulti(ctx) && p.id % 2 === 0 ? E1_STOCK : WH_STOCK]));
  const away = (location: number) => (location === WH_STOCK ? E1_STOCK : WH_STOCK);
  const east = new Map<number, number>();
  const below = (min: number) => Math.floor(min * rng.amount(0, 0.8));
  const above = (min: number) => min + rng.int(5, 200);
  withRules.forEach((product, k) => {
    const home = isMulti(ctx) && k % 3 === 1 ? E1_STOCK : WH_STOCK;
    homes.set(product.id, home);
    const rule = plan.rule(product, home === WH_STOCK ? 1 : 2, ruleValues(ctx, k));
    const min = rule.product_min_qty as number;
    const lead = rule.lead_days as number;
    const triggersOnHand = k < 12 || k === 14 || k === 15 || k === 21 || k === 37 || k === 38;
    onHand.set(product.id, k === 3 ? -3 : triggersOnHand ? below(min) : above(min));
    const qty = onHand.get(product.id)!;
    if (k >= 8 && k <= 11) {
      // Below the minimum now; receipts due within the lead time lift the forecast above it.
      plan.receipt(product, home, min - qty + rng.int(5, 40), rng.int(-2, lead), k === 9 ? 'confirmed' : 'assigned');
      if (k === 8) plan.receipt(product, home, rng.int(1, 10), rng.int(0, lead), 'waiting');
      if (version <= 17 && k === 8) rule.qty_to_order = staleQtyToOrder(rule, qty);
    } else if (k === 12 || k === 13) {
      // Above the minimum now; deliveries due within the lead time push the forecast below it.
      plan.delivery(product, home, qty - min + rng.int(1, 10), rng.int(0, lead), k === 12 ? 'confirmed' : 'assigned');
      if (version <= 17 && k === 12) rule.qty_to_order = 0;
    } else if (k === 14) {
      // A receipt due after the lead date does not count for the rule (it does for the product).
      plan.receipt(product, home, min + 50, lead + rng.int(3, 10));
    } else if (k === 15) {
      plan.receipt(product, home, min + 20, 0, 'cancel');
      plan.receipt(product, home, min + 20, 1, 'draft');
    } else if (k === 16) {
      plan.delivery(product, home, rng.int(5, 20), -rng.int(3, 30), 'done');
    } else if (k === 0) {
      // Expected at the other warehouse: the product's forecast rises, this rule's does not.
      plan.receipt(product, away(home), min + 30, 1);
    }
    if (k >= 36) {
      const eastRule = plan.rule(product, home === WH_STOCK ? 2 : 1);
      const eastMin = eastRule.product_min_qty as number;
      east.set(product.id, k === 36 || k === 38 ? below(eastMin) : above(eastMin));
    }
  });
  for (const p of storable) {
    const home = homes.get(p.id)!;
    plan.quant(p.id, home, onHand.get(p.id) ?? 0);
    const eastQty = east.get(p.id);
    if (eastQty !== undefined) plan.quant(p.id, away(home), eastQty);
    else if (rng.chance(0.3)) plan.quant(p.id, away(home), rng.int(0, 50));
  }
  backgroundMoves(ctx, plan, storable, new Set(withRules.map((p) => p.id)), onHand, homes);
  ctx.tables['stock.quant'] = plan.quants;
  ctx.tables['stock.warehouse.orderpoint'] = plan.rules;
  ctx.tables['stock.move'] = plan.moves;
}

/** The fixed role of the k-th rule: snoozed, manual or archived. */
function ruleValues(ctx: Ctx, k: number): Partial<DemoRecord> {
  const { cal, rng } = ctx;
  const values: Partial<DemoRecord> = {};
  if (k === 20 || k === 21) values.trigger = 'manual';
  if (k === 2 || k === 30) values.active = false;
  // Snoozed until a later day hides the rule; until today or an earlier day it shows again.
  if (k === 5) values.snoozed_until = cal.day(rng.int(3, 20));
  if (k === 6) values.snoozed_until = cal.day(0);
  if (k === 7) values.snoozed_until = cal.day(-1);
  if (k === 3) values.product_min_qty = 0;
  return values;
}

/**
 * 16/17 store qty_to_order and recompute it when the rule changes, not when stock moves: the value
 * written before the receipt was planned still asks to order (16 stock_orderpoint.py L273-292).
 */
function staleQtyToOrder(rule: DemoRecord, onHand: number): number {
  const qty = Math.max(rule.product_min_qty as number, rule.product_max_qty as number) - onHand;
  const multiple = (rule.qty_multiple as number) || 0;
  const remainder = multiple > 0 ? qty % multiple : 0;
  return remainder > 0 ? qty + multiple - remainder : qty;
}

/** Ordinary traffic on products without rules: receipts, deliveries and done history. */
function backgroundMoves(ctx: Ctx, plan: StockPlan, storable: DemoRecord[], ruled: Set<number>, onHand: Map<number, number>, homes: Map<number, number>): void {
  const { rng } = ctx;
  for (const p of storable) {
    if (ruled.has(p.id)) continue;
    const home = homes.get(p.id)!;
    if (rng.chance(0.15)) plan.receipt(p, home, rng.int(5, 100), rng.int(0, 20), rng.pick(['assigned', 'confirmed']));
    const qty = onHand.get(p.id) ?? 0;
    if (qty > 10 && rng.chance(0.15)) plan.delivery(p, home, rng.int(1, Math.floor(qty / 2)), rng.int(0, 10), rng.pick(['assigned', 'confirmed', 'waiting']));
    if (rng.chance(0.1)) plan.receipt(p, home, rng.int(5, 50), -rng.int(5, 60), 'done');
  }
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
