import { Injectable } from '@nestjs/common';
import type { LowStockRow } from '../../contracts/company-view';
import type { OdooDomain, OdooRecord } from '../../odoo/odoo-client';
import type { OdooLinks } from '../../odoo/odoo-links';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { TABLE_LIMIT } from '../section';
import { many2oneId, many2oneName, numberOrNull } from './odoo-values';

const ORDERPOINT = 'stock.warehouse.orderpoint';
const PRODUCT = 'product.product';
/** Rules per call when walking every reordering rule. */
const PAGE_SIZE = 500;
const RULE_FIELDS = ['product_id', 'warehouse_id', 'product_min_qty', 'qty_on_hand', 'qty_forecast'];

/** Inventory › Operations › Replenishment: a server action that opens the reordering rules. */
const REPLENISHMENT_ACTION = 'stock.action_replenishment';

/**
 * The rules Replenishment shows with its "Not Snoozed" filter: active (active_test) and not
 * snoozed beyond today. Both triggers (Auto and Manual) count; Odoo's side panel opens on Manual.
 */
function notSnoozed(today: string): OdooDomain {
  return ['|', ['snoozed_until', '=', false], ['snoozed_until', '<=', today]];
}

/**
 * Low stock = reordering rules (product × location) whose forecast is below their minimum: Odoo's
 * own reorder trigger, the rows Replenishment lists under "To Reorder". qty_forecast and
 * qty_on_hand are computed per rule and cannot be searched (Odoo 16-18 would silently drop such a
 * condition, 19 refuses it), so every rule is read page by page and compared here; the count is
 * exact, not a page. ("To Reorder" itself is qty_to_order > 0, stored and possibly stale on 16/17.)
 */
@Injectable()
export class InventorySectionProvider implements CompanyViewSection<'inventory'> {
  readonly key = 'inventory' as const;

  async load(ctx: SectionContext): Promise<SectionResults['inventory']> {
    const rules = await this.readRules(ctx);
    const low = rules
      .map((rule) => toLowStockRow(rule, ctx.links))
      .filter((row) => row.reorderMinQty !== null && row.qtyForecast < row.reorderMinQty)
      .sort(byUrgency);
    return {
      data: { lowStockItems: low.slice(0, TABLE_LIMIT) },
      kpis: { lowStockItemsCount: low.length },
      kpiLinks: { lowStockItemsCount: ctx.links.action(REPLENISHMENT_ACTION) },
    };
  }

  private async readRules({ client, connection, signal, today }: SectionContext): Promise<OdooRecord[]> {
    const rules: OdooRecord[] = [];
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await client.searchRead(
        connection,
        ORDERPOINT,
        notSnoozed(today),
        { fields: RULE_FIELDS, order: 'id', limit: PAGE_SIZE, offset },
        { signal },
      );
      rules.push(...page);
      if (page.length < PAGE_SIZE) return rules;
    }
  }
}

function toLowStockRow(rule: OdooRecord, links: OdooLinks): LowStockRow {
  const productId = many2oneId(rule.product_id);
  return {
    id: productId === null ? '' : String(productId),
    ruleId: String(rule.id),
    odooUrl: links.recordOrNull(PRODUCT, productId),
    productName: many2oneName(rule.product_id) ?? '',
    warehouseName: many2oneName(rule.warehouse_id),
    qtyAvailable: numberOrNull(rule.qty_on_hand) ?? 0,
    qtyForecast: numberOrNull(rule.qty_forecast) ?? 0,
    reorderMinQty: numberOrNull(rule.product_min_qty),
  };
}

/**
 * Most urgent first: rules with a minimum of 0 or less (any shortfall is already below zero),
 * then the lowest forecast relative to the minimum, then the lowest on hand.
 */
function byUrgency(a: LowStockRow, b: LowStockRow): number {
  const aNoMin = (a.reorderMinQty ?? 0) <= 0;
  const bNoMin = (b.reorderMinQty ?? 0) <= 0;
  if (aNoMin !== bNoMin) return aNoMin ? -1 : 1;
  const ratio = (row: LowStockRow) => (aNoMin ? row.qtyForecast : row.qtyForecast / row.reorderMinQty!);
  return ratio(a) - ratio(b) || a.qtyAvailable - b.qtyAvailable || Number(a.ruleId) - Number(b.ruleId);
}
