import type { InvalidParam } from '@carapace/contracts';
import { useTranslation } from 'react-i18next';
import { ApiProblemError, NetworkError, UnexpectedResponseError } from '../api/api-errors';
import type { ApiResource } from '../api/use-api-resource';
import { Notice } from './notice';

interface ErrorDescription {
  readonly title: string;
  readonly detail?: string;
  readonly requestId?: string;
  readonly invalidParams?: readonly InvalidParam[];
}

interface ApiErrorNoticeProps {
  readonly error: unknown;
  /** True when older data is still on screen, so the reader knows it may be out of date. */
  readonly showingStaleData?: boolean;
  readonly onRetry?: () => void;
}

/**
 * Says what went wrong in words: the server's problem title and detail when it sent them, a translated
 * sentence otherwise, and the request id that finds the server's log lines. Never raw JSON.
 */
export function ApiErrorNotice({ error, showingStaleData = false, onRetry }: ApiErrorNoticeProps) {
  const { t } = useTranslation();

  const describe = (): ErrorDescription => {
    if (error instanceof ApiProblemError) {
      const { title, detail, requestId, invalidParams } = error.problem;
      return {
        title,
        requestId,
        ...(detail === undefined ? {} : { detail }),
        ...(invalidParams === undefined ? {} : { invalidParams }),
      };
    }
    if (error instanceof NetworkError) return { title: t('errors.network') };
    if (error instanceof UnexpectedResponseError) {
      const title =
        error.reason === 'invalid_body'
          ? t('errors.invalidBody', { status: error.status })
          : t('errors.unexpectedStatus', { status: error.status });
      return error.requestId === null ? { title } : { title, requestId: error.requestId };
    }
    return { title: t('errors.unknown') };
  };
  const { title, detail, requestId, invalidParams } = describe();

  return (
    <Notice
      tone="error"
      title={title}
      action={
        onRetry === undefined ? undefined : (
          <button type="button" className="button button--secondary notice__action" onClick={onRetry}>
            {t('errors.retry')}
          </button>
        )
      }
    >
      {detail !== undefined && <p>{detail}</p>}
      {invalidParams !== undefined && invalidParams.length > 0 && (
        <ul className="notice__list">
          {invalidParams.map((param) => (
            <li key={`${param.name}:${param.reason}`}>
              {t('errors.invalidParam', { name: param.name, reason: param.reason })}
            </li>
          ))}
        </ul>
      )}
      {showingStaleData && <p>{t('errors.staleData')}</p>}
      {requestId !== undefined && (
        <p className="notice__meta">
          <span className="notice__request-id">{t('errors.requestId', { requestId })}</span>{' '}
          {t('errors.requestIdHint')}
        </p>
      )}
    </Notice>
  );
}

/**
 * The error of an API resource loaded with useApiResource, if any: with a retry button, and saying so when the
 * data still on screen is from an earlier load.
 */
export function ResourceErrorNotice({
  resource,
}: {
  readonly resource: Pick<ApiResource<unknown>, 'data' | 'error' | 'refresh'>;
}) {
  if (resource.error === undefined) return null;
  return (
    <ApiErrorNotice
      error={resource.error}
      showingStaleData={resource.data !== undefined}
      onRetry={() => void resource.refresh()}
    />
  );
}
