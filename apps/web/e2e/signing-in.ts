import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '@carapace/domain';
import type { APIResponse, Page, Response } from 'playwright-core';
import { expect } from 'vitest';

export interface DemoUser {
  readonly email: string;
  readonly displayName: string;
}

/** A demo account that `--demo-data` creates, found by its email so a renamed account fails loudly here. */
export function demoUser(email: string): DemoUser {
  const account = DEMO_ACCOUNTS.find((candidate) => candidate.email === email);
  if (account === undefined) throw new Error(`no demo account ${email}`);
  return account;
}

/** The insurer's underwriter: signed in, the organisations card lists the insurer and its insureds. */
export const UNDERWRITER = demoUser('underwriter@demo.carapace.test');

export { DEMO_PASSWORD };

/** The session key the web UI keeps in sessionStorage; read through a string so no DOM types are needed. */
const SESSION_KEY = 'carapace.session';

/** Fills the sign-in form on the current page and submits it; resolves with the sign-in response. */
export async function submitSignIn(page: Page, email: string, password: string): Promise<Response> {
  await page.getByRole('heading', { level: 1, name: /^(登录|Sign in)$/ }).waitFor();
  // A submit while the previous attempt is still running is ignored, so wait for it to finish.
  await page.locator('[data-testid="sign-in-submit"][aria-busy="false"]').waitFor();
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(password);
  const answered = page.waitForResponse(
    (response) =>
      new URL(response.url()).pathname === '/api/v1/sessions' && response.request().method() === 'POST',
  );
  await page.getByTestId('sign-in-submit').click();
  return answered;
}

/**
 * Signs in through the form, starting at the sign-in page that remembers `returnTo`, and waits until the app
 * is back there.
 */
export async function signInThroughForm(
  page: Page,
  user: DemoUser,
  returnTo = '/platform/health',
): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(returnTo)}`);
  await submitSignIn(page, user.email, DEMO_PASSWORD);
  await page.waitForURL((url) => `${url.pathname}${url.search}` === returnTo);
  expect((await page.getByTestId('signed-in-name').innerText()).trim()).toBe(user.displayName);
}

/** The bearer token the page holds, or null when it is signed out. */
export async function storedSessionToken(page: Page): Promise<string | null> {
  const raw = await page.evaluate(`window.sessionStorage.getItem(${JSON.stringify(SESSION_KEY)})`);
  if (typeof raw !== 'string') return null;
  const session = JSON.parse(raw) as { token?: unknown };
  return typeof session.token === 'string' ? session.token : null;
}

/** An API GET as the page's signed-in user, outside the page (it is not watched for problems). */
export async function getAsSignedInUser(page: Page, path: string, token?: string): Promise<APIResponse> {
  const bearer = token ?? (await storedSessionToken(page));
  if (bearer === null) throw new Error('the page is not signed in');
  return page.request.get(path, { headers: { authorization: `Bearer ${bearer}` } });
}
