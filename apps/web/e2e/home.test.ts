import { describe, expect, it } from 'vitest';
import { setUpBrowserSuite } from './browser-suite.js';
import { screenshotInBothLanguages } from './screenshots.js';
import { signInThroughForm, UNDERWRITER } from './signing-in.js';

const { openPage } = setUpBrowserSuite();

describe('home page', { timeout: 60_000 }, () => {
  it('is where the root address takes the signed-in, and platform health where it takes everyone else', async () => {
    const { page } = await openPage();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '平台健康状况' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/platform/health');

    await signInThroughForm(page, UNDERWRITER, '/account');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/home');
    expect(await page.title()).toBe('工作台 · 甲壳 Carapace');
    const greeting = await page.locator('.page-header__intro').innerText();
    expect(greeting).toContain(UNDERWRITER.displayName);
    expect(greeting).toContain('核保员');
    await expect
      .poll(() => page.locator('.app-nav__link[aria-current="page"]').allInnerTexts())
      .toEqual(['工作台']);
    await screenshotInBothLanguages(page, 'home.underwriter');
  });

  it('sends a signed-out visit of the home page to sign-in and back', async () => {
    const { page } = await openPage();
    await page.goto('/home');
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    expect(new URL(page.url()).search).toBe('?next=%2Fhome');
  });
});
