import type { DemoOdooVersion, DemoRecord } from '../demo-odoo.types';
import { OdooDatabase } from '../orm/database';
import { callMethod } from '../orm/methods';

// Two companies with a warehouse each (and an archived third warehouse), stock outside any
// warehouse, and planned moves: every expected quantity below can be added up by reading these rows.
const TODAY = '2025-03-10';

function fixture(version: DemoOdooVersion): OdooDatabase {
  const storable = version >= 18 ? { type: 'consu', is_storable: true } : { type: 'product' };
  const move = (
    id: number,
    product: number,
    from: number,
    to: number,
    qty: number,
    date: string,
    state: string,
    extra: Partial<DemoRecord> = {},
  ): DemoRecord => ({
    id,
    name: `Move ${id}`,
    reference: `M/${id}`,
    product_id: product,
    location_id: from,
    location_dest_id: to,
    product_uom_qty: qty,
    product_qty: qty,
    product_uom: 1,
    date: `${date} 10:00:00`,
    state,
    company_id: to === 21 || from === 21 ? 2 : 1,
    ...extra,
  });
  return new OdooDatabase(
    { name: 'stock', version, edition: 'community' },
    {
      today: TODAY,
      credentials: { uid: 6, login: 'api', password: 'pw', apiKey: 'key', companyIds: [1, 2], tz: 'UTC' },
      tables: {
        'res.company': [
          { id: 1, name: 'North', currency_id: 1 },
          { id: 2, name: 'South', currency_id: 1 },
        ],
        'res.currency': [{ id: 1, name: 'EUR', active: true }],
        'uom.uom': [{ id: 1, name: 'Units', factor: 1, rounding: 0.01 }],
        'product.product': [
          { id: 1, name: 'Bolt', ...storable, active: true, uom_id: 1 },
          { id: 2, name: 'Nut', ...storable, active: true, uom_id: 1 },
        ],
        'stock.location': [
          { id: 3, name: 'Vendors', complete_name: 'Partners/Vendors', usage: 'supplier' },
          { id: 4, name: 'Customers', complete_name: 'Partners/Customers', usage: 'customer' },
          { id: 10, name: 'N', complete_name: 'N', usage: 'view', company_id: 1 },
          { id: 11, name: 'Stock', complete_name: 'N/Stock', usage: 'internal', location_id: 10, company_id: 1 },
          { id: 12, name: 'Shelf', complete_name: 'N/Stock/Shelf', usage: 'internal', location_id: 11, company_id: 1 },
          { id: 13, name: 'Output', complete_name: 'N/Output', usage: 'internal', location_id: 10, company_id: 1 },
          { id: 20, name: 'S', complete_name: 'S', usage: 'view', company_id: 2 },
          { id: 21, name: 'Stock', complete_name: 'S/Stock', usage: 'internal', location_id: 20, company_id: 2 },
          { id: 22, name: 'Old', complete_name: 'O/Stock', usage: 'internal', location_id: 30, company_id: 2 },
          { id: 30, name: 'O', complete_name: 'O', usage: 'view', company_id: 2 },
          { id: 40, name: 'Loose', complete_name: 'Loose', usage: 'internal', company_id: 1 },
        ],
        'stock.warehouse': [
          { id: 1, name: 'North WH', code: 'N', view_location_id: 10, lot_stock_id: 11, company_id: 1, active: true },
          { id: 2, name: 'South WH', code: 'S', view_location_id: 20, lot_stock_id: 21, company_id: 2, active: true },
          { id: 3, name: 'Old WH', code: 'O', view_location_id: 30, lot_stock_id: 22, company_id: 2, active: false },
        ],
        'stock.quant': [
          { id: 1, product_id: 1, location_id: 11, quantity: 10, company_id: 1 },
          { id: 2, product_id: 1, location_id: 12, quantity: 5, company_id: 1 },
          { id: 3, product_id: 1, location_id: 21, quantity: 7, company_id: 2 },
          { id: 4, product_id: 1, location_id: 22, quantity: 100, company_id: 2 },
          { id: 5, product_id: 1, location_id: 40, quantity: 1000, company_id: 1 },
          { id: 6, product_id: 1, location_id: 4, quantity: 50, company_id: 1 },
          { id: 7, product_id: 2, location_id: 21, quantity: 3, company_id: 2 },
        ],
        'stock.move': [
          move(1, 1, 3, 11, 20, '2025-03-11', 'assigned'),
          move(2, 1, 11, 4, 4, '2025-03-10', 'confirmed'),
          move(3, 1, 3, 21, 6, '2025-03-12', 'waiting'),
          move(4, 1, 3, 11, 99, '2025-03-11', 'draft'),
          move(5, 1, 3, 11, 99, '2025-03-11', 'cancel'),
          move(6, 1, 3, 11, 99, '2025-03-01', 'done'),
          // An internal transfer inside the North warehouse moves nothing in or out of it.
          move(7, 1, 11, 13, 2, '2025-03-10', 'assigned'),
          move(8, 1, 3, 11, 30, '2025-03-20', 'assigned'),
          // 18+: a receipt whose next stop is outside the warehouses but which ends in the North stock.
          move(9, 2, 3, 40, 8, '2025-03-11', 'assigned', { location_final_id: 11 }),
        ],
        'stock.warehouse.orderpoint': [
          {
            id: 1,
            name: 'OP1',
            product_id: 1,
            warehouse_id: 1,
            location_id: 11,
            company_id: 1,
            product_min_qty: 30,
            product_max_qty: 60,
            lead_days: 2,
            active: true,
          },
          {
            id: 2,
            name: 'OP2',
            product_id: 1,
            warehouse_id: 2,
            location_id: 21,
            company_id: 2,
            product_min_qty: 10,
            product_max_qty: 20,
            lead_days: 0,
            active: true,
          },
        ],
      },
    },
  );
}

const VERSIONS: DemoOdooVersion[] = [16, 17, 18, 19];
const FIELDS = ['qty_available', 'incoming_qty', 'outgoing_qty', 'virtual_available'];

function read(db: OdooDatabase, model: string, ids: number[], fields: string[], context: Record<string, unknown> = {}): Array<Record<string, unknown>> {
  const rows = callMethod({ db, uid: 6, context }, db.model(model), 'read', [ids, fields], {}) as Array<Record<string, unknown>>;
  return rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v && typeof v === 'object' && 'value' in v ? v.value : v])));
}

function search(db: OdooDatabase, domain: unknown[], context: Record<string, unknown> = {}): number[] {
  return callMethod({ db, uid: 6, context }, db.model('product.product'), 'search', [domain], {}) as number[];
}

describe.each(VERSIONS)('stock quantities on %i', (version) => {
  const db = fixture(version);
  const quantities = (context: Record<string, unknown> = {}) => read(db, 'product.product', [1], FIELDS, context)[0];

  it('covers the active warehouses of all the user companies when the context names none', () => {
    // 10 + 5 (child location) + 7; not the archived warehouse, the loose location or customers.
    expect(quantities()).toEqual({ id: 1, qty_available: 22, incoming_qty: 20 + 30 + 6, outgoing_qty: 4, virtual_available: 22 + 56 - 4 });
  });

  it('covers only the warehouses of the allowed companies', () => {
    expect(quantities({ allowed_company_ids: [1] })).toEqual({ id: 1, qty_available: 15, incoming_qty: 50, outgoing_qty: 4, virtual_available: 61 });
    expect(quantities({ allowed_company_ids: [2] })).toEqual({ id: 1, qty_available: 7, incoming_qty: 6, outgoing_qty: 0, virtual_available: 13 });
    expect(quantities({ allowed_company_ids: [2, 1] }).qty_available).toBe(22);
  });

  it('follows a location or warehouse named in the context, children included', () => {
    expect(quantities({ location: 11 }).qty_available).toBe(15);
    expect(quantities({ location: 12 }).qty_available).toBe(5);
    expect(quantities({ location: 40 }).qty_available).toBe(1000);
    const warehouseKey = version >= 19 ? 'warehouse_id' : 'warehouse';
    expect(quantities({ [warehouseKey]: 2 }).qty_available).toBe(7);
  });

  it('counts moves up to to_date only, transfers out of the location tree included', () => {
    // In: 20 on the 11th (not 30 on the 20th); out: 4 to customers and 2 to N/Output on the 10th.
    expect(quantities({ location: 11, to_date: '2025-03-11 23:59:59' })).toEqual({
      id: 1,
      qty_available: 15,
      incoming_qty: 20,
      outgoing_qty: 6,
      virtual_available: 29,
    });
  });

  it('searches qty_available within the allowed companies', () => {
    expect(search(db, [['qty_available', '>', 10]], { allowed_company_ids: [1] })).toEqual([1]);
    expect(search(db, [['qty_available', '>', 10]], { allowed_company_ids: [2] })).toEqual([]);
    expect(search(db, [['qty_available', '=', 0]], { allowed_company_ids: [1] }).sort()).toEqual([2]);
    expect(search(db, [['virtual_available', '>', 60]], { allowed_company_ids: [1] })).toEqual([1]);
  });

  it('sends a move to its final location from 18 on', () => {
    const stock = read(db, 'product.product', [2], ['incoming_qty'], { location: 11 })[0].incoming_qty;
    const loose = read(db, 'product.product', [2], ['incoming_qty'], { location: 40 })[0].incoming_qty;
    expect([stock, loose]).toEqual(version >= 18 ? [8, 0] : [0, 8]);
  });

  it('gives each reordering rule the on hand and forecast of its location up to its lead date', () => {
    const rules = read(db, 'stock.warehouse.orderpoint', [1, 2], ['qty_on_hand', 'qty_forecast']);
    // OP1: 15 on hand, +20 on the 11th, -4 and -2 on the 10th; the 20th is after its lead date.
    // OP2: 7 on hand; the receipt of the 12th is after its lead date (today).
    expect(rules).toEqual([
      { id: 1, qty_on_hand: 15, qty_forecast: 29 },
      { id: 2, qty_on_hand: 7, qty_forecast: 7 },
    ]);
  });

  it('keeps qty_on_hand and qty_forecast unstored and unsearchable, and qty_to_order stored only on 16/17', () => {
    const fields = callMethod(
      { db, uid: 6, context: {} },
      db.model('stock.warehouse.orderpoint'),
      'fields_get',
      [['qty_on_hand', 'qty_forecast', 'qty_to_order']],
      {
        attributes: ['store', 'searchable'],
      },
    ) as Record<string, { store: boolean; searchable: boolean }>;
    expect(fields.qty_on_hand).toEqual({ store: false, searchable: false });
    expect(fields.qty_forecast).toEqual({ store: false, searchable: false });
    expect(fields.qty_to_order).toEqual(version <= 17 ? { store: true, searchable: true } : { store: false, searchable: true });
  });
});

describe('qty_to_order', () => {
  it.each([16, 17] as const)('keeps the value written at load time until the rule itself changes (%i)', (version) => {
    const db = fixture(version);
    const rule = () => read(db, 'stock.warehouse.orderpoint', [1], ['qty_forecast', 'qty_to_order'])[0];
    // Forecast 29 below the minimum 30: order up to the max, 60 - 29.
    expect(rule()).toEqual({ id: 1, qty_forecast: 29, qty_to_order: 31 });
    db.update('stock.move', 1, { product_uom_qty: 40, product_qty: 40 });
    // The forecast now clears the minimum, but the stored value does not follow the moves.
    expect(rule()).toEqual({ id: 1, qty_forecast: 49, qty_to_order: 31 });
    db.update('stock.warehouse.orderpoint', 1, { product_max_qty: 60 });
    expect(rule()).toEqual({ id: 1, qty_forecast: 49, qty_to_order: 0 });
  });

  it.each([18, 19] as const)('is computed on read on %i', (version) => {
    const db = fixture(version);
    const toOrder = () => read(db, 'stock.warehouse.orderpoint', [1], ['qty_to_order'])[0].qty_to_order;
    expect(toOrder()).toBe(31);
    db.update('stock.move', 1, { product_uom_qty: 40, product_qty: 40 });
    expect(toOrder()).toBe(0);
  });
});
