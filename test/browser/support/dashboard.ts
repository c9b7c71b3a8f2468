import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { CompanyKpis, CompanyViewResponse } from '../../../server/contracts/company-view';
import type { CompanyViewHistoryResponse, HistoryRange } from '../../../server/contracts/history';
import { KPI_KEYS } from '../../../server/contracts/sections';
import type { TenantMembershipDto } from '../../../server/contracts/tenant';
import { ROOT } from '../../support/run-cli';

export const DASHBOARD_PATH = '/dashboard/company-view';
export { KPI_KEYS };
export const SCREENSHOT_DIR = join(ROOT, 'test-output', 'screenshots');

/** Retries an assertion until it passes (or rethrows its last failure once the time is up). */
export async function eventually<T>(assertion: () => Promise<T> | T, timeoutMs = 15_000, intervalMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Fills and submits the sign-in form of the page already showing it. */
export async function submitSignInForm(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('auth-email').fill(email);
  await page.getByTestId('auth-password').fill(password);
  await page.getByTestId('auth-submit').click();
}

/** Opens /sign-in, signs in through the form and waits for the dashboard route. */
export async function signInThroughForm(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await submitSignInForm(page, email, password);
  await page.waitForURL(`**${DASHBOARD_PATH}`);
}

/** Waits until the dashboard shows this tenant's name with its figures (not the loading skeleton). */
export async function waitForTenantData(page: Page, tenantName: string, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(
    (name) =>
      document.querySelector('[data-testid="page-tenant-name"]')?.textContent?.trim() === name &&
      document.querySelector('[data-testid="kpi-value-openInvoicesCount"]') !== null,
    tenantName,
    { timeout: timeoutMs },
  );
}

/** The KPI values on screen: the number shown, or null where the card shows "unavailable". */
export async function pageKpis(page: Page): Promise<CompanyKpis> {
  const shown = await page.evaluate((keys) => {
    return keys.map((key) => {
      const element = document.querySelector(`[data-testid="kpi-value-${key}"]`);
      return { key, text: element?.textContent?.trim() ?? null, unavailable: element?.getAttribute('data-unavailable') === 'true' };
    });
  }, KPI_KEYS as string[]);
  const kpis = {} as CompanyKpis;
  for (const { key, text, unavailable } of shown) {
    if (text === null) throw new Error(`kpi-value-${key} is not on the page`);
    // Counts are whole numbers; the grouping separator depends on the locale.
    kpis[key as keyof CompanyKpis] = unavailable ? null : Number(text.replace(/[^0-9]/g, ''));
  }
  return kpis;
}

/** GET /api/company-view (optionally for some companies) with the browser context's own session cookie. */
export async function apiView(context: BrowserContext, tenantId: string, companies?: number[]): Promise<CompanyViewResponse> {
  const query = companies ? `?companies=${companies.join(',')}` : '';
  const response = await context.request.get(`/api/company-view${query}`, { headers: { 'x-tenant-id': tenantId } });
  if (response.status() !== 200) throw new Error(`GET /api/company-view answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as CompanyViewResponse;
}

/** GET /api/company-view/history for a range, with the browser context's own session cookie. */
export async function apiHistory(context: BrowserContext, tenantId: string, range: HistoryRange): Promise<CompanyViewHistoryResponse> {
  const response = await context.request.get(`/api/company-view/history?range=${range}`, { headers: { 'x-tenant-id': tenantId } });
  if (response.status() !== 200) throw new Error(`GET /api/company-view/history answered ${response.status()}: ${await response.text()}`);
  return (await response.json()) as CompanyViewHistoryResponse;
}

/** The id of one of the signed-in user's tenants, by name. */
export async function tenantIdByName(context: BrowserContext, name: string): Promise<string> {
  const response = await context.request.get('/api/tenants');
  const memberships = (await response.json()) as TenantMembershipDto[];
  const match = memberships.find((membership) => membership.tenantName === name);
  if (!match) throw new Error(`the signed-in user has no tenant named ${name}`);
  return match.tenantId;
}

/** Visible texts of the rows of one section's table. */
/**
 * The section banners on screen, by section, read in one pass so that all of them come from the same
 * poll (a banner read one by one could mix two polls).
 */
export async function sectionBanners(page: Page): Promise<Record<string, string | null>> {
  return page.evaluate(() => {
    const prefix = 'section-banner-';
    const banners = [...document.querySelectorAll(`[data-testid^="${prefix}"]`)];
    return Object.fromEntries(banners.map((el) => [el.getAttribute('data-testid')!.slice(prefix.length), el.getAttribute('data-kind')]));
  });
}

export async function rowTexts(page: Page, section: string): Promise<string[]> {
  return page.getByTestId(`row-${section}`).allTextContents();
}

/**
 * Chromium here draws classic scrollbars (Playwright's --hide-scrollbars is not among our flags), and a
 * full-page capture would keep the layout width of the scrolled page but cut the image at the old
 * viewport: hide them while capturing, as a phone or an overlay-scrollbar desktop would show the page.
 */
const NO_SCROLLBARS = 'html { scrollbar-width: none; }';

/** Saves test-output/screenshots/<name>.png of the whole page. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true, animations: 'disabled', style: NO_SCROLLBARS });
}

/** Horizontal overflow: of the page, and of each section's table inside its card. */
export async function horizontalOverflow(page: Page): Promise<{ page: number; tables: Record<string, number> }> {
  return page.evaluate(() => {
    const tables: Record<string, number> = {};
    document.querySelectorAll('[data-testid^="section-"] table').forEach((table) => {
      const section = table.closest('[data-testid^="section-"]')!.getAttribute('data-testid')!;
      tables[section] = Math.max(0, Math.ceil(table.getBoundingClientRect().width - table.parentElement!.clientWidth));
    });
    const root = document.documentElement;
    return { page: Math.max(0, root.scrollWidth - root.clientWidth), tables };
  });
}
