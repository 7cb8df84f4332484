import { useTranslation } from 'react-i18next';
import type { QuoteValue } from '../../api/underwriting';

const TONE: Record<QuoteValue['status'], 'good' | 'bad' | 'neutral'> = {
  referred: 'neutral',
  quoted: 'good',
  declined: 'bad',
  expired: 'bad',
  bind_requested: 'neutral',
  bound: 'good',
  policy_issued: 'good',
};

/** A quote's status in words (colour only repeats them). */
export function QuoteStatusPill({ status }: { readonly status: QuoteValue['status'] }) {
  const { t } = useTranslation();
  return (
    <span
      className={`status-pill status-pill--${TONE[status]}`}
      data-testid="quote-status"
      data-status={status}
    >
      {t(`underwriting.status.${status}`)}
    </span>
  );
}
