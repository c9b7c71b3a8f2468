// The models the demo serves, per Odoo version and edition, with the fields, selections,
// storage and search behaviour the reference documents for each version.

import type { DemoOdooEdition, DemoOdooVersion, DemoRecord } from '../demo-odoo.types';
import { PyException, userError } from '../python/odoo-exceptions';
import { asText, pyRepr, pyStrRepr } from '../python/py-values';
import {
  boolean,
  CallContext,
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
import { contextCompanies, parentPath, ProductQuantities, quantitiesOf, quantSums } from './stock-quantities';

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
    'stock.move': stockMoveSpec(version),
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
    return parent && !rec.is_company ? `${asText(parent.name)}, ${asText(rec.name)}` : asText(rec.name);
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
      rate: float('Current Rate', { compute: (rec, db, ctx) => currencyRate(db, rec.id, ctx) }),
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

/** Units of this currency per unit of the current company's currency, as res.currency.rate reads. */
export function currencyRate(db: DbView, currencyId: number, ctx: CallContext = {}): number {
  const company = db.record('res.company', currentCompany(db, ctx));
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
        compute: (rec, db) =>
          typeof rec.partner_id === 'number' ? db.value('res.partner', db.record('res.partner', rec.partner_id)!, 'commercial_partner_id') : null,
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
  return asText(rec.name) || '/';
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
      // crm_lead.py _compute_company_currency: the lead's company, else the current company.
      company_currency: many2one('res.currency', 'Currency', { compute: leadCurrency, readonly: true }),
      expected_revenue: monetary('Expected Revenue'),
      prorated_revenue: monetary('Prorated Revenue', {
        store: true,
        compute: (rec) => Math.round(((rec.expected_revenue as number) ?? 0) * ((rec.probability as number) ?? 0)) / 100,
      }),
      probability: float('Probability', { aggregator: 'avg' }),
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

function leadCurrency(rec: DemoRecord, db: DbView, ctx: CallContext): number | null {
  const company = db.record('res.company', typeof rec.company_id === 'number' ? rec.company_id : currentCompany(db, ctx));
  return typeof company?.currency_id === 'number' ? company.currency_id : null;
}

/** env.company: the first company of the context, else the user's first. */
export function currentCompany(db: DbView, ctx: CallContext): number {
  return contextCompanies(db, ctx)[0];
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
      // Assignees carry context={'active_test': False} in 16-19, so a path through them reaches archived users.
      user_ids: many2many('res.users', 'Assignees', { context: { active_test: false } }),
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
      // 17/18 store what create/write set (False for a subtask made from its parent's form);
      // 19 computes it from the project and the parent.
      display_in_project:
        version >= 19 ? boolean('Display In Project', { store: true, compute: displayInProject }) : version >= 17 ? boolean('Display In Project') : undefined,
      is_template: version >= 19 ? boolean('Is Template') : undefined,
      has_template_ancestor: version >= 19 ? boolean('Has Template Ancestor', { store: true, compute: hasTemplateAncestor }) : undefined,
    },
    parentField: 'parent_id',
  };
}

/** Parent tasks from the nearest up, archived ones included (a cycle stops the walk). */
function taskAncestors(rec: DemoRecord, db: DbView): DemoRecord[] {
  const chain: DemoRecord[] = [];
  const seen = new Set([rec.id]);
  for (let parent = rec.parent_id; typeof parent === 'number' && !seen.has(parent);) {
    const task = db.record('project.task', parent);
    if (!task) break;
    chain.push(task);
    seen.add(parent);
    parent = task.parent_id;
  }
  return chain;
}

/**
 * 19 project_task.py L817-820: the task is a template or any of its ancestors is. Stored, so a
 * domain on it compares the value; Odoo's search method (L822-829, child_of the template tasks)
 * selects the same records.
 */
function hasTemplateAncestor(rec: DemoRecord, db: DbView): boolean {
  return rec.is_template === true || taskAncestors(rec, db).some((t) => t.is_template === true);
}

/** 19 project_task.py L372-376: hidden when a subtask sits in its parent's project. */
function displayInProject(rec: DemoRecord, db: DbView): boolean {
  const parent = typeof rec.parent_id === 'number' ? db.record('project.task', rec.parent_id) : undefined;
  return rec.project_id == null || !parent || rec.project_id !== parent.project_id;
}

/** project.task _search_is_closed (18/19): only = / != against a boolean. */
function searchIsClosed(db: DbView, operator: string, value: unknown): Domain {
  const ok = (operator === '=' || operator === '!=') && typeof value === 'boolean';
  const okIn = db.version >= 19 && (operator === 'in' || operator === 'not in') && Array.isArray(value) && value.every((v) => typeof v === 'boolean');
  if (!ok && !okIn) throw new PyException('builtins.NotImplementedError', 'Operation not supported');
  let wantClosed: boolean;
  if (okIn) {
    const values = value;
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

export function isStorable(rec: DemoRecord, version: DemoOdooVersion): boolean {
  return version >= 18 ? rec.is_storable === true : rec.type === 'product';
}

/**
 * stock _search_qty_available_new (16 product.py L371-410): compares the quant sums of the
 * context's locations, and adds storable products without quants there when 0 qualifies.
 */
function searchQtyAvailable(db: DbView, operator: string, value: unknown, ctx: CallContext): Domain {
  const compare = QTY_OPERATORS[operator];
  if (!compare) throw new PyException('builtins.KeyError', pyStrRepr(operator));
  if (typeof value !== 'number') throw new PyException('builtins.TypeError', `'<' not supported between instances of '${pyTypeName(value)}' and 'float'`);
  const includeZero =
    (value < 0 && (operator === '>' || operator === '>=')) ||
    (value > 0 && (operator === '<' || operator === '<=')) ||
    (value === 0 && ['>=', '<=', '='].includes(operator));
  const sums = quantSums(db, ctx);
  const ids = new Set<number>();
  for (const [productId, qty] of sums) if (compare(qty, value)) ids.add(productId);
  if (includeZero) {
    for (const p of db.records('product.product')) {
      if (p.active !== false && isStorable(p, db.version) && !sums.has(p.id)) ids.add(p.id);
    }
  }
  return [['id', 'in', [...ids]]];
}

/** stock _search_product_quantity: compares the computed value of every active product. */
function searchProductQuantity(field: keyof ProductQuantities) {
  return (db: DbView, operator: string, value: unknown, ctx: CallContext): Domain => {
    const compare = QTY_OPERATORS[operator];
    if (!compare) throw userError(`Invalid domain operator ${operator}`);
    if (typeof value !== 'number') throw userError(`Invalid domain right operand ${pyRepr(value)}`);
    const ids = db
      .records('product.product')
      .filter((p) => p.active !== false && compare(quantitiesOf(db, p.id, ctx)[field], value))
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
  const quantity = (field: keyof ProductQuantities) => (rec: DemoRecord, db: DbView, ctx: CallContext) => quantitiesOf(db, rec.id, ctx)[field];
  return {
    description: 'Product Variant',
    order: version >= 17 ? 'is_favorite desc, default_code, name, id' : 'default_code, name, id',
    groups: ['Inventory/Administrator', 'Sales/Administrator'],
    displayName: (rec) => (rec.default_code ? `[${asText(rec.default_code)}] ${asText(rec.name)}` : asText(rec.name)),
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
      qty_available: float('Quantity On Hand', { compute: quantity('qtyAvailable'), search: searchQtyAvailable }),
      incoming_qty: float('Incoming', { compute: quantity('incomingQty'), search: searchProductQuantity('incomingQty') }),
      outgoing_qty: float('Outgoing', { compute: quantity('outgoingQty'), search: searchProductQuantity('outgoingQty') }),
      virtual_available: float('Forecasted Quantity', { compute: quantity('virtualAvailable'), search: searchProductQuantity('virtualAvailable') }),
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
      view_location_id: many2one('stock.location', 'View Location', { required: true }),
      lot_stock_id: many2one('stock.location', 'Location Stock'),
      company_id: companyField(),
      active: boolean('Active'),
    },
  };
}

const LOCATION_USAGE: Array<[string, string]> = [
  ['supplier', 'Vendor Location'],
  ['view', 'View'],
  ['internal', 'Internal Location'],
  ['customer', 'Customer Location'],
  ['inventory', 'Inventory Loss'],
  ['production', 'Production'],
  ['transit', 'Transit Location'],
];

function locationSpec(): ModelSpec {
  return {
    description: 'Inventory Locations',
    order: 'complete_name, id',
    groups: ['Inventory/Administrator'],
    recName: 'complete_name',
    parentField: 'location_id',
    displayName: (rec) => asText(rec.complete_name ?? rec.name),
    fields: {
      name: char('Location Name', { required: true }),
      complete_name: char('Full Location Name'),
      usage: selection('Location Type', LOCATION_USAGE),
      location_id: many2one('stock.location', 'Parent Location'),
      parent_path: char('Parent Path', { store: true, compute: (rec, db) => parentPath(db, rec.id) }),
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

const MOVE_STATES: Array<[string, string]> = [
  ['draft', 'New'],
  ['cancel', 'Cancelled'],
  ['waiting', 'Waiting Another Move'],
  ['confirmed', 'Waiting Availability'],
  ['partially_available', 'Partially Available'],
  ['assigned', 'Available'],
  ['done', 'Done'],
];

/** stock.move name_get (16 stock_move.py L648-655): origin/, product code, source>destination. */
function stockMoveDisplayName(rec: DemoRecord, db: DbView): string {
  const product = typeof rec.product_id === 'number' ? db.record('product.product', rec.product_id) : undefined;
  const loc = (id: unknown) => (typeof id === 'number' ? asText(db.record('stock.location', id)?.name) : '');
  const origin = rec.origin ? `${asText(rec.origin)}/` : '';
  const code = product?.default_code ? `${asText(product.default_code)}: ` : '';
  return `${origin}${code}${loc(rec.location_id)}>${loc(rec.location_dest_id)}`;
}

/** stock.move, the fields the quantity computations read (stock/models/stock_move.py 16-19). */
function stockMoveSpec(version: DemoOdooVersion): ModelSpec {
  return {
    description: 'Stock Move',
    order: 'sequence, id',
    recName: version >= 19 ? 'reference' : 'name',
    groups: ['Inventory/User'],
    displayName: stockMoveDisplayName,
    fields: {
      // 19 dropped the description field; the reference is its name there.
      name: version <= 18 ? char('Description', { required: true }) : undefined,
      reference: char('Reference', { store: true, compute: (rec) => rec.reference ?? null }),
      sequence: integer('Sequence'),
      origin: char('Source Document'),
      date: datetime('Date Scheduled', { required: true }),
      company_id: many2one('res.company', 'Company', { required: true }),
      product_id: many2one('product.product', 'Product', { required: true }),
      product_uom_qty: float('Demand', { required: true }),
      product_qty: float('Real Quantity', { store: true, compute: (rec) => rec.product_qty ?? rec.product_uom_qty ?? 0 }),
      product_uom: many2one('uom.uom', 'Unit', { required: true }),
      location_id: many2one('stock.location', 'Source Location', { required: true }),
      location_dest_id: many2one('stock.location', 'Destination Location', { required: true }),
      location_final_id: version >= 18 ? many2one('stock.location', 'Final Location') : undefined,
      location_usage: selection('Source Location Type', LOCATION_USAGE, { related: 'location_id.usage' }),
      location_dest_usage: selection('Destination Location Type', LOCATION_USAGE, { related: 'location_dest_id.usage' }),
      partner_id: many2one('res.partner', 'Destination Address'),
      state: selection('Status', MOVE_STATES),
    },
  };
}

/** lead_days_date (16-18) / lead_horizon_date (19): today plus the rule's lead days. */
export function orderpointLeadDate(rec: DemoRecord, db: DbView): string {
  const t = new Date(`${db.today}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + ((rec.lead_days as number) ?? 0));
  return t.toISOString().slice(0, 10);
}

/**
 * _get_product_context: the rule's location and the end of its lead date, so the forecast counts
 * the quants below that location and the moves planned up to that day (16 stock_orderpoint.py
 * L323-329, 19 L484-490).
 */
function orderpointQuantities(rec: DemoRecord, db: DbView): ProductQuantities {
  const ctx = { location: rec.location_id, to_date: `${orderpointLeadDate(rec, db)} 23:59:59` };
  return quantitiesOf(db, rec.product_id as number, ctx);
}

/** _compute_qty: on hand at the location; forecast plus the quantity in progress (0 without purchase). */
const ruleOnHand = (rec: DemoRecord, db: DbView) => orderpointQuantities(rec, db).qtyAvailable;
const ruleForecast = (rec: DemoRecord, db: DbView) => orderpointQuantities(rec, db).virtualAvailable;

function roundQty(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * _compute_qty_to_order (16 L273-292) / _get_qty_to_order (18 L348-372, 19 L461-476): up to the
 * max when the forecast is below the min, rounded to the multiple (up on 16/17; 18 rounds down
 * when a max is set; 19 has no multiple).
 */
function qtyToOrder(version: DemoOdooVersion) {
  return (rec: DemoRecord, db: DbView): number => {
    const forecast = ruleForecast(rec, db);
    const min = (rec.product_min_qty as number) ?? 0;
    const max = (rec.product_max_qty as number) ?? 0;
    if (!(roundQty(forecast - min) < 0)) return 0;
    let qty = Math.max(min, max) - forecast;
    const multiple = version <= 18 ? (rec.qty_multiple as number) || 0 : 0;
    const remainder = multiple > 0 ? roundQty(qty % multiple) : 0;
    if (remainder > 0 && roundQty(multiple - remainder) > 0) {
      qty = version === 18 && max !== 0 ? qty - remainder : qty + multiple - remainder;
    }
    return roundQty(qty);
  };
}

function orderpointSpec(version: DemoOdooVersion): ModelSpec {
  const leadDate = (rec: DemoRecord, db: DbView) => orderpointLeadDate(rec, db);
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
      // 19 replaced the multiple by replenishment_uom_id.
      qty_multiple: version <= 18 ? float('Multiple Quantity') : undefined,
      trigger: selection('Trigger', [
        ['auto', 'Auto'],
        ['manual', 'Manual'],
      ]),
      snoozed_until: date('Snoozed'),
      active: boolean('Active'),
      lead_days_date: version <= 18 ? date('Lead Days Date', { compute: leadDate }) : undefined,
      lead_horizon_date: version >= 19 ? date('Lead Horizon Date', { compute: leadDate }) : undefined,
      lead_days: version >= 19 ? float('Lead Days', { compute: (rec) => rec.lead_days ?? 0 }) : undefined,
      // Computed per location, neither stored nor searchable, in every version.
      qty_on_hand: float('On Hand', { compute: ruleOnHand }),
      qty_forecast: float('Forecast', { compute: ruleForecast }),
      // 16/17 store it with @api.depends that leave out stock moves, so it goes stale; 18/19
      // compute it on read and search it in Python.
      qty_to_order:
        version <= 17
          ? float('To Order', {
              store: true,
              compute: qtyToOrder(version),
              recomputeOn: ['qty_multiple', 'product_min_qty', 'product_max_qty', 'visibility_days', 'product_id', 'location_id'],
            })
          : float('To Order', { compute: qtyToOrder(version), searchable: true }),
    },
  };
}
