import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  ApiToken,
  DataAccessAction,
  DataAccessRequest,
  IdentityRepository,
  InsertUserResult,
  OrganisationKind,
  PermissionGrantRequest,
  Role,
  RoleAssignment,
  Session,
  SessionAccount,
  User,
  UserCredentials,
} from '@carapace/domain';
import { ownedByTenant, TenantIsolationError, type DataScope } from '../data-scope.js';
import type {
  ApiTokensTable,
  Database,
  DataAccessRequestsTable,
  PermissionGrantRequestsTable,
  UserRolesTable,
  UsersTable,
} from '../schema.js';
import { isUuid } from './uuid.js';

const USER_COLUMNS = ['id', 'tenantId', 'email', 'displayName', 'status', 'createdAt'] as const;
const API_TOKEN_ID = /^[0-9a-f]{16}$/;

function toUser(row: Pick<Selectable<UsersTable>, (typeof USER_COLUMNS)[number]>): User {
  return {
    id: row.id,
    tenantId: row.tenantId,
    email: row.email,
    displayName: row.displayName,
    status: row.status,
    createdAt: row.createdAt,
  };
}

function toRoleAssignment(row: Selectable<UserRolesTable>): RoleAssignment {
  return {
    id: row.id,
    userId: row.userId,
    role: row.role,
    grantedAt: row.grantedAt,
    expiresAt: row.expiresAt,
    grantRequestId: row.grantRequestId,
  };
}

function toApiToken(row: Selectable<ApiTokensTable>): ApiToken {
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    name: row.name,
    scopes: row.scopes,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
    lastUsedAt: row.lastUsedAt,
  };
}

function toGrantRequest(row: Selectable<PermissionGrantRequestsTable>): PermissionGrantRequest {
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    role: row.role,
    requestedBy: row.requestedBy,
    reason: row.reason,
    durationHours: row.durationHours,
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    createdAt: row.createdAt,
  };
}

function toDataAccessRequest(row: Selectable<DataAccessRequestsTable>): DataAccessRequest {
  return {
    id: row.id,
    tenantId: row.tenantId,
    requestedBy: row.requestedBy,
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    reason: row.reason,
    status: row.status,
    decidedBy: row.decidedBy,
    decidedAt: row.decidedAt,
    decisionNote: row.decisionNote,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

/**
 * Accounts, roles, sessions, tokens and approval requests. Every query carries the scope's tenant filter
 * besides Row-Level Security; writes for another tenant are refused before they reach the database.
 */
export class KyselyIdentityRepository implements IdentityRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly scope: DataScope,
  ) {}

  private requireTenant(tenantId: string, what: string): void {
    if (this.scope.kind === 'tenant' && this.scope.tenantId !== tenantId) {
      throw new TenantIsolationError(`refused to write a ${what} for another tenant`);
    }
  }

  async insertUser(user: {
    readonly tenantId: string;
    readonly email: string;
    readonly displayName: string;
    readonly passwordHash: string;
  }): Promise<InsertUserResult> {
    this.requireTenant(user.tenantId, 'user');
    // ON CONFLICT DO NOTHING: a unique violation would abort the caller's whole transaction.
    const row = await this.db
      .insertInto('users')
      .values({ ...user, status: 'active' })
      .onConflict((conflict) => conflict.column('email').doNothing())
      .returning(USER_COLUMNS)
      .executeTakeFirst();
    return row === undefined
      ? { kind: 'duplicate', field: 'email' }
      : { kind: 'inserted', user: toUser(row) };
  }

  async findUser(id: string): Promise<User | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : toUser(row);
  }

  async findCredentialsByEmail(email: string): Promise<UserCredentials | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select([...USER_COLUMNS, 'passwordHash', 'failedSignIns', 'lockedUntil'])
      .where('email', '=', email)
      .where(ownedByTenant(this.scope))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      user: toUser(row),
      passwordHash: row.passwordHash,
      failedSignIns: row.failedSignIns,
      lockedUntil: row.lockedUntil,
    };
  }

  async listUsers(tenantId: string): Promise<User[]> {
    if (!isUuid(tenantId)) return [];
    const rows = await this.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('tenantId', '=', tenantId)
      .where(ownedByTenant(this.scope))
      .orderBy('userSeq')
      .execute();
    return rows.map(toUser);
  }

  async recordSignInFailure(userId: string): Promise<number> {
    const row = await this.db
      .updateTable('users')
      .set({ failedSignIns: sql`failed_sign_ins + 1` })
      .where('id', '=', userId)
      .where(ownedByTenant(this.scope))
      .returning('failedSignIns')
      .executeTakeFirstOrThrow();
    return row.failedSignIns;
  }

  async lockUser(userId: string, until: Date): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ lockedUntil: until, failedSignIns: 0 })
      .where('id', '=', userId)
      .where(ownedByTenant(this.scope))
      .execute();
  }

  async recordSignInSuccess(userId: string): Promise<void> {
    await this.db
      .updateTable('users')
      .set({ failedSignIns: 0, lockedUntil: null })
      .where('id', '=', userId)
      .where(ownedByTenant(this.scope))
      .execute();
  }

  async tenantKind(tenantId: string): Promise<OrganisationKind | undefined> {
    if (!isUuid(tenantId)) return undefined;
    if (this.scope.kind === 'tenant' && this.scope.tenantId !== tenantId) return undefined;
    const row = await this.db
      .selectFrom('organisations')
      .select('kind')
      .where('id', '=', tenantId)
      .executeTakeFirst();
    return row?.kind;
  }

  async insertRoleAssignment(
    assignment: Omit<RoleAssignment, 'id'> & { readonly tenantId: string },
  ): Promise<RoleAssignment> {
    this.requireTenant(assignment.tenantId, 'role assignment');
    const row = await this.db
      .insertInto('userRoles')
      .values(assignment)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toRoleAssignment(row);
  }

  async listRoleAssignments(userId: string): Promise<RoleAssignment[]> {
    if (!isUuid(userId)) return [];
    const rows = await this.db
      .selectFrom('userRoles')
      .selectAll()
      .where('userId', '=', userId)
      .where(ownedByTenant(this.scope))
      .orderBy('grantedAt')
      .execute();
    return rows.map(toRoleAssignment);
  }

  async insertSession(session: Omit<Session, 'id' | 'revokedAt'>): Promise<Session> {
    this.requireTenant(session.tenantId, 'session');
    return this.db.insertInto('sessions').values(session).returningAll().executeTakeFirstOrThrow();
  }

  async findSession(id: string): Promise<Session | undefined> {
    if (!isUuid(id)) return undefined;
    return this.db
      .selectFrom('sessions')
      .selectAll()
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .executeTakeFirst();
  }

  async findSessionAccount(id: string): Promise<SessionAccount | undefined> {
    if (!isUuid(id)) return undefined;
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .innerJoin('organisations', 'organisations.id', 'sessions.tenantId')
      .select([
        'sessions.id as sessionId',
        'sessions.tenantId',
        'sessions.userId',
        'sessions.createdAt as sessionCreatedAt',
        'sessions.expiresAt',
        'sessions.revokedAt',
        'users.email',
        'users.displayName',
        'users.status',
        'users.createdAt as userCreatedAt',
        'organisations.kind as tenantKind',
        // Timestamps as epoch milliseconds: inside json they would come back as text in the session's format.
        sql<
          {
            id: string;
            role: Role;
            grantedAt: number;
            expiresAt: number | null;
            grantRequestId: string | null;
          }[]
        >`
          coalesce((select json_agg(json_build_object(
            'id', r.id, 'role', r.role,
            'grantedAt', (extract(epoch from r.granted_at) * 1000)::bigint,
            'expiresAt', (extract(epoch from r.expires_at) * 1000)::bigint,
            'grantRequestId', r.grant_request_id))
          from user_roles r where r.user_id = sessions.user_id), '[]'::json)`.as('roles'),
      ])
      .where('sessions.id', '=', id)
      .where(ownedByTenant(this.scope, 'sessions'))
      .executeTakeFirst();
    if (row === undefined) return undefined;
    return {
      session: {
        id: row.sessionId,
        tenantId: row.tenantId,
        userId: row.userId,
        createdAt: row.sessionCreatedAt,
        expiresAt: row.expiresAt,
        revokedAt: row.revokedAt,
      },
      user: {
        id: row.userId,
        tenantId: row.tenantId,
        email: row.email,
        displayName: row.displayName,
        status: row.status,
        createdAt: row.userCreatedAt,
      },
      tenantKind: row.tenantKind,
      roleAssignments: row.roles.map((role) => ({
        id: role.id,
        userId: row.userId,
        role: role.role,
        grantedAt: new Date(role.grantedAt),
        expiresAt: role.expiresAt === null ? null : new Date(role.expiresAt),
        grantRequestId: role.grantRequestId,
      })),
    };
  }

  async revokeSession(id: string, at: Date): Promise<void> {
    if (!isUuid(id)) return;
    await this.db
      .updateTable('sessions')
      .set({ revokedAt: at })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .where(ownedByTenant(this.scope))
      .execute();
  }

  async insertApiToken(
    token: Omit<ApiToken, 'revokedAt' | 'lastUsedAt'> & { readonly secretHash: string },
  ): Promise<ApiToken> {
    this.requireTenant(token.tenantId, 'API token');
    const row = await this.db
      .insertInto('apiTokens')
      .values({ ...token, scopes: [...token.scopes] })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toApiToken(row);
  }

  async findApiToken(id: string): Promise<(ApiToken & { readonly secretHash: string }) | undefined> {
    if (!API_TOKEN_ID.test(id)) return undefined;
    const row = await this.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .executeTakeFirst();
    return row === undefined ? undefined : { ...toApiToken(row), secretHash: row.secretHash };
  }

  async listApiTokens(tenantId: string): Promise<ApiToken[]> {
    if (!isUuid(tenantId)) return [];
    const rows = await this.db
      .selectFrom('apiTokens')
      .selectAll()
      .where('tenantId', '=', tenantId)
      .where(ownedByTenant(this.scope))
      .orderBy('createdAt')
      .execute();
    return rows.map(toApiToken);
  }

  async revokeApiToken(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('apiTokens')
      .set({ revokedAt: at })
      .where('id', '=', id)
      .where('revokedAt', 'is', null)
      .where(ownedByTenant(this.scope))
      .execute();
  }

  async touchApiToken(id: string, at: Date): Promise<void> {
    await this.db
      .updateTable('apiTokens')
      .set({ lastUsedAt: at })
      .where('id', '=', id)
      .where(ownedByTenant(this.scope))
      .execute();
  }

  async insertGrantRequest(
    request: Omit<PermissionGrantRequest, 'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote'>,
  ): Promise<PermissionGrantRequest> {
    this.requireTenant(request.tenantId, 'permission grant request');
    const row = await this.db
      .insertInto('permissionGrantRequests')
      .values({ ...request, status: 'pending' })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toGrantRequest(row);
  }

  async findGrantRequest(
    id: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<PermissionGrantRequest | undefined> {
    if (!isUuid(id)) return undefined;
    let query = this.db
      .selectFrom('permissionGrantRequests')
      .selectAll()
      .where('id', '=', id)
      .where(ownedByTenant(this.scope));
    if (options.forUpdate === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toGrantRequest(row);
  }

  async decideGrantRequest(
    id: string,
    decision: {
      readonly status: 'approved' | 'rejected';
      readonly decidedBy: string;
      readonly decidedAt: Date;
      readonly note: string | null;
    },
  ): Promise<PermissionGrantRequest> {
    const row = await this.db
      .updateTable('permissionGrantRequests')
      .set({
        status: decision.status,
        decidedBy: decision.decidedBy,
        decidedAt: decision.decidedAt,
        decisionNote: decision.note,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where(ownedByTenant(this.scope))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toGrantRequest(row);
  }

  async listGrantRequests(filter: {
    readonly tenantId: string;
    readonly status?: PermissionGrantRequest['status'];
  }): Promise<PermissionGrantRequest[]> {
    let query = this.db
      .selectFrom('permissionGrantRequests')
      .selectAll()
      .where('tenantId', '=', filter.tenantId)
      .where(ownedByTenant(this.scope));
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    const rows = await query.orderBy('requestSeq', 'desc').limit(500).execute();
    return rows.map(toGrantRequest);
  }

  async insertDataAccessRequest(
    request: Omit<
      DataAccessRequest,
      'id' | 'status' | 'decidedBy' | 'decidedAt' | 'decisionNote' | 'expiresAt'
    >,
  ): Promise<DataAccessRequest> {
    this.requireTenant(request.tenantId, 'data access request');
    const row = await this.db
      .insertInto('dataAccessRequests')
      .values({ ...request, status: 'pending' })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDataAccessRequest(row);
  }

  async findDataAccessRequest(
    id: string,
    options: { readonly forUpdate?: boolean } = {},
  ): Promise<DataAccessRequest | undefined> {
    if (!isUuid(id)) return undefined;
    let query = this.db
      .selectFrom('dataAccessRequests')
      .selectAll()
      .where('id', '=', id)
      .where(ownedByTenant(this.scope));
    if (options.forUpdate === true) query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row === undefined ? undefined : toDataAccessRequest(row);
  }

  async decideDataAccessRequest(
    id: string,
    decision: {
      readonly status: 'approved' | 'rejected';
      readonly decidedBy: string;
      readonly decidedAt: Date;
      readonly note: string | null;
      readonly expiresAt: Date | null;
    },
  ): Promise<DataAccessRequest> {
    const row = await this.db
      .updateTable('dataAccessRequests')
      .set({
        status: decision.status,
        decidedBy: decision.decidedBy,
        decidedAt: decision.decidedAt,
        decisionNote: decision.note,
        expiresAt: decision.expiresAt,
      })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where(ownedByTenant(this.scope))
      .returningAll()
      .executeTakeFirstOrThrow();
    return toDataAccessRequest(row);
  }

  async listDataAccessRequests(filter: {
    readonly tenantId: string;
    readonly status?: DataAccessRequest['status'];
    readonly action?: DataAccessAction;
  }): Promise<DataAccessRequest[]> {
    let query = this.db
      .selectFrom('dataAccessRequests')
      .selectAll()
      .where('tenantId', '=', filter.tenantId)
      .where(ownedByTenant(this.scope));
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    const rows = await query.orderBy('requestSeq', 'desc').limit(500).execute();
    return rows.map(toDataAccessRequest);
  }
}
