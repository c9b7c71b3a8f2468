// Dates as the tenant sees them. Odoo stores datetimes as naive UTC strings and has no notion
// of "today" over RPC, so both conversions happen here in the tenant's IANA time zone.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Converts Odoo's UTC `YYYY-MM-DD HH:MM:SS` to the local date in `timeZone`; a plain date passes through. */
export function odooDatetimeToDate(value: string, timeZone: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return value;
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?)/.exec(value);
  if (!match) return null;
  const instant = new Date(`${match[1]}T${match[2]}Z`);
  return Number.isNaN(instant.getTime()) ? null : dateInZone(instant, timeZone);
}

/** The zone the tenant's days are counted in: its own when the runtime knows it, else UTC (a bad zone must not fail every section). */
export function usableTimeZone(timeZone: string): string {
  try {
    new Intl.DateTimeFormat('en', { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}
