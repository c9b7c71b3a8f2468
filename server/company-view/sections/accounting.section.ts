import { Injectable } from '@nestjs/common';
import type { InvoiceRow, InvoiceStatus } from '../../contracts/company-view';
import type { OdooDomain, OdooRecord, OdooVersionInfo } from '../../odoo/odoo-client';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { countOf, TABLE_LIMIT } from '../section';
import { dateOnly, many2oneName, numberOrNull, text } from './odoo-values';

const MOVE = 'account.move';

/** Customer invoices and refunds, posted: the recent-invoices table. */
const POSTED_CUSTOMER_DOCUMENTS: OdooDomain = [
  ['move_type', 'in', ['out_invoice', 'out_refund']],
  ['state', '=', 'posted'],
];

/**
 * The documents Invoicing › Customers › Invoices lists by default; credit notes are not among them.
 * - 16/17: action account.action_move_out_invoice_type, domain move_type = out_invoice
 *   (account/views/account_move_views.xml).
 * - 18: action account.action_move_out_invoice lists out_invoice + out_refund, but opens on its
 *   default filter "Invoices" (search_default_out_invoice): out_invoice.
 * - 19: the same action adds out_receipt and opens on "Invoices" + "Receipts".
 */
function invoiceTypes(version: OdooVersionInfo): string[] {
  return version.major >= 19 ? ['out_invoice', 'out_receipt'] : ['out_invoice'];
}

/** The window action behind the Customers › Invoices menu. */
function invoicesAction(version: OdooVersionInfo): string {
  return version.major >= 18 ? 'account.action_move_out_invoice' : 'account.action_move_out_invoice_type';
}

/** Odoo's "Unpaid" filter (name="open", "To pay" on 19); `blocked` (18+) stays out, as in Odoo. */
const OPEN_PAYMENT_STATES = ['not_paid', 'partial'];

function openInvoices(version: OdooVersionInfo): OdooDomain {
  return [
    ['move_type', 'in', invoiceTypes(version)],
    ['state', '=', 'posted'],
    ['payment_state', 'in', OPEN_PAYMENT_STATES],
  ];
}

/** Odoo's "Overdue" filter (name="late"): unpaid and due strictly before today (the tenant's today). */
function overdueInvoices(version: OdooVersionInfo, today: string): OdooDomain {
  return [...openInvoices(version), ['invoice_date_due', '<', today]];
}

/** Odoo groups `in_payment` (payment registered, not yet reconciled) with `paid`. */
const PAID_PAYMENT_STATES = ['paid', 'in_payment'];

const INVOICE_FIELDS = ['name', 'partner_id', 'amount_total', 'currency_id', 'state', 'payment_state', 'invoice_date', 'invoice_date_due'];

/** Amount still due in the company's currency (negative for refunds, which the KPIs leave out anyway). */
const DUE = 'amount_residual_signed';

@Injectable()
export class AccountingSectionProvider implements CompanyViewSection<'accounting'> {
  readonly key = 'accounting' as const;

  async load(ctx: SectionContext): Promise<SectionResults['accounting']> {
    const { client, connection: conn, signal, version, links } = ctx;
    // Counted and summed per company by Odoo itself, in one grouped read each.
    const [open, overdue, invoices] = await Promise.all([
      client.groupSums(conn, MOVE, openInvoices(version), 'company_id', [DUE], { signal }),
      client.groupSums(conn, MOVE, overdueInvoices(version, ctx.today), 'company_id', [DUE], { signal }),
      client.searchRead(conn, MOVE, POSTED_CUSTOMER_DOCUMENTS, { fields: INVOICE_FIELDS, order: 'invoice_date desc, id desc', limit: TABLE_LIMIT }, { signal }),
    ]);
    const listLink = links.action(invoicesAction(version));
    return {
      data: { recentInvoices: invoices.map((r) => toInvoiceRow(r, ctx)) },
      kpis: { openInvoicesCount: countOf(open), overdueInvoicesCount: countOf(overdue) },
      kpiLinks: { openInvoicesCount: listLink, overdueInvoicesCount: listLink },
      money: { open, overdue },
    };
  }
}

function toInvoiceRow(record: OdooRecord, { today, links }: SectionContext): InvoiceRow {
  const dueDate = dateOnly(record.invoice_date_due);
  return {
    id: String(record.id),
    odooUrl: links.recordOrNull(MOVE, record.id),
    number: text(record.name) ?? '',
    partnerName: many2oneName(record.partner_id) ?? '',
    amountTotal: numberOrNull(record.amount_total) ?? 0,
    currency: many2oneName(record.currency_id) ?? '',
    status: invoiceStatus(record, dueDate, today),
    invoiceDate: dateOnly(record.invoice_date),
    dueDate,
  };
}

function invoiceStatus(record: OdooRecord, dueDate: string | null, today: string): InvoiceStatus {
  const paymentState = text(record.payment_state) ?? '';
  if (PAID_PAYMENT_STATES.includes(paymentState)) return 'paid';
  if (record.state === 'posted') {
    const open = OPEN_PAYMENT_STATES.includes(paymentState);
    return open && dueDate !== null && dueDate < today ? 'overdue' : 'posted';
  }
  if (record.state === 'draft') return 'draft';
  return 'unknown';
}
