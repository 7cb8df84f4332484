import { useLayoutEffect, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblemError } from '../../api/api-errors';
import { useSession } from '../../api/session-store';
import { signIn } from '../../api/sessions';
import { ApiErrorNotice } from '../../app/api-error-notice';
import { navigate } from '../../app/navigation';
import { Notice } from '../../app/notice';
import { returnPathFrom, signInReasonFrom } from '../../app/paths';
import { useDocumentTitle } from '../../app/use-document-title';
import './sign-in.css';

type FieldProblem = 'missingEmail' | 'invalidEmail' | 'missingPassword';

interface FieldProblems {
  readonly email?: FieldProblem;
  readonly password?: FieldProblem;
}

/** Enough to catch a typo such as a missing @ before asking the server; the server decides the rest. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;
const ERROR_ID = 'sign-in-error';

function checkFields(email: string, password: string): FieldProblems {
  return {
    ...(email === '' ? { email: 'missingEmail' } : EMAIL_SHAPE.test(email) ? {} : { email: 'invalidEmail' }),
    ...(password === '' ? { password: 'missingPassword' } : {}),
  };
}

export function SignInPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('signIn.title'));
  const session = useSession();
  const { search } = window.location;
  const returnPath = returnPathFrom(search);
  const reason = signInReasonFrom(search);

  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldProblems, setFieldProblems] = useState<FieldProblems>({});
  const [failure, setFailure] = useState<unknown>(undefined);
  const [submitting, setSubmitting] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  // Signed in (just now, or already when the page opened): go back to where the reader was.
  useLayoutEffect(() => {
    if (session !== null) navigate(returnPath, { replace: true });
  }, [session, returnPath]);

  const submit = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (submitting) return;
    const trimmedEmail = email.trim();
    const problems = checkFields(trimmedEmail, password);
    setFieldProblems(problems);
    if (problems.email !== undefined || problems.password !== undefined) {
      setFailure(undefined);
      (problems.email === undefined ? passwordInput : emailInput).current?.focus();
      return;
    }
    setSubmitting(true);
    setFailure(undefined);
    try {
      await signIn({ email: trimmedEmail, password }, { language: i18n.language });
    } catch (error) {
      setFailure(error);
      setSubmitting(false);
      // The alert is announced; the cursor waits in the password field, ready for another try.
      passwordInput.current?.focus();
      passwordInput.current?.select();
      return;
    }
    setSubmitting(false);
  };

  // A wrong password, an unknown email and a locked account get one answer: the server does not say which.
  const rejected = failure instanceof ApiProblemError && failure.problem.status === 401;
  let failureNotice = null;
  if (rejected) {
    failureNotice = (
      <Notice tone="error" id={ERROR_ID} title={t('signIn.failed')}>
        <p>{t('signIn.failedHint')}</p>
      </Notice>
    );
  } else if (failure !== undefined) {
    failureNotice = (
      <div id={ERROR_ID}>
        <ApiErrorNotice error={failure} />
      </div>
    );
  }

  const fieldError = (field: 'email' | 'password') => {
    const problem = fieldProblems[field];
    return problem === undefined ? null : (
      <p id={`sign-in-${field}-problem`} className="field__problem">
        {t(`signIn.${problem}`)}
      </p>
    );
  };
  const describedBy = (field: 'email' | 'password'): string | undefined => {
    const ids = [
      ...(fieldProblems[field] === undefined ? [] : [`sign-in-${field}-problem`]),
      ...(failureNotice === null ? [] : [ERROR_ID]),
    ];
    return ids.length === 0 ? undefined : ids.join(' ');
  };

  return (
    <section className="sign-in" aria-labelledby="sign-in-heading">
      <div className="sign-in__panel card">
        <h1 id="sign-in-heading" className="sign-in__title">
          {t('signIn.title')}
        </h1>
        <p className="sign-in__intro muted">{t('signIn.intro')}</p>

        {reason === 'session_ended' && failureNotice === null && (
          <Notice tone="info" title={t('signIn.sessionEnded')}>
            <p>{t('signIn.sessionEndedHint')}</p>
          </Notice>
        )}
        {failureNotice}

        <form className="sign-in__form" noValidate onSubmit={(event) => void submit(event)}>
          <div className="field">
            <label className="field__label" htmlFor="sign-in-email">
              {t('signIn.email')}
            </label>
            <input
              ref={emailInput}
              id="sign-in-email"
              name="email"
              type="email"
              className="field__input"
              autoComplete="username"
              inputMode="email"
              autoCapitalize="none"
              spellCheck={false}
              required
              aria-invalid={fieldProblems.email !== undefined}
              aria-describedby={describedBy('email')}
              value={email}
              onChange={(event) => {
                setEmail(event.target.value);
              }}
            />
            {fieldError('email')}
          </div>
          <div className="field">
            <label className="field__label" htmlFor="sign-in-password">
              {t('signIn.password')}
            </label>
            <input
              ref={passwordInput}
              id="sign-in-password"
              name="password"
              type="password"
              className="field__input"
              autoComplete="current-password"
              required
              aria-invalid={fieldProblems.password !== undefined}
              aria-describedby={describedBy('password')}
              value={password}
              onChange={(event) => {
                setPassword(event.target.value);
              }}
            />
            {fieldError('password')}
          </div>
          <button
            type="submit"
            className="button button--primary sign-in__submit"
            aria-busy={submitting}
            data-testid="sign-in-submit"
          >
            {submitting ? t('signIn.submitting') : t('signIn.submit')}
          </button>
        </form>
      </div>
    </section>
  );
}
