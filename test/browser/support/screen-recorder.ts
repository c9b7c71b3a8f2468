import type { BrowserContext, Page } from 'playwright-core';

/** One distinct state of the screen, as far as "whose data is this?" goes. */
export interface ShownState {
  path: string;
  /** The tenant name in the page title area, else the header's single-tenant label. */
  tenant: string | null;
  /** Options of the header's tenant switcher. */
  switcherOptions: string[];
  /** Demo-database markers ("(Acme)", "(Globex)"...) found in the visible text. */
  markers: string[];
  /** KPI texts by key, as displayed. */
  kpis: Record<string, string>;
}

declare global {
  interface Window {
    __cvShown?: Map<string, ShownState>;
  }
}

/**
 * Records, in every page of the context, each distinct screen state after every DOM change. Tests use
 * it to prove something was never on screen, not even for one frame between two awaited states.
 */
export async function recordWhatIsShown(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const shown = new Map<string, ShownState>();
    window.__cvShown = shown;
    const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent?.trim() ?? null;
    const capture = () => {
      const visibleText = document.body?.innerText ?? '';
      const kpis: Record<string, string> = {};
      document.querySelectorAll('[data-testid^="kpi-value-"]').forEach((element) => {
        kpis[element.getAttribute('data-testid')!.slice('kpi-value-'.length)] = element.textContent?.trim() ?? '';
      });
      const state: ShownState = {
        path: location.pathname,
        tenant: text('page-tenant-name') ?? text('current-tenant-name'),
        switcherOptions: Array.from(document.querySelectorAll('[data-testid="tenant-switcher"] option'), (option) => option.textContent?.trim() ?? ''),
        markers: Array.from(new Set(Array.from(visibleText.matchAll(/\((Acme|Globex|Initech|Umbrella)\)/g), (match) => match[1]))).sort(),
        kpis,
      };
      shown.set(JSON.stringify(state), state);
    };
    new MutationObserver(capture).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

/** Every distinct state recorded in this page since it loaded (or since the last forget). */
export async function shownStates(page: Page): Promise<ShownState[]> {
  return page.evaluate(() => Array.from(window.__cvShown?.values() ?? []));
}

export async function forgetShownStates(page: Page): Promise<void> {
  await page.evaluate(() => window.__cvShown?.clear());
}
