// The Angular dashboard in real headless Chromium against the real server, an embedded PostgreSQL and
// the in-process demo Odoo: signing in and out, tenants, and how the page looks. Server clocks are the
// production ones (30 s cache), so a tenant switch happens well within the cache's lifetime.
import type { BrowserContext, Page } from 'playwright-core';
import { DEMO_USER, OTHER_DEMO_USER } from '../../server/auth/demo-accounts';
import type { CompanyKpis } from '../../server/contracts/company-view';
import { heard, sessionDeleted } from '../support/auth-changes';
import { describeWithChromium } from './support/chromium';
import { startBrowserSuite, SUITE_START_TIMEOUT_MS, type BrowserSuite } from './support/browser-suite';
import {
  apiView,
  DASHBOARD_PATH,
  eventually,
  horizontalOverflow,
  pageKpis,
  rowTexts,
  saveScreenshot,
  sectionBanners,
  signInThroughForm,
  submitSignInForm,
  tenantIdByName,
  waitForTenantData,
} from './support/dashboard';
import { forgetShownStates, recordWhatIsShown, shownStates } from './support/screen-recorder';

const SERVER_CLOCKS = { CACHE_TTL_MS: '30000', ERROR_CACHE_TTL_MS: '5000', SECTION_TIMEOUT_MS: '4000', TOTAL_BUDGET_MS: '6000' };
/** Every tenant of the demo user (seeded by the demo seed). */
const DEMO_USER_TENANTS = ['Acme Corp', 'Globex', 'Initech', 'Stark Industries', 'Soylent', 'Umbrella'];
const MOBILE = { width: 360, height: 780 };

describeWithChromium('dashboard in Chromium: sign-in, tenants, sessions', () => {
  let suite: BrowserSuite;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    suite = await startBrowserSuite(SERVER_CLOCKS);
  }, SUITE_START_TIMEOUT_MS);

  afterAll(async () => {
    await suite?.close();
  });

  beforeEach(async () => {
    context = await suite.newContext();
    page = await context.newPage();
  });

  afterEach(async () => {
    await context?.close();
  });

  /** A new user whose only tenants are the given ones (the first is their default). */
  async function userWithTenants(...tenants: Array<{ name: string; odooDatabase: string }>) {
    const user = await suite.t.createUser();
    for (const [index, tenant] of tenants.entries()) {
      const tenantId = await suite.t.createTenant(tenant);
      await suite.t.addMember(user.userId, tenantId, { isDefault: index === 0 });
    }
    return user;
  }

  it('signs the demo user in through the form and shows the same KPIs as the API for Acme Corp', async () => {
    await page.goto('/sign-in');
    await page.getByTestId('sign-in-form').waitFor();
    await saveScreenshot(page, 'sign-in-desktop-light');

    await submitSignInForm(page, DEMO_USER.email, DEMO_USER.password);
    await page.waitForURL(`**${DASHBOARD_PATH}`);
    await waitForTenantData(page, 'Acme Corp');

    const api = await apiView(context, await tenantIdByName(context, 'Acme Corp'));
    expect(await pageKpis(page)).toEqual(api.kpis);
    // The demo data fills every section of Acme, so a dashboard of dashes could not pass.
    expect(Object.values(api.kpis).every((value) => typeof value === 'number')).toBe(true);
    await saveScreenshot(page, 'dashboard-acme-desktop-light');
  });

  it('needs no sideways scrolling on a desktop or a 360 px screen, in light and dark', async () => {
    await signInThroughForm(page, DEMO_USER.email, DEMO_USER.password);
    await waitForTenantData(page, 'Acme Corp');
    const noOverflow = { page: 0, tables: { 'section-accounting': 0, 'section-crm': 0, 'section-projects': 0, 'section-helpdesk': 0, 'section-inventory': 0 } };
    expect(await horizontalOverflow(page)).toEqual(noOverflow);
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.waitForFunction((light) => getComputedStyle(document.body).backgroundColor !== light, lightBackground);
    await saveScreenshot(page, 'dashboard-acme-desktop-dark');

    await page.setViewportSize(MOBILE);
    for (const scheme of ['dark', 'light'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      expect(await horizontalOverflow(page)).toEqual(noOverflow);
      await saveScreenshot(page, `dashboard-acme-360px-${scheme}`);
    }
    expect(await background()).toBe(lightBackground);
  });

  it('shows the helpdesk "module not available" banner for a Community database, and the other sections', async () => {
    const user = await userWithTenants({ name: 'Globex Browser', odooDatabase: 'globex' });
    await signInThroughForm(page, user.email, user.password);
    await waitForTenantData(page, 'Globex Browser');

    await expect(sectionBanners(page)).resolves.toEqual({ helpdesk: 'module-missing' });
    await expect(page.getByTestId('kpi-value-openTicketsCount').getAttribute('data-unavailable')).resolves.toBe('true');
    for (const section of ['accounting', 'crm', 'projects', 'inventory']) {
      expect((await rowTexts(page, section)).length).toBeGreaterThan(0);
    }
    expect(await rowTexts(page, 'projects')).toEqual(expect.arrayContaining([expect.stringContaining('(Globex)')]));
    await saveScreenshot(page, 'globex-helpdesk-module-missing');
  });

  it("shows the new tenant's numbers at once after a switch, never the previous tenant's", async () => {
    const user = await userWithTenants({ name: 'Switch Acme', odooDatabase: 'acme' }, { name: 'Switch Globex', odooDatabase: 'globex' });
    await recordWhatIsShown(context);
    await signInThroughForm(page, user.email, user.password);
    await waitForTenantData(page, 'Switch Acme');
    const acme = await apiView(context, await tenantIdByName(context, 'Switch Acme'));
    const globex = await apiView(context, await tenantIdByName(context, 'Switch Globex'));
    expect(globex.kpis).not.toEqual(acme.kpis);
    expect(await pageKpis(page)).toEqual(acme.kpis);

    await page.getByTestId('tenant-switcher').selectOption({ label: 'Switch Globex' });
    await waitForTenantData(page, 'Switch Globex');
    expect(await pageKpis(page)).toEqual(globex.kpis);
    await saveScreenshot(page, 'tenant-switched-to-globex');

    // Back to the first tenant while both answers are still in the server's (and browser's) cache.
    await page.getByTestId('tenant-switcher').selectOption({ label: 'Switch Acme' });
    await waitForTenantData(page, 'Switch Acme');
    expect(await pageKpis(page)).toEqual(acme.kpis);

    const states = await shownStates(page);
    expectNeverShown(states, 'Switch Globex', 'Acme', acme.kpis);
    expectNeverShown(states, 'Switch Acme', 'Globex', globex.kpis);
  });

  it("signs out to /sign-in, and the next user on the same browser never sees the previous user's data", async () => {
    await recordWhatIsShown(context);
    await signInThroughForm(page, DEMO_USER.email, DEMO_USER.password);
    await waitForTenantData(page, 'Acme Corp');
    const acmeKpis = await pageKpis(page);

    await page.getByTestId('sign-out').click();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    await page.getByTestId('sign-in-form').waitFor();
    await expect(page.getByTestId('app-header').count()).resolves.toBe(0);
    await forgetShownStates(page);

    await submitSignInForm(page, OTHER_DEMO_USER.email, OTHER_DEMO_USER.password);
    await waitForTenantData(page, 'Wonka');
    const wonka = await apiView(context, await tenantIdByName(context, 'Wonka'));
    expect(await pageKpis(page)).toEqual(wonka.kpis);
    expect(wonka.kpis).not.toEqual(acmeKpis);
    await saveScreenshot(page, 'other-user-wonka');

    const states = await shownStates(page);
    expect(states.length).toBeGreaterThan(0);
    for (const state of states) {
      expect(DEMO_USER_TENANTS).not.toContain(state.tenant);
      expect(state.switcherOptions.filter((option) => DEMO_USER_TENANTS.some((name) => option.startsWith(name)))).toEqual([]);
      expect(state.markers).not.toContain('Acme');
      expect(sameKpis(state.kpis, acmeKpis)).toBe(false);
    }
  });

  it('signs the other devices out at once when the password is changed with "Sign out of my other devices"', async () => {
    const user = await userWithTenants({ name: 'Two Devices Co', odooDatabase: 'acme' });
    const phoneContext = await suite.newContext();
    try {
      const phone = await phoneContext.newPage();
      await signInThroughForm(phone, user.email, user.password);
      await waitForTenantData(phone, 'Two Devices Co');
      await signInThroughForm(page, user.email, user.password);
      await waitForTenantData(page, 'Two Devices Co');
      const [{ id: phoneSession }]: Array<{ id: string }> = await suite.t.dataSource.query(
        'SELECT id FROM "session" WHERE "userId" = $1 ORDER BY "createdAt" ASC LIMIT 1',
        [user.userId],
      );

      const told = heard(suite.t, sessionDeleted(phoneSession));
      await page.goto('/account');
      await page.getByTestId('current-password').fill(user.password);
      await page.getByTestId('new-password').fill('a-new-password-2');
      await page.getByTestId('confirm-password').fill('a-new-password-2');
      await expect(page.getByTestId('revoke-other-sessions').isChecked()).resolves.toBe(true);
      await page.getByTestId('change-password-submit').click();
      await expect(page.getByTestId('change-password-success').textContent()).resolves.toContain('Your other devices have been signed out');
      await told;

      // The phone's cookies are still in its jar; the server no longer honours them.
      await phone.reload();
      await phone.waitForURL((url) => url.pathname === '/sign-in');
      // This device carries on.
      await page.goto(DASHBOARD_PATH);
      await waitForTenantData(page, 'Two Devices Co');
    } finally {
      await phoneContext.close();
    }
  });

  it("opens an invoice's record in the demo Odoo in a new tab, and links each number to its Odoo list", async () => {
    const user = await userWithTenants({ name: 'Acme Links', odooDatabase: 'acme' });
    await signInThroughForm(page, user.email, user.password);
    await waitForTenantData(page, 'Acme Links');
    const api = await apiView(context, await tenantIdByName(context, 'Acme Links'));
    const invoice = api.sections.accounting.recentInvoices[0];

    const link = page.getByTestId('row-accounting').first().getByRole('link');
    await expect(link.getAttribute('target')).resolves.toBe('_blank');
    await expect(link.getAttribute('rel')).resolves.toBe('noopener noreferrer');
    await expect(link.ariaSnapshot()).resolves.toContain(`link "${invoice.number} (open in Odoo, new tab)"`);
    const [odooTab] = await Promise.all([context.waitForEvent('page'), link.click()]);
    await odooTab.waitForLoadState();
    // Odoo 17 routes with a URL fragment, which never reaches a server: the page reads it itself.
    expect(odooTab.url()).toBe(invoice.odooUrl);
    await expect(odooTab.getByTestId('odoo-model').textContent()).resolves.toBe('account.move');
    await expect(odooTab.getByTestId('odoo-record-id').textContent()).resolves.toBe(invoice.id);
    await odooTab.close();

    const tasks = page.getByTestId('kpi-link-openTasksCount');
    await expect(tasks.getAttribute('href')).resolves.toBe(api.meta?.kpiLinks.openTasksCount);
    // What a screen reader announces for it (the accessible name from Chromium's accessibility tree).
    await expect(tasks.ariaSnapshot()).resolves.toContain('link "Open in Odoo: Open tasks (new tab)"');
  });

  it('offers a company selector on a two-company tenant only, narrows the numbers to the chosen company and remembers it', async () => {
    const user = await userWithTenants({ name: 'Stark Browser', odooDatabase: 'stark' }, { name: 'Acme Single', odooDatabase: 'acme' });
    await signInThroughForm(page, user.email, user.password);
    await waitForTenantData(page, 'Stark Browser');
    const tenantId = await tenantIdByName(context, 'Stark Browser');
    const all = await apiView(context, tenantId);
    const usd = all.meta!.companies.find((c) => c.currency === 'USD')!;
    const select = page.getByTestId('company-select');
    const optionTexts = async () => (await select.locator('option').allTextContents()).map((text) => text.trim());
    await expect(optionTexts()).resolves.toEqual(['All companies', ...all.meta!.companies.map((c) => `${c.name} (${c.currency})`)]);
    // Amounts in their own currencies, one line each, never added up.
    for (const currency of ['EUR', 'USD']) {
      await expect(page.getByTestId(`kpi-money-openInvoicesCount-${currency}`).textContent()).resolves.toMatch(currency === 'EUR' ? /€/ : /\$/);
    }
    await saveScreenshot(page, 'stark-all-companies');

    await select.selectOption({ value: String(usd.id) });
    const scoped = await apiView(context, tenantId, [usd.id]);
    expect(scoped.kpis).not.toEqual(all.kpis);
    await eventually(async () => expect(await pageKpis(page)).toEqual(scoped.kpis));
    await expect(page.getByTestId('kpi-money-openInvoicesCount-EUR').count()).resolves.toBe(0);
    await expect(page.getByTestId('kpi-money-openInvoicesCount-USD').textContent()).resolves.toMatch(/\$/);

    await page.reload();
    await waitForTenantData(page, 'Stark Browser');
    await eventually(async () => expect(await pageKpis(page)).toEqual(scoped.kpis));
    await expect(select.inputValue()).resolves.toBe(String(usd.id));

    await page.getByTestId('tenant-switcher').selectOption({ label: 'Acme Single' });
    await waitForTenantData(page, 'Acme Single');
    await expect(page.getByTestId('company-select').count()).resolves.toBe(0);
  });

  it('shows the no-tenant card to a user who belongs to no tenant', async () => {
    const user = await suite.t.createUser();
    await signInThroughForm(page, user.email, user.password);
    await page.getByTestId('no-tenant').waitFor();
    await expect(page.getByTestId('dashboard').count()).resolves.toBe(0);
    await saveScreenshot(page, 'no-tenant-card');
  });

  it('sends a signed-out deep link to sign-in and back to the dashboard afterwards', async () => {
    await page.goto(DASHBOARD_PATH);
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('returnUrl')).toBe(DASHBOARD_PATH);
    await page.getByTestId('sign-in-form').waitFor();
    await page.setViewportSize(MOBILE);
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'sign-in-360px-dark');

    await submitSignInForm(page, DEMO_USER.email, DEMO_USER.password);
    await page.waitForURL((url) => url.pathname === DASHBOARD_PATH);
    await waitForTenantData(page, 'Acme Corp');
  });
});

/** True when every KPI text on screen is the given number (an incomplete screen never matches). */
function sameKpis(shown: Record<string, string>, kpis: CompanyKpis): boolean {
  const entries = Object.entries(kpis);
  return entries.every(([key, value]) => {
    const text = shown[key];
    if (text === undefined) return false;
    const shownValue = /[0-9]/.test(text) ? Number(text.replace(/[^0-9]/g, '')) : null;
    return shownValue === value;
  });
}

/** No screen state that names `tenant` ever carried the other database's marker or figures. */
function expectNeverShown(states: Awaited<ReturnType<typeof shownStates>>, tenant: string, foreignMarker: string, foreignKpis: CompanyKpis): void {
  const underTenant = states.filter((state) => state.tenant === tenant);
  expect(underTenant.length).toBeGreaterThan(0);
  for (const state of underTenant) {
    expect(state.markers).not.toContain(foreignMarker);
    expect(sameKpis(state.kpis, foreignKpis)).toBe(false);
  }
}
