import { useTranslation } from 'react-i18next';
import type { SubmissionStatus } from '../../api/submissions';

/** Draft or submitted, in words; the colour only repeats them. */
export function SubmissionStatusPill({ status }: { readonly status: SubmissionStatus }) {
  const { t } = useTranslation();
  return (
    <span
      className={`status-pill ${status === 'submitted' ? 'status-pill--good' : 'status-pill--neutral'}`}
      data-testid="submission-status"
      data-status={status}
    >
      {t(`submissions.status.${status}`)}
    </span>
  );
}
