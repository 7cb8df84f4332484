import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Session } from '../../api/session-store';
import {
  fetchSubmissions,
  type SubmissionListItemRecord,
  type SubmissionStatus,
} from '../../api/submissions';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { navigate } from '../../app/navigation';
import { pathTo } from '../../app/page-routes';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { canApply, SUBMISSION_PATHS } from './submission-paths';
import { organisationName } from '../../i18n/organisation-name';
import { SubmissionStatusPill } from './submission-status-pill';
import './submissions.css';

const PAGE_SIZE = 25;

type StatusFilter = SubmissionStatus | 'all';
type Order = 'newest_first' | 'oldest_first';

/** The list's filter, order and page live in the address, so a reload or a shared link shows the same list. */
interface ListQuery {
  readonly status: StatusFilter;
  readonly order: Order;
  readonly offset: number;
}

function readListQuery(search: string): ListQuery {
  const params = new URLSearchParams(search);
  const status = params.get('status');
  const offset = Number(params.get('offset') ?? '0');
  return {
    status: status === 'draft' || status === 'submitted' ? status : 'all',
    order: params.get('order') === 'oldest_first' ? 'oldest_first' : 'newest_first',
    offset: Number.isSafeInteger(offset) && offset > 0 ? offset : 0,
  };
}

function listAddress(query: ListQuery): string {
  const params = new URLSearchParams();
  if (query.status !== 'all') params.set('status', query.status);
  if (query.order !== 'newest_first') params.set('order', query.order);
  if (query.offset > 0) params.set('offset', String(query.offset));
  const search = params.toString();
  return `${SUBMISSION_PATHS.list}${search === '' ? '' : `?${search}`}`;
}

/** `/submissions`: every submission the reader's organisation takes part in, filtered by status. */
export function SubmissionListPage({ session }: { readonly session: Session }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  useDocumentTitle(t('submissions.title'));
  const [query, setQuery] = useState(() => readListQuery(window.location.search));
  const { status, order, offset } = query;
  const language = i18n.language;

  const load = useCallback(
    (signal: AbortSignal) =>
      fetchSubmissions(
        { ...(status === 'all' ? {} : { status }), order, limit: PAGE_SIZE, offset },
        { signal, language },
      ),
    [status, order, offset, language],
  );
  const page = useApiResource(load);
  const change = (next: Partial<ListQuery>) => {
    const changed = { ...query, offset: 0, ...next };
    setQuery(changed);
    // Replace, not push: a filter is a view of this page, not a page the Back button should step through.
    navigate(listAddress(changed), { replace: true });
  };

  let body;
  if (page.data === undefined) {
    body =
      page.error === undefined ? (
        <p className="muted">{t('submissions.loading')}</p>
      ) : (
        <ApiErrorNotice error={page.error} onRetry={() => void page.refresh()} />
      );
  } else if (page.data.items.length === 0) {
    body = (
      <div className="submissions-empty" data-testid="submissions-empty">
        <p>{t('submissions.list.empty')}</p>
        {canApply(session) && <p className="muted">{t('submissions.list.emptyHint')}</p>}
      </div>
    );
  } else {
    const { items, total } = page.data;
    body = (
      <>
        {page.error !== undefined && (
          <ApiErrorNotice error={page.error} showingStaleData onRetry={() => void page.refresh()} />
        )}
        <div className="table-scroll">
          <table
            className="table"
            aria-label={t('submissions.list.tableLabel')}
            data-testid="submissions-table"
          >
            <thead>
              <tr>
                <th scope="col">{t('submissions.list.insured')}</th>
                <th scope="col">{t('submissions.list.industry')}</th>
                <th scope="col" className="submissions-table__number">
                  {t('submissions.list.revenue')}
                </th>
                <th scope="col">{t('submissions.list.statusColumn')}</th>
                <th scope="col" aria-sort={order === 'newest_first' ? 'descending' : 'ascending'}>
                  <button
                    type="button"
                    className="submissions-sort"
                    data-testid="submissions-sort"
                    onClick={() => {
                      change({ order: order === 'newest_first' ? 'oldest_first' : 'newest_first' });
                    }}
                    aria-label={
                      order === 'newest_first'
                        ? t('submissions.list.sortNewest')
                        : t('submissions.list.sortOldest')
                    }
                  >
                    {t('submissions.list.created')}
                    <span aria-hidden="true">{order === 'newest_first' ? ' ↓' : ' ↑'}</span>
                  </button>
                </th>
                <th scope="col">{t('submissions.list.submittedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <SubmissionRow key={item.id} item={item} language={language} format={format} />
              ))}
            </tbody>
          </table>
        </div>
        <nav className="submissions-pager" aria-label={t('submissions.list.pagination')}>
          <span className="muted">
            {t('submissions.list.showing', {
              from: format.number(offset + 1),
              to: format.number(offset + items.length),
              total: format.number(total),
            })}
          </span>
          <button
            type="button"
            className="button button--secondary"
            disabled={offset === 0}
            onClick={() => {
              change({ order, status, offset: Math.max(0, offset - PAGE_SIZE) });
            }}
          >
            {t('submissions.list.previous')}
          </button>
          <button
            type="button"
            className="button button--secondary"
            disabled={offset + items.length >= total}
            onClick={() => {
              change({ order, status, offset: offset + PAGE_SIZE });
            }}
          >
            {t('submissions.list.next')}
          </button>
        </nav>
      </>
    );
  }

  return (
    <div className="submissions-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('submissions.title')}</h1>
          <p className="page-header__intro">{t('submissions.intro')}</p>
        </div>
        {canApply(session) && (
          <div className="page-header__actions">
            <AppLink
              to={SUBMISSION_PATHS.new}
              className="button button--primary"
              data-testid="new-submission"
            >
              {t('submissions.newSubmission')}
            </AppLink>
          </div>
        )}
      </div>
      <section className="card">
        <fieldset className="submissions-filter">
          <legend className="field__label">{t('submissions.list.filterLabel')}</legend>
          {(['all', 'draft', 'submitted'] as const).map((option) => (
            <label key={option} className="submissions-filter__option">
              <input
                type="radio"
                name="submission-status"
                value={option}
                checked={status === option}
                onChange={() => {
                  change({ status: option });
                }}
                data-testid={`submissions-filter-${option}`}
              />
              {option === 'all' ? t('submissions.list.all') : t(`submissions.status.${option}`)}
            </label>
          ))}
        </fieldset>
        {body}
      </section>
    </div>
  );
}

function SubmissionRow({
  item,
  language,
  format,
}: {
  readonly item: SubmissionListItemRecord;
  readonly language: string;
  readonly format: ReturnType<typeof useFormatters>;
}) {
  const { t } = useTranslation();
  const to = pathTo(SUBMISSION_PATHS.detail, { submissionId: item.id });
  return (
    <tr data-testid="submission-row" data-submission-id={item.id}>
      <th scope="row">
        <AppLink to={to}>{organisationName(item.organisation, language)}</AppLink>
      </th>
      <td>{t(`submissions.industries.${item.profile.industry}`)}</td>
      <td className="submissions-table__number">{format.money(item.profile.annualRevenue)}</td>
      <td>
        <SubmissionStatusPill status={item.status} />
      </td>
      <td>
        <time dateTime={item.createdAt}>{format.dateTime(item.createdAt)}</time>
      </td>
      <td>
        {item.submittedAt === null ? (
          <span className="muted">—</span>
        ) : (
          <time dateTime={item.submittedAt}>{format.dateTime(item.submittedAt)}</time>
        )}
      </td>
    </tr>
  );
}
