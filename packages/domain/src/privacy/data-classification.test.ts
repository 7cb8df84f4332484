import { describe, expect, it } from 'vitest';
import { MASK_RULES } from '@carapace/security';
import {
  DATA_CLASSES,
  DATA_CLASSIFICATION,
  RETENTION_RULES,
  classificationOf,
} from './data-classification.js';

describe('data classification registry', () => {
  it('uses only known classes, retention rules and mask rules', () => {
    for (const columns of Object.values(DATA_CLASSIFICATION)) {
      for (const tag of Object.values(columns)) {
        expect(DATA_CLASSES).toContain(tag.dataClass);
        expect(Object.keys(RETENTION_RULES)).toContain(tag.retention);
        expect(Object.keys(MASK_RULES)).toContain(tag.mask);
      }
    }
  });

  it('never shows an authentication secret and keeps personal data in C1 to C3', () => {
    expect(DATA_CLASSIFICATION.users?.password_hash).toMatchObject({ dataClass: 'C3', mask: 'hidden' });
    expect(DATA_CLASSIFICATION.api_tokens?.secret_hash).toMatchObject({ dataClass: 'C3', mask: 'hidden' });
    for (const column of ['name', 'mobile', 'id_number', 'email']) {
      expect(DATA_CLASSIFICATION.data_subjects?.[`${column}_ciphertext`]?.dataClass).toBe('C2');
    }
    expect(DATA_CLASSIFICATION.submissions?.profile?.dataClass).toBe('BIZ-CONF');
    for (const tag of Object.values(DATA_CLASSIFICATION.audit_log ?? {}))
      expect(tag.dataClass).toBe('INTERNAL');
  });

  it('refuses to guess the tag of an unknown column', () => {
    expect(() => classificationOf('data_subjects', 'shoe_size')).toThrow(RangeError);
  });
});
