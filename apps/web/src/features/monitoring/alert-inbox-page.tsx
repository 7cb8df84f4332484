import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  acknowledgeAlert,
  closeAlert,
  fetchAlerts,
  type AlertData,
  type AlertStatusCode,
} from '../../api/monitoring';
import type { Session } from '../../api/session-store';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice, ResourceErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { navigate, useLocationSearch, usePathname } from '../../app/navigation';
import { pathTo } from '../../app/page-routes';
import { useDocumentTitle } from '../../app/use-document-title';
import { useFormatters } from '../../i18n/formatters';
import { organisationName } from '../../i18n/organisation-name';
import { loadInsuredSummaries } from './insured-summaries';
import { INSURED_FINDINGS_PATTERN, MONITORING_PATH } from './monitoring-paths';
import { ALERT_ACKNOWLEDGERS, ALERT_CLOSERS, holdsAny } from './monitoring-roles';
import { SeverityPill, bandOfPriority } from './severity';
import './monitoring.css';

/** The inbox's views: what still needs someone (the default), each status, or everything. */
const VIEWS = ['attention', 'created', 'delivered', 'acknowledged', 'closed', 'all'] as const;
type InboxView = (typeof VIEWS)[number];

function statusesOf(view: InboxView): readonly AlertStatusCode[] {
  if (view === 'attention') return ['created', 'delivered'];
  if (view === 'all') return [];
  return [view];
}

export function AlertInboxPage({ session }: { readonly session: Session }) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const pathname = usePathname();
  const search = useLocationSearch();
  const params = new URLSearchParams(search);
  const view: InboxView = VIEWS.find((candidate) => candidate === params.get('view')) ?? 'attention';
  const insuredFilter = params.get('insured') ?? '';
  useDocumentTitle(t('monitoring.alerts.title'));

  const loadInsureds = useCallback(
    (signal: AbortSignal) => loadInsuredSummaries({ signal, language: i18n.language }),
    [i18n.language],
  );
  const insureds = useApiResource(loadInsureds);
  const loadAlerts = useCallback(
    (signal: AbortSignal) =>
      fetchAlerts(
        { statuses: statusesOf(view), ...(insuredFilter === '' ? {} : { insuredId: insuredFilter }) },
        { signal, language: i18n.language },
      ),
    [view, insuredFilter, i18n.language],
  );
  const alerts = useApiResource(loadAlerts);
  const names = useMemo(
    () =>
      new Map(
        (insureds.data ?? []).map(({ insured, organisation }) => [
          insured.id,
          organisationName(organisation, i18n.language),
        ]),
      ),
    [insureds.data, i18n.language],
  );
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [busyId, setBusyId] = useState<string | null>(null);

  const setFilter = (next: { view?: InboxView; insured?: string }): void => {
    const query = new URLSearchParams();
    const nextView = next.view ?? view;
    const nextInsured = next.insured ?? insuredFilter;
    if (nextView !== 'attention') query.set('view', nextView);
    if (nextInsured !== '') query.set('insured', nextInsured);
    const text = query.toString();
    navigate(`${pathname}${text === '' ? '' : `?${text}`}`, { replace: true });
  };

  const act = async (alert: AlertData, action: 'acknowledge' | 'close'): Promise<void> => {
    setBusyId(alert.id);
    setActionError(undefined);
    try {
      if (action === 'acknowledge') await acknowledgeAlert(alert.id, { language: i18n.language });
      else await closeAlert(alert.id, { language: i18n.language });
      await alerts.refresh();
    } catch (failure) {
      setActionError(failure);
    } finally {
      setBusyId(null);
    }
  };

  const mayAcknowledge = holdsAny(session.roles, ALERT_ACKNOWLEDGERS);
  const mayClose = holdsAny(session.roles, ALERT_CLOSERS);
  const now = Date.now();

  return (
    <div className="monitoring-page">
      <div className="page-header">
        <div>
          <p className="hint">
            <AppLink to={MONITORING_PATH}>{t('monitoring.overview.title')}</AppLink>
          </p>
          <h1 className="page-header__title">{t('monitoring.alerts.title')}</h1>
          <p className="page-header__intro">{t('monitoring.alerts.intro')}</p>
        </div>
      </div>
      <section className="card" aria-labelledby="alerts-title">
        <div className="card__header">
          <h2 className="card__title" id="alerts-title">
            {t(`monitoring.alerts.views.${view}`)}
          </h2>
          {alerts.data !== undefined && (
            <span className="card__count">{t('monitoring.alerts.count', { count: alerts.data.total })}</span>
          )}
        </div>
        <div className="findings-filters">
          <div className="field">
            <label className="field__label" htmlFor="alert-view">
              {t('monitoring.alerts.statusFilter')}
            </label>
            <select
              id="alert-view"
              className="field__input"
              value={view}
              onChange={(event) => {
                setFilter({
                  view: VIEWS.find((candidate) => candidate === event.target.value) ?? 'attention',
                });
              }}
            >
              {VIEWS.map((option) => (
                <option key={option} value={option}>
                  {t(`monitoring.alerts.views.${option}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="alert-insured">
              {t('monitoring.alerts.insuredFilter')}
            </label>
            <select
              id="alert-insured"
              className="field__input"
              value={insuredFilter}
              onChange={(event) => {
                setFilter({ insured: event.target.value });
              }}
            >
              <option value="">{t('monitoring.filters.any')}</option>
              {[...names].map(([id, name]) => (
                <option key={id} value={id}>
                  {name}
                </option>
              ))}
            </select>
          </div>
        </div>
        {actionError !== undefined && <ApiErrorNotice error={actionError} />}
        <ResourceErrorNotice resource={alerts} />
        {alerts.data === undefined ? (
          alerts.error === undefined && <p className="muted">{t('monitoring.loading')}</p>
        ) : alerts.data.items.length === 0 ? (
          <p className="muted" data-testid="alerts-empty">
            {t('monitoring.alerts.empty')}
          </p>
        ) : (
          <div className="table-scroll">
            <table className="table" data-testid="alert-inbox">
              <caption className="visually-hidden">{t('monitoring.alerts.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('monitoring.alerts.columns.alert')}</th>
                  <th scope="col">{t('monitoring.alerts.columns.severity')}</th>
                  <th scope="col">{t('monitoring.alerts.columns.insured')}</th>
                  <th scope="col">{t('monitoring.alerts.columns.status')}</th>
                  <th scope="col">{t('monitoring.alerts.columns.createdAt')}</th>
                  <th scope="col">{t('monitoring.alerts.columns.acknowledgeBy')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('monitoring.alerts.columns.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {alerts.data.items.map((alert) => {
                  const open = alert.status === 'created' || alert.status === 'delivered';
                  const overdue = open && Date.parse(alert.acknowledgeBy) < now;
                  return (
                    <tr key={alert.id} data-testid="alert-row" data-alert-id={alert.id}>
                      <th scope="row">
                        {alert.title}
                        <div className="hint">{t(`monitoring.alerts.kinds.${alert.kind}`)}</div>
                      </th>
                      <td>
                        <SeverityPill band={bandOfPriority(alert.priority)} priority={alert.priority} />
                      </td>
                      <td>
                        <AppLink
                          to={pathTo(INSURED_FINDINGS_PATTERN, { insuredId: alert.monitoredInsuredId })}
                        >
                          {names.get(alert.monitoredInsuredId) ?? t('monitoring.alerts.unknownInsured')}
                        </AppLink>
                      </td>
                      <td data-testid="alert-status">{t(`monitoring.alerts.status.${alert.status}`)}</td>
                      <td>{format.dateTime(alert.createdAt)}</td>
                      <td className={overdue ? 'danger' : undefined}>
                        {format.dateTime(alert.acknowledgeBy)}
                        {overdue && <div>{t('monitoring.alerts.overdue')}</div>}
                      </td>
                      <td className="alert-actions">
                        {mayAcknowledge && open && (
                          <button
                            type="button"
                            className="button button--secondary"
                            disabled={busyId === alert.id}
                            onClick={() => void act(alert, 'acknowledge')}
                          >
                            {t('monitoring.alerts.acknowledge')}
                          </button>
                        )}
                        {mayClose && alert.status !== 'closed' && (
                          <button
                            type="button"
                            className="button button--secondary"
                            disabled={busyId === alert.id}
                            onClick={() => void act(alert, 'close')}
                          >
                            {t('monitoring.alerts.close')}
                          </button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
