import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MASK_RULES,
  maskAddress,
  maskBankAccount,
  maskEmail,
  maskIdNumber,
  maskMobile,
  maskPersonName,
  type MaskRuleName,
} from './masking.js';

const SEED = 171;
const digits = (minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...Array.from('0123456789')), minLength, maxLength });
const anyText = fc.string({ unit: 'binary', maxLength: 40 });
const hanCharacter = fc
  .integer({ min: 0x4e00, max: 0x9fa5 })
  .map((codePoint) => String.fromCodePoint(codePoint));

/** Asserts that `masked` shows the first `head` and last `tail` code points of `value` and only `*` between. */
function expectEndsKept(value: string, masked: string, head: number, tail: number): void {
  const input = Array.from(value);
  const output = Array.from(masked);
  expect(output).toHaveLength(input.length);
  expect(output.slice(0, head)).toEqual(input.slice(0, head));
  expect(output.slice(input.length - tail)).toEqual(input.slice(input.length - tail));
  expect(output.slice(head, input.length - tail).every((character) => character === '*')).toBe(true);
}

describe('maskMobile and maskIdNumber', () => {
  it('show the first 3 and last 4 characters', () => {
    expect(maskMobile('13812341234')).toBe('138****1234');
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
  });

  it('keep the length and hide the whole middle, for any value of 8 or more characters', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          digits(8, 20),
          anyText.filter((text) => Array.from(text).length >= 8),
        ),
        (value) => {
          expectEndsKept(value, maskMobile(value), 3, 4);
          expectEndsKept(value, maskIdNumber(value), 3, 4);
        },
      ),
      { seed: SEED },
    );
  });

  it('hide shorter values entirely', () => {
    fc.assert(
      fc.property(digits(0, 7), (value) => {
        expect(maskMobile(value)).toBe('*'.repeat(value.length));
        expect(maskIdNumber(value)).toBe('*'.repeat(value.length));
      }),
      { seed: SEED },
    );
  });
});

describe('maskBankAccount', () => {
  it('shows the first 6 and last 4 digits of a card number', () => {
    expect(maskBankAccount('6222021234567890123')).toBe('622202*********0123');
  });

  it('keeps the length and always hides at least two characters', () => {
    fc.assert(
      fc.property(digits(0, 30), (value) => {
        const masked = maskBankAccount(value);
        if (value.length >= 12) expectEndsKept(value, masked, 6, 4);
        else if (value.length >= 6) expectEndsKept(value, masked, 0, 4);
        else expect(masked).toBe('*'.repeat(value.length));
        expect(Array.from(masked).filter((character) => character === '*').length).toBeGreaterThanOrEqual(
          Math.min(2, value.length),
        );
      }),
      { seed: SEED },
    );
  });
});

describe('maskPersonName', () => {
  it.each([
    ['张三丰', '张**'],
    ['王五', '王*'],
    ['欧阳修', '欧阳*'],
    ['司马相如', '司马**'],
    ['欧阳', '欧*'],
    ['张', '*'],
    ['Wei Zhang', '* Zhang'],
    ['Mary Ann  Smith', '* * Smith'],
    ['Zhang', '***'],
    ['', ''],
  ])('masks %s as %s', (name, masked) => {
    expect(maskPersonName(name)).toBe(masked);
  });

  it('keeps the length of a Chinese name and shows nothing after the surname', () => {
    fc.assert(
      fc.property(fc.array(hanCharacter, { minLength: 2, maxLength: 6 }), (characters) => {
        const name = characters.join('');
        const masked = Array.from(maskPersonName(name));
        expect(masked).toHaveLength(characters.length);
        const surnameLength = masked.findIndex((character) => character === '*');
        expect([1, 2]).toContain(surnameLength);
        expect(masked.slice(0, surnameLength)).toEqual(characters.slice(0, surnameLength));
        expect(masked.slice(surnameLength).every((character) => character === '*')).toBe(true);
      }),
      { seed: SEED },
    );
  });

  it('shows no Latin given name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Z][a-z]{1,8}$/), { minLength: 2, maxLength: 4 }),
        (words) => {
          const masked = maskPersonName(words.join(' '));
          expect(masked.endsWith(` ${words.at(-1) ?? ''}`)).toBe(true);
          expect(masked.slice(0, masked.lastIndexOf(' '))).toMatch(/^\*( \*)*$/);
        },
      ),
      { seed: SEED },
    );
  });
});

describe('maskEmail', () => {
  it.each([
    ['zhang.san@example.com', 'z***@example.com'],
    ['z@example.com', '***@example.com'],
    ['"a@b"@example.com', '"***@example.com'],
    ['not an address', '***'],
  ])('masks %s as %s', (email, masked) => {
    expect(maskEmail(email)).toBe(masked);
  });

  it('shows at most the first character of the local part, whatever its length', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (email) => {
        const at = email.lastIndexOf('@');
        const localPart = email.slice(0, at);
        const kept = localPart.length > 1 ? localPart.charAt(0) : '';
        expect(maskEmail(email)).toBe(`${kept}***${email.slice(at)}`);
      }),
      { seed: SEED },
    );
  });
});

describe('maskAddress', () => {
  it.each([
    ['北京市朝阳区建国路88号', '北京市朝阳区***'],
    ['广东省深圳市南山区粤海街道科技园', '广东省深圳市南山区***'],
    ['广西壮族自治区南宁市青秀区民族大道1号', '广西壮族自治区南宁市青秀区***'],
    ['云南省大理白族自治州漾濞彝族自治县苍山西镇', '云南省大理白族自治州漾濞彝族自治县***'],
    ['新疆维吾尔自治区阿克苏地区库车县新城街道', '新疆维吾尔自治区阿克苏地区库车县***'],
    ['北京市市辖区东城区', '北京市市辖区***'],
    ['上海市阳光小区5号楼', '上海市***'],
    ['江苏省苏州市昆山市玉山镇', '江苏省苏州市昆山市***'],
    ['香港特别行政区湾仔区告士打道', '香港特别行政区湾仔区***'],
    ['湖南省永州市道县', '湖南省永州市道县***'],
    ['黑龙江省哈尔滨市道里区中央大街', '黑龙江省哈尔滨市道里区***'],
    ['江苏省镇江市丹阳市云阳镇', '江苏省***'],
    ['某地某街', '***'],
  ])('masks %s as %s', (address, masked) => {
    expect(maskAddress(address)).toBe(masked);
  });

  it('keeps a prefix of the address and never any of what follows it', () => {
    const addressPart = fc.constantFrom(
      '省',
      '市',
      '区',
      '县',
      '自治区',
      '小区',
      '路',
      '号',
      '镇',
      '街道',
      '东',
      '西',
      '1',
    );
    fc.assert(
      fc.property(fc.array(addressPart, { maxLength: 12 }), (parts) => {
        const address = parts.join('');
        const masked = maskAddress(address);
        expect(masked.endsWith('***')).toBe(true);
        const kept = masked.slice(0, -3);
        expect(address.startsWith(kept)).toBe(true);
        expect(kept.includes('路') || kept.includes('号') || kept.includes('街道')).toBe(false);
      }),
      { seed: SEED },
    );
  });
});

describe('MASK_RULES', () => {
  it('names a function for every rule', () => {
    const names: MaskRuleName[] = [
      'mobile',
      'id_number',
      'person_name',
      'email',
      'bank_account',
      'address',
      'hidden',
      'none',
    ];
    expect(Object.keys(MASK_RULES).sort()).toEqual([...names].sort());
    expect(MASK_RULES.mobile('13812341234')).toBe('138****1234');
    expect(MASK_RULES.hidden('13812341234')).toBe('***');
    expect(MASK_RULES.none('public')).toBe('public');
  });
});
