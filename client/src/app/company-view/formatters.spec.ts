import {
  formatAge,
  formatDay,
  formatMoney,
  formatProbability,
  formatQuantity,
  invoiceStatusLabel,
  isPastDay,
  MISSING,
  parseDay,
  priorityLabel,
} from './formatters';

describe('formatMoney', () => {
  it('formats each amount in its own currency for the user locale', () => {
    expect(formatMoney(5000, 'USD', 'en-US')).toBe('$5,000.00');
    expect(formatMoney(1234.5, 'EUR', 'en-US')).toBe('€1,234.50');
    expect(formatMoney(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
    expect(formatMoney(1500, 'JPY', 'en-US')).toBe('¥1,500');
  });

  it('still shows the amount and code for a currency code Intl does not accept', () => {
    expect(formatMoney(12, 'EURO', 'en-US')).toBe('12.00 EURO');
  });

  it('shows a dash when there is no amount', () => {
    expect(formatMoney(null, 'USD', 'en-US')).toBe(MISSING);
    expect(formatMoney(Number.NaN, 'USD', 'en-US')).toBe(MISSING);
  });

  it('shows a plain number when the currency is unknown', () => {
    expect(formatMoney(99.5, null, 'en-US')).toBe('99.50');
  });
});

describe('days', () => {
  it('reads YYYY-MM-DD as that calendar day in local time', () => {
    const day = parseDay('2026-01-15');
    expect([day?.getFullYear(), day?.getMonth(), day?.getDate()]).toEqual([2026, 0, 15]);
  });

  it('keeps the date part of a datetime string and rejects anything else', () => {
    expect(parseDay('2026-03-01 08:30:00')?.getDate()).toBe(1);
    expect(parseDay('next week')).toBeNull();
    expect(parseDay(null)).toBeNull();
  });

  it('formats days in the user locale', () => {
    expect(formatDay('2026-01-15', 'en-US')).toBe('Jan 15, 2026');
    expect(formatDay('2026-01-15', 'en-GB')).toBe('15 Jan 2026');
    expect(formatDay(null, 'en-US')).toBe(MISSING);
  });

  it('calls a deadline overdue only once its day has passed', () => {
    const today = new Date(2026, 0, 15, 9, 30);
    expect(isPastDay('2026-01-14', today)).toBe(true);
    expect(isPastDay('2026-01-15', today)).toBe(false);
    expect(isPastDay('2026-01-16', today)).toBe(false);
    expect(isPastDay(null, today)).toBe(false);
  });
});

describe('small labels', () => {
  it('formats a 0-100 probability as a percentage', () => {
    expect(formatProbability(45, 'en-US')).toBe('45%');
    expect(formatProbability(12.6, 'en-US')).toBe('13%');
    expect(formatProbability(null, 'en-US')).toBe(MISSING);
  });

  it('names ticket priorities and invoice statuses', () => {
    expect(priorityLabel('urgent')).toBe('Urgent');
    expect(priorityLabel(null)).toBe(MISSING);
    expect(invoiceStatusLabel('posted')).toBe('Open');
    expect(invoiceStatusLabel('overdue')).toBe('Overdue');
  });

  it('formats quantities with at most two decimals', () => {
    expect(formatQuantity(3, 'en-US')).toBe('3');
    expect(formatQuantity(1234.5678, 'en-US')).toBe('1,234.57');
  });
});

describe('formatAge', () => {
  it('counts seconds, then minutes, then hours', () => {
    expect(formatAge(0)).toBe('0 seconds ago');
    expect(formatAge(1)).toBe('1 second ago');
    expect(formatAge(59.9)).toBe('59 seconds ago');
    expect(formatAge(60)).toBe('1 minute ago');
    expect(formatAge(7260)).toBe('2 hours ago');
  });

  it('never shows a negative age when the server clock is ahead', () => {
    expect(formatAge(-4)).toBe('0 seconds ago');
  });
});
