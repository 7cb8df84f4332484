import { z } from 'zod';
import { OrganisationKind } from './organisations.js';

export const Role = z
  .enum([
    'underwriter',
    'claims_handler',
    'actuary',
    'compliance_officer',
    'security_admin',
    'auditor',
    'broker',
    'policyholder',
    'partner',
  ])
  .meta({ id: 'Role' });

export const SignInRequest = z
  .object({
    email: z.string().min(3).max(254),
    password: z.string().min(1).max(256),
  })
  .strict()
  .meta({ id: 'SignInRequest' });

export const User = z
  .object({
    id: z.uuid(),
    tenantId: z.uuid(),
    email: z.string(),
    displayName: z.string(),
    status: z.enum(['active', 'disabled']),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'User' });

export const CurrentUser = z
  .object({
    user: User,
    tenant: z.object({ id: z.uuid(), kind: OrganisationKind }),
    roles: z.array(Role),
    authentication: z.enum(['session', 'api_token']),
  })
  .meta({ id: 'CurrentUser' });

export const SignedIn = z
  .object({
    token: z.string().meta({ description: 'Send as `Authorization: Bearer <token>` on every request.' }),
    expiresAt: z.iso.datetime(),
    user: User,
    tenant: z.object({ id: z.uuid(), kind: OrganisationKind }),
    roles: z.array(Role),
  })
  .meta({ id: 'SignedIn' });

export const CreateUserRequest = z
  .object({
    email: z.string().min(3).max(254),
    displayName: z.string().min(1).max(100),
    password: z.string().min(12).max(256),
    roles: z.array(Role).min(1).max(9),
  })
  .strict()
  .meta({ id: 'CreateUserRequest' });

export const RoleInForce = z
  .object({
    role: Role,
    expiresAt: z.iso
      .datetime()
      .nullable()
      .meta({ description: 'When a time-boxed grant ends; null for a standing role' }),
  })
  .meta({ id: 'RoleInForce' });

export const UserWithRoles = User.extend({
  roles: z.array(RoleInForce).meta({ description: 'The roles in force now, standing and granted' }),
}).meta({ id: 'UserWithRoles' });

export const UserList = z.object({ items: z.array(UserWithRoles) }).meta({ id: 'UserList' });

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(z.string()),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    revokedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: 'ApiToken' });

export const CreateApiTokenRequest = z
  .object({
    name: z.string().min(1).max(100),
    scopes: z.array(z.string().min(1).max(100)).min(1).max(50),
    validDays: z.number().int().min(1).max(365).default(90),
  })
  .strict()
  .meta({ id: 'CreateApiTokenRequest' });

export const CreatedApiToken = ApiToken.extend({
  token: z.string().meta({ description: 'Shown once: only its hash is stored.' }),
}).meta({ id: 'CreatedApiToken' });

export const ApiTokenList = z.object({ items: z.array(ApiToken) }).meta({ id: 'ApiTokenList' });

export const DecisionStatus = z.enum(['pending', 'approved', 'rejected']).meta({ id: 'DecisionStatus' });

export const DecisionRequest = z
  .object({ approve: z.boolean(), note: z.string().max(1000).nullable().default(null) })
  .strict()
  .meta({ id: 'DecisionRequest' });

export const PermissionGrantRequest = z
  .object({
    id: z.uuid(),
    userId: z.uuid(),
    role: Role,
    requestedBy: z.uuid(),
    reason: z.string(),
    durationHours: z.number().int(),
    status: DecisionStatus,
    decidedBy: z.uuid().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'PermissionGrantRequest' });

export const CreatePermissionGrantRequest = z
  .object({
    userId: z.uuid(),
    role: Role,
    reason: z.string().min(10).max(1000),
    durationHours: z.number().int().min(1).max(2160),
  })
  .strict()
  .meta({ id: 'CreatePermissionGrantRequest' });

export const PermissionGrantRequestList = z
  .object({ items: z.array(PermissionGrantRequest) })
  .meta({ id: 'PermissionGrantRequestList' });

export const DataAccessAction = z
  .enum(['unmask', 'export', 'bulk_query', 'break_glass'])
  .meta({ id: 'DataAccessAction' });

export const DataAccessRequest = z
  .object({
    id: z.uuid(),
    requestedBy: z.uuid(),
    action: DataAccessAction,
    objectType: z.string(),
    objectId: z.string().nullable(),
    reason: z.string(),
    status: DecisionStatus,
    decidedBy: z.uuid().nullable(),
    decidedAt: z.iso.datetime().nullable(),
    decisionNote: z.string().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: 'DataAccessRequest' });

export const CreateDataAccessRequest = z
  .object({
    action: DataAccessAction,
    objectType: z.string().min(1).max(50),
    objectId: z.string().min(1).max(100).nullable().default(null),
    reason: z.string().min(10).max(1000),
  })
  .strict()
  .meta({ id: 'CreateDataAccessRequest' });

export const DataAccessRequestList = z
  .object({ items: z.array(DataAccessRequest) })
  .meta({ id: 'DataAccessRequestList' });

export const DecisionListQuery = z.object({ status: DecisionStatus.optional() });
export const RequestIdParams = z.object({ id: z.string().min(1).max(100) });

export const AuditRecord = z
  .object({
    sequence: z.number().int(),
    recordedAt: z.iso.datetime(),
    tenantId: z.uuid().nullable(),
    actorId: z.string(),
    action: z.string(),
    objectType: z.string(),
    objectId: z.string().nullable(),
    subjectId: z.string().nullable(),
    result: z.enum(['success', 'denied', 'failed']),
    purpose: z.string(),
    requestId: z.string().nullable(),
    approvalId: z.string().nullable(),
    rows: z.number().int().nullable(),
    details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
    leafHash: z.string(),
  })
  .meta({ id: 'AuditRecord' });

export const AuditRecordList = z.object({ items: z.array(AuditRecord) }).meta({ id: 'AuditRecordList' });

export const AuditLogQuery = z.object({
  actorId: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  objectType: z.string().max(50).optional(),
  objectId: z.string().max(100).optional(),
  subjectId: z.string().max(100).optional(),
  afterSequence: z.coerce.number().int().min(0).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

export const SignedTreeHead = z
  .object({
    logId: z.string(),
    treeSize: z.number().int(),
    rootHash: z.string(),
    timestamp: z.iso.datetime(),
    signature: z.string(),
  })
  .meta({ id: 'SignedTreeHead' });

export const AuditVerification = z
  .object({
    ok: z.boolean(),
    checkedRecords: z.number().int(),
    checkedTreeHeads: z.number().int(),
    latestTreeHead: SignedTreeHead.nullable(),
    publicKey: z.string(),
    problems: z.array(
      z.object({
        code: z.string(),
        sequence: z.number().int().optional(),
        treeSize: z.number().int().optional(),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: 'AuditVerification' });
