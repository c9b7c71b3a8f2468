import { Injectable } from '@nestjs/common';
import type { TicketPriority, TicketRow } from '../../contracts/company-view';
import type { OdooDomain, OdooRecord } from '../../odoo/odoo-client';
import type { OdooLinks } from '../../odoo/odoo-links';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { TABLE_LIMIT } from '../section';
import { many2oneName, text } from './odoo-values';

// helpdesk.ticket exists on Enterprise only; on Community every call fails with
// "Object helpdesk.ticket doesn't exist", which the client reports as module-missing.
const TICKET = 'helpdesk.ticket';

/** Odoo's "Open" ticket filter (helpdesk/views/helpdesk_ticket_views.xml): the ticket's stage is not folded. */
const OPEN_TICKETS: OdooDomain = [['stage_id.fold', '=', false]];

/** The window action of Helpdesk › Tickets › All Tickets. */
const ALL_TICKETS_ACTION = 'helpdesk.helpdesk_ticket_action_main_tree';

const TICKET_FIELDS = ['name', 'partner_id', 'stage_id', 'priority'];

/** Odoo's TICKET_PRIORITY selection, identical in 16 to 19. */
const PRIORITIES: Record<string, TicketPriority> = { '0': 'low', '1': 'medium', '2': 'high', '3': 'urgent' };

@Injectable()
export class HelpdeskSectionProvider implements CompanyViewSection<'helpdesk'> {
  readonly key = 'helpdesk' as const;

  async load({ client, connection, signal, links }: SectionContext): Promise<SectionResults['helpdesk']> {
    const [count, tickets] = await Promise.all([
      client.searchCount(connection, TICKET, OPEN_TICKETS, { signal }),
      client.searchRead(
        connection,
        TICKET,
        OPEN_TICKETS,
        { fields: TICKET_FIELDS, order: 'priority desc, create_date desc, id desc', limit: TABLE_LIMIT },
        { signal },
      ),
    ]);
    return {
      data: { openTickets: tickets.map((ticket) => toTicketRow(ticket, links)) },
      kpis: { openTicketsCount: count },
      kpiLinks: { openTicketsCount: links.action(ALL_TICKETS_ACTION) },
    };
  }
}

function toTicketRow(record: OdooRecord, links: OdooLinks): TicketRow {
  return {
    id: String(record.id),
    odooUrl: links.recordOrNull(TICKET, record.id),
    name: text(record.name) ?? '',
    partnerName: many2oneName(record.partner_id),
    stageName: many2oneName(record.stage_id),
    priority: PRIORITIES[text(record.priority) ?? ''] ?? null,
  };
}
