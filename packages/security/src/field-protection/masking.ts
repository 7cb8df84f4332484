/**
 * Display masking (信息屏蔽) in the style of JR/T 0171-2020 Annex A: pure functions from a stored value to
 * what a screen or printout may show. Masked characters become `*`. Lengths are counted in Unicode code
 * points, so a character outside the Basic Multilingual Plane counts once. Where a rule keeps the length,
 * the output has exactly as many code points as the input.
 *
 * The positions follow the defaults in the platform's data-protection requirements (REQ-MASK-1); check
 * them against the text of Annex A before relying on them for compliance.
 */

const MASK = '*';
const HIDDEN = '***';

/**
 * Chinese two-character (复姓) surnames, the common ones. A name starting with one of these keeps both
 * characters; any other Chinese name keeps its first character.
 */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '诸葛',
  '上官',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '夏侯',
  '轩辕',
  '令狐',
  '宇文',
  '司徒',
  '端木',
  '南宫',
  '独孤',
]);

const HAN = /\p{Script=Han}/u;

/** The mask rules a data classification can name. */
export type MaskRuleName =
  'mobile' | 'id_number' | 'person_name' | 'email' | 'bank_account' | 'address' | 'hidden' | 'none';

/**
 * A mobile number: the first 3 and last 4 characters stay, the rest become `*` (`13812341234` →
 * `138****1234`). Length kept. Values shorter than 8 characters are masked entirely, since keeping 7 would
 * show all or almost all of them.
 */
export function maskMobile(value: string): string {
  return keepEnds(value, 3, 4);
}

/**
 * An identity document number: the first 3 and last 4 characters stay, the rest become `*`
 * (`110101199003074258` → `110***********4258`). Length kept; values shorter than 8 characters are masked
 * entirely.
 */
export function maskIdNumber(value: string): string {
  return keepEnds(value, 3, 4);
}

/**
 * A bank card or account number: the first 6 and last 4 characters stay (JR/T 0171 Annex A example).
 * Length kept. A value of 6 to 11 characters keeps only its last 4, and 5 or fewer are masked entirely, so
 * at least two characters are always hidden.
 */
export function maskBankAccount(value: string): string {
  const length = codePoints(value).length;
  if (length >= 12) return keepEnds(value, 6, 4);
  if (length >= 6) return keepEnds(value, 0, 4);
  return MASK.repeat(length);
}

/**
 * A person's name keeps only the surname. Chinese names keep the first character, or the first two when
 * they are a compound surname and the name has at least three characters (`张三丰` → `张**`, `欧阳修` →
 * `欧阳*`). Other names keep their last word as the family name and replace each other word with one `*`
 * (`Wei Zhang` → `* Zhang`). A single-character or single-word name, where the surname cannot be told
 * from the given name, is masked entirely. Chinese names keep their length.
 */
export function maskPersonName(value: string): string {
  const name = value.trim();
  if (HAN.test(name)) {
    const characters = codePoints(name);
    if (characters.length <= 1) return MASK.repeat(characters.length);
    const surnameLength =
      characters.length >= 3 && COMPOUND_SURNAMES.has(characters.slice(0, 2).join('')) ? 2 : 1;
    return characters.slice(0, surnameLength).join('') + MASK.repeat(characters.length - surnameLength);
  }
  const words = name.split(/\s+/).filter((word) => word.length > 0);
  const familyName = words.at(-1);
  if (familyName === undefined) return '';
  if (words.length === 1) return HIDDEN;
  return [...words.slice(0, -1).map(() => MASK), familyName].join(' ');
}

/**
 * An email address keeps the first character of the local part and the whole domain; the rest of the
 * local part becomes `***` whatever its length (`zhang.san@example.com` → `z***@example.com`). A one-
 * character local part is hidden entirely, and a value without `@` becomes `***`.
 */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return HIDDEN;
  const localPart = codePoints(value.slice(0, at));
  const domain = value.slice(at);
  const kept = localPart.length > 1 ? (localPart[0] ?? '') : '';
  return `${kept}${HIDDEN}${domain}`;
}

/**
 * A mainland postal address keeps its administrative divisions up to and including the first county-level
 * one (a 区 or 县, which covers 市辖区 and 自治县) and replaces the rest with `***` (`北京市朝阳区建国路88号`
 * → `北京市朝阳区***`). Province-level 自治区 and 特别行政区, prefecture-level 地区, and 区 that are not
 * divisions (小区, 社区, 园区, 校区, 景区) are skipped, and so is anything after the first street marker
 * (路, 街, 巷, 弄, 号). Without a county-level division the address keeps everything up to the last 市 or
 * 省 before the first street or town marker (镇, 乡, 村), or becomes `***`.
 *
 * The rule errs towards hiding: a place name containing a marker (镇江市) can cut the kept part short.
 * Inner Mongolia's 旗 is not recognised as a division, since the character is common in street names.
 */
export function maskAddress(value: string): string {
  const address = value.trim();
  const streetStart = firstIndexOf(address, STREET_MARKERS) ?? address.length;
  const countyEnd = countyLevelEnd(address.slice(0, streetStart));
  if (countyEnd !== null) return `${address.slice(0, countyEnd)}${HIDDEN}`;
  const townStart = firstIndexOf(address, [...STREET_MARKERS, ...TOWN_MARKERS]) ?? address.length;
  const beforeTown = address.slice(0, townStart);
  const divisionEnd = Math.max(beforeTown.lastIndexOf('市'), beforeTown.lastIndexOf('省'));
  return divisionEnd < 0 ? HIDDEN : `${address.slice(0, divisionEnd + 1)}${HIDDEN}`;
}

/** Nothing of the value is shown, not even its length. Takes no argument, so it fits any mask slot. */
export function maskHidden(): string {
  return HIDDEN;
}

/** The value unchanged, for fields classified as public. */
export function maskNone(value: string): string {
  return value;
}

/** Each mask rule by name, so a classification registry can name the rule for a column. */
export const MASK_RULES: Readonly<Record<MaskRuleName, (value: string) => string>> = {
  mobile: maskMobile,
  id_number: maskIdNumber,
  person_name: maskPersonName,
  email: maskEmail,
  bank_account: maskBankAccount,
  address: maskAddress,
  hidden: maskHidden,
  none: maskNone,
};

const NOT_COUNTY_LEVEL_SUFFIXES = ['自治区', '特别行政区', '地区', '小区', '社区', '园区', '校区', '景区'];
const STREET_MARKERS = ['路', '街', '巷', '弄', '号'];
const TOWN_MARKERS = ['镇', '乡', '村'];

/** The end of the first county-level division (区 or 县 that is not one of the exclusions), or `null`. */
function countyLevelEnd(address: string): number | null {
  for (let index = 0; index < address.length; index += 1) {
    const character = address[index];
    if (character !== '区' && character !== '县') continue;
    const end = index + 1;
    const upToHere = address.slice(0, end);
    if (!NOT_COUNTY_LEVEL_SUFFIXES.some((suffix) => upToHere.endsWith(suffix))) return end;
  }
  return null;
}

function firstIndexOf(text: string, markers: readonly string[]): number | null {
  const positions = markers.map((marker) => text.indexOf(marker)).filter((position) => position >= 0);
  return positions.length === 0 ? null : Math.min(...positions);
}

/** Keeps `head` code points at the start and `tail` at the end; masks everything if that hides nothing. */
function keepEnds(value: string, head: number, tail: number): string {
  const characters = codePoints(value);
  if (characters.length <= head + tail) return MASK.repeat(characters.length);
  return (
    characters.slice(0, head).join('') +
    MASK.repeat(characters.length - head - tail) +
    characters.slice(characters.length - tail).join('')
  );
}

function codePoints(value: string): string[] {
  return Array.from(value);
}
