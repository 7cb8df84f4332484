import { randomBytes, randomUUID } from 'node:crypto';
import { Redacted } from '../../redacted.js';
import type { FieldContext, FieldKeyResolver } from '../field-cipher.js';
import type { SubjectDataKey } from '../subject-data-key.js';

/** A random data key for `tenantId` and `subjectId`, as a key vault would hand it out. */
export function randomSubjectDataKey(
  tenantId: string,
  subjectId: string,
  tenantKeyVersion = 1,
): SubjectDataKey {
  return {
    tenantId,
    subjectId,
    dataKeyId: randomUUID(),
    tenantKeyVersion,
    material: Redacted.of(new Uint8Array(randomBytes(32))),
  };
}

/** A resolver that knows exactly `keys`, keyed by tenant and subject. */
export function resolverOf(...keys: SubjectDataKey[]): FieldKeyResolver {
  return (reference) => {
    const key = keys.find(
      (candidate) => candidate.tenantId === reference.tenantId && candidate.subjectId === reference.subjectId,
    );
    return key === undefined ? { state: 'missing' } : { state: 'active', key };
  };
}

export const SAMPLE_CONTEXT: FieldContext = {
  tenantId: 'tenant-a',
  table: 'customer.person',
  column: 'mobile',
  rowId: '42',
  subjectId: 'subject-1',
};
