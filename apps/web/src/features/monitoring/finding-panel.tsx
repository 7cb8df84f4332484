import { useCallback, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { NotAffectedJustification } from '@carapace/contracts';
import {
  fetchFinding,
  triageFinding,
  type FindingStateCode,
  type TriageRequestBody,
} from '../../api/monitoring';
import type { Session } from '../../api/session-store';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { useFormatters } from '../../i18n/formatters';
import { RISK_ACCEPTERS, TRIAGERS, holdsAny } from './monitoring-roles';
import { KevBadge, SeverityPill } from './severity';

const JUSTIFICATIONS = NotAffectedJustification.options;
type Justification = (typeof JUSTIFICATIONS)[number];
const DECIDED_STATES: readonly FindingStateCode[] = [
  'IN_TRIAGE',
  'EXPLOITABLE',
  'NOT_AFFECTED',
  'FALSE_POSITIVE',
  'RISK_ACCEPTED',
  'RESOLVED',
];
/** docs/monitoring.md: a note of 10 or more characters where a decision must be explained. */
const MIN_NOTE_LENGTH = 10;
const MAX_ACCEPTANCE_DAYS = 365;

interface FindingPanelProps {
  readonly findingId: string;
  readonly session: Session;
  readonly onClose: () => void;
  readonly onTriaged: () => void;
}

/** One finding: its facts, its history and, for people who may decide, the triage form. */
export function FindingPanel({ findingId, session, onClose, onTriaged }: FindingPanelProps) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const load = useCallback(
    (signal: AbortSignal) => fetchFinding(findingId, { signal, language: i18n.language }),
    [findingId, i18n.language],
  );
  const { data, error, refresh } = useApiResource(load);

  return (
    <aside className="card finding-panel" aria-labelledby="finding-panel-title" data-testid="finding-panel">
      <div className="card__header">
        <h2 className="card__title" id="finding-panel-title">
          {data === undefined
            ? t('monitoring.finding.title')
            : `${data.componentName} · ${data.cveIds[0] ?? data.aliasGroup}`}
        </h2>
        <button type="button" className="button button--secondary" onClick={onClose}>
          {t('monitoring.finding.close')}
        </button>
      </div>
      {error !== undefined && <ApiErrorNotice error={error} onRetry={() => void refresh()} />}
      {data === undefined ? (
        error === undefined && <p className="muted">{t('monitoring.loading')}</p>
      ) : (
        <>
          <p>{data.title}</p>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('monitoring.finding.priority')}</dt>
              <dd>
                <SeverityPill band={data.severityBand} priority={data.priority} /> {data.kev && <KevBadge />}
              </dd>
            </div>
            <div className="facts__row">
              <dt>{t('monitoring.finding.state')}</dt>
              <dd data-testid="finding-panel-state">{t(`monitoring.states.${data.state}`)}</dd>
            </div>
            <div className="facts__row">
              <dt>CVSS</dt>
              <dd>
                {data.cvssScore === null ? t('monitoring.finding.noCvss') : format.number(data.cvssScore, 1)}
              </dd>
            </div>
            <div className="facts__row">
              <dt>EPSS</dt>
              <dd>{data.epss === null ? t('monitoring.none') : format.percent(data.epss, 2)}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('monitoring.finding.advisories')}</dt>
              <dd className="mono">{format.list([...data.cveIds, ...data.advisoryIds])}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('monitoring.finding.component')}</dt>
              <dd className="mono">{data.purl ?? data.componentKey}</dd>
            </div>
            {data.justification !== null && (
              <div className="facts__row">
                <dt>{t('monitoring.finding.justification')}</dt>
                <dd>{data.justification}</dd>
              </div>
            )}
            {data.riskAcceptedUntil !== null && (
              <div className="facts__row">
                <dt>{t('monitoring.finding.acceptedUntil')}</dt>
                <dd>{format.date(data.riskAcceptedUntil)}</dd>
              </div>
            )}
          </dl>
          {holdsAny(session.roles, TRIAGERS) && (
            <TriageForm
              findingId={data.id}
              current={data.state}
              mayAcceptRisk={holdsAny(session.roles, RISK_ACCEPTERS)}
              onTriaged={() => {
                void refresh();
                onTriaged();
              }}
            />
          )}
          <h3 className="finding-panel__subtitle">{t('monitoring.finding.history')}</h3>
          <ol className="finding-history" data-testid="finding-history">
            {[...data.events].reverse().map((event, index) => (
              <li key={`${event.at}-${index}`} className="finding-history__item">
                <div>
                  <strong>{t(`monitoring.events.${event.kind}`)}</strong>{' '}
                  {event.fromState === null
                    ? t(`monitoring.states.${event.toState}`)
                    : t('monitoring.finding.transition', {
                        from: t(`monitoring.states.${event.fromState}`),
                        to: t(`monitoring.states.${event.toState}`),
                      })}
                </div>
                <div className="hint">{format.dateTime(event.at)}</div>
                {event.justification !== null && (
                  <div className="finding-history__note">{event.justification}</div>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}

interface TriageProblems {
  readonly justification?: string;
  readonly note?: string;
  readonly until?: string;
}

function TriageForm({
  findingId,
  current,
  mayAcceptRisk,
  onTriaged,
}: {
  readonly findingId: string;
  readonly current: FindingStateCode;
  readonly mayAcceptRisk: boolean;
  readonly onTriaged: () => void;
}) {
  const { t, i18n } = useTranslation();
  const states = DECIDED_STATES.filter(
    (state) => state !== current && (mayAcceptRisk || state !== 'RISK_ACCEPTED'),
  );
  const [state, setState] = useState<FindingStateCode>(states[0] ?? 'IN_TRIAGE');
  const [justification, setJustification] = useState<Justification | ''>('');
  const [note, setNote] = useState('');
  const [until, setUntil] = useState('');
  const [problems, setProblems] = useState<TriageProblems>({});
  const [error, setError] = useState<unknown>(undefined);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);

  const noteRequired = state === 'NOT_AFFECTED' || state === 'FALSE_POSITIVE' || state === 'RISK_ACCEPTED';

  const check = (): { body: TriageRequestBody | null; found: TriageProblems } => {
    const found: { justification?: string; note?: string; until?: string } = {};
    const trimmed = note.trim();
    if (noteRequired && trimmed.length < MIN_NOTE_LENGTH) {
      found.note = t('monitoring.triage.noteTooShort', { count: MIN_NOTE_LENGTH });
    }
    if (state === 'NOT_AFFECTED' && justification === '')
      found.justification = t('monitoring.triage.justificationMissing');
    let untilInstant: string | undefined;
    if (state === 'RISK_ACCEPTED') {
      const day = until === '' ? Number.NaN : Date.parse(`${until}T23:59:59`);
      const days = (day - Date.now()) / 86_400_000;
      if (!Number.isFinite(day) || days <= 0 || days > MAX_ACCEPTANCE_DAYS) {
        found.until = t('monitoring.triage.untilInvalid', { days: MAX_ACCEPTANCE_DAYS });
      } else {
        untilInstant = new Date(day).toISOString();
      }
    }
    if (Object.keys(found).length > 0) return { body: null, found };
    const optionalNote = trimmed === '' ? {} : { note: trimmed };
    switch (state) {
      case 'NOT_AFFECTED':
        return { body: { state, justification: justification as Justification, note: trimmed }, found };
      case 'FALSE_POSITIVE':
        return { body: { state, note: trimmed }, found };
      case 'RISK_ACCEPTED':
        return { body: { state, note: trimmed, until: untilInstant ?? '' }, found };
      case 'IN_TRIAGE':
      case 'EXPLOITABLE':
      case 'RESOLVED':
        return { body: { state, ...optionalNote }, found };
      case 'NEW':
        return { body: null, found };
    }
  };

  const submit = async (event: SyntheticEvent): Promise<void> => {
    event.preventDefault();
    setSaved(false);
    const { body, found } = check();
    setProblems(found);
    if (body === null) return;
    setSaving(true);
    setError(undefined);
    try {
      await triageFinding(findingId, body, { language: i18n.language });
      setNote('');
      setJustification('');
      setSaved(true);
      onTriaged();
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  if (states.length === 0) return null;
  return (
    <form
      className="triage-form"
      onSubmit={(event) => void submit(event)}
      noValidate
      data-testid="triage-form"
    >
      <h3 className="finding-panel__subtitle">{t('monitoring.triage.title')}</h3>
      <div className="field">
        <label className="field__label" htmlFor="triage-state">
          {t('monitoring.triage.state')}
        </label>
        <select
          id="triage-state"
          className="field__input"
          value={state}
          onChange={(event) => {
            setState(states.find((candidate) => candidate === event.target.value) ?? state);
            setProblems({});
          }}
        >
          {states.map((option) => (
            <option key={option} value={option}>
              {t(`monitoring.states.${option}`)}
            </option>
          ))}
        </select>
        <span className="hint">{t(`monitoring.triage.help.${state}`)}</span>
      </div>
      {state === 'NOT_AFFECTED' && (
        <div className="field">
          <label className="field__label" htmlFor="triage-justification">
            {t('monitoring.triage.justification')}
          </label>
          <select
            id="triage-justification"
            className="field__input"
            value={justification}
            aria-invalid={problems.justification !== undefined}
            aria-describedby={
              problems.justification === undefined ? undefined : 'triage-justification-problem'
            }
            onChange={(event) => {
              setJustification(JUSTIFICATIONS.find((candidate) => candidate === event.target.value) ?? '');
            }}
          >
            <option value="">{t('monitoring.triage.choose')}</option>
            {JUSTIFICATIONS.map((option) => (
              <option key={option} value={option}>
                {t(`monitoring.justifications.${option}`)}
              </option>
            ))}
          </select>
          {problems.justification !== undefined && (
            <span className="field__problem" id="triage-justification-problem">
              {problems.justification}
            </span>
          )}
        </div>
      )}
      {state === 'RISK_ACCEPTED' && (
        <div className="field">
          <label className="field__label" htmlFor="triage-until">
            {t('monitoring.triage.until')}
          </label>
          <input
            id="triage-until"
            type="date"
            className="field__input"
            value={until}
            aria-invalid={problems.until !== undefined}
            aria-describedby={problems.until === undefined ? undefined : 'triage-until-problem'}
            onChange={(event) => {
              setUntil(event.target.value);
            }}
          />
          {problems.until !== undefined && (
            <span className="field__problem" id="triage-until-problem">
              {problems.until}
            </span>
          )}
        </div>
      )}
      <div className="field">
        <label className="field__label" htmlFor="triage-note">
          {noteRequired ? t('monitoring.triage.noteRequired') : t('monitoring.triage.noteOptional')}
        </label>
        <textarea
          id="triage-note"
          className="field__input"
          rows={3}
          maxLength={2000}
          value={note}
          aria-invalid={problems.note !== undefined}
          aria-describedby={problems.note === undefined ? undefined : 'triage-note-problem'}
          onChange={(event) => {
            setNote(event.target.value);
          }}
        />
        {problems.note !== undefined && (
          <span className="field__problem" id="triage-note-problem">
            {problems.note}
          </span>
        )}
      </div>
      {error !== undefined && <ApiErrorNotice error={error} />}
      <div className="triage-form__actions">
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? t('monitoring.triage.saving') : t('monitoring.triage.submit')}
        </button>
        {saved && (
          <span role="status" className="hint">
            {t('monitoring.triage.saved')}
          </span>
        )}
      </div>
    </form>
  );
}
