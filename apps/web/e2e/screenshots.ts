import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './browser-suite.js';

const LANGUAGES = ['zh-CN', 'en'] as const;
type Language = (typeof LANGUAGES)[number];

/** Switches the interface language with the header's switch, as a reader would, and waits for it. */
export async function switchLanguage(page: Page, language: Language): Promise<void> {
  const option = page.locator(`.language-switch__option[lang="${language}"]`);
  if ((await option.getAttribute('aria-pressed')) !== 'true') await option.click();
  await page.locator(`html[lang="${language}"]`).waitFor({ state: 'attached' });
}

/**
 * Saves `<name>.zh-CN.png` and `<name>.en.png` of the whole page under test-artifacts/screenshots, then
 * leaves the page in the language it was in. `settle` waits for what the page loads after a switch (the
 * API answers in the reader's language, so most pages fetch again).
 */
export async function screenshotInBothLanguages(
  page: Page,
  name: string,
  settle: (page: Page) => Promise<void> = (current) => current.waitForLoadState('networkidle'),
): Promise<void> {
  const start: Language = (await page.getAttribute('html', 'lang')) === 'en' ? 'en' : 'zh-CN';
  for (const language of [start, ...LANGUAGES.filter((other) => other !== start)]) {
    await switchLanguage(page, language);
    await settle(page);
    await fullPageScreenshot(page, join(SCREENSHOT_DIR, `${name}.${language}.png`));
  }
  await switchLanguage(page, start);
  await settle(page);
}

/** What sticks to the viewport while scrolling: the header, the submission form's save bar, a finding's panel. */
const STICKY_ELEMENTS = ['.app-header', '.submission-form__actions', '.finding-panel'];
const UNSTICK_MARKER = '/* carapace-e2e: unstick */';

/**
 * A full-page screenshot with sticky elements where they sit in the page: Chromium stitches a full page from
 * the scrolled viewport, so a sticky header or save bar would otherwise appear part-way down the image.
 */
export async function fullPageScreenshot(page: Page, path: string): Promise<void> {
  await page.addStyleTag({
    content: `${UNSTICK_MARKER} ${STICKY_ELEMENTS.join(', ')} { position: static !important; }`,
  });
  try {
    await page.screenshot({ path, fullPage: true });
  } finally {
    // Strings, not functions: the e2e tsconfig has no DOM types.
    await page.evaluate(
      `document.querySelectorAll('style').forEach((style) => { if (style.textContent.startsWith(${JSON.stringify(UNSTICK_MARKER)})) style.remove(); })`,
    );
  }
}
