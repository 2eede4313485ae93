/// <reference types="node" />
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/** axe-core's browser build as text (its `source`); evaluated in the page (the apps' CSP forbids inline scripts, evaluate is not one). */
const axeSource = axe.source;

interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * The serious and critical WCAG 2.1 A/AA faults axe-core finds on the page as it is now, one
 * line each (rule, what it says, where): an empty list is a pass.
 */
export async function seriousAccessibilityFaults(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return result.violations as AxeResult[];
  });
  return (violations as AxeResult[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

/**
 * The page at 200 %: a browser zoomed to 200 % lays the page out in half the CSS pixels, so
 * the viewport is halved for the check (390×844 → 195×422). Nothing may run off to the side
 * (no sideways scrolling, no control cut off at the right edge) and the controls named by
 * `selectors` must still be shown. Returns what is wrong; the viewport is restored afterwards.
 */
export async function faultsAt200Percent(page: Page, selectors: readonly string[]): Promise<string[]> {
  const size = page.viewportSize();
  if (!size) throw new Error('the page has no fixed viewport');
  await page.setViewportSize({ width: Math.round(size.width / 2), height: Math.round(size.height / 2) });
  try {
    await page.waitForTimeout(200);
    return await page.evaluate((wanted) => {
      const root = document.documentElement;
      const width = root.clientWidth;
      const faults: string[] = [];
      if (root.scrollWidth > width + 1) faults.push(`scrolls sideways: ${root.scrollWidth} > ${width}`);
      for (const selector of wanted) {
        const found = [...document.querySelectorAll<HTMLElement>(selector)];
        if (found.length === 0) faults.push(`${selector}: missing`);
        for (const element of found) {
          const box = element.getBoundingClientRect();
          if (box.width === 0 || box.height === 0) faults.push(`${selector}: not shown`);
          else if (box.right > width + 1 || box.left < -1)
            faults.push(`${selector}: cut off (${Math.round(box.left)}–${Math.round(box.right)} of ${width})`);
        }
      }
      return faults;
    }, selectors);
  } finally {
    await page.setViewportSize(size);
  }
}
