import { DASHBOARD_URL, isAuthPage, safeReturnUrl } from './return-url';

describe('safeReturnUrl', () => {
  it('keeps paths inside the app, with their query and fragment', () => {
    expect(safeReturnUrl('/account')).toBe('/account');
    expect(safeReturnUrl('/dashboard/company-view?tab=crm#top')).toBe('/dashboard/company-view?tab=crm#top');
  });

  it('falls back to the dashboard when nothing usable is given', () => {
    expect(safeReturnUrl(undefined)).toBe(DASHBOARD_URL);
    expect(safeReturnUrl(null)).toBe(DASHBOARD_URL);
    expect(safeReturnUrl('')).toBe(DASHBOARD_URL);
    expect(safeReturnUrl('account')).toBe(DASHBOARD_URL);
  });

  it.each([
    'https://evil.example/phish',
    '//evil.example/phish',
    '/\\evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    'javascript:alert(1)',
  ])('rejects %j, which could leave the app', (raw) => {
    expect(safeReturnUrl(raw)).toBe(DASHBOARD_URL);
  });

  it('never returns to the auth pages, which would loop', () => {
    expect(safeReturnUrl('/sign-in')).toBe(DASHBOARD_URL);
    expect(safeReturnUrl('/sign-in?returnUrl=%2Faccount')).toBe(DASHBOARD_URL);
    expect(safeReturnUrl('/sign-up')).toBe(DASHBOARD_URL);
    expect(safeReturnUrl('/sign-inside')).toBe('/sign-inside');
  });
});

describe('isAuthPage', () => {
  it('recognises the sign-in and sign-up pages whatever their query', () => {
    expect(isAuthPage('/sign-in?returnUrl=%2Faccount')).toBe(true);
    expect(isAuthPage('/sign-up')).toBe(true);
    expect(isAuthPage('/dashboard/company-view')).toBe(false);
  });
});
