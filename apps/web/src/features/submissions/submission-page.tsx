import { useCallback, useEffect, useMemo, useState, type SyntheticEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblemError } from '../../api/api-errors';
import { fetchOrganisations } from '../../api/organisations';
import type { Session } from '../../api/session-store';
import {
  createSubmission,
  fetchSubmission,
  saveSubmissionProfile,
  submitSubmission,
  type SubmissionRecord,
} from '../../api/submissions';
import { useApiResource } from '../../api/use-api-resource';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { AppLink } from '../../app/app-link';
import { navigate } from '../../app/navigation';
import { Notice } from '../../app/notice';
import { pathTo } from '../../app/page-routes';
import { useDocumentTitle } from '../../app/use-document-title';
import { organisationName } from '../../i18n/organisation-name';
import { useFormatters } from '../../i18n/formatters';
import { ControlQuestionnaire } from './control-questionnaire';
import { SubmissionFields } from './submission-fields';
import { forgetHandedOver, handOverSavedSubmission, peekHandedOver } from './submission-hand-over';
import {
  emptySubmissionForm,
  fieldId,
  FIELD_ORDER,
  fieldOfParam,
  formFromSubmission,
  validateSubmissionForm,
  type FieldName,
  type FieldProblems,
  type SubmissionForm,
} from './submission-form-model';
import { SUBMISSION_PATHS, canApply } from './submission-paths';
import { SubmissionStatusPill } from './submission-status-pill';
import { SubmissionSummary } from './submission-summary';
import './submissions.css';

type Busy = 'idle' | 'saving' | 'submitting';

/**
 * `/submissions/new` and `/submissions/:submissionId`: the application form while a draft (saved on
 * request, with the time of the last save and a warning before leaving with unsaved changes), and a
 * read-only summary with the way to the assessment once submitted.
 */
export function SubmissionPage({
  session,
  submissionId,
}: {
  readonly session: Session;
  readonly submissionId?: string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [handedOver] = useState(() => peekHandedOver(submissionId));
  const [record, setRecord] = useState<SubmissionRecord | undefined>(handedOver?.record);
  const [loadError, setLoadError] = useState<unknown>(undefined);

  useEffect(() => {
    if (submissionId !== undefined) forgetHandedOver(submissionId);
  }, [submissionId]);

  // Load the submission named in the address, unless it is the one this page just created.
  useEffect(() => {
    if (submissionId === undefined || record?.id === submissionId) return undefined;
    const controller = new AbortController();
    setLoadError(undefined);
    fetchSubmission(submissionId, { signal: controller.signal, language }).then(
      (loaded) => {
        setRecord(loaded);
      },
      (error: unknown) => {
        if (!controller.signal.aborted) setLoadError(error);
      },
    );
    return () => {
      controller.abort();
    };
  }, [submissionId, record?.id, language]);

  const title =
    submissionId === undefined
      ? t('submissions.form.newTitle')
      : record?.status === 'submitted'
        ? t('submissions.view.title')
        : t('submissions.form.draftTitle');
  useDocumentTitle(title);

  if (submissionId !== undefined && record?.id !== submissionId) {
    return (
      <div className="submission-page">
        <div className="page-header">
          <h1 className="page-header__title">{title}</h1>
        </div>
        {loadError === undefined ? (
          <p className="muted">{t('submissions.loading')}</p>
        ) : (
          <>
            <ApiErrorNotice
              error={loadError}
              onRetry={() => {
                setRecord(undefined);
              }}
            />
            <p>
              <AppLink to={SUBMISSION_PATHS.list}>{t('submissions.form.backToList')}</AppLink>
            </p>
          </>
        )}
      </div>
    );
  }
  if (record?.status === 'submitted' || (record !== undefined && !canApply(session))) {
    return <SubmissionSummary submission={record} />;
  }
  return (
    <SubmissionEditor
      session={session}
      record={record}
      initialSavedAt={handedOver?.savedAt}
      title={title}
      onSaved={(saved, savedAt) => {
        if (record === undefined) {
          handOverSavedSubmission(saved, savedAt);
          navigate(pathTo(SUBMISSION_PATHS.detail, { submissionId: saved.id }), { replace: true });
        } else {
          setRecord(saved);
        }
      }}
    />
  );
}

function SubmissionEditor({
  session,
  record,
  initialSavedAt,
  title,
  onSaved,
}: {
  readonly session: Session;
  readonly record: SubmissionRecord | undefined;
  readonly initialSavedAt: Date | undefined;
  readonly title: string;
  /** A new draft moves to its own address; a saved or submitted one stays. */
  readonly onSaved: (saved: SubmissionRecord, savedAt: Date) => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormatters();
  const language = i18n.language;
  const ownCompany = session.tenant.kind === 'insured';
  const [form, setForm] = useState<SubmissionForm>(() =>
    record === undefined
      ? emptySubmissionForm(ownCompany ? session.tenant.id : '')
      : formFromSubmission(record),
  );
  const [savedForm, setSavedForm] = useState<SubmissionForm | undefined>(() =>
    record === undefined ? undefined : formFromSubmission(record),
  );
  const [savedAt, setSavedAt] = useState<Date | undefined>(initialSavedAt);
  const [touched, setTouched] = useState<ReadonlySet<FieldName>>(new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverProblems, setServerProblems] = useState<Partial<Record<FieldName, string>>>({});
  const [actionError, setActionError] = useState<unknown>(undefined);
  const [busy, setBusy] = useState<Busy>('idle');

  const needs = {
    organisation: record === undefined,
    insurer: record === undefined && session.tenant.kind !== 'insurer',
  };
  const validation = validateSubmissionForm(form, needs);
  const dirty = savedForm === undefined || JSON.stringify(savedForm) !== JSON.stringify(form);

  // The browser asks before a reload or a closed tab would lose what was typed since the last save.
  useEffect(() => {
    if (!dirty || savedForm === undefined) return undefined;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => {
      window.removeEventListener('beforeunload', warn);
    };
  }, [dirty, savedForm]);

  // Every field with a problem is on screen already, so the cursor can go there at once.
  const focusField = (field: FieldName | undefined) => {
    if (field !== undefined) document.getElementById(fieldId(field))?.focus();
  };

  const loadInsured = useCallback(
    (signal: AbortSignal) => fetchOrganisations({ kind: 'insured', limit: 200 }, { signal, language }),
    [language],
  );
  const insured = useApiResource(loadInsured);
  const loadInsurers = useCallback(
    (signal: AbortSignal) =>
      needs.insurer
        ? fetchOrganisations({ kind: 'insurer', limit: 200 }, { signal, language })
        : Promise.resolve(undefined),
    [language, needs.insurer],
  );
  const insurers = useApiResource(loadInsurers);

  const problemMessage = (problem: FieldProblems[FieldName]): string | undefined => {
    if (problem === undefined) return undefined;
    // The limit goes in as text: a typed number option makes TypeScript's key check too deep to finish.
    const limit = problem.limit === undefined ? undefined : format.number(problem.limit);
    if (problem.reason === 'tooSmall') {
      return limit === undefined
        ? t('submissions.problems.tooSmallNoLimit')
        : t('submissions.problems.tooSmall', { limit });
    }
    if (problem.reason === 'tooLarge') {
      return limit === undefined
        ? t('submissions.problems.tooLargeNoLimit')
        : t('submissions.problems.tooLarge', { limit });
    }
    return t(`submissions.problems.${problem.reason}`);
  };

  const problemOf = (field: FieldName): string | undefined =>
    serverProblems[field] ??
    (showAll || touched.has(field) ? problemMessage(validation.problems[field]) : undefined);

  const update = <K extends keyof SubmissionForm>(field: K, value: SubmissionForm[K]) => {
    setForm((previous) => ({ ...previous, [field]: value }));
    if (field !== 'controls') {
      setServerProblems((previous) =>
        Object.fromEntries(Object.entries(previous).filter(([name]) => name !== field)),
      );
    }
  };
  const blur = (field: FieldName) => {
    setTouched((previous) => new Set(previous).add(field));
  };

  /** Shows every problem and puts the cursor on the first; false when the form cannot be sent. */
  const checkAll = (): boolean => {
    setShowAll(true);
    const first = FIELD_ORDER.find((field) => validation.problems[field] !== undefined);
    if (first === undefined && validation.profile !== undefined) return true;
    focusField(first);
    return false;
  };

  const showServerProblems = (error: unknown) => {
    setActionError(error);
    if (!(error instanceof ApiProblemError)) return;
    const mapped: Partial<Record<FieldName, string>> = {};
    for (const param of error.problem.invalidParams ?? []) {
      const field = fieldOfParam(param.name);
      if (field !== undefined && mapped[field] === undefined) {
        mapped[field] = t('submissions.problems.server', { reason: param.reason });
      }
    }
    setServerProblems(mapped);
    focusField(FIELD_ORDER.find((field) => mapped[field] !== undefined));
  };

  /**
   * Saves the form as it is; resolves with the saved record and when it was saved, or undefined when it
   * could not be saved (the problems are then on screen). Tells the page only when `report` is set.
   */
  const save = async (report: boolean): Promise<SubmissionRecord | undefined> => {
    const profile = validation.profile;
    if (!checkAll() || profile === undefined) return undefined;
    setActionError(undefined);
    try {
      const saved =
        record === undefined
          ? await createSubmission(
              {
                organisationId: form.organisationId,
                ...(needs.insurer ? { insurerId: form.insurerId } : {}),
                profile,
              },
              { language },
            )
          : await saveSubmissionProfile(record.id, profile, { language });
      const now = new Date();
      setSavedForm(form);
      setSavedAt(now);
      if (report) onSaved(saved, now);
      return saved;
    } catch (error) {
      showServerProblems(error);
      return undefined;
    }
  };

  const onSave = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy('saving');
    await save(true);
    setBusy('idle');
  };

  const onSubmit = async () => {
    setBusy('submitting');
    const saved = dirty || record === undefined ? await save(false) : record;
    if (saved === undefined) {
      setBusy('idle');
      return;
    }
    try {
      const submitted = await submitSubmission(saved.id, { language });
      setBusy('idle');
      onSaved(submitted, new Date());
    } catch (error) {
      setBusy('idle');
      showServerProblems(error);
      // The draft was saved all the same; a new one moves to its own address.
      if (saved !== record) onSaved(saved, new Date());
    }
  };

  const problemCount = FIELD_ORDER.filter((field) => problemOf(field) !== undefined).length;
  let saveState: string;
  if (dirty && savedForm !== undefined) saveState = t('submissions.form.unsaved');
  else if (savedAt !== undefined)
    saveState = t('submissions.form.savedAt', { time: format.dateTime(savedAt) });
  else if (record !== undefined)
    saveState = t('submissions.form.createdAt', { time: format.dateTime(record.createdAt) });
  else saveState = t('submissions.form.notSavedYet');

  const insuredOptions = useMemo(
    () =>
      (insured.data?.items ?? []).map((organisation) => ({
        id: organisation.id,
        name: organisationName(organisation, language),
      })),
    [insured.data, language],
  );
  const insurerOptions = useMemo(
    () =>
      (insurers.data?.items ?? []).map((organisation) => ({
        id: organisation.id,
        name: organisationName(organisation, language),
      })),
    [insurers.data, language],
  );

  return (
    <div className="submission-page">
      <div className="page-header">
        <div>
          <h1 className="page-header__title">
            {title} {record !== undefined && <SubmissionStatusPill status={record.status} />}
          </h1>
          <p className="page-header__intro">{t('submissions.form.intro')}</p>
        </div>
      </div>
      <form className="submission-form" noValidate onSubmit={(event) => void onSave(event)}>
        {insured.error !== undefined && (
          <ApiErrorNotice error={insured.error} onRetry={() => void insured.refresh()} />
        )}
        {insurers.error !== undefined && (
          <ApiErrorNotice error={insurers.error} onRetry={() => void insurers.refresh()} />
        )}
        <SubmissionFields
          form={form}
          update={update}
          blur={blur}
          problemOf={problemOf}
          insuredOptions={insuredOptions}
          insurerOptions={insurerOptions}
          organisationFixed={record !== undefined || ownCompany}
          showInsurer={needs.insurer}
        />
        <ControlQuestionnaire
          controls={form.controls}
          onChange={(controls) => {
            update('controls', controls);
          }}
        />
        <div className="submission-form__actions" aria-live="polite">
          {actionError !== undefined && <ApiErrorNotice error={actionError} />}
          {problemCount > 0 && showAll && (
            <Notice tone="error" title={t('submissions.form.fixProblems', { count: problemCount })} />
          )}
          <div className="submission-form__buttons">
            <span
              className={
                dirty && savedForm !== undefined
                  ? 'submission-form__state submission-form__state--dirty'
                  : 'submission-form__state'
              }
              data-testid="save-state"
              data-dirty={dirty}
            >
              {saveState}
            </span>
            <button
              type="submit"
              className="button button--secondary"
              disabled={busy !== 'idle'}
              aria-busy={busy === 'saving'}
              data-testid="save-draft"
            >
              {busy === 'saving' ? t('submissions.form.saving') : t('submissions.form.save')}
            </button>
            <button
              type="button"
              className="button button--primary"
              disabled={busy !== 'idle'}
              aria-busy={busy === 'submitting'}
              aria-describedby="submission-submit-hint"
              onClick={() => void onSubmit()}
              data-testid="submit-submission"
            >
              {busy === 'submitting' ? t('submissions.form.submitting') : t('submissions.form.submit')}
            </button>
          </div>
          <p className="hint" id="submission-submit-hint">
            {t('submissions.form.submitConfirmHint')}
          </p>
        </div>
      </form>
    </div>
  );
}
