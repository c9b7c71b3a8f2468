import { dateInZone, odooDatetimeToDate, usableTimeZone } from './tenant-time';

describe('tenant time', () => {
  const lateEveningUtc = new Date('2026-03-10T23:30:00Z');

  it('gives the calendar date of an instant in the tenant zone', () => {
    expect(dateInZone(lateEveningUtc, 'UTC')).toBe('2026-03-10');
    expect(dateInZone(lateEveningUtc, 'Asia/Tokyo')).toBe('2026-03-11');
    expect(dateInZone(new Date('2026-03-11T03:00:00Z'), 'America/New_York')).toBe('2026-03-10');
  });

  it("turns Odoo's naive UTC datetimes into the tenant's local date", () => {
    expect(odooDatetimeToDate('2026-03-10 23:30:00', 'Europe/Brussels')).toBe('2026-03-11');
    expect(odooDatetimeToDate('2026-03-10 23:30:00', 'America/Los_Angeles')).toBe('2026-03-10');
    expect(odooDatetimeToDate('2026-03-11 02:00:00', 'America/Los_Angeles')).toBe('2026-03-10');
  });

  it('passes plain dates through and refuses garbage', () => {
    expect(odooDatetimeToDate('2026-03-10', 'Asia/Tokyo')).toBe('2026-03-10');
    expect(odooDatetimeToDate('tomorrow', 'UTC')).toBeNull();
  });
});

describe('usableTimeZone', () => {
  it('keeps a zone the runtime knows and falls back to UTC otherwise', () => {
    expect(usableTimeZone('Asia/Kolkata')).toBe('Asia/Kolkata');
    expect(usableTimeZone('Mars/Olympus_Mons')).toBe('UTC');
  });
});
