import { readdir, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

const LOCALES_DIR = new URL('../src/i18n/locales/', import.meta.url);
const REFERENCE_LOCALE = 'zh-CN';
const OTHER_LOCALES = ['en'];

// Typed loosely on purpose: the test is there to catch files that break the expected shape.
type Messages = Readonly<Record<string, unknown>>;

/**
 * A locale as the UI merges it (see src/i18n/resources.ts): common.json at the top level, every other file
 * under its own name. A feature file present in one language only shows up as missing keys.
 */
async function readLocale(code: string): Promise<Messages> {
  const directory = new URL(`${code}/`, LOCALES_DIR);
  const files = (await readdir(directory)).filter((name) => name.endsWith('.json')).sort();
  const merged: Record<string, unknown> = {};
  for (const file of files) {
    const messages = JSON.parse(await readFile(new URL(file, directory), 'utf8')) as Messages;
    if (file === 'common.json') Object.assign(merged, messages);
    else merged[file.slice(0, -'.json'.length)] = messages;
  }
  return merged;
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
