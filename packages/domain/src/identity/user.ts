import type { Role } from './roles.js';

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A person's account. The password hash never leaves the identity use cases. */
export interface User {
  readonly id: string;
  readonly tenantId: string;
  readonly email: string;
  readonly displayName: string;
  readonly status: UserStatus;
  readonly createdAt: Date;
}

export interface UserCredentials {
  readonly user: User;
  readonly passwordHash: string;
  readonly failedSignIns: number;
  readonly lockedUntil: Date | null;
}

/** A role a user holds: standing (no end) or granted for a while after an approved request. */
export interface RoleAssignment {
  readonly id: string;
  readonly userId: string;
  readonly role: Role;
  readonly grantedAt: Date;
  readonly expiresAt: Date | null;
  readonly grantRequestId: string | null;
}

export interface Session {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
}

export interface ApiToken {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly name: string;
  readonly scopes: readonly string[];
  readonly createdAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export const DECISION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

/** A request for a time-boxed role: asked by one person, decided by another, audited both times. */
export interface PermissionGrantRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly userId: string;
  readonly role: Role;
  readonly requestedBy: string;
  readonly reason: string;
  readonly durationHours: number;
  readonly status: DecisionStatus;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly decisionNote: string | null;
  readonly createdAt: Date;
}

/** Customer-data actions that need someone else's approval first (REQ-ACL-2, REQ-MASK-1). */
export const DATA_ACCESS_ACTIONS = ['unmask', 'export', 'bulk_query', 'break_glass'] as const;
export type DataAccessAction = (typeof DATA_ACCESS_ACTIONS)[number];

export interface DataAccessRequest {
  readonly id: string;
  readonly tenantId: string;
  readonly requestedBy: string;
  readonly action: DataAccessAction;
  readonly objectType: string;
  /** The one object the approval covers; null covers every object of the type (an export, a bulk query). */
  readonly objectId: string | null;
  readonly reason: string;
  readonly status: DecisionStatus;
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly decisionNote: string | null;
  readonly expiresAt: Date | null;
  readonly createdAt: Date;
}

/** Normalised the one way the database stores it: trimmed and lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isPlausibleEmail(email: string): boolean {
  return email.length >= 3 && email.length <= 254 && EMAIL_PATTERN.test(email);
}
