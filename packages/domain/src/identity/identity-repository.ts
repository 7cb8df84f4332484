import type { OrganisationKind } from '../organisations/organisation.js';
import type { Role } from './roles.js';
import type {
  ApiToken,
  DataAccessAction,
  DataAccessRequest,
  PermissionGrantRequest,
  RoleAssignment,
  Session,
  User,
  UserCredentials,
} from './user.js';

export interface SessionAccount {
  readonly session: Session;
  readonly user: User;
  readonly tenantKind: OrganisationKind;
  readonly roleAssignments: readonly RoleAssignment[];
}

export type InsertUserResult =
  | { readonly kind: 'inserted'; readonly user: User }
  | { readonly kind: 'duplicate'; readonly field: 'email' };

/** Port: accounts, roles, sessions, tokens and approval requests. Implemented in packages/store. */
export interface IdentityRepository {
  insertUser(user: {
    readonly tenantId: string;
    readonly email: string;
    readonly displayName: string;
    readonly passwordHash: string;
  }): Promise<InsertUserResult>;
  findUser(id: string): Promise<User | undefined>;
  findCredentialsByEmail(email: string): Promise<UserCredentials | undefined>;
  listUsers(tenantId: string): Promise<User[]>;
  /** Adds one to the failure count atomically and returns the new count. */
  recordSignInFailure(userId: string): Promise<number>;
  lockUser(userId: string, until: Date): Promise<void>;
  recordSignInSuccess(userId: string): Promise<void>;
  tenantKind(tenantId: string): Promise<OrganisationKind | undefined>;

  insertRoleAssignment(
    assignment: Omit<RoleAssignment, 'id'> & { readonly tenantId: string },
  ): Promise<RoleAssignment>;
  listRoleAssignments(userId: string): Promise<RoleAssignment[]>;

  insertSession(session: Omit<Session, 'id' | 'revokedAt'>): Promise<Session>;
  findSession(id: string): Promise<Session | undefined>;
  /**
   * A session with its account, the account's tenant kind and role assignments, in one round trip: what
   * authenticating a request needs, read on every request.
   */
  findSessionAccount(id: string): Promise<SessionAccount | undefined>;
  revokeSession(id: string, at: Date): Promise<void>;

  insertApiToken(
    token: Omit<ApiToken, 'revokedAt' | 'lastUsedAt'> & { readonly secretHash: string },
  ): Promise<ApiToken>;
  findApiToken(id: string): Promise<(ApiToken & { readonly secretHash: string }) | undefined>;
  listApiTokens(tenantId: string): Promise<ApiToken[]>;
  revokeApiToken(id: string, at: Date): Promise<void>;
  touchApiToken(id: string, at: Date): Promise<void>;

  insertGrantRequest(
    request: Omit<PermissionGrantRequest, 'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>,
  ): Promise<PermissionGrantRequest>;
  findGrantRequest(
    id: string,
    options?: { readonly forUpdate?: boolean },
  ): Promise<PermissionGrantRequest | undefined>;
  decideGrantRequest(
    id: string,
    decision: {
      readonly status: 'approved' | 'rejected';
      readonly decidedBy: string;
      readonly decidedAt: Date;
      readonly note: string | null;
    },
  ): Promise<PermissionGrantRequest>;
  listGrantRequests(filter: {
    readonly tenantId: string;
    readonly status?: PermissionGrantRequest['status'];
  }): Promise<PermissionGrantRequest[]>;

  insertDataAccessRequest(
    request: Omit<
      DataAccessRequest,
      'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'expiresAt'
    >,
  ): Promise<DataAccessRequest>;
  findDataAccessRequest(
    id: string,
    options?: { readonly forUpdate?: boolean },
  ): Promise<DataAccessRequest | undefined>;
  decideDataAccessRequest(
    id: string,
    decision: {
      readonly status: 'approved' | 'rejected';
      readonly decidedBy: string;
      readonly decidedAt: Date;
      readonly note: string | null;
      readonly expiresAt: Date | null;
    },
  ): Promise<DataAccessRequest>;
  listDataAccessRequests(filter: {
    readonly tenantId: string;
    readonly status?: DataAccessRequest['status'];
    readonly action?: DataAccessAction;
  }): Promise<DataAccessRequest[]>;
}

/** The roles in force at `now`: standing ones and grants that have not ended. */
export function rolesInForce(assignments: readonly RoleAssignment[], now: Date): Role[] {
  const roles = new Set<Role>();
  for (const assignment of assignments) {
    if (assignment.expiresAt === null || assignment.expiresAt.getTime() > now.getTime())
      roles.add(assignment.role);
  }
  return [...roles];
}
