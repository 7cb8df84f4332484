import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR, setUpBrowserSuite } from './browser-suite.js';
import {
  DEMO_PASSWORD,
  demoUser,
  getAsSignedInUser,
  signInThroughForm,
  storedSessionToken,
  submitSignIn,
  UNDERWRITER,
} from './signing-in.js';

const { openPage } = setUpBrowserSuite();

/**
 * Wrong passwords go to accounts no other test signs in with: five failures lock an account for 15 minutes,
 * and the lock must not leak into another test.
 */
const AUDITOR = demoUser('auditor@demo.carapace.test');
const LOCKED_OUT = demoUser('compliance2@demo.carapace.test');
const WRONG_PASSWORD = 'not-the-demo-password';

const isSignInCall = (url: string): boolean => new URL(url).pathname === '/api/v1/sessions';

async function text(page: Page, selector: string): Promise<string> {
  return (await page.locator(selector).first().innerText()).trim();
}

function pathAndQuery(page: Page): string {
  const url = new URL(page.url());
  return `${url.pathname}${url.search}`;
}

/** The focused element's id; the root tsconfig has no DOM types, so ask through a locator. */
async function focusedId(page: Page): Promise<string | null> {
  return page.locator(':focus').getAttribute('id');
}

/** Waits until no health or organisation request is in flight, so nothing is cut off by a navigation. */
async function waitUntilSettled(page: Page): Promise<void> {
  await page.locator('[data-testid="refresh"][aria-busy="false"]').waitFor();
}

describe('sign-in page', { timeout: 60_000 }, () => {
  it('has labelled fields with autocomplete hints, in Chinese and in English', async () => {
    const { page } = await openPage();
    await page.goto('/sign-in');
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    expect(await page.title()).toBe('登录 · 甲壳 Carapace');

    const email = page.getByLabel('邮箱');
    const password = page.getByLabel('密码');
    expect(await email.getAttribute('autocomplete')).toBe('username');
    expect(await email.getAttribute('type')).toBe('email');
    expect(await password.getAttribute('autocomplete')).toBe('current-password');
    expect(await password.getAttribute('type')).toBe('password');
    // Signed out, the header offers no sign-in link of its own here: the page is the sign-in.
    expect(await page.locator('.session-status__sign-in').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in.zh-CN.png'), fullPage: true });

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await page.title()).toBe('Sign in · Carapace');
    expect(await page.getByLabel('Email').getAttribute('autocomplete')).toBe('username');
    expect(await page.getByLabel('Password').getAttribute('autocomplete')).toBe('current-password');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in.en.png'), fullPage: true });
  });

  it('checks for empty and malformed fields before asking the server', async () => {
    const { page } = await openPage();
    const signInCalls: string[] = [];
    page.on('request', (request) => {
      if (isSignInCall(request.url())) signInCalls.push(request.method());
    });
    await page.goto('/sign-in');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.getByText('请输入邮箱。').waitFor();
    expect(await page.getByText('请输入密码。').count()).toBe(1);
    expect(await page.locator('#sign-in-email').getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#sign-in-email').getAttribute('aria-describedby')).toBe(
      'sign-in-email-problem',
    );
    expect(await focusedId(page)).toBe('sign-in-email');

    await page.locator('#sign-in-email').fill('underwriter');
    await page.locator('#sign-in-password').fill('anything');
    await page.keyboard.press('Enter');
    await page.getByText('请输入有效的邮箱地址，例如 name@example.com。').waitFor();
    expect(await page.getByText('请输入密码。').count()).toBe(0);
    expect(signInCalls).toEqual([]);
  });

  it('explains a wrong password in words in both languages, and stays signed out', async () => {
    const { page, expectFailuresFor } = await openPage();
    // Chromium logs every 4xx answer to fetch as a console error ("Failed to load resource"); here the 401 to
    // the sign-in call is the point of the test. Every other console error still fails it.
    expectFailuresFor(isSignInCall);
    await page.goto('/sign-in');

    const zhAnswer = await submitSignIn(page, AUDITOR.email, WRONG_PASSWORD);
    expect(zhAnswer.status()).toBe(401);
    const alert = page.getByRole('alert');
    await alert.getByText('邮箱或密码错误，或账户因多次失败已被暂时锁定').waitFor();
    expect(await alert.innerText()).toContain('连续多次登录失败后，账户会被锁定 15 分钟。');
    const pageText = await page.locator('body').innerText();
    expect(pageText).not.toContain('{');
    expect(pageText).not.toContain('sign_in_failed');
    // The reader can try again at once: the password is selected, the email kept.
    expect(await focusedId(page)).toBe('sign-in-password');
    expect(await page.locator('#sign-in-email').inputValue()).toBe(AUDITOR.email);
    expect(await page.locator('#sign-in-password').getAttribute('aria-describedby')).toBe('sign-in-error');
    expect(await storedSessionToken(page)).toBeNull();
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in.failed.zh-CN.png'), fullPage: true });

    // The message on screen follows a language switch, and a new attempt answers in English.
    await page.getByRole('button', { name: 'English' }).click();
    await alert
      .getByText('Wrong email or password, or the account is temporarily locked after repeated failures')
      .waitFor();
    const enAnswer = await submitSignIn(page, AUDITOR.email, `${WRONG_PASSWORD}-again`);
    expect(enAnswer.status()).toBe(401);
    await alert.getByText('Wrong email or password', { exact: false }).waitFor();
    expect(await alert.innerText()).toContain(
      'After repeated failed sign-ins the account is locked for 15 minutes.',
    );
    expect(await page.locator('body').innerText()).not.toContain('{');
    expect(await storedSessionToken(page)).toBeNull();
    expect(await page.getByTestId('signed-in-name').count()).toBe(0);
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'sign-in.failed.en.png'), fullPage: true });
  });

  it('gives a locked account the same answer as a wrong password, even with the right one', async () => {
    const { page, expectFailuresFor } = await openPage();
    expectFailuresFor(isSignInCall);
    await page.goto('/sign-in');
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await submitSignIn(page, LOCKED_OUT.email, `${WRONG_PASSWORD}-${attempt}`)).status()).toBe(401);
    }
    expect((await submitSignIn(page, LOCKED_OUT.email, DEMO_PASSWORD)).status()).toBe(401);
    await page.getByRole('alert').getByText('邮箱或密码错误，或账户因多次失败已被暂时锁定').waitFor();
    expect(await storedSessionToken(page)).toBeNull();
  });
});

describe('signing in and out', { timeout: 60_000 }, () => {
  it('shows the health checks signed out and asks for sign-in before listing organisations', async () => {
    const { page } = await openPage();
    await page.goto('/platform/health');
    await waitUntilSettled(page);
    expect(await text(page, '[data-testid="overall-status"]')).toBe('就绪');
    const prompt = page.getByTestId('organisations-sign-in-prompt');
    expect(await prompt.innerText()).toContain('登录后可查看您有权查看的机构。');
    expect(await page.locator('table').count()).toBe(0);
    expect(await page.getByRole('alert').count()).toBe(0);
    await page.screenshot({
      path: join(SCREENSHOT_DIR, 'platform-health.signed-out.zh-CN.png'),
      fullPage: true,
    });

    await prompt.getByRole('link', { name: '登录查看机构' }).click();
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    expect(pathAndQuery(page)).toBe('/sign-in?next=%2Fplatform%2Fhealth');
  });

  it('signs in, shows who is signed in and the organisations, then signs out', async () => {
    const { page } = await openPage();
    await page.goto('/platform/health');
    await waitUntilSettled(page);
    await page.locator('.session-status__sign-in').click();
    await submitSignIn(page, UNDERWRITER.email, DEMO_PASSWORD);

    await page.getByRole('heading', { level: 1, name: '平台健康状况' }).waitFor();
    expect(pathAndQuery(page)).toBe('/platform/health');
    await waitUntilSettled(page);
    expect(await text(page, '[data-testid="signed-in-name"]')).toBe(UNDERWRITER.displayName);
    expect(await text(page, '[data-testid="signed-in-role"]')).toBe('保险公司 · 核保员');
    await page.locator('table tbody tr').first().waitFor();
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
    const token = await storedSessionToken(page);
    expect(token).not.toBeNull();

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Platform health' }).waitFor();
    expect(await text(page, '[data-testid="signed-in-role"]')).toBe('Underwriter · Insurer');
    await waitUntilSettled(page);

    const signedOut = page.waitForResponse(
      (response) =>
        new URL(response.url()).pathname === '/api/v1/sessions/current' &&
        response.request().method() === 'DELETE',
    );
    await page.getByRole('button', { name: 'Sign out' }).click();
    expect((await signedOut).status()).toBe(204);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(pathAndQuery(page)).toBe('/sign-in');
    expect(await storedSessionToken(page)).toBeNull();
    expect(await page.getByTestId('signed-in-name').count()).toBe(0);

    // The server has ended the session too: the old token no longer opens anything.
    expect((await getAsSignedInUser(page, '/api/v1/organisations', token ?? undefined)).status()).toBe(401);
  });

  it('sends a signed-out deep link to sign-in and back after signing in with the keyboard', async () => {
    const { page } = await openPage();
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    expect(pathAndQuery(page)).toBe('/sign-in?next=%2Faccount');

    // Focus starts at the page after the redirect, so the first Tab reaches the email field.
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sign-in-email');
    await page.keyboard.type(UNDERWRITER.email);
    await page.keyboard.press('Tab');
    expect(await focusedId(page)).toBe('sign-in-password');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');

    await page.getByRole('heading', { level: 1, name: '我的账户' }).waitFor();
    expect(pathAndQuery(page)).toBe('/account');
    await page.getByTestId('account-name').waitFor();
    expect(await text(page, '[data-testid="account-name"]')).toBe(UNDERWRITER.displayName);
    expect(await text(page, '[data-testid="account-email"]')).toBe(UNDERWRITER.email);
    expect(await text(page, '[data-testid="account-roles"]')).toBe('核保员');
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'account.zh-CN.png'), fullPage: true });

    // Back from the account page leaves the site's history as it was: the sign-in page replaced itself.
    await page.getByRole('link', { name: '平台健康', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: '平台健康状况' }).waitFor();
    await waitUntilSettled(page);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: '我的账户' }).waitFor();
    await page.getByTestId('account-name').waitFor();

    // Signing out from a page that needs a session lands on the plain sign-in page, not back here.
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    expect(pathAndQuery(page)).toBe('/sign-in');
    expect(await storedSessionToken(page)).toBeNull();
  });

  it('takes the reader to sign in when the session ends elsewhere, and back after', async () => {
    const { page, expectFailuresFor } = await openPage();
    await signInThroughForm(page, UNDERWRITER, '/account');
    await page.getByTestId('account-name').waitFor();
    const token = await storedSessionToken(page);
    expect(token).not.toBeNull();

    // Sign the session out behind the page's back, as another tab or an administrator would.
    const revoked = await page.request.delete('/api/v1/sessions/current', {
      headers: { authorization: `Bearer ${token ?? ''}` },
    });
    expect(revoked.status()).toBe(204);

    // The page's next call answers 401, which Chromium logs as a console error; that is the event under test.
    expectFailuresFor((url) => new URL(url).pathname === '/api/v1/me');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: '登录' }).waitFor();
    expect(pathAndQuery(page)).toBe('/sign-in?next=%2Faccount&reason=session_ended');
    expect(await page.getByRole('status').innerText()).toContain('您的登录已失效');
    expect(await storedSessionToken(page)).toBeNull();
    expect(await page.getByTestId('signed-in-name').count()).toBe(0);

    await submitSignIn(page, UNDERWRITER.email, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: '我的账户' }).waitFor();
    await page.getByTestId('account-name').waitFor();
    expect(pathAndQuery(page)).toBe('/account');
  });

  it('never sends the reader off the site after signing in', async () => {
    const { page } = await openPage();
    await page.goto(`/sign-in?next=${encodeURIComponent('//example.com/phish')}`);
    await submitSignIn(page, UNDERWRITER.email, DEMO_PASSWORD);
    await page.getByRole('heading', { level: 1, name: '工作台' }).waitFor();
    expect(new URL(page.url()).origin).not.toBe('https://example.com');
    expect(pathAndQuery(page)).toBe('/home');
    await page.waitForLoadState('networkidle');
  });
});
