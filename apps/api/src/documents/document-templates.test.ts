import { describe, expect, it } from 'vitest';
import { addMoney, money, type Language } from '@carapace/domain';
import { DOCUMENT_LABELS, fillLabel } from './document-labels.js';
import { formatMoney } from './document-formatting.js';
import { renderPolicySchedule } from './policy-schedule.js';
import { renderQuoteDocument } from './quote-document.js';
import { SAMPLE_ORGANISATION, sampleDocuments } from './testing/document-fixtures.js';

const LANGUAGES: readonly Language[] = ['zh-CN', 'en'];
const HAN = /\p{Script=Han}/u;

/** The markup between <body> and </body>, without tags and with entities of the escaped kind decoded. */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body>'), html.indexOf('</body>'));
  return body
    .replace(/<[^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/gu, ' ');
}

describe('document templates', () => {
  it('has every label in both languages, with the same placeholders', () => {
    for (const [key, text] of Object.entries(DOCUMENT_LABELS)) {
      expect(text['zh-CN'].trim(), key).not.toBe('');
      expect(text.en.trim(), key).not.toBe('');
      // Chinese text, or at least Chinese punctuation (the `captioned` label is a full-width colon).
      expect(text['zh-CN'], `${key} in Chinese`).toMatch(/[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u);
      expect(HAN.test(text.en), `${key} in English`).toBe(false);
      const placeholders = (label: string) =>
        [...label.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).sort();
      expect(placeholders(text.en), key).toEqual(placeholders(text['zh-CN']));
    }
    expect(() => fillLabel('en', 'oneInYears', {})).toThrow(RangeError);
  });

  it('prints not a word of Chinese in the English documents but the insured’s Chinese name', async () => {
    const { quote, policy } = await sampleDocuments();
    for (const document of [renderQuoteDocument(quote, 'en'), renderPolicySchedule(policy, 'en')]) {
      const text = visibleText(document.html).replaceAll(SAMPLE_ORGANISATION.nameZh, '');
      expect(text.match(new RegExp(HAN.source, 'gu')) ?? []).toEqual([]);
      expect(HAN.test(document.footerHtml)).toBe(false);
    }
  });

  it('prints no English label in the Chinese documents', async () => {
    const { quote, policy } = await sampleDocuments();
    const englishLabels = Object.values(DOCUMENT_LABELS)
      .map((text) => text.en.split('{')[0]?.trim() ?? '')
      .filter((text) => text.length >= 4);
    for (const document of [renderQuoteDocument(quote, 'zh-CN'), renderPolicySchedule(policy, 'zh-CN')]) {
      const text = visibleText(document.html);
      for (const english of englishLabels) expect(text).not.toContain(english);
    }
  });

  it('escapes names that users typed, everywhere they appear', async () => {
    const hostile = {
      ...SAMPLE_ORGANISATION,
      nameZh: '<script>alert("zh")</script>有限公司',
      nameEn: `O'Brien & <b>Sons</b>`,
    };
    const { quote, policy } = await sampleDocuments(hostile);
    for (const language of LANGUAGES) {
      for (const document of [renderQuoteDocument(quote, language), renderPolicySchedule(policy, language)]) {
        expect(document.html).not.toContain('<script>');
        expect(document.html).not.toContain('<b>Sons');
        expect(document.html).toContain('&lt;script&gt;alert(&quot;zh&quot;)&lt;/script&gt;有限公司');
        expect(document.html).toContain('O&#39;Brien &amp; &lt;b&gt;Sons&lt;/b&gt;');
      }
    }
  });

  it('shows the premium’s parts, which add up to the total, in each language’s money format', async () => {
    const { quote } = await sampleDocuments();
    const { premium } = quote.quote;
    const parts = [
      premium.expectedInsuredLoss,
      premium.riskLoad,
      premium.expenses,
      premium.profit,
      premium.rounding,
      premium.minimumPremiumTopUp,
    ];
    expect(parts.reduce(addMoney, money(0, premium.premium.currency))).toEqual(premium.premium);
    for (const language of LANGUAGES) {
      const text = visibleText(renderQuoteDocument(quote, language).html);
      for (const part of [premium.expectedInsuredLoss, premium.riskLoad, premium.expenses, premium.premium]) {
        expect(text).toContain(formatMoney(part, language).replace(/\s/gu, ' '));
      }
    }
    expect(visibleText(renderQuoteDocument(quote, 'zh-CN').html)).toMatch(/¥\d{1,3}(,\d{3})*\.\d{2}/);
    expect(visibleText(renderQuoteDocument(quote, 'en').html)).toMatch(/CNY \d{1,3}(,\d{3})*\.\d{2}/);
  });

  it('lists every score contribution with its label and points, and the sections with their limits', async () => {
    const { quote } = await sampleDocuments();
    const { score } = quote.quote.assessment;
    for (const language of LANGUAGES) {
      const { html } = renderQuoteDocument(quote, language);
      const text = visibleText(html);
      for (const contribution of score.contributions) expect(text).toContain(contribution.label[language]);
      for (const section of quote.product.sections) expect(text).toContain(section.name[language]);
      expect(html).toMatch(/<svg\s+class="lec"/);
      expect(html.match(/<polyline /g)).toHaveLength(2);
    }
    const english = visibleText(renderQuoteDocument(quote, 'en').html);
    expect(english).toContain('In place, not evidenced');
    expect(english).toContain('12 hours');
    expect(english).toContain('1 in 1,000 years');
    expect(english).toContain('Random seed 20261120');
  });

  it('gives the referral reasons and pre-bind conditions of a quote, and drops the reasons when none fired', async () => {
    const { quote } = await sampleDocuments();
    const chinese = visibleText(renderQuoteDocument(quote, 'zh-CN').html);
    expect(chinese).toContain('需核保人审核的原因');
    expect(chinese).toContain('近三年发生网络安全理赔或事件');
    expect(chinese).toContain('已满足（2026年11月21日）');
    expect(chinese).toContain('待满足');
    const clean = visibleText(
      renderQuoteDocument({ ...quote, quote: { ...quote.quote, triggeredRules: [] } }, 'en').html,
    );
    expect(clean).not.toContain('Why an underwriter must review');
    expect(clean).not.toContain('Why cover is declined');
  });

  it('gives a policy its number, period in words, and post-bind conditions with due dates', async () => {
    const { policy } = await sampleDocuments();
    const chinese = visibleText(renderPolicySchedule(policy, 'zh-CN').html);
    expect(chinese).toContain('CRP-CYB-2026-000007');
    expect(chinese).toContain('自2026年12月1日零时起至2027年11月30日二十四时止（北京时间）');
    expect(chinese).toContain('登记7×24应急响应联系人');
    expect(chinese).toContain('2026年12月16日');
    const english = visibleText(renderPolicySchedule(policy, 'en').html);
    expect(english).toContain(
      'From 00:00 on 1 December 2026 to 24:00 on 30 November 2027 (China Standard Time)',
    );
    expect(english).toContain('16 December 2026');
    expect(renderPolicySchedule(policy, 'en').footerHtml).toContain('<span class="totalPages"></span>');
  });
});
