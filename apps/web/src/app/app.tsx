import { useLayoutEffect } from 'react';
import { PlatformHealthPage } from '../features/platform-health/platform-health-page';
import { AppLayout } from './app-layout';
import { navigate, usePathname } from './navigation';
import { NotFoundPage } from './not-found-page';
import { PLATFORM_HEALTH_PATH } from './paths';

export function App() {
  const pathname = usePathname();

  // The root has no page of its own yet; give it the canonical address of the page it shows.
  useLayoutEffect(() => {
    if (pathname === '/') navigate(PLATFORM_HEALTH_PATH, { replace: true });
  }, [pathname]);

  const page =
    pathname === '/' || pathname === PLATFORM_HEALTH_PATH ? (
      <PlatformHealthPage />
    ) : (
      <NotFoundPage path={pathname} />
    );
  return <AppLayout>{page}</AppLayout>;
}
