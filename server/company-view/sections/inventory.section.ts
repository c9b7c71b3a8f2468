import { Injectable } from '@nestjs/common';
import type { LowStockRow } from '../../contracts/company-view';
import type { OdooDomain, OdooFieldInfo, OdooRecord } from '../../odoo/odoo-client';
import type { CompanyViewSection, SectionContext, SectionResults } from '../section';
import { TABLE_LIMIT } from '../section';
import { many2oneId, numberOrNull, text } from './odoo-values';

const PRODUCT = 'product.product';
const ORDERPOINT = 'stock.warehouse.orderpoint';
/** Records per call when walking orderpoints and products. */
const PAGE_SIZE = 500;
const PRODUCT_FIELDS = ['display_name', 'qty_available', 'reordering_min_qty'];

/**
 * Storable products: 16/17 mark them `type = product`; 18 replaced that type with the
 * `is_storable` flag. Picked by the field's presence, not the version number.
 */
function storableProducts(fields: Record<string, OdooFieldInfo>): OdooDomain {
  return fields.is_storable ? [['is_storable', '=', true]] : [['type', '=', 'product']];
}

/**
 * Low stock = storable products with reordering rules whose on-hand quantity is below the
 * rules' minimum. `reordering_min_qty` is computed and not searchable: Odoo 16-18 silently
 * drop such a condition from a domain (and 19 refuses it), so the comparison happens here,
 * over every product that has a rule, and the count is exact rather than a page.
 */
@Injectable()
export class InventorySectionProvider implements CompanyViewSection<'inventory'> {
  readonly key = 'inventory' as const;

  async load(ctx: SectionContext): Promise<SectionResults['inventory']> {
    const [fields, productIds] = await Promise.all([
      ctx.client.fieldsGet(ctx.connection, PRODUCT, ['type'], { signal: ctx.signal }),
      this.productIdsWithRules(ctx),
    ]);
    const products = await this.readProducts(ctx, productIds, storableProducts(fields));
    const low = products
      .map(toLowStockRow)
      .filter((row) => row.reorderMinQty !== null && row.qtyAvailable < row.reorderMinQty)
      .sort((a, b) => a.qtyAvailable - b.qtyAvailable || Number(a.id) - Number(b.id));
    return { data: { lowStockItems: low.slice(0, TABLE_LIMIT) }, kpis: { lowStockItemsCount: low.length } };
  }

  /** Distinct products of all active reordering rules, read page by page (a few fields only). */
  private async productIdsWithRules({ client, connection, signal }: SectionContext): Promise<number[]> {
    const ids = new Set<number>();
    for (let offset = 0; ; offset += PAGE_SIZE) {
      const page = await client.searchRead(connection, ORDERPOINT, [], { fields: ['product_id'], order: 'id', limit: PAGE_SIZE, offset }, { signal });
      for (const rule of page) {
        const id = many2oneId(rule.product_id);
        if (id !== null) ids.add(id);
      }
      if (page.length < PAGE_SIZE) return [...ids];
    }
  }

  /** The storable ones among `ids`, with their quantities; one call per chunk of ids. */
  private async readProducts({ client, connection, signal }: SectionContext, ids: number[], storable: OdooDomain): Promise<OdooRecord[]> {
    const products: OdooRecord[] = [];
    for (let start = 0; start < ids.length; start += PAGE_SIZE) {
      const chunk = ids.slice(start, start + PAGE_SIZE);
      const domain: OdooDomain = [['id', 'in', chunk], ...storable];
      products.push(...(await client.searchRead(connection, PRODUCT, domain, { fields: PRODUCT_FIELDS, order: 'id' }, { signal })));
    }
    return products;
  }
}

function toLowStockRow(record: OdooRecord): LowStockRow {
  return {
    id: String(record.id),
    productName: text(record.display_name) ?? '',
    qtyAvailable: numberOrNull(record.qty_available) ?? 0,
    reorderMinQty: numberOrNull(record.reordering_min_qty),
  };
}
