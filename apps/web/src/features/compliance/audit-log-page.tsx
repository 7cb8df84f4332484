import { Fragment, useCallback, useState, type ReactNode, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAuditLog, type AuditRecord, type AuditSearch } from '../../api/compliance';
import type { Session } from '../../api/session-store';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { navigate } from '../../app/navigation';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { may } from './compliance-access-rules';
import { AUDIT_LOG_PATH } from './compliance-paths';
import { ComplianceTabs } from './compliance-tabs';
import { TreeHeadPanel } from './tree-head-panel';
import { usePeople, type People } from './use-people';
import './compliance.css';

const TEXT_FILTERS = ['actorId', 'action', 'objectType', 'objectId', 'subjectId'] as const;
type TextFilter = (typeof TEXT_FILTERS)[number];
const PAGE_SIZE = 100;
/** The API's largest page; the log is newest first, so more means further back. */
const MAX_LIMIT = 1000;

/** The search as the address holds it, so a search can be shared, reloaded and gone back to. */
function searchFromAddress(): Required<Pick<AuditSearch, 'limit'>> & Partial<Record<TextFilter, string>> {
  const params = new URLSearchParams(window.location.search);
  const filters: Partial<Record<TextFilter, string>> = {};
  for (const name of TEXT_FILTERS) {
    const value = params.get(name)?.trim();
    if (value !== undefined && value !== '') filters[name] = value;
  }
  const limit = Number(params.get('limit'));
  return {
    ...filters,
    limit: Number.isInteger(limit) && limit >= 1 ? Math.min(limit, MAX_LIMIT) : PAGE_SIZE,
  };
}

function addressFor(search: Partial<Record<TextFilter, string>> & { readonly limit: number }): string {
  const params = new URLSearchParams();
  for (const name of TEXT_FILTERS) {
    const value = search[name];
    if (value !== undefined && value !== '') params.set(name, value);
  }
  if (search.limit !== PAGE_SIZE) params.set('limit', String(search.limit));
  const text = params.toString();
  return text === '' ? AUDIT_LOG_PATH : `${AUDIT_LOG_PATH}?${text}`;
}

export function AuditLogPage({ session }: { readonly session: Session }) {
  const { t } = useTranslation();
  useDocumentTitle(t('compliance.audit.title'));
  const mayRead = may(session, 'auditRead');
  const mayVerify = may(session, 'auditVerify');

  return (
    <div className="compliance-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">{t('compliance.audit.title')}</h1>
          <p className="page-header__intro">{t('compliance.audit.intro')}</p>
        </div>
      </div>
      <ComplianceTabs />
      {mayVerify && <TreeHeadPanel />}
      {mayRead ? (
        <AuditRecords session={session} />
      ) : (
        <p className="muted" data-testid="audit-not-allowed">
          {t('compliance.audit.notAllowed')}
        </p>
      )}
    </div>
  );
}

function AuditRecords({ session }: { readonly session: Session }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const people = usePeople(session);
  const [search, setSearch] = useState(searchFromAddress);
  const [draft, setDraft] = useState<Partial<Record<TextFilter, string>>>(search);

  const load = useCallback(
    (signal: AbortSignal) => fetchAuditLog(search, { signal, language }),
    [search, language],
  );
  const records = useApiResource(load);

  const apply = (next: Partial<Record<TextFilter, string>> & { readonly limit: number }): void => {
    const trimmed = Object.fromEntries(
      TEXT_FILTERS.map((name) => [name, next[name]?.trim() ?? '']).filter(([, value]) => value !== ''),
    ) as Partial<Record<TextFilter, string>>;
    setSearch({ ...trimmed, limit: next.limit });
    navigate(addressFor({ ...trimmed, limit: next.limit }), { replace: true });
  };
  const submit = (event: SubmitEvent<HTMLFormElement>): void => {
    event.preventDefault();
    apply({ ...draft, limit: PAGE_SIZE });
  };
  const clear = (): void => {
    setDraft({});
    apply({ limit: PAGE_SIZE });
  };
  const textField = (name: Exclude<TextFilter, 'actorId'>, hint?: string) => (
    <div className="field">
      <label className="field__label" htmlFor={`audit-${name}`}>
        {t(`compliance.audit.search.${name}`)}
      </label>
      <input
        id={`audit-${name}`}
        className="field__input mono"
        maxLength={name === 'action' || name === 'objectType' ? 50 : 100}
        spellCheck={false}
        autoCapitalize="none"
        {...(hint === undefined ? {} : { 'aria-describedby': `audit-${name}-hint` })}
        value={draft[name] ?? ''}
        onChange={(event) => {
          setDraft({ ...draft, [name]: event.target.value });
        }}
      />
      {hint !== undefined && (
        <p id={`audit-${name}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );

  const items = records.data?.items;
  return (
    <section className="card" aria-labelledby="audit-records-heading">
      <div className="card__header">
        <h2 id="audit-records-heading" className="card__title">
          {t('compliance.audit.caption')}
        </h2>
        {items !== undefined && (
          <span className="card__count" data-testid="audit-count">
            {t('compliance.audit.count', { count: items.length })}
          </span>
        )}
      </div>
      <form className="compliance-form" role="search" onSubmit={submit} data-testid="audit-search">
        <fieldset className="compliance-form__fieldset">
          <legend className="visually-hidden">{t('compliance.audit.search.legend')}</legend>
          <div className="compliance-form__row">
            <div className="field">
              <label className="field__label" htmlFor="audit-actorId">
                {t('compliance.audit.search.actor')}
              </label>
              {people.accounts.length > 0 ? (
                <select
                  id="audit-actorId"
                  className="field__input"
                  value={draft.actorId ?? ''}
                  onChange={(event) => {
                    setDraft({ ...draft, actorId: event.target.value });
                  }}
                >
                  <option value="">{t('compliance.audit.search.anyActor')}</option>
                  {people.accounts.map((account) => (
                    <option key={account.id} value={account.id}>
                      {account.displayName}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  id="audit-actorId"
                  className="field__input mono"
                  maxLength={100}
                  value={draft.actorId ?? ''}
                  onChange={(event) => {
                    setDraft({ ...draft, actorId: event.target.value });
                  }}
                />
              )}
            </div>
            {textField('action', t('compliance.audit.search.actionHint'))}
            {textField('objectType', t('compliance.audit.search.objectTypeHint'))}
            {textField('objectId')}
          </div>
          <div className="compliance-form__buttons">
            <button type="submit" className="button button--primary" data-testid="audit-search-submit">
              {t('compliance.audit.search.submit')}
            </button>
            <button type="button" className="button button--secondary" onClick={clear}>
              {t('compliance.audit.search.clear')}
            </button>
          </div>
        </fieldset>
      </form>
      {records.error !== undefined && (
        <ApiErrorNotice
          error={records.error}
          showingStaleData={items !== undefined}
          onRetry={() => void records.refresh()}
        />
      )}
      {items === undefined ? (
        records.error === undefined && <p className="muted">{t('compliance.loading')}</p>
      ) : items.length === 0 ? (
        <p className="muted" data-testid="audit-empty">
          {t('compliance.audit.empty')}
        </p>
      ) : (
        <>
          <AuditTable records={items} people={people} />
          {items.length >= search.limit && search.limit < MAX_LIMIT && (
            <button
              type="button"
              className="button button--secondary compliance-more"
              onClick={() => {
                apply({ ...search, limit: Math.min(search.limit + PAGE_SIZE, MAX_LIMIT) });
              }}
            >
              {t('compliance.audit.showMore', { limit: Math.min(search.limit + PAGE_SIZE, MAX_LIMIT) })}
            </button>
          )}
        </>
      )}
    </section>
  );
}

const RESULT_TONE: Readonly<Record<AuditRecord['result'], string>> = {
  success: 'good',
  denied: 'bad',
  failed: 'bad',
};

function AuditTable({
  records,
  people,
}: {
  readonly records: readonly AuditRecord[];
  readonly people: People;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (sequence: number): void => {
    const next = new Set(open);
    if (next.has(sequence)) next.delete(sequence);
    else next.add(sequence);
    setOpen(next);
  };
  const actorName = (actorId: string): string =>
    /^[0-9a-f-]{36}$/i.test(actorId) ? people.nameOf(actorId) : `${t('compliance.system')} · ${actorId}`;

  return (
    <div className="table-scroll">
      <table className="table compliance-table" data-testid="audit-table">
        <caption className="visually-hidden">{t('compliance.audit.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compliance.audit.columns.sequence')}</th>
            <th scope="col">{t('compliance.audit.columns.time')}</th>
            <th scope="col">{t('compliance.audit.columns.actor')}</th>
            <th scope="col">{t('compliance.audit.columns.action')}</th>
            <th scope="col">{t('compliance.audit.columns.target')}</th>
            <th scope="col">{t('compliance.audit.columns.outcome')}</th>
            <th scope="col">{t('compliance.audit.columns.details')}</th>
          </tr>
        </thead>
        <tbody>
          {records.map((record) => {
            const expanded = open.has(record.sequence);
            const detailsId = `audit-details-${record.sequence}`;
            return (
              <Fragment key={record.sequence}>
                <tr
                  data-testid="audit-row"
                  data-action={record.action}
                  data-object-type={record.objectType}
                  data-object-id={record.objectId ?? ''}
                  data-result={record.result}
                >
                  <td className="mono">{record.sequence}</td>
                  <td>
                    <time dateTime={record.recordedAt}>{format.dateTime(record.recordedAt)}</time>
                  </td>
                  <td>{actorName(record.actorId)}</td>
                  <td className="mono">{record.action}</td>
                  <td>
                    <span className="mono">{record.objectType}</span>
                    {record.objectId !== null && (
                      <span className="mono muted compliance-id" title={record.objectId}>
                        {' '}
                        {record.objectId.slice(0, 8)}
                      </span>
                    )}
                  </td>
                  <td>
                    <span className={`status-pill status-pill--${RESULT_TONE[record.result]}`}>
                      {t(`compliance.audit.results.${record.result}`)}
                    </span>
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button--secondary compliance-small-button"
                      aria-expanded={expanded}
                      aria-controls={detailsId}
                      onClick={() => {
                        toggle(record.sequence);
                      }}
                    >
                      {expanded ? t('compliance.audit.hideDetails') : t('compliance.audit.showDetails')}
                    </button>
                  </td>
                </tr>
                {expanded && (
                  <tr id={detailsId} className="compliance-table__expansion">
                    <td colSpan={7}>
                      <AuditDetails record={record} />
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function AuditDetails({ record }: { readonly record: AuditRecord }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('compliance.audit.fields.none')}</span>;
  const code = (value: string | null): ReactNode =>
    value === null ? none : <span className="mono">{value}</span>;
  const fields: readonly {
    readonly label: string;
    readonly value: ReactNode;
    readonly labelIsCode: boolean;
  }[] = [
    { label: t('compliance.audit.fields.purpose'), value: code(record.purpose), labelIsCode: false },
    { label: t('compliance.audit.fields.actorId'), value: code(record.actorId), labelIsCode: false },
    { label: t('compliance.audit.fields.requestId'), value: code(record.requestId), labelIsCode: false },
    { label: t('compliance.audit.fields.approvalId'), value: code(record.approvalId), labelIsCode: false },
    { label: t('compliance.audit.fields.subjectId'), value: code(record.subjectId), labelIsCode: false },
    {
      label: t('compliance.audit.fields.rows'),
      value: record.rows === null ? none : record.rows,
      labelIsCode: false,
    },
    // The record's own facts (a role, a reason code) are named by the server in code, not in words.
    ...Object.entries(record.details).map(([name, value]) => ({
      label: name,
      value: code(String(value)),
      labelIsCode: true,
    })),
    { label: t('compliance.audit.fields.leafHash'), value: code(record.leafHash), labelIsCode: false },
  ];
  return (
    <dl
      className="facts compliance-details"
      aria-label={t('compliance.audit.detailsLabel', { sequence: record.sequence })}
    >
      {fields.map((field) => (
        <div key={field.label} className="facts__row">
          <dt className={field.labelIsCode ? 'mono' : undefined}>{field.label}</dt>
          <dd className="wrap">{field.value}</dd>
        </div>
      ))}
    </dl>
  );
}
