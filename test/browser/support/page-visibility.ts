import type { BrowserContext, Page } from 'playwright-core';

export interface LoggedFetch {
  url: string;
  /** document.visibilityState at the moment the page called fetch. */
  visibility: string;
}

declare global {
  interface Window {
    __cvFetches?: LoggedFetch[];
  }
}

/**
 * Logs every call the page makes to fetch for /api/company-view (not /history), with the page's visibility at that
 * moment. Logged in the page, at call time: a request served from the HTTP cache counts as well, and
 * there is no doubt about which side of a visibility change a request was made on.
 */
export async function logCompanyViewFetches(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const log: LoggedFetch[] = [];
    window.__cvFetches = log;
    const realFetch = window.fetch.bind(window);
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      // The company view itself, not its history (asked for on its own, slower cadence).
      if (new URL(url, location.href).pathname === '/api/company-view') log.push({ url, visibility: document.visibilityState });
      return realFetch(input, init);
    };
  });
}

export async function companyViewFetches(page: Page): Promise<LoggedFetch[]> {
  return page.evaluate(() => window.__cvFetches?.slice() ?? []);
}

/**
 * Makes the page believe its tab went to the background (or came back): the document reports the new
 * visibilityState and receives the visibilitychange event, exactly what a real tab switch delivers to
 * the page's code. Headless Chromium has no other tab to switch to that would change it.
 */
export async function setPageVisibility(page: Page, state: 'hidden' | 'visible'): Promise<void> {
  await page.evaluate((next) => {
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => next });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => next === 'hidden' });
    document.dispatchEvent(new Event('visibilitychange'));
  }, state);
}
