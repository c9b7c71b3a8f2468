import { Injectable } from '@nestjs/common';
import type { LeadRow } from '../../contracts/company-view';
import type { OdooDomain, OdooRecord } from '../../odoo/odoo-client';
import type { OdooLinks } from '../../odoo/odoo-links';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { countOf, TABLE_LIMIT } from '../section';
import { many2oneName, numberOrNull, text } from './odoo-values';

const LEAD = 'crm.lead';

/**
 * Odoo's "Open Opportunities" filter (name="open_opportunities" in crm/views/crm_lead_views.xml).
 * Its `active = True` term (17+) comes from active_test on every version: lost leads are archived.
 */
const OPEN_OPPORTUNITIES: OdooDomain = [
  ['type', '=', 'opportunity'],
  ['probability', '<', 100],
];

/** The window action CRM › Sales › My Pipeline opens (through the server action crm.action_your_pipeline). */
const PIPELINE_ACTION = 'crm.crm_lead_action_pipeline';

const LEAD_FIELDS = ['name', 'partner_id', 'stage_id', 'expected_revenue', 'probability'];

@Injectable()
export class CrmSectionProvider implements CompanyViewSection<'crm'> {
  readonly key = 'crm' as const;

  async load(ctx: SectionContext): Promise<SectionResults['crm']> {
    const { client, connection, signal, links } = ctx;
    // Counted and summed per company by Odoo itself: expected revenue, and weighted by probability.
    const [pipeline, leads] = await Promise.all([
      client.groupSums(connection, LEAD, OPEN_OPPORTUNITIES, 'company_id', ['expected_revenue', 'prorated_revenue'], { signal }),
      this.topLeads(ctx),
    ]);
    return {
      data: { openLeads: leads.map((lead) => toLeadRow(lead, links)) },
      kpis: { openLeadsCount: countOf(pipeline) },
      kpiLinks: { openLeadsCount: links.action(PIPELINE_ACTION) },
      money: { pipeline },
    };
  }

  /**
   * The ten largest by expected revenue, leads without one last. PostgreSQL sorts NULL first in a
   * descending order and 16/17 store no default 0; 17+ accept "nulls last" in `order`, 16 rejects
   * it (models.py's order regex), so 16 reads the two groups separately, in parallel.
   */
  private async topLeads({ client, connection, signal, version }: SectionContext): Promise<OdooRecord[]> {
    const read = (domain: OdooDomain, order: string) =>
      client.searchRead(connection, LEAD, [...OPEN_OPPORTUNITIES, ...domain], { fields: LEAD_FIELDS, order, limit: TABLE_LIMIT }, { signal });
    if (version.major >= 17) return read([], 'expected_revenue desc nulls last, id desc');
    const [withRevenue, withoutRevenue] = await Promise.all([
      read([['expected_revenue', '!=', false]], 'expected_revenue desc, id desc'),
      read([['expected_revenue', '=', false]], 'id desc'),
    ]);
    return [...withRevenue, ...withoutRevenue].slice(0, TABLE_LIMIT);
  }
}

function toLeadRow(record: OdooRecord, links: OdooLinks): LeadRow {
  return {
    id: String(record.id),
    odooUrl: links.recordOrNull(LEAD, record.id),
    name: text(record.name) ?? '',
    partnerName: many2oneName(record.partner_id),
    stageName: many2oneName(record.stage_id),
    expectedRevenue: numberOrNull(record.expected_revenue),
    probability: numberOrNull(record.probability),
  };
}
