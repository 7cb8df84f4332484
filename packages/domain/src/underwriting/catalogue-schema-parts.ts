import { z } from 'zod';

import { isCurrencyCode } from '../shared/money.js';

/** Shared pieces of the product and rate-plan file schemas. */

export const LocalisedTextSchema = z
  .object({ 'zh-CN': z.string().min(1), en: z.string().min(1) })
  .strict()
  .describe('Text in both product languages; zh-CN is shown by default.');

/** An amount of money written as a decimal string in major units ("1000000.00"), parsed exactly. */
export const DecimalAmountSchema = z
  .string()
  .regex(/^\d+(\.\d{1,2})?$/, 'an amount is a decimal string such as "250000.00"')
  .describe('Amount in major units of the file currency, as a decimal string (e.g. "250000.00").');

export const CurrencySchema = z
  .string()
  .refine(isCurrencyCode, 'must be an ISO 4217 code Carapace supports (CNY, HKD, USD, EUR, GBP, JPY)');

export const VersionSchema = z
  .string()
  .regex(/^\d{4}\.\d{1,2}$/, 'a version is YEAR.NUMBER, e.g. "2026.1"')
  .describe('YEAR.NUMBER; a changed file gets a new version, old versions stay for existing quotes.');

export const CatalogueIdSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{1,62}$/, 'an id is lower-case letters, digits and hyphens');
