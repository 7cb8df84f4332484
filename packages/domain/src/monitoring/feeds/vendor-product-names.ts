/**
 * Vendor and product names, normalised so that the names an insured writes in an asset list meet the
 * names CISA writes in the KEV catalogue: "Microsoft Corporation" / "Microsoft Exchange Server" and
 * "Microsoft" / "Exchange Server" are the same product.
 *
 * Text: Unicode NFKC (https://unicode.org/reports/tr15/), then case folding (upper- then lower-casing, which
 * folds ß to ss and final sigma to sigma as full case folding does), apostrophes dropped (`Airflow's`),
 * every other run of characters that are not letters, digits, `+` or `#` turned into one space.
 *
 * Vendors: a leading "the" and trailing corporate suffixes are dropped (Inc., Corp., Corporation, Ltd.,
 * LLC, Co., GmbH, AG, PLC, S.A., B.V., Pvt., …), and the organisational words Software Foundation, Foundation,
 * Systems and Group ("Apache Software Foundation" → apache, "QNAP Systems" → qnap, "PHP Group" → php), never
 * down to nothing.
 *
 * Products: a leading "the", and the vendor's name when the product repeats it at its start
 * ("Microsoft Windows Server" by Microsoft → windows server), again never down to nothing ("Apache" by Apache
 * stays apache).
 *
 * Parentheses carry abbreviations or other names ("Hewlett Packard (HP)", "Internet Information Services
 * (IIS)"); a name with them has three variants: with the parenthesis as words, without it, and the
 * parenthesised text alone. Matching tries every variant.
 */

const APOSTROPHES = /['\u2019\u02bc]/gu;
const SEPARATORS = /[^\p{L}\p{M}\p{N}+#]+/gu;
const PARENTHESISED = /\(([^()]*)\)/gu;

/** Suffixes as word sequences, longest first so "software foundation" goes before "foundation". */
const VENDOR_SUFFIXES: readonly (readonly string[])[] = [
  ['software', 'foundation'],
  ['s', 'p', 'a'],
  ['s', 'r', 'l'],
  ['s', 'a'],
  ['b', 'v'],
  ['n', 'v'],
  ['inc'],
  ['incorporated'],
  ['corp'],
  ['corporation'],
  ['ltd'],
  ['limited'],
  ['llc'],
  ['llp'],
  ['lp'],
  ['co'],
  ['company'],
  ['gmbh'],
  ['ag'],
  ['plc'],
  ['pty'],
  ['pvt'],
  ['private'],
  ['srl'],
  ['spa'],
  ['bv'],
  ['nv'],
  ['sa'],
  ['oy'],
  ['ab'],
  ['kk'],
  ['foundation'],
  ['systems'],
  ['group'],
];

/** NFKC, case folding, punctuation and whitespace collapsed to single spaces. */
export function normaliseNameText(text: string): string {
  return text
    .normalize('NFKC')
    .toUpperCase()
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .replace(SEPARATORS, ' ')
    .trim();
}

function words(text: string): string[] {
  const normalised = normaliseNameText(text);
  return normalised.length === 0 ? [] : normalised.split(' ');
}

function endsWith(list: readonly string[], suffix: readonly string[]): boolean {
  if (suffix.length >= list.length) return false;
  const offset = list.length - suffix.length;
  return suffix.every((word, index) => list[offset + index] === word);
}

function withoutLeadingThe(list: string[]): string[] {
  return list.length > 1 && list[0] === 'the' ? list.slice(1) : list;
}

function vendorWords(text: string): string[] {
  let list = withoutLeadingThe(words(text));
  for (let stripped = true; stripped;) {
    stripped = false;
    for (const suffix of VENDOR_SUFFIXES) {
      if (endsWith(list, suffix)) {
        list = list.slice(0, list.length - suffix.length);
        stripped = true;
        break;
      }
    }
  }
  return list;
}

/** The name with its parentheses read three ways (see the module comment); the first is the whole name. */
function parenthesisReadings(text: string): string[] {
  const readings = [text];
  if (text.includes('(')) {
    readings.push(text.replace(PARENTHESISED, ' '));
    for (const match of text.matchAll(PARENTHESISED)) {
      if (match[1] !== undefined) readings.push(match[1]);
    }
  }
  return readings;
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values.filter((value) => value.length > 0))];
}

/** The normalised vendor name (the whole name read with its parentheses as words). */
export function normaliseVendorName(vendor: string): string {
  return vendorWords(vendor).join(' ');
}

/** Every normalised reading of a vendor name; the first is `normaliseVendorName(vendor)`. */
export function vendorNameVariants(vendor: string): readonly string[] {
  return unique(parenthesisReadings(vendor).map((reading) => vendorWords(reading).join(' ')));
}

function productWords(product: string, vendorReadings: readonly (readonly string[])[]): string[] {
  const list = withoutLeadingThe(words(product));
  for (const vendor of vendorReadings) {
    if (
      vendor.length > 0 &&
      vendor.length < list.length &&
      vendor.every((word, index) => list[index] === word)
    ) {
      return list.slice(vendor.length);
    }
  }
  return list;
}

/** The vendor readings a product may start with: each variant, before and after suffixes are dropped. */
function vendorPrefixes(vendor: string): string[][] {
  const prefixes: string[][] = [];
  for (const reading of parenthesisReadings(vendor)) {
    prefixes.push(withoutLeadingThe(words(reading)), vendorWords(reading));
  }
  // Longest first, so "microsoft corporation windows" loses both words.
  return prefixes.sort((left, right) => right.length - left.length);
}

/** The normalised product name, without the vendor's name at its start. */
export function normaliseProductName(product: string, vendor: string): string {
  return productWords(product, vendorPrefixes(vendor)).join(' ');
}

/** Every normalised reading of a product name; the first is `normaliseProductName(product, vendor)`. */
export function productNameVariants(product: string, vendor: string): readonly string[] {
  const prefixes = vendorPrefixes(vendor);
  return unique(parenthesisReadings(product).map((reading) => productWords(reading, prefixes).join(' ')));
}

/**
 * The inventory key of a plain asset: `asset:<vendor>/<product>`, both normalised, spaces as hyphens
 * (`asset:microsoft/exchange-server`). Names that normalise to nothing give an empty part.
 */
export function assetComponentKey(vendor: string, product: string): string {
  const hyphenated = (text: string) => text.replaceAll(' ', '-');
  return `asset:${hyphenated(normaliseVendorName(vendor))}/${hyphenated(normaliseProductName(product, vendor))}`;
}
