import type { Browser, BrowserContext } from 'playwright-core';
import { AuthService } from '../../../server/auth/auth.service';
import { seedDemoData } from '../../../server/demo/demo-seed';
import { startTestApp, type TestApp } from '../../support/app-fixture';
import { launchChromium, type LaunchedChromium } from './chromium';
import { ensureClientBuilt } from './client-build';

/** How long one browser suite may take to start: it may build the client first. */
export const SUITE_START_TIMEOUT_MS = 240_000;

/** Settings every browser suite needs whatever its clocks: many form sign-ins from one address. */
const BROWSER_SUITE_ENV: Record<string, string> = { SIGN_IN_RATE_LIMIT: '1000' };

export interface BrowserSuite {
  t: TestApp;
  browser: Browser;
  /**
   * A fresh, isolated browser context (own cookies and cache) pointed at the app, in US English.
   * `bypassCSP` lets a test add inline scripts of its own (axe-core), which the app's
   * Content-Security-Policy would refuse.
   */
  newContext(options?: { colorScheme?: 'light' | 'dark'; bypassCSP?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** The real app (embedded PostgreSQL, in-process demo Odoo, demo users and tenants) and one Chromium. */
export async function startBrowserSuite(env: Record<string, string>): Promise<BrowserSuite> {
  ensureClientBuilt();
  const t = await startTestApp({ env: { ...BROWSER_SUITE_ENV, ...env } });
  let chromium: LaunchedChromium | null = null;
  try {
    await seedDemoData(t.dataSource, await t.app.get(AuthService).passwords());
    chromium = await launchChromium();
  } catch (error) {
    await t.close();
    throw error;
  }
  const { browser } = chromium;
  return {
    t,
    browser,
    newContext: ({ colorScheme = 'light', bypassCSP = false } = {}) =>
      browser.newContext({ baseURL: t.url, locale: 'en-US', timezoneId: 'UTC', colorScheme, bypassCSP, viewport: { width: 1280, height: 900 } }),
    async close() {
      await chromium?.close();
      await t.close();
    },
  };
}
