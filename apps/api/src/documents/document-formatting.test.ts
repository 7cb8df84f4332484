import { describe, expect, it } from 'vitest';
import { money, moneyFromDecimal } from '@carapace/domain';
import {
  formatCalendarDate,
  formatCompactAmount,
  formatCountry,
  formatInstant,
  formatMoney,
  formatPoints,
  formatShare,
} from './document-formatting.js';

describe('document formatting', () => {
  it('writes money with thousands separators: ¥ for Chinese readers, the ISO code for English ones', () => {
    const amount = moneyFromDecimal('1234567.89', 'CNY');
    expect(formatMoney(amount, 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatMoney(amount, 'en').replace(/\s/u, ' ')).toBe('CNY 1,234,567.89');
    expect(formatMoney(money(0, 'CNY'), 'zh-CN')).toBe('¥0.00');
    expect(formatMoney(moneyFromDecimal('-25000.00', 'CNY'), 'zh-CN')).toBe('-¥25,000.00');
  });

  it('keeps every fen of amounts too large for a float to hold exactly', () => {
    // 2^53 − 1 minor units: as a float of major units the last digit would be lost.
    expect(formatMoney(money(Number.MAX_SAFE_INTEGER, 'CNY'), 'zh-CN')).toBe('¥90,071,992,547,409.91');
  });

  it('writes dates the way each language does, without shifting calendar dates across time zones', () => {
    expect(formatCalendarDate('2026-12-01', 'zh-CN')).toBe('2026年12月1日');
    expect(formatCalendarDate('2026-12-01', 'en')).toBe('1 December 2026');
    expect(() => formatCalendarDate('2026-13-01', 'en')).toThrow(RangeError);
    // 23:30 UTC on 30 November is already 1 December in China Standard Time.
    const instant = new Date('2026-11-30T23:30:00Z');
    expect(formatInstant(instant, 'zh-CN')).toBe('2026年12月1日 07:30:00 (UTC+8)');
    expect(formatInstant(instant, 'en')).toBe('1 December 2026 at 07:30:00 (UTC+8)');
  });

  it('labels log axes compactly in each language', () => {
    expect([1e4, 1e6, 1e8].map((value) => formatCompactAmount(value, 'zh-CN'))).toEqual([
      '1万',
      '100万',
      '1亿',
    ]);
    expect([1e4, 1e6, 1e8].map((value) => formatCompactAmount(value, 'en'))).toEqual(['10K', '1M', '100M']);
  });

  it('signs points, shows slivers of a share as <0.1% and names countries', () => {
    expect([formatPoints(3, 'en'), formatPoints(-5, 'en'), formatPoints(0, 'en')]).toEqual(['+3', '−5', '0']);
    expect(formatShare(0.6056, 'en')).toBe('60.6%');
    expect(formatShare(0.05, 'zh-CN')).toBe('5.0%');
    expect(formatShare(0.0000038, 'en')).toBe('<0.1%');
    expect([formatCountry('CN', 'zh-CN'), formatCountry('CN', 'en')]).toEqual(['中国', 'China']);
  });
});
