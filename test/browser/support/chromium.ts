import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium package by default; the suites never download a browser of their own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The switches this sandbox needs: no GPU, no sandbox, and nothing that phones home on a closed network. */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface LaunchedChromium {
  browser: Browser;
  /** Closes the browser and deletes its profile directory. */
  close(): Promise<void>;
}

/**
 * Starts Chromium with exactly CHROMIUM_FLAGS and a throw-away profile. Playwright's own default
 * switches are turned off (`ignoreDefaultArgs: true`), so the only additions are the two it cannot
 * work without: the DevTools pipe it drives the browser through, and no startup window (it opens its
 * own pages). Playwright refuses `--user-data-dir` in `args` unless its defaults are off, which is
 * what lets the profile live in a directory this module owns and removes.
 */
export async function launchChromium(): Promise<LaunchedChromium> {
  const profileDir = mkdtempSync(join(tmpdir(), 'company-view-chromium-'));
  try {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      ignoreDefaultArgs: true,
      args: [...CHROMIUM_FLAGS, `--user-data-dir=${profileDir}`, '--remote-debugging-pipe', '--no-startup-window'],
      timeout: 60_000,
    });
    return {
      browser,
      async close() {
        await browser.close().catch(() => undefined);
        rmSync(profileDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(profileDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * `describe` when Chromium is installed. Without it: under CI the suite fails at load time (a CI run
 * must never pass without its browser tests); elsewhere one line says why and the tests are skipped.
 */
/** A browser suite. jest.config.js leaves these files out (saying why) when Chromium is missing
 *  outside CI; reaching here without it means CI, or a run that named the file: fail loudly. */
export function describeWithChromium(name: string, body: () => void): void {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Browser suite "${name}" needs ${CHROMIUM_PATH} (install Debian's chromium package, or set CHROMIUM_PATH).`);
  }
  describe(name, body);
}
