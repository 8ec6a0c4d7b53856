import type { Page } from 'playwright-core';

/** Form controls without an accessible name: each should be empty. */
export async function unlabelledControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const controls = Array.from(
      document.querySelectorAll<HTMLElement>('input:not([type=hidden]), select, textarea, button'),
    );
    return controls
      .filter((el) => {
        if (el.closest('[aria-hidden="true"]') || (el.getAttribute('tabindex') === '-1' && el.tagName !== 'INPUT'))
          return false;
        const input = el as HTMLInputElement;
        const byLabel =
          input.labels && input.labels.length > 0 && Array.from(input.labels).some((l) => l.textContent?.trim());
        const byAria =
          el.getAttribute('aria-label')?.trim() ||
          el
            .getAttribute('aria-labelledby')
            ?.split(/\s+/)
            .some((id) => document.getElementById(id)?.textContent?.trim());
        const byText = el.tagName === 'BUTTON' && el.textContent?.trim();
        const byTitle = el.getAttribute('title')?.trim();
        return !(byLabel || byAria || byText || byTitle);
      })
      .map((el) => el.outerHTML.slice(0, 160));
  });
}

/** axe-core's serious and critical violations on the current page (WCAG 2 A and AA rules). */
export async function axeViolations(page: Page): Promise<string[]> {
  // a dialog still fading in has its text at part opacity: axe would measure a contrast nobody sees.
  // Two frames first, so a transition React starts on the next render has begun.
  await page.evaluate(async () => {
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    await Promise.all(document.getAnimations().map((a) => a.finished.catch(() => undefined)));
  });
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
  });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
}
