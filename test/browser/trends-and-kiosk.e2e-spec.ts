// KPI trends, the detail panel, kiosk mode and the rough edges of issue 14, in real headless
// Chromium against the real server, an embedded PostgreSQL and the in-process demo Odoo. Yesterday
// and last week are written straight into kpi_sample, so every change on the cards is known.
import type { BrowserContext, Page } from 'playwright-core';
import type { CompanyKpis } from '../../server/contracts/company-view';
import { describeWithChromium } from './support/chromium';
import { startBrowserSuite, SUITE_START_TIMEOUT_MS, type BrowserSuite } from './support/browser-suite';
import { heard, sessionDeleted } from '../support/auth-changes';
import { type AxeViolation, axeViolations } from './support/axe';
import {
  apiHistory,
  apiView,
  DASHBOARD_PATH,
  eventually,
  horizontalOverflow,
  KPI_KEYS,
  saveScreenshot,
  signInThroughForm,
  tenantIdByName,
  waitForTenantData,
} from './support/dashboard';
import { recordKpis } from './support/history-seed';

const SERVER_CLOCKS = { CACHE_TTL_MS: '30000', ERROR_CACHE_TTL_MS: '5000', SECTION_TIMEOUT_MS: '4000', TOTAL_BUDGET_MS: '6000' };
const HOUR_MS = 3_600_000;
const PHONE = { width: 360, height: 780 };
const WALL = { width: 1920, height: 1080 };
const DAY_MS = 24 * HOUR_MS;
/** How each KPI moved since yesterday and since last week in the rows written by the tests. */
const SINCE_YESTERDAY: CompanyKpis = {
  openInvoicesCount: 3,
  overdueInvoicesCount: 2,
  openLeadsCount: -1,
  openTasksCount: 0,
  openTicketsCount: -2,
  lowStockItemsCount: 1,
};
const SINCE_LAST_WEEK: CompanyKpis = {
  openInvoicesCount: -4,
  overdueInvoicesCount: -1,
  openLeadsCount: 5,
  openTasksCount: 6,
  openTicketsCount: 0,
  lowStockItemsCount: -2,
};
/** The product's reading of each KPI's direction (kpi-format.ts): is a rise good news, bad news or neither? */
const RISE_MEANS: Record<keyof CompanyKpis, 'good' | 'bad' | 'neutral'> = {
  openInvoicesCount: 'neutral',
  overdueInvoicesCount: 'bad',
  openLeadsCount: 'good',
  openTasksCount: 'bad',
  openTicketsCount: 'bad',
  lowStockItemsCount: 'bad',
};

describeWithChromium('dashboard in Chromium: KPI trends, the detail panel, kiosk mode', () => {
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

  /** A new user on a new tenant of their own (the Acme demo database), signed in through the form. */
  async function signInOnNewTenant(name: string): Promise<{ tenantId: string; user: { email: string; password: string } }> {
    const user = await suite.t.createUser();
    const tenantId = await suite.t.createTenant({ name, odooDatabase: 'acme' });
    await suite.t.addMember(user.userId, tenantId, { isDefault: true });
    await signInThroughForm(page, user.email, user.password);
    return { tenantId, user };
  }

  /**
   * Writes yesterday's and last week's rows from the KPIs the server shows now, so that each card's
   * changes are SINCE_YESTERDAY and SINCE_LAST_WEEK; returns the KPIs of now.
   */
  async function writeHistory(tenantId: string): Promise<CompanyKpis> {
    const now = await apiView(context, tenantId);
    const at = Date.parse(now.refreshedAt);
    const minus = (since: CompanyKpis) => Object.fromEntries(KPI_KEYS.map((key) => [key, now.kpis[key]! - since[key]!])) as unknown as CompanyKpis;
    await recordKpis(suite.t.dataSource, tenantId, new Date(at - DAY_MS), minus(SINCE_YESTERDAY));
    // A quarter of an hour on, so the 7-day window (which starts at its first quarter hour) holds it.
    await recordKpis(suite.t.dataSource, tenantId, new Date(at - 7 * DAY_MS + 15 * 60_000), minus(SINCE_LAST_WEEK));
    return now.kpis;
  }

  /** What a card should say for a change: the arrow and size, and the verdict in words. */
  function expectedChange(key: keyof CompanyKpis, delta: number, period: string) {
    const tone = delta === 0 ? 'neutral' : RISE_MEANS[key] === 'neutral' ? 'neutral' : delta > 0 === (RISE_MEANS[key] === 'good') ? 'good' : 'bad';
    const icon = delta === 0 ? '=' : delta > 0 ? '▲' : '▼';
    const verdict = tone === 'good' ? ', better' : tone === 'bad' ? ', worse' : '';
    const spoken = delta === 0 ? `No change since ${period}.` : `${delta > 0 ? 'Up' : 'Down'} ${Math.abs(delta)} since ${period}${verdict}.`;
    return { shown: `${icon} ${Math.abs(delta)} vs ${period}`, spoken, tone };
  }

  it('shows a 7-day sparkline and the change since yesterday and last week on every card', async () => {
    const { tenantId } = await signInOnNewTenant('Trends Acme');
    await waitForTenantData(page, 'Trends Acme');
    const kpis = await writeHistory(tenantId);
    await page.reload();
    await waitForTenantData(page, 'Trends Acme');
    await page.getByTestId('kpi-change-openInvoicesCount').first().waitFor();

    for (const key of KPI_KEYS) {
      const card = page.getByTestId(`kpi-card-${key}`);
      const label = (await card.locator('.kpi__label').textContent())!.trim();
      const sparkline = card.getByRole('img', { name: new RegExp(`^${label}, 7-day trend`) });
      await expect(sparkline.count()).resolves.toBe(1);
      await expect(sparkline.getAttribute('aria-label')).resolves.toContain(`now ${kpis[key]}`);

      const changes = card.getByTestId(`kpi-change-${key}`);
      const shown = await changes.evaluateAll((items) =>
        items.map((item) => ({
          shown: item.querySelector('[aria-hidden="true"]')!.textContent.replace(/\s+/g, ' ').trim(),
          spoken: item.querySelector('.visually-hidden')!.textContent.trim(),
          tone: item.getAttribute('data-tone'),
        })),
      );
      expect(shown).toEqual([expectedChange(key, SINCE_YESTERDAY[key]!, 'yesterday'), expectedChange(key, SINCE_LAST_WEEK[key]!, 'last week')]);
    }
    // Good and bad news look different: not only the words differ.
    const colour = (key: string, period: string) =>
      page.locator(`[data-testid="kpi-change-${key}"][data-period="${period}"]`).evaluate((el) => getComputedStyle(el).color);
    expect(await colour('overdueInvoicesCount', 'yesterday')).not.toBe(await colour('openLeadsCount', 'last week'));
    await saveScreenshot(page, 'trends-desktop-light');
  });

  it('opens the detail panel from a Details button, switches its range, lists the values and gives focus back on Escape', async () => {
    const { tenantId } = await signInOnNewTenant('Details Acme');
    await waitForTenantData(page, 'Details Acme');
    // A tenant seen for the first time has nothing to draw yet: the card says when history starts.
    const today = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date());
    await expect(page.getByTestId('kpi-history-start-openTasksCount').textContent()).resolves.toBe(`History starts ${today}`);
    await expect(page.getByRole('img', { name: /7-day trend/ }).count()).resolves.toBe(0);
    await writeHistory(tenantId);

    const details = page.getByTestId('kpi-details-openTasksCount');
    await expect(details.ariaSnapshot()).resolves.toContain('button "Details: Open tasks"');
    await details.click();
    const dialog = page.getByRole('dialog', { name: 'Open tasks' });
    await dialog.waitFor();
    const table = dialog.getByRole('table', { name: 'Open tasks over the last 7 days, newest first' });
    await table.waitFor();
    // Last week, yesterday and today's readings: the same points as the API's.
    const week = await apiHistory(context, tenantId, '7d');
    expect(week.points.length).toBeGreaterThanOrEqual(3);
    await expect(table.locator('tbody tr').count()).resolves.toBe(week.points.length);
    await dialog.locator('.uplot canvas').first().waitFor();
    await saveScreenshot(page, 'detail-panel-7d');

    await dialog.getByRole('radio', { name: '30 days' }).check();
    const days = dialog.getByRole('table', { name: 'Open tasks over the last 30 days, newest first' });
    await days.waitFor();
    await expect(days.locator('thead th').first().textContent()).resolves.toBe('Day');
    // One row per day with a reading: today, yesterday and a week ago.
    await expect(days.locator('tbody tr').count()).resolves.toBe(3);
    await expect(days.locator('tbody tr').count()).resolves.toBe((await apiHistory(context, tenantId, '30d')).points.length);

    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).resolves.toBe('kpi-details-openTasksCount');
  });

  it('kiosk mode: no header and no buttons, dark with larger type even on a light system, sparklines shown, the next refresh scheduled', async () => {
    const { tenantId } = await signInOnNewTenant('Kiosk Acme');
    await waitForTenantData(page, 'Kiosk Acme');
    await writeHistory(tenantId);
    const valueSize = () => page.getByTestId('kpi-value-openInvoicesCount').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    const normalSize = await valueSize();
    expect(await backgroundLightness(page)).toBeGreaterThan(0.8);

    await page.setViewportSize(WALL);
    await page.goto(`${DASHBOARD_PATH}?kiosk=1`);
    await waitForTenantData(page, 'Kiosk Acme');
    await page
      .getByRole('img', { name: /7-day trend/ })
      .first()
      .waitFor();
    await expect(page.getByRole('img', { name: /7-day trend/ }).count()).resolves.toBe(KPI_KEYS.length);
    await expect(page.getByTestId('app-header').count()).resolves.toBe(0);
    await expect(page.locator('button, select, [role="button"]').count()).resolves.toBe(0);
    expect(await valueSize()).toBeGreaterThan(normalSize);
    expect(await backgroundLightness(page)).toBeLessThan(0.2);
    await expect(page.getByTestId('next-refresh').textContent()).resolves.toMatch(/Next refresh in \d+ s/);
    expect((await horizontalOverflow(page)).page).toBe(0);
    await saveScreenshot(page, 'kiosk-1920');
  });

  it('gives the focus back to the tenant switcher after a switch made with the keyboard', async () => {
    const user = await suite.t.createUser();
    for (const [index, name] of ['Keys Acme', 'Keys Globex'].entries()) {
      const tenantId = await suite.t.createTenant({ name, odooDatabase: index === 0 ? 'acme' : 'globex' });
      await suite.t.addMember(user.userId, tenantId, { isDefault: index === 0 });
    }
    await signInThroughForm(page, user.email, user.password);
    await waitForTenantData(page, 'Keys Acme');

    const switcher = page.getByTestId('tenant-switcher');
    await switcher.focus();
    await page.keyboard.press('ArrowDown');
    await waitForTenantData(page, 'Keys Globex');
    await eventually(async () => expect(await focusedTestId(page)).toBe('tenant-switcher'));
    // Still usable from the keyboard: back to the first tenant.
    await page.keyboard.press('ArrowUp');
    await waitForTenantData(page, 'Keys Acme');
    await eventually(async () => expect(await focusedTestId(page)).toBe('tenant-switcher'));
  });

  it('keeps the deep link in returnUrl when the session turns out to be over while the app is starting', async () => {
    const { user } = await signInOnNewTenant('Deep Link Acme');
    await waitForTenantData(page, 'Deep Link Acme');
    const [{ id: userId }]: Array<{ id: string }> = await suite.t.dataSource.query('SELECT id FROM "user" WHERE email = $1', [user.email]);
    const sessions: Array<{ id: string }> = await suite.t.dataSource.query('SELECT id FROM "session" WHERE "userId" = $1', [userId]);

    // The app's own code loads; the dashboard's (a lazy chunk) waits until the 401 has come in, so
    // the first navigation is still under way when it does, as on a slow network.
    const index = await (await context.request.get('/')).text();
    const initialScripts = new Set(index.match(/[\w-]+\.js/g));
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/chunk-[\w-]+\.js$/, async (route) => {
      if (!initialScripts.has(new URL(route.request().url()).pathname.slice(1))) await released;
      await route.continue();
    });
    // The session ends between the guard's check (which passes) and the first API call.
    let ended = false;
    await page.route('**/api/tenants/current', async (route) => {
      if (!ended) {
        ended = true;
        const told = heard(suite.t, ...sessions.map(({ id }) => sessionDeleted(id)));
        await suite.t.dataSource.query('DELETE FROM "session" WHERE "userId" = $1', [userId]);
        await told;
      }
      await route.continue();
    });

    // A page of the app other than "/" (kiosk mode would do as well, but has no header to ask first).
    const deepLink = '/account';
    const refused = page.waitForResponse((response) => response.url().endsWith('/api/tenants/current') && response.status() === 401);
    await page.goto(deepLink);
    await refused;
    release();
    await page.waitForURL((url) => url.pathname === '/sign-in');
    expect(new URL(page.url()).searchParams.get('returnUrl')).toBe(deepLink);
  });

  it('lines up the KPI numbers across cards and leaves no hole between sections', async () => {
    await signInOnNewTenant('Layout Acme');
    await waitForTenantData(page, 'Layout Acme');
    const layout = await page.evaluate(() => {
      const box = (el: Element) => el.getBoundingClientRect();
      const labels = [...document.querySelectorAll('.kpi__label')].map((el) => Math.round(box(el).height));
      const values = [...document.querySelectorAll('[data-testid^="kpi-value-"]')].map((el) => Math.round(box(el).top));
      const cards = [...document.querySelectorAll('.sections__columns > *')].map((el) => {
        const { left, top, bottom } = box(el);
        return { left: Math.round(left), top: Math.round(top), bottom: Math.round(bottom) };
      });
      return { labels, values, cards };
    });
    // Some labels take two lines at this width, and still every number is at the same height.
    expect(new Set(layout.labels).size).toBeGreaterThan(1);
    expect(new Set(layout.values).size).toBe(1);
    // Two columns of sections; below each section, the next one of its column follows at the usual gap.
    const columns = [...new Set(layout.cards.map((card) => card.left))];
    expect(columns).toHaveLength(2);
    for (const left of columns) {
      const column = layout.cards.filter((card) => card.left === left).sort((a, b) => a.top - b.top);
      for (let i = 1; i < column.length; i++) expect(column[i].top - column[i - 1].bottom).toBeLessThanOrEqual(17);
    }
    await saveScreenshot(page, 'layout-desktop-light');
  });

  it('on a phone: KPIs first, sections folded to their titles and counts, the tenant select full width', async () => {
    const user = await suite.t.createUser();
    for (const [index, name] of ['Phone Acme', 'Phone Globex'].entries()) {
      const tenantId = await suite.t.createTenant({ name, odooDatabase: index === 0 ? 'acme' : 'globex' });
      await suite.t.addMember(user.userId, tenantId, { isDefault: index === 0 });
    }
    await page.setViewportSize(PHONE);
    await signInThroughForm(page, user.email, user.password);
    await waitForTenantData(page, 'Phone Acme');
    const api = await apiView(context, await tenantIdByName(context, 'Phone Acme'));

    const sections = ['accounting', 'crm', 'projects', 'helpdesk', 'inventory'];
    for (const section of sections) {
      const toggle = page.getByTestId(`section-toggle-${section}`);
      await expect(toggle.getAttribute('aria-expanded')).resolves.toBe('false');
      await expect(page.getByTestId(`row-${section}`).first().isVisible()).resolves.toBe(false);
    }
    await expect(page.getByTestId('section-count-projects').textContent()).resolves.toBe(String(api.kpis.openTasksCount));
    await expect(page.getByTestId('section-count-inventory').textContent()).resolves.toBe(String(api.kpis.lowStockItemsCount));
    const geometry = await page.evaluate(() => ({
      kpis: document.querySelector('.kpis')!.getBoundingClientRect().top,
      sections: document.querySelector('.sections')!.getBoundingClientRect().top,
      switcher: document.querySelector('[data-testid="tenant-switcher"]')!.getBoundingClientRect().width,
      header: document.querySelector('.header__inner')!.clientWidth,
      height: document.documentElement.scrollHeight,
    }));
    expect(geometry.kpis).toBeLessThan(geometry.sections);
    // The header's inner box has 16 px of padding each side.
    expect(geometry.switcher).toBeGreaterThanOrEqual(geometry.header - 2 * 16 - 1);
    // Folded, the page is a few screens long, not ten thousand pixels.
    expect(geometry.height).toBeLessThan(4 * PHONE.height);
    await saveScreenshot(page, 'phone-folded');

    await page.getByTestId('section-toggle-projects').click();
    // Angular renders the change after the click's task: wait for it rather than read at once.
    await page.locator('[data-testid="section-toggle-projects"][aria-expanded="true"]').waitFor();
    await page.getByTestId('row-projects').first().waitFor();
    await expect(page.getByTestId('row-projects').count()).resolves.toBe(api.sections.projects.openTasks.length);
    // Opened, every table still fits the screen.
    for (const section of sections.filter((key) => key !== 'projects')) await page.getByTestId(`section-toggle-${section}`).click();
    const tables = Object.fromEntries(sections.map((section) => [`section-${section}`, 0]));
    expect(await horizontalOverflow(page)).toEqual({ page: 0, tables });
  });

  it('shows reordering rules by urgency, most urgent first, in words', async () => {
    const { tenantId } = await signInOnNewTenant('Urgency Acme');
    await waitForTenantData(page, 'Urgency Acme');
    const api = await apiView(context, tenantId);
    const shown = await page
      .getByTestId('row-inventory')
      .evaluateAll((rows) =>
        rows.map((row) => ({ urgency: row.getAttribute('data-urgency'), word: row.querySelector('[data-testid="low-stock-urgency"]')!.textContent.trim() })),
      );
    const expected = api.sections.inventory.lowStockItems.map((item) => {
      const min = item.reorderMinQty ?? 0;
      return min <= 0 || item.qtyForecast <= 0 ? 'critical' : item.qtyForecast / min < 0.5 ? 'high' : 'medium';
    });
    expect(shown.map((row) => row.urgency)).toEqual(expected);
    expect(shown.map((row) => row.word)).toEqual(expected.map((level) => level[0].toUpperCase() + level.slice(1)));
    // The demo data has every level, and the order never goes back up.
    expect(new Set(expected)).toEqual(new Set(['critical', 'high', 'medium']));
    const rank = { critical: 0, high: 1, medium: 2 };
    expect(expected.every((level, i) => i === 0 || rank[level] >= rank[expected[i - 1]])).toBe(true);
  });

  describe('axe-core', () => {
    beforeEach(async () => {
      await context.close();
      context = await suite.newContext({ bypassCSP: true });
      page = await context.newPage();
    });

    it('finds no violation on the dashboard, the open detail panel and kiosk mode, light and dark', async () => {
      const { tenantId } = await signInOnNewTenant('Axe Acme');
      await waitForTenantData(page, 'Axe Acme');
      await writeHistory(tenantId);
      await page.reload();
      await waitForTenantData(page, 'Axe Acme');
      await page.getByTestId('kpi-change-openTasksCount').first().waitFor();

      const found: Record<string, AxeViolation[]> = {};
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        found[`dashboard, ${scheme}`] = await axeViolations(page);

        await page.getByTestId('kpi-details-openTasksCount').click();
        await page.getByRole('dialog').locator('.uplot canvas').first().waitFor();
        found[`detail panel, ${scheme}`] = await axeViolations(page);
        await page.keyboard.press('Escape');
        await page.getByRole('dialog').waitFor({ state: 'detached' });
      }
      await page.goto(`${DASHBOARD_PATH}?kiosk=1`);
      await waitForTenantData(page, 'Axe Acme');
      await page.getByTestId('kpi-change-openTasksCount').first().waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        found[`kiosk, ${scheme} system theme`] = await axeViolations(page);
      }
      expect(found).toEqual({
        'dashboard, light': [],
        'detail panel, light': [],
        'dashboard, dark': [],
        'detail panel, dark': [],
        'kiosk, light system theme': [],
        'kiosk, dark system theme': [],
      });
    });
  });
});

/** The data-testid of the element that has the focus. */
function focusedTestId(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
}

/** Lightness (0 black to 1 white) of the page's background colour. */
async function backgroundLightness(page: Page): Promise<number> {
  const rgb = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = rgb.match(/[\d.]+/g)!.map(Number);
  return (Math.max(r, g, b) + Math.min(r, g, b)) / 2 / 255;
}
