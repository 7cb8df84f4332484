import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { fetchAccounts, type Account } from '../../api/compliance';
import type { Session } from '../../api/session-store';
import { useApiResource } from '../../api/use-api-resource';
import { may } from './compliance-access-rules';

export interface People {
  /** The organisation's accounts, when the reader may list them; empty otherwise. */
  readonly accounts: readonly Account[];
  /** A person's name for an account id: "王承保", "陈合规（您本人）", or "未知用户（…）". */
  readonly nameOf: (userId: string) => string;
}

/**
 * Names for the ids the API answers with (requester, decider, actor). Only readers who may list accounts get
 * names of others; everyone at least sees themselves named. A failed list leaves ids shown as they are:
 * the page's own data matters more than the names.
 */
export function usePeople(session: Session): People {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const allowed = may(session, 'userList');
  const load = useCallback(
    (signal: AbortSignal) =>
      allowed ? fetchAccounts({ signal, language }).then((list) => list.items) : Promise.resolve([]),
    [allowed, language],
  );
  const accounts = useApiResource(load).data ?? [];
  const nameOf = useCallback(
    (userId: string): string => {
      if (userId === session.user.id) return t('compliance.you', { name: session.user.displayName });
      const account = accounts.find((candidate) => candidate.id === userId);
      return account === undefined
        ? t('compliance.unknownPerson', { id: userId.slice(0, 8) })
        : account.displayName;
    },
    [accounts, session.user.id, session.user.displayName, t],
  );
  return { accounts, nameOf };
}
