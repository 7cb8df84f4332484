import { useLayoutEffect } from 'react';
import { useSession } from '../api/session-store';
import { AccountPage } from '../features/account/account-page';
import { PlatformHealthPage } from '../features/platform-health/platform-health-page';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { AppLayout } from './app-layout';
import { navigate, usePathname } from './navigation';
import { NotFoundPage } from './not-found-page';
import { ACCOUNT_PATH, PLATFORM_HEALTH_PATH, SIGN_IN_PATH, signInPath } from './paths';

/** Pages that show nothing without a session; a signed-out visit goes to sign-in and comes back after. */
const SIGNED_IN_PATHS: readonly string[] = [ACCOUNT_PATH];

export function App() {
  const pathname = usePathname();
  const session = useSession();
  const mustSignIn = session === null && SIGNED_IN_PATHS.includes(pathname);

  useLayoutEffect(() => {
    // The root has no page of its own yet; give it the canonical address of the page it shows.
    if (pathname === '/') navigate(PLATFORM_HEALTH_PATH, { replace: true });
    else if (mustSignIn) navigate(signInPath(`${pathname}${window.location.search}`), { replace: true });
  }, [pathname, mustSignIn]);

  let page;
  if (pathname === '/' || pathname === PLATFORM_HEALTH_PATH) page = <PlatformHealthPage />;
  else if (pathname === SIGN_IN_PATH) page = <SignInPage />;
  else if (pathname === ACCOUNT_PATH) page = session === null ? null : <AccountPage session={session} />;
  else page = <NotFoundPage path={pathname} />;
  return <AppLayout>{page}</AppLayout>;
}
