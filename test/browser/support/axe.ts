import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One rule axe-core found broken, with the elements that break it (enough to find them). */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

declare global {
  interface Window {
    axe?: {
      run(
        context: unknown,
        options: unknown,
      ): Promise<{ violations: Array<{ id: string; impact?: string | null; help: string; nodes: Array<{ target: unknown[] }> }> }>;
    };
  }
}

/**
 * Runs axe-core (its default rules: WCAG 2.x A and AA and best practices) on what the page shows
 * now. Its source goes into the page as an inline script, so nothing is fetched; the page's context
 * must be made with `bypassCSP`, as the app's Content-Security-Policy refuses inline scripts.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => window.axe !== undefined))) await page.addScriptTag({ content: AXE_SOURCE });
  // Colours fade over a few frames after a theme switch (button transitions): judge the end state.
  await page.waitForFunction(() => document.getAnimations().every((animation) => !(animation instanceof CSSTransition)));
  return page.evaluate(async () => {
    const result = await window.axe!.run(document, { resultTypes: ['violations'] });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? null,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  });
}
