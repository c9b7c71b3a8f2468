import type { InvoiceStatus, TicketPriority } from '@contracts/company-view';

/** What the page shows for a value that is missing. */
export const MISSING = '—';

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

export function formatQuantity(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value);
}

/** An amount in its own currency; an unknown currency code still shows the number and the code. */
export function formatMoney(amount: number | null, currency: string | null, locale: string): string {
  if (amount === null || !Number.isFinite(amount)) {
    return MISSING;
  }
  if (!currency) {
    return new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount);
  }
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(amount);
  } catch {
    return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(amount)} ${currency}`;
  }
}

/**
 * Reads the calendar day of a "YYYY-MM-DD" value (a longer datetime string keeps its date part).
 * The day is built in local time: `new Date("2026-01-15")` would be UTC midnight, which is the 14th west of UTC.
 */
export function parseDay(value: string | null): Date | null {
  const match = value ? /^(\d{4})-(\d{2})-(\d{2})/.exec(value) : null;
  if (!match) {
    return null;
  }
  const [, year, month, day] = match.map(Number) as [number, number, number, number];
  const date = new Date(year, month - 1, day);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function formatDay(value: string | null, locale: string): string {
  const day = parseDay(value);
  return day ? new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(day) : MISSING;
}

/** True when the deadline's day is before `today`'s day (a task due today is not overdue yet). */
export function isPastDay(value: string | null, today: Date): boolean {
  const day = parseDay(value);
  if (!day) {
    return false;
  }
  const startOfToday = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  return day.getTime() < startOfToday.getTime();
}

/** A 0–100 probability as a percentage. */
export function formatProbability(value: number | null, locale: string): string {
  if (value === null || !Number.isFinite(value)) {
    return MISSING;
  }
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(value / 100);
}

const PRIORITY_LABELS: Record<TicketPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

export function priorityLabel(value: TicketPriority | null): string {
  return value ? (PRIORITY_LABELS[value] ?? value) : MISSING;
}

const STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  posted: 'Open',
  paid: 'Paid',
  overdue: 'Overdue',
  unknown: 'Unknown',
};

export function invoiceStatusLabel(status: InvoiceStatus): string {
  return STATUS_LABELS[status] ?? 'Unknown';
}

/** "5 seconds ago", "3 minutes ago", "2 hours ago". */
export function formatAge(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  if (whole < 60) {
    return plural(whole, 'second');
  }
  if (whole < 3600) {
    return plural(Math.floor(whole / 60), 'minute');
  }
  return plural(Math.floor(whole / 3600), 'hour');
}

function plural(count: number, unit: string): string {
  return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
}
