import { Fragment, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Decision } from '../../api/compliance';
import { useFormatters } from '../../i18n/formatters';
import { DecisionForm, type DecisionInput } from './decision-form';

/** One request as the table shows it, whichever kind it is. */
export interface RequestRow {
  readonly id: string;
  readonly requester: string;
  readonly what: ReactNode;
  readonly reason: string;
  readonly createdAt: string;
  readonly validity: string;
  readonly status: Decision;
  readonly decidedBy: string | null;
  readonly decidedAt: string | null;
  readonly decisionNote: string | null;
  /** Why this reader may not decide it (their own request), said beside the button. */
  readonly ownNote: string | null;
  /** Null when the reader has no say in it. */
  readonly decide: ((decision: DecisionInput) => Promise<unknown>) | null;
}

interface RequestTableProps {
  readonly caption: string;
  readonly rows: readonly RequestRow[];
  readonly onDecided: (approved: boolean) => void;
  readonly testId: string;
}

const STATUS_TONE: Readonly<Record<Decision, string>> = {
  pending: 'neutral',
  approved: 'good',
  rejected: 'bad',
};

export function RequestTable({ caption, rows, onDecided, testId }: RequestTableProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [deciding, setDeciding] = useState<string | null>(null);

  return (
    <div className="table-scroll">
      <table className="table compliance-table" data-testid={testId}>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compliance.requests.columns.requester')}</th>
            <th scope="col">{t('compliance.requests.columns.what')}</th>
            <th scope="col">{t('compliance.requests.columns.reason')}</th>
            <th scope="col">{t('compliance.requests.columns.requestedAt')}</th>
            <th scope="col">{t('compliance.requests.columns.validity')}</th>
            <th scope="col">{t('compliance.requests.columns.status')}</th>
            <th scope="col">{t('compliance.requests.columns.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <Fragment key={row.id}>
              <tr data-testid={`request-${row.id}`} data-status={row.status}>
                <td>{row.requester}</td>
                <td>{row.what}</td>
                <td className="compliance-table__reason wrap">{row.reason}</td>
                <td>
                  <time dateTime={row.createdAt}>{format.dateTime(row.createdAt)}</time>
                </td>
                <td>{row.validity}</td>
                <td>
                  <span className={`status-pill status-pill--${STATUS_TONE[row.status]}`}>
                    {t(`compliance.status.${row.status}`)}
                  </span>
                  {row.decidedBy !== null && row.decidedAt !== null && (
                    <p className="hint">
                      {t('compliance.requests.decidedBy', {
                        name: row.decidedBy,
                        time: format.dateTime(row.decidedAt),
                      })}
                    </p>
                  )}
                  {row.decisionNote !== null && (
                    <p className="hint wrap">
                      {t('compliance.requests.decisionNote', { note: row.decisionNote })}
                    </p>
                  )}
                </td>
                <td>
                  {row.status === 'pending' && row.decide !== null && (
                    <>
                      <button
                        type="button"
                        className="button button--secondary"
                        aria-expanded={deciding === row.id}
                        aria-controls={`decide-${row.id}`}
                        onClick={() => {
                          setDeciding(deciding === row.id ? null : row.id);
                        }}
                      >
                        {t('compliance.requests.decide')}
                      </button>
                      {row.ownNote !== null && <p className="hint">{row.ownNote}</p>}
                    </>
                  )}
                </td>
              </tr>
              {deciding === row.id && row.decide !== null && (
                <tr id={`decide-${row.id}`} className="compliance-table__expansion">
                  <td colSpan={7}>
                    <DecisionForm
                      testId={`decision-form-${row.id}`}
                      decide={row.decide}
                      onCancel={() => {
                        setDeciding(null);
                      }}
                      onDecided={(approved) => {
                        setDeciding(null);
                        onDecided(approved);
                      }}
                    />
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}
