import { Injectable } from '@nestjs/common';
import type { TicketPriority, TicketRow } from '../../contracts/company-view';
import type { OdooDomain, OdooRecord } from '../../odoo/odoo-client';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { TABLE_LIMIT } from '../section';
import { many2oneName, text } from './odoo-values';

// helpdesk.ticket exists on Enterprise only; on Community every call fails with
// "Object helpdesk.ticket doesn't exist", which the client reports as module-missing.
const TICKET = 'helpdesk.ticket';

/** Mirrors Odoo's "Open" ticket filter: the ticket's stage is not folded. */
const OPEN_TICKETS: OdooDomain = [['stage_id.fold', '=', false]];

const TICKET_FIELDS = ['name', 'partner_id', 'stage_id', 'priority'];

/** Odoo's TICKET_PRIORITY selection, identical in 16 to 19. */
const PRIORITIES: Record<string, TicketPriority> = { '0': 'low', '1': 'medium', '2': 'high', '3': 'urgent' };

@Injectable()
export class HelpdeskSectionProvider implements CompanyViewSection<'helpdesk'> {
  readonly key = 'helpdesk' as const;

  async load({ client, connection, signal }: SectionContext): Promise<SectionResults['helpdesk']> {
    const [count, tickets] = await Promise.all([
      client.searchCount(connection, TICKET, OPEN_TICKETS, { signal }),
      client.searchRead(connection, TICKET, OPEN_TICKETS, { fields: TICKET_FIELDS, order: 'priority desc, create_date desc, id desc', limit: TABLE_LIMIT }, { signal }),
    ]);
    return { data: { openTickets: tickets.map(toTicketRow) }, kpis: { openTicketsCount: count } };
  }
}

function toTicketRow(record: OdooRecord): TicketRow {
  return {
    id: String(record.id),
    name: text(record.name) ?? '',
    partnerName: many2oneName(record.partner_id),
    stageName: many2oneName(record.stage_id),
    priority: PRIORITIES[String(record.priority)] ?? null,
  };
}
