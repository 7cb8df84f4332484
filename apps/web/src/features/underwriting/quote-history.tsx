import { useTranslation } from 'react-i18next';
import type { QuoteDetailValue } from '../../api/underwriting';
import { useFormatters } from '../../i18n/formatters';

type QuoteEvent = QuoteDetailValue['events'][number];

const KNOWN_ACTIONS = [
  'create',
  'approve_referral',
  'decline_referral',
  'expire',
  'request_bind',
  'withdraw_bind_request',
  'bind',
  'issue_policy',
  'satisfy_contingency',
] as const;
type KnownAction = (typeof KNOWN_ACTIONS)[number];

function isKnownAction(action: string): action is KnownAction {
  return (KNOWN_ACTIONS as readonly string[]).includes(action);
}

/** Every step of the quote, oldest first, with the note recorded with it. */
export function QuoteHistory({ events }: { readonly events: readonly QuoteEvent[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <section className="card uw-panel" aria-labelledby="uw-history-title" data-testid="quote-history">
      <h2 className="card__title" id="uw-history-title">
        {t('underwriting.history.title')}
      </h2>
      <div className="table-scroll">
        <table className="table uw-table--compact">
          <caption className="visually-hidden">{t('underwriting.history.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('underwriting.history.at')}</th>
              <th scope="col">{t('underwriting.history.action')}</th>
              <th scope="col">{t('underwriting.history.status')}</th>
              <th scope="col">{t('underwriting.history.note')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.sequence} data-testid="quote-event" data-action={event.action}>
                <td>{format.dateTime(event.at)}</td>
                <td>
                  {isKnownAction(event.action)
                    ? t(`underwriting.history.actions.${event.action}`)
                    : event.action}
                </td>
                <td>
                  {event.fromStatus === null
                    ? t(`underwriting.status.${event.toStatus}`)
                    : t('underwriting.history.fromTo', {
                        from: t(`underwriting.status.${event.fromStatus}`),
                        to: t(`underwriting.status.${event.toStatus}`),
                      })}
                </td>
                <td className="wrap">{event.note ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
