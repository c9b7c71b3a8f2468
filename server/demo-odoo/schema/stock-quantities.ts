// Stock quantities the way the stock module computes them: quants and pending moves below a set
// of root locations, chosen from the call's context (stock/models/product.py,
// _get_domain_locations and _compute_quantities_dict, read in Odoo 16 and 19).

import type { DemoRecord } from '../demo-odoo.types';
import { asText } from '../python/py-values';
import type { CallContext, DbView } from './fields';

export interface ProductQuantities {
  qtyAvailable: number;
  incomingQty: number;
  outgoingQty: number;
  virtualAvailable: number;
}

/** Moves that still count toward the forecast (domain_move_in_todo / domain_move_out_todo). */
const TODO_STATES = new Set(['waiting', 'confirmed', 'assigned', 'partially_available']);

const NO_QUANTITIES: ProductQuantities = { qtyAvailable: 0, incomingQty: 0, outgoingQty: 0, virtualAvailable: 0 };

/** env.companies: the context's allowed_company_ids when it names any, else the user's companies. */
export function contextCompanies(db: DbView, ctx: CallContext): number[] {
  const allowed = ctx.allowed_company_ids;
  const list = Array.isArray(allowed) ? allowed : allowed === undefined || allowed === null || allowed === false ? [] : [allowed];
  const ids = list.filter((id): id is number => typeof id === 'number');
  return ids.length > 0 ? ids : [...db.userCompanyIds];
}

/** Each location with itself and all its parents, as parent_path spells it. */
function ancestry(db: DbView): Map<number, number[]> {
  return db.memo('locationAncestry', () => {
    const chains = new Map<number, number[]>();
    for (const loc of db.records('stock.location')) {
      const chain: number[] = [];
      for (let id: number | null = loc.id, hops = 0; id !== null && hops < 64; hops++) {
        chain.unshift(id);
        const parent: unknown = db.record('stock.location', id)?.location_id;
        id = typeof parent === 'number' ? parent : null;
      }
      chains.set(loc.id, chain);
    }
    return chains;
  });
}

/** stock.location parent_path: "1/7/8/". */
export function parentPath(db: DbView, locationId: number): string {
  return (ancestry(db).get(locationId) ?? [locationId]).map((id) => `${id}/`).join('');
}

/** A location is below a root when the root is on its path (child_of, the location itself included). */
export function isUnder(db: DbView, locationId: unknown, roots: Set<number>): boolean {
  if (typeof locationId !== 'number') return false;
  return (ancestry(db).get(locationId) ?? []).some((id) => roots.has(id));
}

function asList(v: unknown): unknown[] {
  if (v === undefined || v === null || v === false || v === '' || v === 0) return [];
  return Array.isArray(v) ? v : [v];
}

/** _search_ids: ids as given, names by an ilike on the model's name (active records only). */
function idsOf(db: DbView, model: string, nameField: string, values: unknown[]): Set<number> {
  const ids = new Set<number>();
  for (const v of values) {
    if (typeof v === 'number') ids.add(v);
    else if (typeof v === 'string') {
      const needle = v.toLowerCase();
      for (const rec of db.records(model)) {
        if (rec.active !== false && asText(rec[nameField]).toLowerCase().includes(needle)) ids.add(rec.id);
      }
    }
  }
  return ids;
}

/**
 * _get_domain_locations: the warehouses named in the context (19: warehouse_id or
 * search_warehouse; 16-18: warehouse), the locations named (19 also search_location), or else the
 * view locations of the active warehouses of env.companies.
 */
export function rootLocations(db: DbView, ctx: CallContext): Set<number> {
  const location = asList(db.version >= 19 ? (ctx.location ?? ctx.search_location) : ctx.location);
  const warehouse = asList(db.version >= 19 ? (ctx.warehouse_id ?? ctx.search_warehouse) : ctx.warehouse);
  const viewOf = (ids: Iterable<number>) =>
    new Set([...ids].map((id) => db.record('stock.warehouse', id)?.view_location_id).filter((v): v is number => typeof v === 'number'));
  if (warehouse.length > 0) {
    const views = viewOf(idsOf(db, 'stock.warehouse', 'name', warehouse));
    if (location.length === 0) return views;
    return new Set([...idsOf(db, 'stock.location', 'complete_name', location)].filter((id) => isUnder(db, id, views)));
  }
  if (location.length > 0) return idsOf(db, 'stock.location', 'complete_name', location);
  const companies = new Set(contextCompanies(db, ctx));
  const warehouses = db.records('stock.warehouse').filter((w) => w.active !== false && companies.has(w.company_id as number));
  return viewOf(warehouses.map((w) => w.id));
}

/** Where a move ends for the forecast: 18+ use the final destination when one is set. */
function destinationOf(db: DbView, move: DemoRecord): unknown {
  if (db.version >= 18 && typeof move.location_final_id === 'number') return move.location_final_id;
  return move.location_dest_id;
}

/** to_date / from_date as Odoo's to_datetime reads them (a bare date is midnight). */
function contextDatetime(v: unknown): string | null {
  if (typeof v !== 'string' || v === '') return null;
  const s = v.replace('T', ' ');
  return s.length === 10 ? `${s} 00:00:00` : s.slice(0, 19);
}

function roundTo(x: number, rounding: number): number {
  if (!(rounding > 0)) return x;
  const decimals = Math.max(0, Math.ceil(-Math.log10(rounding)));
  return Number((Math.round(x / rounding) * rounding).toFixed(decimals));
}

/** Quantities of every product in one context, computed once per context. */
export function productQuantities(db: DbView, ctx: CallContext): Map<number, ProductQuantities> {
  const roots = rootLocations(db, ctx);
  const companies = new Set(contextCompanies(db, ctx));
  const toDate = contextDatetime(ctx.to_date);
  const fromDate = contextDatetime(ctx.from_date);
  const key = `quantities:${[...roots].sort((a, b) => a - b).join(',')}:${[...companies].join(',')}:${toDate}:${fromDate}`;
  return db.memo(key, () => {
    // Record rules keep quants and moves to env.companies.
    const visible = (r: DemoRecord) => typeof r.company_id !== 'number' || companies.has(r.company_id);
    const sums = new Map<number, { qty: number; incoming: number; outgoing: number }>();
    const entry = (p: number) => {
      let e = sums.get(p);
      if (!e) sums.set(p, (e = { qty: 0, incoming: 0, outgoing: 0 }));
      return e;
    };
    for (const q of db.records('stock.quant')) {
      if (visible(q) && isUnder(db, q.location_id, roots)) entry(q.product_id as number).qty += (q.quantity as number) ?? 0;
    }
    for (const m of db.records('stock.move')) {
      if (!visible(m) || !TODO_STATES.has(m.state as string)) continue;
      const date = typeof m.date === 'string' ? m.date : '';
      if ((toDate !== null && date > toDate) || (fromDate !== null && date < fromDate)) continue;
      const fromInside = isUnder(db, m.location_id, roots);
      const toInside = isUnder(db, destinationOf(db, m), roots);
      const qty = ((m.product_qty ?? m.product_uom_qty) as number) ?? 0;
      if (toInside && !fromInside) entry(m.product_id as number).incoming += qty;
      if (fromInside && !toInside) entry(m.product_id as number).outgoing += qty;
    }
    const result = new Map<number, ProductQuantities>();
    for (const [productId, s] of sums) {
      const rounding = uomRounding(db, productId);
      const qtyAvailable = roundTo(s.qty, rounding);
      const incomingQty = roundTo(s.incoming, rounding);
      const outgoingQty = roundTo(s.outgoing, rounding);
      result.set(productId, { qtyAvailable, incomingQty, outgoingQty, virtualAvailable: roundTo(qtyAvailable + incomingQty - outgoingQty, rounding) });
    }
    return result;
  });
}

function uomRounding(db: DbView, productId: number): number {
  const uom = db.record('product.product', productId)?.uom_id;
  const rounding = typeof uom === 'number' ? db.record('uom.uom', uom)?.rounding : undefined;
  return typeof rounding === 'number' ? rounding : 0.001;
}

export function quantitiesOf(db: DbView, productId: number, ctx: CallContext): ProductQuantities {
  return productQuantities(db, ctx).get(productId) ?? NO_QUANTITIES;
}

/** The quant sums _search_qty_available_new compares: only products with quants in the locations. */
export function quantSums(db: DbView, ctx: CallContext): Map<number, number> {
  const result = new Map<number, number>();
  const roots = rootLocations(db, ctx);
  const companies = new Set(contextCompanies(db, ctx));
  for (const q of db.records('stock.quant')) {
    if (typeof q.company_id === 'number' && !companies.has(q.company_id)) continue;
    if (!isUnder(db, q.location_id, roots)) continue;
    const p = q.product_id as number;
    result.set(p, Math.round(((result.get(p) ?? 0) + ((q.quantity as number) ?? 0)) * 1000) / 1000);
  }
  return result;
}
