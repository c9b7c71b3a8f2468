import type { OdooMany2one, OdooValue } from '../../odoo/odoo-client';

// Small readers that turn the client's loosely typed record values into contract values.
// Odoo sends `false` for an empty field; the client already turned that into null.

export function many2oneName(value: OdooValue | undefined): string | null {
  return isMany2one(value) ? value.name : null;
}

export function many2oneId(value: OdooValue | undefined): number | null {
  return isMany2one(value) ? value.id : null;
}

export function text(value: OdooValue | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

export function numberOrNull(value: OdooValue | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

export function idList(value: OdooValue | undefined): number[] {
  if (!Array.isArray(value)) return [];
  return (value as unknown[]).filter((v): v is number => typeof v === 'number');
}

/** A `YYYY-MM-DD` date field, or null. */
export function dateOnly(value: OdooValue | undefined): string | null {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
}

function isMany2one(value: OdooValue | undefined): value is OdooMany2one {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && typeof value.id === 'number';
}
