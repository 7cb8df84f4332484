import type { FeatureModule } from '../../app/page-routes';
import { AlertInboxPage } from './alert-inbox-page';
import { InsuredFindingsPage } from './insured-findings-page';
import { MonitoringAlertsWidget, MonitoringRiskWidget } from './monitoring-home-widgets';
import { MonitoringOverviewPage } from './monitoring-overview-page';
import { ALERT_INBOX_PATH, INSURED_FINDINGS_PATTERN, MONITORING_PATH } from './monitoring-paths';
import { ALERT_ACKNOWLEDGERS, MONITORING_READERS } from './monitoring-roles';

/** The monitoring screens: their pages, their navigation links and their panels on the home page. */
export const monitoringFeature: FeatureModule = {
  routes: [
    { pattern: MONITORING_PATH, access: 'signed_in', render: () => <MonitoringOverviewPage /> },
    {
      pattern: ALERT_INBOX_PATH,
      access: 'signed_in',
      render: (_params, session) => <AlertInboxPage session={session} />,
    },
    {
      pattern: INSURED_FINDINGS_PATTERN,
      access: 'signed_in',
      render: (params, session) => (
        <InsuredFindingsPage insuredId={params.insuredId ?? ''} session={session} />
      ),
    },
  ],
  nav: [
    {
      to: MONITORING_PATH,
      label: (t) => t('monitoring.nav'),
      roles: MONITORING_READERS,
      activePrefix: MONITORING_PATH,
    },
  ],
  homeWidgets: [
    { id: 'monitoring-risk', roles: ['policyholder'], render: () => <MonitoringRiskWidget /> },
    { id: 'monitoring-alerts', roles: ALERT_ACKNOWLEDGERS, render: () => <MonitoringAlertsWidget /> },
  ],
};
