import { useCallback, useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fetchFindings,
  fetchMonitoredInsured,
  fetchOrganisation,
  fetchRiskSnapshots,
  type FindingData,
  type FindingQuery,
} from '../../api/monitoring';
import type { Session } from '../../api/session-store';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice, ResourceErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { navigate, useLocationSearch, usePathname } from '../../app/navigation';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { organisationName } from '../../i18n/organisation-name';
import { FindingPanel } from './finding-panel';
import {
  FINDING_STATES,
  SEVERITY_BANDS,
  findingQueryFromSearch,
  searchFromFindingQuery,
} from './finding-filters';
import { MONITORING_PATH } from './monitoring-paths';
import { RiskTrendChart } from './risk-trend-chart';
import { KevBadge, SeverityPill } from './severity';
import './monitoring.css';

interface InsuredFindingsPageProps {
  readonly insuredId: string;
  readonly session: Session;
}

export function InsuredFindingsPage({ insuredId, session }: InsuredFindingsPageProps) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const pathname = usePathname();
  const search = useLocationSearch();
  const query = useMemo(() => findingQueryFromSearch(search), [search]);
  const [selectedId, setSelectedId] = useState<string | null>(null);

  const loadInsured = useCallback(
    async (signal: AbortSignal) => {
      const options = { signal, language: i18n.language };
      const insured = await fetchMonitoredInsured(insuredId, options);
      const [organisation, snapshots] = await Promise.all([
        fetchOrganisation(insured.organisationId, options),
        fetchRiskSnapshots(insuredId, options),
      ]);
      return { insured, organisation, snapshots: snapshots.items };
    },
    [insuredId, i18n.language],
  );
  const insured = useApiResource(loadInsured);
  const loadFindings = useCallback(
    (signal: AbortSignal) => fetchFindings(insuredId, query, { signal, language: i18n.language }),
    [insuredId, query, i18n.language],
  );
  const findings = useApiResource(loadFindings);
  const name =
    insured.data === undefined
      ? t('monitoring.findings.title')
      : organisationName(insured.data.organisation, i18n.language);
  useDocumentTitle(name);
  const latest = insured.data?.insured.latestSnapshot ?? null;

  const setQuery = (next: FindingQuery): void => {
    navigate(`${pathname}${searchFromFindingQuery(next)}`, { replace: true });
  };
  const onTriaged = (): void => {
    void findings.refresh();
    void insured.refresh();
  };

  return (
    <div className="monitoring-page">
      <div className="page-header">
        <div>
          <p className="hint">
            <AppLink to={MONITORING_PATH}>{t('monitoring.overview.title')}</AppLink>
          </p>
          <h1 className="page-header__title">{name}</h1>
          <p className="page-header__intro">{t('monitoring.findings.intro')}</p>
        </div>
      </div>
      {insured.error !== undefined && (
        <ApiErrorNotice error={insured.error} onRetry={() => void insured.refresh()} />
      )}
      {insured.data !== undefined && (
        <section className="card monitoring-summary" aria-labelledby="risk-title">
          <div className="card__header">
            <h2 className="card__title" id="risk-title">
              {t('monitoring.findings.riskTitle')}
            </h2>
          </div>
          <dl className="facts monitoring-summary__facts">
            <div className="facts__row">
              <dt>{t('monitoring.findings.openFindings')}</dt>
              <dd>{format.number(insured.data.insured.latestSnapshot?.openFindings ?? 0)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('monitoring.findings.openCritical')}</dt>
              <dd>{format.number(insured.data.insured.latestSnapshot?.openCritical ?? 0)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('monitoring.findings.openKev')}</dt>
              <dd>{format.number(insured.data.insured.findings.openKnownExploited)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('monitoring.findings.score')}</dt>
              <dd>
                {latest === null || latest.score === null
                  ? t('monitoring.findings.noScore')
                  : format.number(latest.score, 1)}
              </dd>
            </div>
            <div className="facts__row">
              <dt>{t('monitoring.findings.expectedLoss')}</dt>
              <dd>
                {latest === null || latest.expectedLoss === null
                  ? t('monitoring.none')
                  : format.money(latest.expectedLoss)}
              </dd>
            </div>
            <div className="facts__row">
              <dt>{t('monitoring.findings.inventory')}</dt>
              <dd>
                {insured.data.insured.latestInventory === null
                  ? t('monitoring.overview.neverScanned')
                  : t('monitoring.findings.inventoryValue', {
                      version: insured.data.insured.latestInventory.version,
                      components: format.number(insured.data.insured.latestInventory.componentCount),
                      when: format.dateTime(insured.data.insured.latestInventory.uploadedAt),
                    })}
              </dd>
            </div>
          </dl>
          {insured.data.snapshots.length > 0 && <RiskTrendChart snapshots={insured.data.snapshots} />}
        </section>
      )}
      <div
        className={selectedId === null ? 'findings-layout' : 'findings-layout findings-layout--with-panel'}
      >
        <section className="card" aria-labelledby="findings-title">
          <div className="card__header">
            <h2 className="card__title" id="findings-title">
              {t('monitoring.findings.title')}
            </h2>
            {findings.data !== undefined && (
              <span className="card__count" data-testid="findings-count">
                {t('monitoring.findings.count', { count: findings.data.total })}
              </span>
            )}
          </div>
          <FindingFilters query={query} onChange={setQuery} />
          <ResourceErrorNotice resource={findings} />
          {findings.data === undefined ? (
            findings.error === undefined && <p className="muted">{t('monitoring.loading')}</p>
          ) : findings.data.items.length === 0 ? (
            <p className="muted" data-testid="findings-empty">
              {t('monitoring.findings.empty')}
            </p>
          ) : (
            <FindingsTable
              items={findings.data.items}
              sort={query.sort}
              onSort={(sort) => {
                setQuery({ ...query, sort });
              }}
              selectedId={selectedId}
              onSelect={setSelectedId}
            />
          )}
        </section>
        {selectedId !== null && (
          <FindingPanel
            key={selectedId}
            findingId={selectedId}
            session={session}
            onClose={() => {
              setSelectedId(null);
            }}
            onTriaged={onTriaged}
          />
        )}
      </div>
    </div>
  );
}

function FindingFilters({
  query,
  onChange,
}: {
  readonly query: FindingQuery;
  readonly onChange: (next: FindingQuery) => void;
}) {
  const { t } = useTranslation();
  const [epssText, setEpssText] = useState(query.minEpss === undefined ? '' : String(query.minEpss * 100));
  const [epssProblem, setEpssProblem] = useState<string | null>(null);

  const applyEpss = (event: SyntheticEvent): void => {
    event.preventDefault();
    const text = epssText.trim();
    if (text === '') {
      setEpssProblem(null);
      onChange({ ...query, minEpss: undefined });
      return;
    }
    const percent = Number(text);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
      setEpssProblem(t('monitoring.filters.epssProblem'));
      return;
    }
    setEpssProblem(null);
    onChange({ ...query, minEpss: percent / 100 });
  };

  return (
    <form className="findings-filters" onSubmit={applyEpss} aria-label={t('monitoring.filters.label')}>
      <div className="field">
        <label className="field__label" htmlFor="filter-band">
          {t('monitoring.filters.band')}
        </label>
        <select
          id="filter-band"
          className="field__input"
          value={query.bands[0] ?? ''}
          onChange={(event) => {
            const band = SEVERITY_BANDS.find((candidate) => candidate === event.target.value);
            onChange({ ...query, bands: band === undefined ? [] : [band] });
          }}
        >
          <option value="">{t('monitoring.filters.any')}</option>
          {SEVERITY_BANDS.map((band) => (
            <option key={band} value={band}>
              {t(`monitoring.bands.${band}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="filter-kev">
          {t('monitoring.filters.kev')}
        </label>
        <select
          id="filter-kev"
          className="field__input"
          value={query.kev ?? ''}
          onChange={(event) => {
            const value = event.target.value;
            onChange({ ...query, kev: value === 'true' || value === 'false' ? value : undefined });
          }}
        >
          <option value="">{t('monitoring.filters.any')}</option>
          <option value="true">{t('monitoring.filters.kevOnly')}</option>
          <option value="false">{t('monitoring.filters.kevNever')}</option>
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="filter-state">
          {t('monitoring.filters.state')}
        </label>
        <select
          id="filter-state"
          className="field__input"
          value={query.states[0] ?? ''}
          onChange={(event) => {
            const state = FINDING_STATES.find((candidate) => candidate === event.target.value);
            onChange({ ...query, states: state === undefined ? [] : [state] });
          }}
        >
          <option value="">{t('monitoring.filters.any')}</option>
          {FINDING_STATES.map((state) => (
            <option key={state} value={state}>
              {t(`monitoring.states.${state}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="field__label" htmlFor="filter-epss">
          {t('monitoring.filters.minEpss')}
        </label>
        <div className="findings-filters__inline">
          <input
            id="filter-epss"
            className="field__input"
            inputMode="decimal"
            value={epssText}
            aria-invalid={epssProblem !== null}
            aria-describedby={epssProblem === null ? undefined : 'filter-epss-problem'}
            onChange={(event) => {
              setEpssText(event.target.value);
            }}
            placeholder="10"
          />
          <button type="submit" className="button button--secondary">
            {t('monitoring.filters.apply')}
          </button>
        </div>
        {epssProblem !== null && (
          <span className="field__problem" id="filter-epss-problem">
            {epssProblem}
          </span>
        )}
      </div>
    </form>
  );
}

function SortHeader({
  sort,
  current,
  label,
  onSort,
}: {
  readonly sort: FindingQuery['sort'];
  readonly current: FindingQuery['sort'];
  readonly label: string;
  readonly onSort: (sort: FindingQuery['sort']) => void;
}) {
  const active = sort === current;
  return (
    <th scope="col" aria-sort={active ? 'descending' : 'none'}>
      <button
        type="button"
        className={active ? 'sort-button sort-button--active' : 'sort-button'}
        onClick={() => {
          onSort(sort);
        }}
        data-testid={`sort-${sort}`}
      >
        {label}
        <span aria-hidden="true">{active ? ' ▼' : ' ↕'}</span>
      </button>
    </th>
  );
}

function FindingsTable({
  items,
  sort,
  onSort,
  selectedId,
  onSelect,
}: {
  readonly items: readonly FindingData[];
  readonly sort: FindingQuery['sort'];
  readonly onSort: (sort: FindingQuery['sort']) => void;
  readonly selectedId: string | null;
  readonly onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <div className="table-scroll">
      <table className="table findings-table" data-testid="findings-table">
        <caption className="visually-hidden">{t('monitoring.findings.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('monitoring.findings.columns.component')}</th>
            <th scope="col">{t('monitoring.findings.columns.vulnerability')}</th>
            <SortHeader
              sort="priority"
              current={sort}
              label={t('monitoring.findings.columns.priority')}
              onSort={onSort}
            />
            <SortHeader sort="epss" current={sort} label="EPSS" onSort={onSort} />
            <th scope="col">{t('monitoring.findings.columns.state')}</th>
            <SortHeader
              sort="first_seen"
              current={sort}
              label={t('monitoring.findings.columns.firstSeen')}
              onSort={onSort}
            />
            <SortHeader
              sort="last_seen"
              current={sort}
              label={t('monitoring.findings.columns.lastSeen')}
              onSort={onSort}
            />
            <th scope="col">
              <span className="visually-hidden">{t('monitoring.findings.columns.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((finding) => (
            <tr
              key={finding.id}
              data-testid="finding-row"
              data-finding-id={finding.id}
              className={finding.id === selectedId ? 'findings-table__row--selected' : undefined}
            >
              <th scope="row">
                <span className="mono">{finding.componentName}</span>
                {finding.componentVersion !== null && (
                  <span className="hint"> {finding.componentVersion}</span>
                )}
              </th>
              <td>
                <div className="findings-table__ids">
                  {finding.kev && <KevBadge />}
                  <span className="mono">{shownId(finding)}</span>
                </div>
                {/* Many feeds title an advisory with its own id; saying it twice only widens the table. */}
                {finding.title !== shownId(finding) && (
                  <div className="hint findings-table__title" title={finding.title}>
                    {finding.title}
                  </div>
                )}
              </td>
              <td data-testid="finding-priority" data-priority={finding.priority}>
                <SeverityPill band={finding.severityBand} priority={finding.priority} />
              </td>
              <td data-testid="finding-epss" data-epss={finding.epss ?? -1}>
                {finding.epss === null ? t('monitoring.none') : format.percent(finding.epss, 1)}
              </td>
              <td data-testid="finding-state">{t(`monitoring.states.${finding.state}`)}</td>
              <td>{format.date(finding.firstSeenAt)}</td>
              <td>{format.date(finding.lastSeenAt)}</td>
              <td>
                <button
                  type="button"
                  className="button button--secondary"
                  onClick={() => {
                    onSelect(finding.id);
                  }}
                  aria-label={t('monitoring.findings.openDetail', { component: finding.componentName })}
                >
                  {t('monitoring.findings.detail')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The id a reader knows a vulnerability by: its CVE when it has one, else the feed's own id. */
function shownId(finding: Pick<FindingData, 'cveIds' | 'advisoryIds' | 'aliasGroup'>): string {
  return finding.cveIds[0] ?? finding.advisoryIds[0] ?? finding.aliasGroup;
}
