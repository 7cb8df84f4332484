import { useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblemError } from '../../api/api-errors';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { Notice } from '../../app/notice';

export interface DecisionInput {
  readonly approve: boolean;
  readonly note: string | null;
}

interface DecisionFormProps {
  /** Sends the decision; its rejection is shown here, in words. */
  readonly decide: (decision: DecisionInput) => Promise<unknown>;
  readonly onDecided: (approved: boolean) => void;
  readonly onCancel: () => void;
  readonly testId: string;
}

/** Approve or reject one request with a note; a rejection must say why, so the requester learns it. */
export function DecisionForm({ decide, onDecided, onCancel, testId }: DecisionFormProps) {
  const { t } = useTranslation();
  const noteId = useId();
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const [failure, setFailure] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);
  const choice = useRef<boolean>(true);
  const noteInput = useRef<HTMLTextAreaElement>(null);

  const submit = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (sending) return;
    const approve = choice.current;
    const trimmed = note.trim();
    if (!approve && trimmed === '') {
      setNoteMissing(true);
      noteInput.current?.focus();
      return;
    }
    setNoteMissing(false);
    setSending(true);
    setFailure(undefined);
    try {
      await decide({ approve, note: trimmed === '' ? null : trimmed });
    } catch (error) {
      setFailure(error);
      setSending(false);
      return;
    }
    setSending(false);
    onDecided(approve);
  };

  const selfApproval = failure instanceof ApiProblemError && failure.problem.code === 'self_approval_refused';

  return (
    <form className="decision-form" data-testid={testId} noValidate onSubmit={(event) => void submit(event)}>
      <fieldset className="decision-form__fieldset">
        <legend className="decision-form__legend">{t('compliance.requests.decision.legend')}</legend>
        {selfApproval ? (
          <Notice tone="error" title={t('compliance.requests.decision.selfApprovalTitle')}>
            {/* Said from the problem's code, not its title: a title stays in the language it was fetched in. */}
            <p data-testid="self-approval-refused">{t('compliance.requests.decision.selfApprovalHint')}</p>
          </Notice>
        ) : (
          failure !== undefined && <ApiErrorNotice error={failure} />
        )}
        <div className="field">
          <label className="field__label" htmlFor={noteId}>
            {t('compliance.requests.decision.note')}
          </label>
          <textarea
            ref={noteInput}
            id={noteId}
            className="field__input"
            rows={2}
            maxLength={1000}
            aria-invalid={noteMissing}
            aria-describedby={`${noteId}-hint${noteMissing ? ` ${noteId}-problem` : ''}`}
            value={note}
            onChange={(event) => {
              setNote(event.target.value);
            }}
          />
          <p id={`${noteId}-hint`} className="hint">
            {t('compliance.requests.decision.noteHint')}
          </p>
          {noteMissing && (
            <p id={`${noteId}-problem`} className="field__problem">
              {t('compliance.requests.decision.noteRequired')}
            </p>
          )}
        </div>
        <div className="decision-form__buttons">
          <button
            type="submit"
            className="button button--primary"
            disabled={sending}
            onClick={() => {
              choice.current = true;
            }}
          >
            {sending ? t('compliance.requests.decision.saving') : t('compliance.requests.decision.approve')}
          </button>
          <button
            type="submit"
            className="button button--secondary decision-form__reject"
            disabled={sending}
            onClick={() => {
              choice.current = false;
            }}
          >
            {t('compliance.requests.decision.reject')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={sending}>
            {t('compliance.requests.decision.cancel')}
          </button>
        </div>
      </fieldset>
    </form>
  );
}
