import type { FeatureModule } from '../../app/page-routes';
import { SubmissionListPage } from './submission-list-page';
import { SubmissionPage } from './submission-page';
import { SUBMISSION_APPLICANTS, SUBMISSION_PATHS, SUBMISSION_READERS } from './submission-paths';
import { SubmissionQueueWidget } from './submission-queue-widget';

/** The submission screens: their pages, their navigation links and their panels on the home page. */
export const submissionsFeature: FeatureModule = {
  routes: [
    {
      pattern: SUBMISSION_PATHS.list,
      access: 'signed_in',
      render: (_, session) => <SubmissionListPage session={session} />,
    },
    // Before the `:submissionId` pattern, which would otherwise take "new" for an id.
    {
      pattern: SUBMISSION_PATHS.new,
      access: 'signed_in',
      render: (_, session) => <SubmissionPage session={session} />,
    },
    {
      pattern: SUBMISSION_PATHS.detail,
      access: 'signed_in',
      render: (params, session) => (
        <SubmissionPage session={session} submissionId={params.submissionId ?? ''} />
      ),
    },
  ],
  nav: [
    {
      to: SUBMISSION_PATHS.list,
      label: (t) => t('submissions.nav'),
      roles: SUBMISSION_READERS,
      activePrefix: SUBMISSION_PATHS.list,
    },
  ],
  homeWidgets: [
    {
      id: 'submission-queue',
      roles: SUBMISSION_APPLICANTS,
      render: (session) => <SubmissionQueueWidget session={session} />,
    },
  ],
};
