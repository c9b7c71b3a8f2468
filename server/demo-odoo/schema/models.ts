// The models the demo serves, per Odoo version and edition, with the fields, selections,
// storage and search behaviour the reference documents for each version.

import type { DemoOdooEdition, DemoOdooVersion, DemoRecord } from '../demo-odoo.types';
import { PyException, userError } from '../python/odoo-exceptions';
import { pyStrRepr } from '../python/py-values';
import {
  boolean,
  char,
  date,
  datetime,
  DbView,
  defineModel,
  Domain,
  float,
  integer,
  many2many,
  many2one,
  ModelDef,
  ModelSpec,
  monetary,
  selection,
} from './fields';

export type ModelRegistry = Map<string, ModelDef>;

const PAYMENT_STATES: Array<[string, string]> = [
  ['not_paid', 'Not Paid'],
  ['in_payment', 'In Payment'],
  ['paid', 'Paid'],
  ['partial', 'Partially Paid'],
  ['reversed', 'Reversed'],
  ['invoicing_legacy', 'Invoicing App Legacy'],
];

export const TASK_STATES: Array<[string, string]> = [
  ['01_in_progress', 'In Progress'],
  ['02_changes_requested', 'Changes Requested'],
  ['03_approved', 'Approved'],
  ['1_done', 'Done'],
  ['1_canceled', 'Cancelled'],
  ['04_waiting_normal', 'Waiting'],
];
export const CLOSED_TASK_STATES = ['1_done', '1_canceled'];

export const TICKET_PRIORITY: Array<[string, string]> = [
  ['0', 'Low priority'],
  ['1', 'Medium priority'],
  ['2', 'High priority'],
  ['3', 'Urgent'],
];

/** Builds the installed models of one database. Helpdesk exists on Enterprise only. */
export function buildModels(version: DemoOdooVersion, edition: DemoOdooEdition): ModelRegistry {
  const specs: Record<string, ModelSpec> = {
    'res.company': companySpec(),
    'res.partner': partnerSpec(version),
    'res.users': usersSpec(),
    'res.currency': currencySpec(),
    'uom.uom': uomSpec(),
    'account.move': moveSpec(version),
    'crm.stage': crmStageSpec(),
    'crm.lead': leadSpec(version),
    'project.project': projectSpec(),
    'project.task.type': taskTypeSpec(),
    'project.task': taskSpec(version),
    'product.product': productSpec(version),
    'stock.warehouse': warehouseSpec(),
    'stock.location': locationSpec(),
    'stock.quant': quantSpec(),
    'stock.warehouse.orderpoint': orderpointSpec(version),
  };
  if (edition === 'enterprise') {
    specs['helpdesk.stage'] = helpdeskStageSpec();
    specs['helpdesk.ticket'] = ticketSpec(version);
  }
  const registry: ModelRegistry = new Map();
  for (const [name, spec] of Object.entries(specs)) registry.set(name, defineModel(name, spec, version));
  return registry;
}

const companyField = () => many2one('res.company', 'Company');

function companySpec(): ModelSpec {
  return {
    description: 'Companies',
    order: 'sequence, name',
    groups: ['Administration/Settings'],
    fields: {
      name: char('Company Name', { required: true, inherited: true, store: false }),
      partner_id: many2one('res.partner', 'Partner', { required: true }),
      currency_id: many2one('res.currency', 'Currency', { required: true }),
      email: char('Email'),
      phone: char('Phone'),
      sequence: integer('Sequence'),
      active: boolean('Active'),
    },
  };
}

function partnerSpec(version: DemoOdooVersion): ModelSpec {
  const parentName = (rec: DemoRecord, db: DbView) => {
    const parent = typeof rec.parent_id === 'number' ? db.record('res.partner', rec.parent_id) : undefined;
    return parent && !rec.is_company ? `${parent.name}, ${rec.name}` : String(rec.name ?? '');
  };
  return {
    description: 'Contact',
    order: version >= 17 ? 'complete_name ASC, id DESC' : 'display_name, id',
    groups: ['Extra Rights/Contact Creation'],
    parentField: 'parent_id',
    displayName: parentName,
    fields: {
      name: char('Name'),
      // 16 stores display_name on partners; 17 moved that to complete_name.
      display_name: version >= 17 ? undefined : char('Display Name', { store: true, compute: parentName }),
      complete_name: version >= 17 ? char('Complete Name', { store: true, compute: parentName }) : undefined,
      ref: char('Reference'),
      email: char('Email'),
      phone: char('Phone'),
      street: char('Street'),
      city: char('City'),
      zip: char('Zip'),
      vat: char('Tax ID'),
      is_company: boolean('Is a Company'),
      type: selection('Address Type', [
        ['contact', 'Contact'],
        ['invoice', 'Invoice Address'],
        ['delivery', 'Delivery Address'],
        ['other', 'Other Address'],
      ]),
      parent_id: many2one('res.partner', 'Related Company'),
      commercial_partner_id: many2one('res.partner', 'Commercial Entity', {
        store: true,
        compute: (rec) => (typeof rec.parent_id === 'number' && !rec.is_company ? rec.parent_id : rec.id),
      }),
      user_id: many2one('res.users', 'Salesperson'),
      company_id: companyField(),
      customer_rank: integer('Customer Rank'),
      supplier_rank: integer('Supplier Rank'),
      active: boolean('Active'),
    },
  };
}

function usersSpec(): ModelSpec {
  return {
    description: 'User',
    order: 'name, login',
    groups: ['Administration/Access Rights'],
    fields: {
      name: char('Name', { inherited: true, store: false }),
      login: char('Login', { required: true }),
      partner_id: many2one('res.partner', 'Related Partner', { required: true }),
      company_id: many2one('res.company', 'Company', { required: true }),
      company_ids: many2many('res.company', 'Companies'),
      share: boolean('Share User', { store: true, compute: (rec) => rec.share === true }),
      tz: char('Timezone', { inherited: true, store: false }),
      active: boolean('Active'),
    },
  };
}

function currencySpec(): ModelSpec {
  return {
    description: 'Currency',
    order: 'active desc, name',
    groups: ['Administration/Settings'],
    fields: {
      name: char('Currency', { required: true }),
      full_name: char('Name'),
      symbol: char('Symbol', { required: true }),
      rate: float('Current Rate', { compute: (rec, db) => currencyRate(db, rec.id) }),
      rounding: float('Rounding Factor'),
      decimal_places: integer('Decimal Places', { compute: (rec) => rec.decimal_places ?? 2 }),
      position: selection('Symbol Position', [
        ['after', 'After Amount'],
        ['before', 'Before Amount'],
      ]),
      currency_unit_label: char('Currency Unit'),
      active: boolean('Active'),
    },
  };
}

/** Units of this currency per unit of the company currency, as res.currency.rate reads. */
export function currencyRate(db: DbView, currencyId: number): number {
  const company = db.records('res.company')[0];
  const companyCur = company ? db.record('res.currency', company.currency_id as number) : undefined;
  const cur = db.record('res.currency', currencyId);
  const base = (companyCur?.eur_rate as number) || 1;
  return Math.round((((cur?.eur_rate as number) || 1) / base) * 1e6) / 1e6;
}

function uomSpec(): ModelSpec {
  return {
    description: 'Product Unit of Measure',
    order: 'factor DESC, id',
    groups: ['Inventory/Administrator'],
    fields: {
      name: char('Unit of Measure', { required: true, translate: true }),
      factor: float('Ratio'),
      rounding: float('Rounding Precision'),
      active: boolean('Active'),
    },
  };
}

function moveSpec(version: DemoOdooVersion): ModelSpec {
  const payment = version >= 18 ? [...PAYMENT_STATES.slice(0, 5), ['blocked', 'Blocked'] as [string, string], PAYMENT_STATES[5]] : PAYMENT_STATES;
  return {
    description: 'Journal Entry',
    order: version >= 19 ? 'date desc, name desc, invoice_date desc, id desc' : 'date desc, name desc, id desc',
    groups: ['Invoicing/Billing', 'Invoicing/Billing Administrator'],
    displayName: moveDisplayName,
    fields: {
      name: char('Number', { readonly: true }),
      ref: char('Reference'),
      move_type: selection(
        'Type',
        [
          ['entry', 'Journal Entry'],
          ['out_invoice', 'Customer Invoice'],
          ['out_refund', 'Customer Credit Note'],
          ['in_invoice', 'Vendor Bill'],
          ['in_refund', 'Vendor Credit Note'],
          ['out_receipt', 'Sales Receipt'],
          ['in_receipt', 'Purchase Receipt'],
        ],
        { required: true },
      ),
      state: selection(
        'Status',
        [
          ['draft', 'Draft'],
          ['posted', 'Posted'],
          ['cancel', 'Cancelled'],
        ],
        { required: true },
      ),
      date: date('Date', { required: true }),
      invoice_date: date('Invoice/Bill Date'),
      invoice_date_due: date('Due Date', { store: true, compute: (rec) => rec.invoice_date_due ?? null }),
      partner_id: many2one('res.partner', 'Partner'),
      commercial_partner_id: many2one('res.partner', 'Commercial Entity', {
        store: true,
        compute: (rec, db) => (typeof rec.partner_id === 'number' ? db.value('res.partner', db.record('res.partner', rec.partner_id)!, 'commercial_partner_id') : null),
      }),
      invoice_user_id: many2one('res.users', 'Salesperson'),
      invoice_origin: char('Origin'),
      currency_id: many2one('res.currency', 'Currency', { required: true }),
      company_id: companyField(),
      company_currency_id: many2one('res.currency', 'Company Currency', { related: 'company_id.currency_id', readonly: true }),
      amount_untaxed: monetary('Untaxed Amount', { readonly: true }),
      amount_tax: monetary('Tax', { readonly: true }),
      amount_total: monetary('Total', { readonly: true }),
      amount_residual: monetary('Amount Due', { readonly: true }),
      amount_untaxed_signed: monetary('Untaxed Amount Signed', { readonly: true }),
      amount_total_signed: monetary('Total Signed', { readonly: true }),
      amount_total_in_currency_signed: monetary('Total in Currency Signed', { readonly: true }),
      amount_residual_signed: monetary('Amount Due Signed', { readonly: true }),
      payment_state: selection('Payment Status', payment, { readonly: true }),
      reversed_entry_id: many2one('account.move', 'Reversal of'),
    },
  };
}

const DRAFT_LABELS: Record<string, string> = {
  out_invoice: 'Draft Invoice',
  out_refund: 'Draft Credit Note',
  in_invoice: 'Draft Bill',
  in_refund: 'Draft Vendor Credit Note',
  out_receipt: 'Draft Sales Receipt',
  in_receipt: 'Draft Purchase Receipt',
  entry: 'Draft Entry',
};

function moveDisplayName(rec: DemoRecord): string {
  if (rec.state === 'draft') return `${DRAFT_LABELS[rec.move_type as string] ?? 'Draft Entry'} (* ${rec.id})`;
  return String(rec.name ?? '/');
}

function crmStageSpec(): ModelSpec {
  return {
    description: 'CRM Stages',
    order: 'sequence, name, id',
    groups: ['Sales/Administrator'],
    fields: {
      name: char('Stage Name', { required: true, translate: true }),
      sequence: integer('Sequence'),
      is_won: boolean('Is Won Stage?'),
      fold: boolean('Folded in Pipeline'),
    },
  };
}

function leadSpec(version: DemoOdooVersion): ModelSpec {
  return {
    description: 'Lead/Opportunity',
    order: 'priority desc, id desc',
    groups: ['Sales/User: Own Documents Only', 'Sales/User: All Documents'],
    fields: {
      name: char('Opportunity', { required: true }),
      type: selection(
        'Type',
        [
          ['lead', 'Lead'],
          ['opportunity', 'Opportunity'],
        ],
        { required: true },
      ),
      active: boolean('Active'),
      stage_id: many2one('crm.stage', 'Stage'),
      partner_id: many2one('res.partner', 'Customer'),
      email_from: char('Email'),
      user_id: many2one('res.users', 'Salesperson'),
      company_id: companyField(),
      company_currency: many2one('res.currency', 'Currency', { related: 'company_id.currency_id', readonly: true }),
      expected_revenue: monetary('Expected Revenue'),
      prorated_revenue: monetary('Prorated Revenue', {
        store: true,
        compute: (rec) => Math.round(((rec.expected_revenue as number) ?? 0) * ((rec.probability as number) ?? 0)) / 100,
      }),
      probability: float('Probability'),
      priority: selection('Priority', [
        ['0', 'Low'],
        ['1', 'Medium'],
        ['2', 'High'],
        ['3', 'Very High'],
      ]),
      date_deadline: date('Expected Closing'),
      date_closed: datetime('Closed Date', { readonly: true }),
      won_status:
        version >= 19
          ? selection(
              'Is Won',
              [
                ['won', 'Won'],
                ['lost', 'Lost'],
                ['pending', 'Pending'],
              ],
              { store: true, compute: wonStatus },
            )
          : undefined,
    },
  };
}

/** crm 19 _compute_won_status. */
function wonStatus(rec: DemoRecord, db: DbView): string {
  const stage = typeof rec.stage_id === 'number' ? db.record('crm.stage', rec.stage_id) : undefined;
  if (rec.probability === 100 && stage?.is_won) return 'won';
  if (!rec.active && rec.probability === 0) return 'lost';
  return 'pending';
}

function projectSpec(): ModelSpec {
  return {
    description: 'Project',
    order: 'sequence, name, id',
    groups: ['Project/Administrator'],
    fields: {
      name: char('Name', { required: true, translate: true }),
      active: boolean('Active'),
      sequence: integer('Sequence'),
      partner_id: many2one('res.partner', 'Customer'),
      user_id: many2one('res.users', 'Project Manager'),
      company_id: companyField(),
    },
  };
}

function taskTypeSpec(): ModelSpec {
  return {
    description: 'Task Stage',
    order: 'sequence, id',
    groups: ['Project/Administrator'],
    fields: {
      name: char('Name', { required: true, translate: true }),
      sequence: integer('Sequence'),
      fold: boolean('Folded in Kanban'),
      active: boolean('Active'),
      project_ids: many2many('project.project', 'Projects'),
      user_id: many2one('res.users', 'Stage Owner'),
    },
  };
}

function taskSpec(version: DemoOdooVersion): ModelSpec {
  const stateClosed = (rec: DemoRecord) => CLOSED_TASK_STATES.includes(rec.state as string);
  return {
    description: 'Task',
    order: version >= 19 ? 'priority desc, sequence, date_deadline asc, id desc' : 'priority desc, sequence, id desc',
    groups: ['Project/User'],
    fields: {
      name: char('Title', { required: true }),
      active: boolean('Active'),
      project_id: many2one('project.project', 'Project'),
      stage_id: many2one('project.task.type', 'Stage'),
      user_ids: many2many('res.users', 'Assignees'),
      partner_id: many2one('res.partner', 'Customer'),
      company_id: companyField(),
      parent_id: many2one('project.task', 'Parent Task'),
      priority: selection('Priority', [
        ['0', 'Low'],
        ['1', 'High'],
      ]),
      sequence: integer('Sequence'),
      date_deadline: version >= 17 ? datetime('Deadline') : date('Deadline'),
      date_assign: datetime('Assigning Date'),
      date_end: datetime('Ending Date'),
      date_last_stage_update: datetime('Last Stage Update'),
      planned_hours: version === 16 ? float('Initially Planned Hours') : undefined,
      allocated_hours: version >= 17 ? float('Allocated Time') : undefined,
      kanban_state:
        version === 16
          ? selection('Status', [
              ['normal', 'In Progress'],
              ['done', 'Ready'],
              ['blocked', 'Blocked'],
            ])
          : undefined,
      state: version >= 17 ? selection('State', TASK_STATES, { required: true }) : undefined,
      // 16: related stage_id.fold, stored. 17: no such field. 18/19: computed from state with a search method.
      is_closed:
        version === 16
          ? boolean('Closing Stage', { store: true, related: 'stage_id.fold' })
          : version >= 18
            ? boolean('Closed State', { compute: stateClosed, search: searchIsClosed })
            : undefined,
      display_in_project: version >= 17 ? boolean('Display In Project') : undefined,
      is_template: version >= 19 ? boolean('Is Template') : undefined,
      has_template_ancestor: version >= 19 ? boolean('Has Template Ancestor', { compute: (rec) => rec.is_template === true, searchable: true }) : undefined,
    },
    parentField: 'parent_id',
  };
}

/** project.task _search_is_closed (18/19): only = / != against a boolean. */
function searchIsClosed(db: DbView, operator: string, value: unknown): Domain {
  const ok = (operator === '=' || operator === '!=') && typeof value === 'boolean';
  const okIn = db.version >= 19 && (operator === 'in' || operator === 'not in') && Array.isArray(value) && value.every((v) => typeof v === 'boolean');
  if (!ok && !okIn) throw new PyException('builtins.NotImplementedError', 'Operation not supported');
  let wantClosed: boolean;
  if (okIn) {
    const values = value as boolean[];
    if (values.length === 2) return operator === 'in' ? [[1, '=', 1]] : [[0, '=', 1]];
    if (values.length === 0) return operator === 'in' ? [[0, '=', 1]] : [[1, '=', 1]];
    wantClosed = operator === 'in' ? values[0] : !values[0];
  } else {
    wantClosed = operator === '=' ? (value as boolean) : !(value as boolean);
  }
  return [['state', wantClosed ? 'in' : 'not in', CLOSED_TASK_STATES]];
}

function helpdeskStageSpec(): ModelSpec {
  return {
    description: 'Helpdesk Stage',
    order: 'sequence, id',
    groups: ['Helpdesk/Administrator'],
    fields: {
      name: char('Stage Name', { required: true, translate: true }),
      sequence: integer('Sequence'),
      fold: boolean('Folded in Kanban'),
      active: boolean('Active'),
    },
  };
}

function ticketSpec(version: DemoOdooVersion): ModelSpec {
  return {
    description: 'Helpdesk Ticket',
    order: 'priority desc, id desc',
    groups: ['Helpdesk/User'],
    fields: {
      name: char('Subject', { required: true }),
      partner_id: many2one('res.partner', 'Customer'),
      stage_id: many2one('helpdesk.stage', 'Stage'),
      user_id: many2one('res.users', 'Assigned to'),
      company_id: companyField(),
      priority: selection('Priority', TICKET_PRIORITY),
      active: boolean('Active'),
      close_date: datetime('Close date'),
      sla_deadline: datetime('SLA Deadline', { readonly: true }),
      sla_fail: boolean('Failed SLA Policy', {
        compute: (rec, db) => {
          const stage = typeof rec.stage_id === 'number' ? db.record('helpdesk.stage', rec.stage_id) : undefined;
          const deadline = rec.sla_deadline as string | null;
          const reached = (rec.close_date as string | null) ?? `${db.today} 00:00:00`;
          return !!deadline && (stage?.fold ? reached > deadline : `${db.today} 00:00:00` > deadline);
        },
        searchable: true,
      }),
      fold: version >= 17 ? boolean('Folded in Kanban', { related: 'stage_id.fold' }) : undefined,
    },
  };
}

const QTY_OPERATORS: Record<string, (a: number, b: number) => boolean> = {
  '<': (a, b) => a < b,
  '>': (a, b) => a > b,
  '<=': (a, b) => a <= b,
  '>=': (a, b) => a >= b,
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Sum of quants in internal locations, per product (stock's quantity computation). */
export function quantitiesByProduct(db: DbView): Map<number, number> {
  return db.memo('qtyByProduct', () => {
    const internal = new Set(db.records('stock.location').filter((l) => l.usage === 'internal').map((l) => l.id));
    const sums = new Map<number, number>();
    for (const q of db.records('stock.quant')) {
      if (!internal.has(q.location_id as number)) continue;
      const p = q.product_id as number;
      sums.set(p, round3((sums.get(p) ?? 0) + ((q.quantity as number) ?? 0)));
    }
    return sums;
  });
}

export function isStorable(rec: DemoRecord, version: DemoOdooVersion): boolean {
  return version >= 18 ? rec.is_storable === true : rec.type === 'product';
}

/** stock _search_qty_available_new: reads quants, adds storable products without quants when 0 qualifies. */
function searchQtyAvailable(db: DbView, operator: string, value: unknown): Domain {
  const compare = QTY_OPERATORS[operator];
  if (!compare) throw new PyException('builtins.KeyError', pyStrRepr(operator));
  if (typeof value !== 'number') throw new PyException('builtins.TypeError', `'<' not supported between instances of '${pyTypeName(value)}' and 'float'`);
  const includeZero = (value < 0 && (operator === '>' || operator === '>=')) || (value > 0 && (operator === '<' || operator === '<=')) || (value === 0 && ['>=', '<=', '='].includes(operator));
  const ids = new Set<number>();
  for (const [productId, qty] of quantitiesByProduct(db)) if (compare(qty, value)) ids.add(productId);
  if (includeZero) {
    const withQuants = quantitiesByProduct(db);
    for (const p of db.records('product.product')) {
      if (p.active !== false && isStorable(p, db.version) && !withQuants.has(p.id)) ids.add(p.id);
    }
  }
  return [['id', 'in', [...ids]]];
}

/** stock _search_product_quantity: compares the computed value of every active product. */
function searchProductQuantity(field: string) {
  return (db: DbView, operator: string, value: unknown): Domain => {
    const compare = QTY_OPERATORS[operator];
    if (!compare) throw userError(`Invalid domain operator ${operator}`);
    if (typeof value !== 'number') throw userError(`Invalid domain right operand ${value}`);
    const ids = db
      .records('product.product')
      .filter((p) => p.active !== false && compare(db.value('product.product', p, field) as number, value))
      .map((p) => p.id);
    return [['id', 'in', ids]];
  };
}

function pyTypeName(v: unknown): string {
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (v === null) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'dict' : 'float';
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function orderpointSums(db: DbView): Map<number, { min: number; max: number; count: number }> {
  return db.memo('orderpointSums', () => {
    const sums = new Map<number, { min: number; max: number; count: number }>();
    for (const op of db.records('stock.warehouse.orderpoint')) {
      if (op.active === false) continue;
      const s = sums.get(op.product_id as number) ?? { min: 0, max: 0, count: 0 };
      s.min += (op.product_min_qty as number) ?? 0;
      s.max += (op.product_max_qty as number) ?? 0;
      s.count += 1;
      sums.set(op.product_id as number, s);
    }
    return sums;
  });
}

function productSpec(version: DemoOdooVersion): ModelSpec {
  const typeValues: Array<[string, string]> =
    version >= 18
      ? [
          ['consu', 'Goods'],
          ['service', 'Service'],
          ['combo', 'Combo'],
        ]
      : [
          ['consu', 'Consumable'],
          ['service', 'Service'],
          ['product', 'Storable Product'],
        ];
  const qty = (rec: DemoRecord, db: DbView) => quantitiesByProduct(db).get(rec.id) ?? 0;
  return {
    description: 'Product Variant',
    order: version >= 17 ? 'is_favorite desc, default_code, name, id' : 'default_code, name, id',
    groups: ['Inventory/Administrator', 'Sales/Administrator'],
    displayName: (rec) => (rec.default_code ? `[${rec.default_code}] ${rec.name}` : String(rec.name ?? '')),
    fields: {
      name: char('Name', { required: true, inherited: true, store: false, translate: true }),
      default_code: char('Internal Reference'),
      barcode: char('Barcode'),
      type: selection('Type', typeValues, { required: true, inherited: true, store: false }),
      detailed_type: version <= 17 ? selection('Product Type', typeValues, { required: true, inherited: true, store: false }) : undefined,
      is_storable: version >= 18 ? boolean('Track Inventory', { inherited: true, store: false }) : undefined,
      is_favorite: version >= 17 ? boolean('Favorite', { inherited: true, store: false }) : undefined,
      list_price: float('Sales Price', { inherited: true, store: false }),
      standard_price: float('Cost'),
      uom_id: many2one('uom.uom', 'Unit of Measure', { required: true, inherited: true, store: false }),
      company_id: many2one('res.company', 'Company', { inherited: true, store: false }),
      sale_ok: boolean('Can be Sold', { inherited: true, store: false }),
      purchase_ok: boolean('Can be Purchased', { inherited: true, store: false }),
      active: boolean('Active'),
      qty_available: float('Quantity On Hand', { compute: qty, search: searchQtyAvailable }),
      incoming_qty: float('Incoming', { compute: (rec) => rec.incoming_qty ?? 0, search: searchProductQuantity('incoming_qty') }),
      outgoing_qty: float('Outgoing', { compute: () => 0, search: searchProductQuantity('outgoing_qty') }),
      virtual_available: float('Forecasted Quantity', {
        compute: (rec, db) => round3(qty(rec, db) + ((rec.incoming_qty as number) ?? 0)),
        search: searchProductQuantity('virtual_available'),
      }),
      reordering_min_qty: float('Min', { compute: (rec, db) => orderpointSums(db).get(rec.id)?.min ?? 0 }),
      reordering_max_qty: float('Max', { compute: (rec, db) => orderpointSums(db).get(rec.id)?.max ?? 0 }),
      nbr_reordering_rules: integer('Reordering Rules', { compute: (rec, db) => orderpointSums(db).get(rec.id)?.count ?? 0 }),
    },
  };
}

function warehouseSpec(): ModelSpec {
  return {
    description: 'Warehouse',
    order: 'sequence,id',
    groups: ['Inventory/Administrator'],
    fields: {
      name: char('Warehouse', { required: true }),
      code: char('Short Name', { required: true }),
      sequence: integer('Sequence'),
      lot_stock_id: many2one('stock.location', 'Location Stock'),
      company_id: companyField(),
      active: boolean('Active'),
    },
  };
}

function locationSpec(): ModelSpec {
  return {
    description: 'Inventory Locations',
    order: 'complete_name, id',
    groups: ['Inventory/Administrator'],
    recName: 'complete_name',
    displayName: (rec) => String(rec.complete_name ?? rec.name ?? ''),
    fields: {
      name: char('Location Name', { required: true }),
      complete_name: char('Full Location Name'),
      usage: selection('Location Type', [
        ['supplier', 'Vendor Location'],
        ['view', 'View'],
        ['internal', 'Internal Location'],
        ['customer', 'Customer Location'],
        ['inventory', 'Inventory Loss'],
        ['production', 'Production'],
        ['transit', 'Transit Location'],
      ]),
      location_id: many2one('stock.location', 'Parent Location'),
      warehouse_id: many2one('stock.warehouse', 'Warehouse'),
      company_id: companyField(),
      active: boolean('Active'),
    },
  };
}

function quantSpec(): ModelSpec {
  return {
    description: 'Quants',
    order: 'id',
    groups: ['Inventory/Administrator'],
    recName: 'product_id',
    displayName: (rec, db) => (typeof rec.product_id === 'number' ? db.displayName('product.product', rec.product_id) : ''),
    fields: {
      product_id: many2one('product.product', 'Product', { required: true }),
      location_id: many2one('stock.location', 'Location', { required: true }),
      quantity: float('Quantity', { readonly: true }),
      reserved_quantity: float('Reserved Quantity', { readonly: true }),
      company_id: many2one('res.company', 'Company', { related: 'location_id.company_id' }),
    },
  };
}

/** Quantity at one location, for orderpoints. */
function qtyAt(db: DbView, productId: number, locationId: number): number {
  const byKey = db.memo('qtyByProductLocation', () => {
    const m = new Map<string, number>();
    for (const q of db.records('stock.quant')) {
      const key = `${q.product_id}:${q.location_id}`;
      m.set(key, round3((m.get(key) ?? 0) + ((q.quantity as number) ?? 0)));
    }
    return m;
  });
  return byKey.get(`${productId}:${locationId}`) ?? 0;
}

/** Incoming stock is expected at each product's main warehouse only. */
function forecast(rec: DemoRecord, db: DbView): number {
  const onHand = qtyAt(db, rec.product_id as number, rec.location_id as number);
  const product = db.record('product.product', rec.product_id as number);
  const warehouse = db.records('stock.warehouse')[0];
  const incoming = warehouse && warehouse.lot_stock_id === rec.location_id ? ((product?.incoming_qty as number) ?? 0) : 0;
  return round3(onHand + incoming);
}

/** stock.warehouse.orderpoint _compute_qty_to_order, simplified to min/max and the multiple. */
function qtyToOrder(rec: DemoRecord, db: DbView): number {
  const fc = forecast(rec, db);
  const min = (rec.product_min_qty as number) ?? 0;
  const max = (rec.product_max_qty as number) ?? 0;
  if (fc >= min) return 0;
  let qty = Math.max(min, max) - fc;
  const multiple = (rec.qty_multiple as number) || 0;
  if (multiple > 0) qty = Math.ceil(qty / multiple) * multiple;
  return round3(qty);
}

function orderpointSpec(version: DemoOdooVersion): ModelSpec {
  return {
    description: 'Minimum Inventory Rule',
    order: 'location_id,company_id,id',
    groups: ['Inventory/Administrator'],
    fields: {
      name: char('Name', { required: true }),
      product_id: many2one('product.product', 'Product', { required: true }),
      warehouse_id: many2one('stock.warehouse', 'Warehouse', { required: true }),
      location_id: many2one('stock.location', 'Location', { required: true }),
      company_id: many2one('res.company', 'Company', { required: true }),
      product_uom: many2one('uom.uom', 'Unit of Measure', { related: 'product_id.uom_id' }),
      product_min_qty: float('Min Quantity', { required: true }),
      product_max_qty: float('Max Quantity', { required: true }),
      qty_multiple: float('Multiple Quantity'),
      trigger: selection('Trigger', [
        ['auto', 'Auto'],
        ['manual', 'Manual'],
      ]),
      snoozed_until: date('Snoozed'),
      active: boolean('Active'),
      // Computed per location, neither stored nor searchable, in every version.
      qty_on_hand: float('On Hand', { compute: (rec, db) => qtyAt(db, rec.product_id as number, rec.location_id as number) }),
      qty_forecast: float('Forecast', { compute: forecast }),
      // Stored in 16/17; non-stored with a search method in 18/19.
      qty_to_order: version <= 17 ? float('To Order', { store: true, compute: qtyToOrder }) : float('To Order', { compute: qtyToOrder, searchable: true }),
    },
  };
}
