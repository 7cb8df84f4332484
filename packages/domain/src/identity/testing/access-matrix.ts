import { expect, it } from 'vitest';
import type { UserActor } from '../actor.js';
import { isPermitted, type AccessRules } from '../access-rules.js';
import { ROLES, ROLE_TENANT_KIND, type Role } from '../roles.js';

/** Y allows, N denies; one column per role in ROLES order. */
export type MatrixRow = readonly ('Y' | 'N')[];

export function actorWithRole(role: Role, scopes: readonly string[] | null = null): UserActor {
  return {
    kind: 'user',
    userId: '00000000-0000-4000-8000-000000000001',
    tenantId: '00000000-0000-4000-8000-000000000002',
    tenantKind: ROLE_TENANT_KIND[role],
    roles: [role],
    sessionId: null,
    apiTokenId: null,
    scopes,
  };
}

/**
 * Checks an access-rule table against a matrix written out by hand, every role × action: the matrix is the
 * reviewed statement of who may do what, so a change to the rules shows up here as a deliberate edit.
 */
export function itMatchesTheAccessMatrix<Action extends string>(
  rules: AccessRules<Action>,
  matrix: Readonly<Record<Action, MatrixRow>>,
): void {
  it('has a matrix row, one column per role, for every action', () => {
    expect(Object.keys(matrix).sort()).toEqual(Object.keys(rules).sort());
    for (const row of Object.values<MatrixRow>(matrix)) expect(row).toHaveLength(ROLES.length);
  });
  for (const action of Object.keys(rules) as Action[]) {
    it(`${action}: ${ROLES.map((role, index) => `${role}=${matrix[action][index] ?? '?'}`).join(' ')}`, () => {
      const allowed = ROLES.map((role) => (isPermitted(actorWithRole(role), rules, action) ? 'Y' : 'N'));
      expect(allowed).toEqual([...matrix[action]]);
    });
  }
}
