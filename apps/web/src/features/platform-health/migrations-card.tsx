import type { Readiness } from '@carapace/contracts';
import { useTranslation } from 'react-i18next';
import { StatusIcon } from './status-icon';

interface MigrationsCardProps {
  /** `null` when the database could not be asked; `undefined` before the first answer. */
  readonly migrations: Readiness['migrations'] | undefined;
  /** The latest /readyz request failed; without earlier data there is nothing to show but that. */
  readonly failed: boolean;
}

function MigrationList({ heading, names }: { readonly heading: string; readonly names: readonly string[] }) {
  const { t } = useTranslation();
  return (
    <div className="migration-group">
      <h3 className="migration-group__title">{heading}</h3>
      {names.length === 0 ? (
        <p className="muted">{t('health.migrations.none')}</p>
      ) : (
        <ol className="migration-list">
          {names.map((name) => (
            <li key={name} className="mono">
              {name}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

export function MigrationsCard({ migrations, failed }: MigrationsCardProps) {
  const { t } = useTranslation();

  let content;
  if (migrations === undefined) {
    content = <p className="muted">{t(failed ? 'health.unavailable' : 'health.loading')}</p>;
  } else if (migrations === null) {
    content = <p className="muted">{t('health.migrations.unavailable')}</p>;
  } else {
    content = (
      <>
        <p>
          <span className={`status-pill status-pill--${migrations.current ? 'good' : 'bad'}`}>
            <StatusIcon tone={migrations.current ? 'good' : 'bad'} />
            {t(migrations.current ? 'health.migrations.current' : 'health.migrations.notCurrent')}
          </span>
        </p>
        <MigrationList
          heading={t('health.migrations.applied', { count: migrations.applied.length })}
          names={migrations.applied}
        />
        <MigrationList
          heading={t('health.migrations.pending', { count: migrations.pending.length })}
          names={migrations.pending}
        />
        {migrations.pending.length > 0 && <p className="hint">{t('health.migrations.pendingHint')}</p>}
        {migrations.unknown.length > 0 && (
          <>
            <MigrationList
              heading={t('health.migrations.unknown', { count: migrations.unknown.length })}
              names={migrations.unknown}
            />
            <p className="hint">{t('health.migrations.unknownHint')}</p>
          </>
        )}
      </>
    );
  }

  return (
    <section className="card" aria-labelledby="migrations-heading">
      <h2 id="migrations-heading" className="card__title">
        {t('health.migrations.title')}
      </h2>
      {content}
    </section>
  );
}
