import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { AppLink } from './app-link';
import { BrandMark } from './brand-mark';
import { LanguageSwitch } from './language-switch';
import { usePathname } from './navigation';
import { useSession } from '../api/session-store';
import { FEATURES } from './features';
import { visibleTo } from './page-routes';
import { HOME_PATH, PLATFORM_HEALTH_PATH } from './paths';
import { SessionStatus } from './session-status';

export function AppLayout({ children }: { readonly children: ReactNode }) {
  const { t } = useTranslation();
  const main = useRef<HTMLElement>(null);
  const pathname = usePathname();
  const session = useSession();
  const featureLinks = FEATURES.flatMap((feature) => feature.nav).filter((entry) =>
    visibleTo(entry, session),
  );
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
          <AppLink to={session === null ? PLATFORM_HEALTH_PATH : HOME_PATH} className="brand">
            <BrandMark />
            <span className="brand__text">
              <span className="brand__name">{t('app.productName')}</span>
              <span className="brand__tagline">{t('app.tagline')}</span>
            </span>
          </AppLink>
          <nav className="app-nav" aria-label={t('app.mainNavigation')}>
            {session !== null && (
              <AppLink to={HOME_PATH} className="app-nav__link">
                {t('home.title')}
              </AppLink>
            )}
            {featureLinks.map((entry) => (
              <AppLink
                key={entry.to}
                to={entry.to}
                className="app-nav__link"
                {...(entry.activePrefix === undefined ? {} : { activePrefix: entry.activePrefix })}
              >
                {entry.label(t)}
              </AppLink>
            ))}
            {session === null && <OperatorLinks linkClassName="app-nav__link" />}
          </nav>
          <LanguageSwitch />
          <SessionStatus />
        </div>
      </header>
      <main id="main-content" ref={main} tabIndex={-1} className="app-main">
        {children}
      </main>
      <footer className="app-footer">
        {session !== null && (
          <nav className="app-footer__links" aria-label={t('app.footerNavigation')}>
            <OperatorLinks linkClassName="app-footer__link" />
          </nav>
        )}
        <p>{t('app.footer')}</p>
      </footer>
    </div>
  );
}

/**
 * The platform's health and the API reference: the whole header for a signed-out visitor; in the footer once
 * signed in, where they leave the header's room to the reader's daily work.
 */
function OperatorLinks({ linkClassName }: { readonly linkClassName: string }) {
  const { t } = useTranslation();
  return (
    <>
      <AppLink to={PLATFORM_HEALTH_PATH} className={linkClassName}>
        {t('nav.platformHealth')}
      </AppLink>
      <a href="/api/reference" className={linkClassName}>
        {t('nav.apiReference')}
      </a>
    </>
  );
}
