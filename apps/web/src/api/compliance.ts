import {
  AuditRecordList,
  AuditVerification,
  DataAccessRequest,
  DataAccessRequestList,
  PermissionGrantRequest,
  PermissionGrantRequestList,
  SignedTreeHead,
  User,
  UserList,
} from '@carapace/contracts';
import type { RoleCode } from '../app/page-routes';
import { getJson, postJson, type RequestOptions } from './http-client';

// The web app has no zod of its own: the types come from what the contracts' parsers return.
export type PermissionGrant = ReturnType<typeof PermissionGrantRequest.parse>;
export type DataAccess = ReturnType<typeof DataAccessRequest.parse>;
export type DataAccessAction = DataAccess['action'];
export type Decision = PermissionGrant['status'];
type PermissionGrantList = ReturnType<typeof PermissionGrantRequestList.parse>;
type DataAccessList = ReturnType<typeof DataAccessRequestList.parse>;
type AuditRecords = ReturnType<typeof AuditRecordList.parse>;
export type AuditRecord = AuditRecords['items'][number];
export type TreeHead = ReturnType<typeof SignedTreeHead.parse>;
export type AuditVerificationReport = ReturnType<typeof AuditVerification.parse>;
type Accounts = ReturnType<typeof UserList.parse>;
export type Account = Accounts['items'][number];

export interface NewAccount {
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
  readonly roles: readonly RoleCode[];
}

export interface NewPermissionGrant {
  readonly userId: string;
  readonly role: RoleCode;
  readonly reason: string;
  readonly durationHours: number;
}

export interface NewDataAccess {
  readonly action: DataAccessAction;
  readonly objectType: string;
  readonly objectId: string | null;
  readonly reason: string;
}

/** The audit log's search filters (AuditLogQuery); an empty or missing one is not sent. */
export type AuditSearch = {
  readonly actorId?: string;
  readonly action?: string;
  readonly objectType?: string;
  readonly objectId?: string;
  readonly subjectId?: string;
  readonly limit?: number;
};

function withQuery(path: string, query: Readonly<Record<string, string | number | undefined>>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text === '' ? path : `${path}?${text}`;
}

export function fetchPermissionGrants(
  status: Decision | undefined,
  options: RequestOptions = {},
): Promise<PermissionGrantList> {
  return getJson(withQuery('/api/v1/permission-grants', { status }), PermissionGrantRequestList, options);
}

export function requestPermissionGrant(
  request: NewPermissionGrant,
  options: RequestOptions = {},
): Promise<PermissionGrant> {
  return postJson('/api/v1/permission-grants', request, PermissionGrantRequest, options);
}

export function decidePermissionGrant(
  id: string,
  decision: { readonly approve: boolean; readonly note: string | null },
  options: RequestOptions = {},
): Promise<PermissionGrant> {
  return postJson(
    `/api/v1/permission-grants/${encodeURIComponent(id)}/decision`,
    decision,
    PermissionGrantRequest,
    { ...options, successStatuses: [200] },
  );
}

export function fetchDataAccessRequests(
  status: Decision | undefined,
  options: RequestOptions = {},
): Promise<DataAccessList> {
  return getJson(withQuery('/api/v1/data-access-requests', { status }), DataAccessRequestList, options);
}

export function requestDataAccess(request: NewDataAccess, options: RequestOptions = {}): Promise<DataAccess> {
  return postJson('/api/v1/data-access-requests', request, DataAccessRequest, options);
}

export function decideDataAccess(
  id: string,
  decision: { readonly approve: boolean; readonly note: string | null },
  options: RequestOptions = {},
): Promise<DataAccess> {
  return postJson(
    `/api/v1/data-access-requests/${encodeURIComponent(id)}/decision`,
    decision,
    DataAccessRequest,
    { ...options, successStatuses: [200] },
  );
}

export function fetchAuditLog(search: AuditSearch, options: RequestOptions = {}): Promise<AuditRecords> {
  return getJson(withQuery('/api/v1/audit-log', search), AuditRecordList, options);
}

/** The newest signed tree head, or null before the first checkpoint. */
export function fetchTreeHead(options: RequestOptions = {}): Promise<TreeHead | null> {
  return getJson('/api/v1/audit-log/tree-head', SignedTreeHead.nullable(), options);
}

export function verifyAuditLog(options: RequestOptions = {}): Promise<AuditVerificationReport> {
  return postJson('/api/v1/audit-log/verification', undefined, AuditVerification, {
    ...options,
    successStatuses: [200],
  });
}

export function fetchAccounts(options: RequestOptions = {}): Promise<Accounts> {
  return getJson('/api/v1/users', UserList, options);
}

export function createAccount(
  account: NewAccount,
  options: RequestOptions = {},
): Promise<ReturnType<typeof User.parse>> {
  return postJson('/api/v1/users', account, User, options);
}
