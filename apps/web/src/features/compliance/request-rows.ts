import type { TFunction } from 'i18next';
import {
  decideDataAccess,
  decidePermissionGrant,
  type DataAccess,
  type DataAccessAction,
  type PermissionGrant,
} from '../../api/compliance';
import type { Session } from '../../api/session-store';
import type { useFormatters } from '../../i18n/formatters';
import { may } from './compliance-access-rules';
import type { RequestRow } from './request-table';
import type { People } from './use-people';

/** How long an approval lasts once given: the server's APPROVAL_VALIDITY_HOURS. */
const APPROVAL_VALIDITY_HOURS: Readonly<Record<DataAccessAction, number>> = {
  unmask: 24,
  export: 24,
  bulk_query: 24,
  break_glass: 4,
};

const KNOWN_OBJECT_TYPES = ['data_subject'] as const;

export interface RowContext {
  readonly session: Session;
  readonly people: People;
  readonly t: TFunction;
  readonly format: ReturnType<typeof useFormatters>;
  readonly language: string;
}

export function objectTypeName(objectType: string, t: TFunction): string {
  return (KNOWN_OBJECT_TYPES as readonly string[]).includes(objectType)
    ? t(`compliance.requests.objectTypes.${objectType as (typeof KNOWN_OBJECT_TYPES)[number]}`)
    : objectType;
}

/** "Until <time>" for an approval still running, "Expired at <time>" after it. */
function until(expiresAt: Date, { t, format }: RowContext): string {
  const time = format.dateTime(expiresAt);
  return expiresAt.getTime() > Date.now()
    ? t('compliance.requests.expiresAt', { time })
    : t('compliance.requests.expired', { time });
}

export function describeDataAccess(request: DataAccess, t: TFunction): string {
  const action = t(`compliance.requests.actions.${request.action}`);
  const objectType = objectTypeName(request.objectType, t);
  return request.objectId === null
    ? t('compliance.requests.dataAccessWhatAll', { action, objectType })
    : t('compliance.requests.dataAccessWhat', { action, objectType, objectId: request.objectId });
}

export function describeGrant(request: PermissionGrant, context: RowContext): string {
  return context.t('compliance.requests.grantWhat', {
    role: context.t(`session.roles.${request.role}`),
    grantee: context.people.nameOf(request.userId),
  });
}

export function dataAccessRow(request: DataAccess, context: RowContext): RequestRow {
  const { session, people, t, language } = context;
  let validity = '—';
  if (request.status === 'pending')
    validity = t('compliance.requests.validFor', { hours: APPROVAL_VALIDITY_HOURS[request.action] });
  else if (request.expiresAt !== null) validity = until(new Date(request.expiresAt), context);
  const own = request.requestedBy === session.user.id;
  return {
    id: request.id,
    requester: people.nameOf(request.requestedBy),
    what: describeDataAccess(request, t),
    reason: request.reason,
    createdAt: request.createdAt,
    validity,
    status: request.status,
    decidedBy: request.decidedBy === null ? null : people.nameOf(request.decidedBy),
    decidedAt: request.decidedAt,
    decisionNote: request.decisionNote,
    ownNote: own ? t('compliance.requests.ownRequest') : null,
    decide: may(session, 'dataAccessDecide')
      ? (decision) => decideDataAccess(request.id, decision, { language })
      : null,
  };
}

export function grantRow(request: PermissionGrant, context: RowContext): RequestRow {
  const { session, people, t, language } = context;
  let validity = '—';
  if (request.status === 'pending')
    validity = t('compliance.requests.validFor', { hours: request.durationHours });
  else if (request.status === 'approved' && request.decidedAt !== null)
    validity = until(new Date(Date.parse(request.decidedAt) + request.durationHours * 3_600_000), context);
  const own = request.requestedBy === session.user.id || request.userId === session.user.id;
  return {
    id: request.id,
    requester: people.nameOf(request.requestedBy),
    what: describeGrant(request, context),
    reason: request.reason,
    createdAt: request.createdAt,
    validity,
    status: request.status,
    decidedBy: request.decidedBy === null ? null : people.nameOf(request.decidedBy),
    decidedAt: request.decidedAt,
    decisionNote: request.decisionNote,
    ownNote: own ? t('compliance.requests.ownGrant') : null,
    decide: may(session, 'grantDecide')
      ? (decision) => decidePermissionGrant(request.id, decision, { language })
      : null,
  };
}
