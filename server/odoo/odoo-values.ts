import type { OdooRecord, OdooValue } from './odoo-client';

/** Field name → Odoo field type ("char", "many2one", "boolean", ...), from fields_get. */
export type FieldTypes = Record<string, string>;

/**
 * Prepares a value for the wire. Dates become Odoo's UTC strings (the xmlrpc package would send a
 * Date in the process's local time without an offset), and undefined members are dropped (the package
 * would send them as empty strings).
 */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return odooDatetime(value);
  if (Array.isArray(value)) return value.map(toWire);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = toWire(v);
    return out;
  }
  return value;
}

/** "YYYY-MM-DD HH:MM:SS" in UTC, the format Odoo stores and compares datetimes in. */
export function odooDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** Turns Odoo's raw read values into plain typed data (see OdooRecord). */
export function convertRecord(raw: Record<string, unknown>, types: FieldTypes): OdooRecord {
  const out: Record<string, OdooValue> = {};
  for (const [name, value] of Object.entries(raw)) out[name] = convertValue(value, types[name]);
  return out as OdooRecord;
}

export function convertValue(value: unknown, type: string | undefined): OdooValue {
  // Odoo answers `false` for any empty field; only a boolean field means it.
  if (value === false) return type === 'boolean' ? false : null;
  if (value === null || value === undefined) return null;
  if (type === 'many2one' || (type === undefined && looksLikeMany2one(value))) return toMany2one(value);
  return value as OdooValue;
}

function looksLikeMany2one(value: unknown): value is [number, string] {
  return Array.isArray(value) && value.length === 2 && typeof value[0] === 'number' && typeof value[1] === 'string';
}

function toMany2one(value: unknown): OdooValue {
  if (Array.isArray(value) && value.length === 2 && typeof value[0] === 'number') {
    // A record without a display name comes as [id, false].
    return { id: value[0], name: typeof value[1] === 'string' ? value[1] : '' };
  }
  // read() with load='' sends the bare id.
  if (typeof value === 'number') return { id: value, name: '' };
  return value as OdooValue;
}
