import { convertRecord, convertValue, odooDatetime, toWire } from './odoo-values';

describe('convertValue', () => {
  it('turns false into null for every non-boolean field type', () => {
    for (const type of ['char', 'text', 'date', 'datetime', 'many2one', 'selection', 'monetary', 'html', 'binary']) {
      expect(convertValue(false, type)).toBeNull();
    }
  });

  it('keeps false for boolean fields', () => {
    expect(convertValue(false, 'boolean')).toBe(false);
    expect(convertValue(true, 'boolean')).toBe(true);
  });

  it('turns a many2one pair into {id, name}', () => {
    expect(convertValue([7, 'Azure Interior'], 'many2one')).toEqual({ id: 7, name: 'Azure Interior' });
  });

  it('gives a many2one without display name an empty name', () => {
    expect(convertValue([7, false], 'many2one')).toEqual({ id: 7, name: '' });
  });

  it('keeps x2many id lists as they are, including a two-element one', () => {
    expect(convertValue([3, 4], 'many2many')).toEqual([3, 4]);
    expect(convertValue([], 'one2many')).toEqual([]);
  });

  it('recognises a many2one by shape when the type is unknown', () => {
    expect(convertValue([1, 'Stage'], undefined)).toEqual({ id: 1, name: 'Stage' });
    expect(convertValue(false, undefined)).toBeNull();
  });

  it('leaves numbers and strings alone (Odoo sends 0 for an empty integer)', () => {
    expect(convertValue(0, 'integer')).toBe(0);
    expect(convertValue('2024-05-01', 'date')).toBe('2024-05-01');
  });
});

describe('convertRecord', () => {
  it('converts a search_read row using the field types', () => {
    const row = { id: 5, name: 'INV/1', partner_id: [9, 'Deco Addict'], invoice_date: false, is_move_sent: false, tag_ids: [1, 2] };
    const types = { name: 'char', partner_id: 'many2one', invoice_date: 'date', is_move_sent: 'boolean', tag_ids: 'many2many', id: 'integer' };
    expect(convertRecord(row, types)).toEqual({
      id: 5,
      name: 'INV/1',
      partner_id: { id: 9, name: 'Deco Addict' },
      invoice_date: null,
      is_move_sent: false,
      tag_ids: [1, 2],
    });
  });
});

describe('toWire', () => {
  it('sends dates as Odoo UTC strings, never Date objects', () => {
    const at = new Date(Date.UTC(2024, 0, 31, 23, 5, 9));
    expect(toWire([['create_date', '>=', at]])).toEqual([['create_date', '>=', '2024-01-31 23:05:09']]);
    expect(odooDatetime(at)).toBe('2024-01-31 23:05:09');
  });

  it('drops undefined members, which the encoder would send as empty strings', () => {
    expect(toWire({ fields: ['name'], limit: undefined, order: 'id' })).toEqual({ fields: ['name'], order: 'id' });
  });
});
