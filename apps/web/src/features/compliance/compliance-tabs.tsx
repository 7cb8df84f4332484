import { useTranslation } from 'react-i18next';
import { AppLink } from '../../app/app-link';
import { ACCESS_REQUESTS_PATH, AUDIT_LOG_PATH, USERS_PATH } from './compliance-paths';

/** The compliance section's own links, under the page title; the current one is marked for screen readers. */
export function ComplianceTabs() {
  const { t } = useTranslation();
  const tabs = [
    { to: ACCESS_REQUESTS_PATH, label: t('compliance.sections.accessRequests') },
    { to: AUDIT_LOG_PATH, label: t('compliance.sections.auditLog') },
    { to: USERS_PATH, label: t('compliance.sections.users') },
  ];
  return (
    <nav className="compliance-tabs" aria-label={t('compliance.sections.label')}>
      {tabs.map((tab) => (
        <AppLink key={tab.to} to={tab.to} className="compliance-tabs__link">
          {tab.label}
        </AppLink>
      ))}
    </nav>
  );
}
