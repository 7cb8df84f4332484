import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blindIndex } from './blind-index.js';
import { BlindIndexValueError } from './blind-index-value-error.js';

const KEY = new Uint8Array(Buffer.from('4a'.repeat(32), 'hex'));
const OTHER_KEY = new Uint8Array(Buffer.from('4b'.repeat(32), 'hex'));

describe('blind index', () => {
  it('is 16 bytes of HMAC-SHA-256 over the length-prefixed label, purpose and value, in hex', () => {
    const fields = ['carapace-blind-index/1', 'phone', '13812341234'].map((field) =>
      Buffer.from(field, 'utf8'),
    );
    const input = Buffer.concat(
      fields.flatMap((field) => {
        const length = Buffer.alloc(4);
        length.writeUInt32BE(field.byteLength);
        return [length, field];
      }),
    );
    const expected = createHmac('sha256', KEY).update(input).digest().subarray(0, 16).toString('hex');
    expect(blindIndex(KEY, 'phone', '13812341234')).toBe(expected);
    expect(expected).toMatch(/^[0-9a-f]{32}$/);
  });

  it('is equal for values that normalise alike', () => {
    expect(blindIndex(KEY, 'phone', '+86 138-1234-1234')).toBe(blindIndex(KEY, 'phone', '13812341234'));
    expect(blindIndex(KEY, 'id_number', '11010519491231002x')).toBe(
      blindIndex(KEY, 'id_number', '11010519491231002X'),
    );
    expect(blindIndex(KEY, 'policy_number', ' PN-001 ')).toBe(blindIndex(KEY, 'policy_number', 'PN-001'));
  });

  it('differs between purposes and between keys for the same value', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9][0-9]{9}$/), (mobile) => {
        const asPhone = blindIndex(KEY, 'phone', mobile);
        expect(blindIndex(KEY, 'contact_phone', mobile)).not.toBe(asPhone);
        expect(blindIndex(OTHER_KEY, 'phone', mobile)).not.toBe(asPhone);
      }),
      { seed: 171, numRuns: 50 },
    );
  });

  it('differs for different values', () => {
    expect(blindIndex(KEY, 'phone', '13812341234')).not.toBe(blindIndex(KEY, 'phone', '13812341235'));
  });

  it('refuses values its purpose cannot normalise, and bad arguments', () => {
    expect(() => blindIndex(KEY, 'phone', '12345')).toThrow(BlindIndexValueError);
    expect(() => blindIndex(KEY, 'id_number', '110105194912310021')).toThrow(BlindIndexValueError);
    expect(() => blindIndex(KEY.subarray(0, 16), 'phone', '13812341234')).toThrow(RangeError);
    expect(() => blindIndex(KEY, 'Phone Number', '13812341234')).toThrow(RangeError);
  });
});
