import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const LOCALES_DIR = new URL('../src/i18n/locales/', import.meta.url);
const REFERENCE_LOCALE = 'zh-CN';
const OTHER_LOCALES = ['en'];

// Typed loosely on purpose: the test is there to catch files that break the expected shape.
type Messages = Readonly<Record<string, unknown>>;

async function readLocale(code: string): Promise<Messages> {
  return JSON.parse(await readFile(new URL(`${code}.json`, LOCALES_DIR), 'utf8')) as Messages;
}

/** Every leaf as `a.b.c` → value, and every place where a value is neither a string nor a nested object. */
function flatten(messages: Messages, prefix = ''): Map<string, unknown> {
  const leaves = new Map<string, unknown>();
  for (const [key, value] of Object.entries(messages)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [nested, leaf] of flatten(value as Messages, path)) leaves.set(nested, leaf);
    } else {
      leaves.set(path, value);
    }
  }
  return leaves;
}

/** `{{name}}` placeholders, which a translation must keep or the UI shows the raw braces or loses a value. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((match) => match[1] ?? '').sort();
}

describe('locales', () => {
  for (const other of OTHER_LOCALES) {
    it(`${REFERENCE_LOCALE} and ${other} have the same keys`, async () => {
      const reference = flatten(await readLocale(REFERENCE_LOCALE));
      const translated = flatten(await readLocale(other));
      const missingIn = (locale: Map<string, unknown>, from: Map<string, unknown>): string[] =>
        [...from.keys()].filter((key) => !locale.has(key));
      expect(missingIn(translated, reference), `keys missing from ${other}`).toEqual([]);
      expect(missingIn(reference, translated), `keys missing from ${REFERENCE_LOCALE}`).toEqual([]);
    });

    it(`${other} keeps every placeholder of ${REFERENCE_LOCALE}`, async () => {
      const reference = flatten(await readLocale(REFERENCE_LOCALE));
      const translated = flatten(await readLocale(other));
      const mismatched = [...reference]
        .filter(([key, value]) => {
          const counterpart = translated.get(key);
          return typeof value === 'string' && typeof counterpart === 'string'
            ? placeholders(value).join() !== placeholders(counterpart).join()
            : false;
        })
        .map(([key]) => key);
      expect(mismatched).toEqual([]);
    });
  }

  for (const code of [REFERENCE_LOCALE, ...OTHER_LOCALES]) {
    it(`${code} has only non-empty strings`, async () => {
      const leaves = flatten(await readLocale(code));
      expect(leaves.size).toBeGreaterThan(0);
      const bad = [...leaves].filter(([, value]) => typeof value !== 'string' || value.trim() === '');
      expect(bad.map(([key]) => key)).toEqual([]);
    });
  }
});
