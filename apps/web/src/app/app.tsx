import { Fragment, useLayoutEffect } from 'react';
import { useSession } from '../api/session-store';
import { AccountPage } from '../features/account/account-page';
import { HomePage } from '../features/home/home-page';
import { PlatformHealthPage } from '../features/platform-health/platform-health-page';
import { SignInPage } from '../features/sign-in/sign-in-page';
import { AppLayout } from './app-layout';
import { FEATURES } from './features';
import { navigate, usePathname } from './navigation';
import { NotFoundPage } from './not-found-page';
import { findRoute, type PageRoute } from './page-routes';
import { ACCOUNT_PATH, HOME_PATH, PLATFORM_HEALTH_PATH, SIGN_IN_PATH, signInPath } from './paths';

const CORE_ROUTES: readonly PageRoute[] = [
  { pattern: PLATFORM_HEALTH_PATH, access: 'public', render: () => <PlatformHealthPage /> },
  { pattern: SIGN_IN_PATH, access: 'public', render: () => <SignInPage /> },
  { pattern: ACCOUNT_PATH, access: 'signed_in', render: (_, session) => <AccountPage session={session} /> },
  { pattern: HOME_PATH, access: 'signed_in', render: (_, session) => <HomePage session={session} /> },
];

const ROUTES: readonly PageRoute[] = [...CORE_ROUTES, ...FEATURES.flatMap((feature) => feature.routes)];

export function App() {
  const pathname = usePathname();
  const session = useSession();
  const found = pathname === '/' ? null : findRoute(ROUTES, pathname);
  const mustSignIn = session === null && found?.route.access === 'signed_in';

  useLayoutEffect(() => {
    // The root has no page of its own: the signed-in start at their home page, everyone else at the
    // platform's health, which needs no account.
    if (pathname === '/') navigate(session === null ? PLATFORM_HEALTH_PATH : HOME_PATH, { replace: true });
    else if (mustSignIn) navigate(signInPath(`${pathname}${window.location.search}`), { replace: true });
  }, [pathname, mustSignIn, session]);

  let page;
  if (found === null) page = pathname === '/' ? null : <NotFoundPage path={pathname} />;
  else if (found.route.access === 'public') page = found.route.render(found.params, session);
  else page = session === null ? null : found.route.render(found.params, session);
  // Keyed by address: another submission's page starts afresh instead of keeping the last one's state.
  return (
    <AppLayout>
      <Fragment key={pathname}>{page}</Fragment>
    </AppLayout>
  );
}
