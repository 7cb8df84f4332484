import type { Role } from '@carapace/contracts';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../i18n/formatters';

type RoleCode = ReturnType<typeof Role.parse>;

/** Names a set of roles in the interface language, e.g. "核保员和精算师"; "无" / "None" for no role. */
export function useRoleNames(): (roles: readonly RoleCode[]) => string {
  const { t } = useTranslation();
  const format = useFormatters();
  return useCallback(
    (roles) =>
      roles.length === 0
        ? t('account.noRoles')
        : format.list(roles.map((role) => t(`session.roles.${role}`))),
    [t, format],
  );
}
