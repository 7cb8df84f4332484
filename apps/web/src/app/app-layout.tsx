import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from './app-link';
import { BrandMark } from './brand-mark';
import { LanguageSwitch } from './language-switch';
import { usePathname } from './navigation';
import { PLATFORM_HEALTH_PATH } from './paths';
import { SessionStatus } from './session-status';

export function AppLayout({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const pathname = usePathname();
  const firstPath = useRef(pathname);

  // After an in-app navigation, start keyboard and screen-reader users at the new page, as a full load would.
  useEffect(() => {
    if (pathname !== firstPath.current) main.current?.focus();
  }, [pathname]);

  return (
    <div className="app">
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <AppLink to={PLATFORM_HEALTH_PATH} className="brand">
            <BrandMark />
            <span className="brand__text">
              <span className="brand__name">{t('app.productName')}</span>
              <span className="brand__tagline">{t('app.tagline')}</span>
            </span>
          </AppLink>
          <nav className="app-nav" aria-label={t('app.mainNavigation')}>
            <AppLink to={PLATFORM_HEALTH_PATH} className="app-nav__link">
              {t('nav.platformHealth')}
            </AppLink>
            <a href="/api/reference" className="app-nav__link">
              {t('nav.apiReference')}
            </a>
          </nav>
          <LanguageSwitch />
          <SessionStatus />
        </div>
      </header>
      <main id="main-content" ref={main} tabIndex={-1} className="app-main">
        {children}
      </main>
      <footer className="app-footer">{t('app.footer')}</footer>
    </div>
  );
}
