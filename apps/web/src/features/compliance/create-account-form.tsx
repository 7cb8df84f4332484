import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { createAccount } from '../../api/compliance';
import type { Session } from '../../api/session-store';
import { ApiErrorNotice } from '../../app/api-error-notice';
import type { RoleCode } from '../../app/page-routes';
import { everydayRolesOfTenant } from './compliance-access-rules';

type Field = 'email' | 'displayName' | 'password' | 'roles';
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD_LENGTH = 12;

interface CreateAccountFormProps {
  readonly session: Session;
  readonly onCancel: () => void;
  readonly onCreated: (email: string) => void;
}

/** A security admin's form for a colleague's account with everyday roles; the server checks the password. */
export function CreateAccountForm({ session, onCancel, onCreated }: CreateAccountFormProps) {
  const { t, i18n } = useTranslation();
  const roles = everydayRolesOfTenant(session.tenant.kind);
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [chosen, setChosen] = useState<ReadonlySet<RoleCode>>(new Set());
  const [problems, setProblems] = useState<ReadonlySet<Field>>(new Set());
  const [failure, setFailure] = useState<unknown>(undefined);
  const [sending, setSending] = useState(false);

  const submit = async (event: SubmitEvent<HTMLFormElement>): Promise<void> => {
    event.preventDefault();
    if (sending) return;
    const found = new Set<Field>();
    if (!EMAIL_SHAPE.test(email.trim())) found.add('email');
    const name = displayName.trim();
    if (name.length < 1 || name.length > 100) found.add('displayName');
    if (password.length < MIN_PASSWORD_LENGTH) found.add('password');
    if (chosen.size === 0) found.add('roles');
    setProblems(found);
    if (found.size > 0) {
      const first = (['email', 'displayName', 'password', 'roles'] as const).find((field) =>
        found.has(field),
      );
      document
        .getElementById(first === 'roles' ? `account-role-${roles[0] ?? ''}` : `account-${first ?? ''}`)
        ?.focus();
      return;
    }
    setSending(true);
    setFailure(undefined);
    try {
      await createAccount(
        { email: email.trim(), displayName: name, password, roles: [...chosen] },
        { language: i18n.language },
      );
    } catch (error) {
      setFailure(error);
      setSending(false);
      return;
    }
    setSending(false);
    onCreated(email.trim());
  };

  const described = (field: Field, hint: boolean): string | undefined => {
    const ids = [
      hint ? `account-${field}-hint` : '',
      problems.has(field) ? `account-${field}-problem` : '',
    ].filter((id) => id !== '');
    return ids.length === 0 ? undefined : ids.join(' ');
  };
  const problem = (field: Field, message: string) =>
    problems.has(field) && (
      <p id={`account-${field}-problem`} className="field__problem">
        {message}
      </p>
    );
  const input = (
    field: Exclude<Field, 'roles'>,
    type: string,
    autoComplete: string,
    message: string,
    hint?: string,
  ) => (
    <div className="field">
      <label className="field__label" htmlFor={`account-${field}`}>
        {t(`compliance.users.create.${field}`)}
      </label>
      <input
        id={`account-${field}`}
        className="field__input"
        type={type}
        autoComplete={autoComplete}
        aria-invalid={problems.has(field)}
        aria-describedby={described(field, hint !== undefined)}
        value={field === 'email' ? email : field === 'displayName' ? displayName : password}
        onChange={(event) => {
          (field === 'email' ? setEmail : field === 'displayName' ? setDisplayName : setPassword)(
            event.target.value,
          );
        }}
      />
      {hint !== undefined && (
        <p id={`account-${field}-hint`} className="hint">
          {hint}
        </p>
      )}
      {problem(field, message)}
    </div>
  );

  return (
    <section className="card" aria-labelledby="create-account-heading" data-testid="create-account">
      <h2 id="create-account-heading" className="card__title">
        {t('compliance.users.create.title')}
      </h2>
      <p className="card__intro compliance-page__intro">{t('compliance.users.create.intro')}</p>
      {failure !== undefined && <ApiErrorNotice error={failure} />}
      <form className="compliance-form" noValidate onSubmit={(event) => void submit(event)}>
        <div className="compliance-form__row">
          {input('email', 'email', 'off', t('compliance.users.create.emailInvalid'))}
          {input('displayName', 'text', 'off', t('compliance.users.create.displayNameInvalid'))}
          {input(
            'password',
            'password',
            'new-password',
            t('compliance.users.create.passwordInvalid'),
            t('compliance.users.create.passwordHint'),
          )}
        </div>
        <fieldset className="compliance-form__choice" aria-describedby={described('roles', true)}>
          <legend className="field__label">{t('compliance.users.create.roles')}</legend>
          {roles.map((role) => (
            <label key={role} className="compliance-form__radio">
              <input
                id={`account-role-${role}`}
                type="checkbox"
                checked={chosen.has(role)}
                onChange={(event) => {
                  const next = new Set(chosen);
                  if (event.target.checked) next.add(role);
                  else next.delete(role);
                  setChosen(next);
                }}
              />
              {t(`session.roles.${role}`)}
            </label>
          ))}
          <p id="account-roles-hint" className="hint">
            {t('compliance.users.create.rolesHint')}
          </p>
          {problem('roles', t('compliance.users.create.rolesRequired'))}
        </fieldset>
        <div className="compliance-form__buttons">
          <button type="submit" className="button button--primary" disabled={sending}>
            {sending ? t('compliance.users.create.submitting') : t('compliance.users.create.submit')}
          </button>
          <button type="button" className="button button--secondary" onClick={onCancel} disabled={sending}>
            {t('compliance.users.create.cancel')}
          </button>
        </div>
      </form>
    </section>
  );
}
