import { Injectable } from '@nestjs/common';
import type { InvoiceRow, InvoiceStatus } from '../../contracts/company-view';
import type { OdooDomain, OdooRecord } from '../../odoo/odoo-client';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { TABLE_LIMIT } from '../section';
import { dateOnly, many2oneName, numberOrNull, text } from './odoo-values';

const MOVE = 'account.move';

/** Customer invoices and refunds, posted (the base of every accounting figure shown). */
const POSTED_CUSTOMER_DOCUMENTS: OdooDomain = [
  ['move_type', 'in', ['out_invoice', 'out_refund']],
  ['state', '=', 'posted'],
];

/** Mirrors Odoo's "Unpaid" invoice filter (name="open"); `blocked` (18+) stays out, as in Odoo. */
const OPEN_PAYMENT_STATES = ['not_paid', 'partial'];
const OPEN_INVOICES: OdooDomain = [...POSTED_CUSTOMER_DOCUMENTS, ['payment_state', 'in', OPEN_PAYMENT_STATES]];

/** Mirrors Odoo's "Overdue" filter (name="late"): open and due strictly before today. */
function overdueInvoices(today: string): OdooDomain {
  return [...OPEN_INVOICES, ['invoice_date_due', '<', today]];
}

/** Odoo groups `in_payment` (payment registered, not yet reconciled) with `paid`. */
const PAID_PAYMENT_STATES = ['paid', 'in_payment'];

const INVOICE_FIELDS = ['name', 'partner_id', 'amount_total', 'currency_id', 'state', 'payment_state', 'invoice_date', 'invoice_date_due'];

@Injectable()
export class AccountingSectionProvider implements CompanyViewSection<'accounting'> {
  readonly key = 'accounting' as const;

  async load(ctx: SectionContext): Promise<SectionResults['accounting']> {
    const { client, connection: conn, signal } = ctx;
    const [openCount, overdueCount, invoices, companyCurrency] = await Promise.all([
      client.searchCount(conn, MOVE, OPEN_INVOICES, { signal }),
      client.searchCount(conn, MOVE, overdueInvoices(ctx.today), { signal }),
      client.searchRead(conn, MOVE, POSTED_CUSTOMER_DOCUMENTS, { fields: INVOICE_FIELDS, order: 'invoice_date desc, id desc', limit: TABLE_LIMIT }, { signal }),
      this.companyCurrency(ctx),
    ]);
    return {
      data: { recentInvoices: invoices.map((r) => toInvoiceRow(r, ctx.today)) },
      kpis: { openInvoicesCount: openCount, overdueInvoicesCount: overdueCount },
      companyCurrency,
    };
  }

  /** The currency of the company the connection works in: its first allowed company, else the first company. */
  private async companyCurrency({ client, connection, signal }: SectionContext): Promise<string | null> {
    const companyId = connection.companyIds?.[0];
    const [company] =
      companyId === undefined
        ? await client.searchRead(connection, 'res.company', [], { fields: ['currency_id'], order: 'id', limit: 1 }, { signal })
        : await client.read(connection, 'res.company', [companyId], ['currency_id'], { signal });
    return company ? many2oneName(company.currency_id) : null;
  }
}

function toInvoiceRow(record: OdooRecord, today: string): InvoiceRow {
  const dueDate = dateOnly(record.invoice_date_due);
  return {
    id: String(record.id),
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
  const paymentState = String(record.payment_state ?? '');
  if (PAID_PAYMENT_STATES.includes(paymentState)) return 'paid';
  if (record.state === 'posted') {
    const open = OPEN_PAYMENT_STATES.includes(paymentState);
    return open && dueDate !== null && dueDate < today ? 'overdue' : 'posted';
  }
  if (record.state === 'draft') return 'draft';
  return 'unknown';
}
