import type { FeatureModule } from '../../app/page-routes';
import { AccessRequestsPage } from './access-requests-page';
import { AuditLogPage } from './audit-log-page';
import { COMPLIANCE_ROLES } from './compliance-access-rules';
import { ACCESS_REQUESTS_PATH, AUDIT_LOG_PATH, COMPLIANCE_PREFIX, USERS_PATH } from './compliance-paths';
import { ApprovalsWidget, AuditStatusWidget } from './compliance-widgets';
import { UsersPage } from './users-page';

/** The compliance screens: their pages, their navigation links and their panels on the home page. */
export const complianceFeature: FeatureModule = {
  routes: [
    // Signed in is enough to open them: each section says plainly what the reader's roles may not see, and
    // anyone may raise a request on the access-requests page.
    {
      pattern: ACCESS_REQUESTS_PATH,
      access: 'signed_in',
      render: (_, session) => <AccessRequestsPage session={session} />,
    },
    {
      pattern: AUDIT_LOG_PATH,
      access: 'signed_in',
      render: (_, session) => <AuditLogPage session={session} />,
    },
    { pattern: USERS_PATH, access: 'signed_in', render: (_, session) => <UsersPage session={session} /> },
  ],
  nav: [
    {
      to: ACCESS_REQUESTS_PATH,
      label: (t) => t('compliance.title'),
      roles: COMPLIANCE_ROLES,
      activePrefix: COMPLIANCE_PREFIX,
    },
  ],
  homeWidgets: [
    {
      id: 'compliance-approvals',
      roles: ['compliance_officer', 'security_admin'],
      render: (session) => <ApprovalsWidget session={session} />,
    },
    { id: 'compliance-audit-status', roles: ['auditor'], render: () => <AuditStatusWidget /> },
  ],
};
