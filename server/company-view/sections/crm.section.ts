import { Injectable } from '@nestjs/common';
import type { LeadRow } from '../../contracts/company-view';
import type { OdooDomain, OdooRecord } from '../../odoo/odoo-client';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { TABLE_LIMIT } from '../section';
import { many2oneName, numberOrNull, text } from './odoo-values';

const LEAD = 'crm.lead';

/**
 * Mirrors Odoo's "Open Opportunities" filter (name="open_opportunities"). `active = True`
 * (added to the filter in 18) comes from active_test on every version: lost leads are archived.
 */
const OPEN_OPPORTUNITIES: OdooDomain = [
  ['type', '=', 'opportunity'],
  ['probability', '<', 100],
];

const LEAD_FIELDS = ['name', 'partner_id', 'stage_id', 'expected_revenue', 'probability'];

@Injectable()
export class CrmSectionProvider implements CompanyViewSection<'crm'> {
  readonly key = 'crm' as const;

  async load({ client, connection, signal }: SectionContext): Promise<SectionResults['crm']> {
    const [count, leads] = await Promise.all([
      client.searchCount(connection, LEAD, OPEN_OPPORTUNITIES, { signal }),
      client.searchRead(connection, LEAD, OPEN_OPPORTUNITIES, { fields: LEAD_FIELDS, order: 'expected_revenue desc, id desc', limit: TABLE_LIMIT }, { signal }),
    ]);
    return { data: { openLeads: leads.map(toLeadRow) }, kpis: { openLeadsCount: count } };
  }
}

function toLeadRow(record: OdooRecord): LeadRow {
  return {
    id: String(record.id),
    name: text(record.name) ?? '',
    partnerName: many2oneName(record.partner_id),
    stageName: many2oneName(record.stage_id),
    expectedRevenue: numberOrNull(record.expected_revenue),
    probability: numberOrNull(record.probability),
  };
}
