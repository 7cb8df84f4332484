/**
 * Maven versions ordered as Maven's `ComparableVersion` orders them (the "Version Order Specification" of
 * https://maven.apache.org/pom.html#version-order-specification), written from those rules and checked
 * against the `ComparableVersion` of Maven 3.8.7.
 *
 * A version is read into items: numbers, qualifiers (words) and sub-lists. `.` separates items; `-` and
 * every switch between digits and letters start a sub-list (`1.0-rc1` → `[1, [rc, [1]]]`), so what follows
 * a hyphen counts less than what follows a dot. Trailing "null" items (0, `""`, `ga`, `final`, `release`)
 * are dropped in every list, which makes `1.0.0` = `1` and `1.0.RELEASE` = `1`.
 *
 * Items compare as:
 * - number vs number: numerically; a number is above any qualifier and any sub-list;
 * - qualifier vs qualifier: `alpha` < `beta` < `milestone` < `rc` = `cr` < `snapshot` < `""` = `ga` =
 *   `final` = `release` < `sp`, then every other word in lexical order (so `1.0-jbossorg-1` > `1.0`);
 *   `a`, `b` and `m` directly followed by a digit mean alpha, beta and milestone;
 * - sub-list vs sub-list: item by item; a qualifier is below a sub-list;
 * - a missing item (the shorter side) compares as null: 0, `""`, or an empty list.
 *
 * Where this differs from Maven 3.8.7, it follows the specification page, because 3.8.7's order is not a
 * true order there and sorting advisory events needs one:
 * - a word inside a list (`1.foo.1`, `1.foo-1`) starts a sub-list, as ".qualifier = -qualifier" says and as
 *   3.8.7 already does for a word followed by a digit or ending the version; 3.8.7 keeps such a word in
 *   the enclosing list, which makes its order cyclic (`1.foo.0 < 1.alpha < 1 < 1.foo.0`);
 * - a null qualifier between hyphens is trimmed (`1-ga-1` = `1-1`), where 3.8.7 reads `1-ga-1` as
 *   `[1, [[1]]]` and so orders `1-sp < 1-ga-alpha < 1 < 1-sp`.
 * On the versions of the victims database and of the examples in the tests the two agree.
 *
 * One inconsistency remains, in Maven and here: a version that begins with a letter (Guava's old `r09`)
 * against one that begins with a zero followed by a qualifier (`0-SNAPSHOT`, `0.alpha`) can order
 * cyclically (`0.alpha < 0 < m < 0.alpha`). Versions that begin with a digit form a true order (the
 * property tests check this).
 */
import { compareDigitStrings, stripLeadingZeros } from './decimal-digit-strings.js';
import { defineVersionOrdering, type ParsedVersion } from './version-ordering.js';

type MavenItem =
  | { readonly kind: 'number'; readonly digits: string }
  | { readonly kind: 'qualifier'; readonly rank: string }
  | { readonly kind: 'list'; readonly items: MavenItem[] };

const KNOWN_QUALIFIERS = ['alpha', 'beta', 'milestone', 'rc', 'snapshot', '', 'sp'] as const;
const QUALIFIER_ALIASES: Readonly<Record<string, string>> = { ga: '', final: '', release: '', cr: 'rc' };
const SHORTHAND_BEFORE_DIGIT: Readonly<Record<string, string>> = { a: 'alpha', b: 'beta', m: 'milestone' };
/** The rank of the empty qualifier: a release. */
const RELEASE_RANK = String(KNOWN_QUALIFIERS.indexOf(''));

/**
 * Known qualifiers rank by position ("0".."6"); any other word ranks as "7-word", which sorts after all
 * of them and among other words lexically. Ranks are compared as strings.
 */
function qualifierRank(word: string, followedByDigit: boolean): string {
  const expanded = followedByDigit ? (SHORTHAND_BEFORE_DIGIT[word] ?? word) : word;
  const canonical = QUALIFIER_ALIASES[expanded] ?? expanded;
  const position = (KNOWN_QUALIFIERS as readonly string[]).indexOf(canonical);
  return position >= 0 ? String(position) : `${KNOWN_QUALIFIERS.length}-${canonical}`;
}

function isNullItem(item: MavenItem): boolean {
  switch (item.kind) {
    case 'number':
      return item.digits === '0';
    case 'qualifier':
      return item.rank === RELEASE_RANK;
    case 'list':
      return item.items.length === 0;
  }
}

/**
 * Drops null items from the end, reaching past sub-lists: `[1, 0, [foo]]` → `[1, [foo]]`. When that leaves
 * a sub-list as the only item of a sub-list (`1-ga-1`: `[1, [ga, [1]]]` → `[1, [[1]]]`), the hyphen that
 * opened the outer one goes with its null item and the inner items move up (`[1, [1]]`), so `1-ga-1` =
 * `1-1` as the specification says. The top level keeps its sub-list: `0-10` is `[[10]]`, below `1`.
 */
function normalise(list: MavenItem[], isTopLevel: boolean): void {
  for (let index = list.length - 1; index >= 0; index -= 1) {
    const item = list[index];
    if (item === undefined) {
      continue;
    }
    if (isNullItem(item)) {
      list.splice(index, 1);
    } else if (item.kind !== 'list') {
      break;
    }
  }
  const only = list[0];
  if (!isTopLevel && list.length === 1 && only?.kind === 'list') {
    list.splice(0, 1, ...only.items);
  }
}

function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function readItems(lowerCaseVersion: string): MavenItem[] {
  const root: MavenItem[] = [];
  const openLists: MavenItem[][] = [root];
  let current = root;
  let tokenStart = 0;
  let inDigits = false;

  const token = (end: number): MavenItem =>
    inDigits
      ? { kind: 'number', digits: stripLeadingZeros(lowerCaseVersion.slice(tokenStart, end)) }
      : { kind: 'qualifier', rank: qualifierRank(lowerCaseVersion.slice(tokenStart, end), false) };
  const openSubList = (): void => {
    const subList: MavenItem[] = [];
    current.push({ kind: 'list', items: subList });
    openLists.push(subList);
    current = subList;
  };

  for (let index = 0; index < lowerCaseVersion.length; index += 1) {
    const code = lowerCaseVersion.charCodeAt(index);
    if (code === 46 /* . */ || code === 45 /* - */) {
      if (index === tokenStart) {
        // An empty token (`1..2`, `1-.2`, a leading separator) stands for 0.
        current.push({ kind: 'number', digits: '0' });
      } else {
        const item = token(index);
        // A word inside a list (`1.foo.1`, `1.foo-1`) opens a sub-list like every other word: see the
        // header. A null word before a hyphen (`1.0.Final-redhat-1`) may stay: normalisation removes it.
        if (item.kind === 'qualifier' && current.length > 0 && !(code === 45 && isNullItem(item))) {
          openSubList();
        }
        current.push(item);
      }
      tokenStart = index + 1;
      if (code === 45) {
        openSubList();
      }
    } else if (isAsciiDigit(code)) {
      if (!inDigits && index > tokenStart) {
        // A word right before digits: `rc1`, `.M2`. Maven treats `.X1` like `-X1`, so a word that does
        // not open its list starts a sub-list of its own.
        if (current.length > 0) {
          openSubList();
        }
        current.push({
          kind: 'qualifier',
          rank: qualifierRank(lowerCaseVersion.slice(tokenStart, index), true),
        });
        tokenStart = index;
        openSubList();
      }
      inDigits = true;
    } else {
      if (inDigits && index > tokenStart) {
        current.push(token(index));
        tokenStart = index;
        openSubList();
      }
      inDigits = false;
    }
  }
  if (lowerCaseVersion.length > tokenStart) {
    // A trailing word after a dot (`1.0.RELEASE`) is read as if a hyphen preceded it.
    if (!inDigits && current.length > 0) {
      openSubList();
    }
    current.push(token(lowerCaseVersion.length));
  }
  // Innermost lists first, so that a sub-list emptied by normalisation counts as null in its parent.
  for (let index = openLists.length - 1; index >= 0; index -= 1) {
    const list = openLists[index];
    if (list !== undefined) {
      normalise(list, index === 0);
    }
  }
  return root;
}

/** How an item compares with a missing item on the other side. */
function compareWithNull(item: MavenItem): number {
  switch (item.kind) {
    case 'number':
      return item.digits === '0' ? 0 : 1;
    case 'qualifier':
      return item.rank === RELEASE_RANK ? 0 : item.rank < RELEASE_RANK ? -1 : 1;
    case 'list':
      for (const child of item.items) {
        const order = compareWithNull(child);
        if (order !== 0) {
          return order;
        }
      }
      return 0;
  }
}

function compareItems(a: MavenItem, b: MavenItem): number {
  switch (a.kind) {
    case 'number':
      return b.kind === 'number' ? compareDigitStrings(a.digits, b.digits) : 1;
    case 'qualifier':
      if (b.kind !== 'qualifier') {
        return -1;
      }
      return a.rank === b.rank ? 0 : a.rank < b.rank ? -1 : 1;
    case 'list':
      if (b.kind === 'number') {
        return -1;
      }
      return b.kind === 'qualifier' ? 1 : compareItemLists(a.items, b.items);
  }
}

function compareItemLists(a: readonly MavenItem[], b: readonly MavenItem[]): number {
  const length = Math.max(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const left = a[index];
    const right = b[index];
    let order: number;
    if (left === undefined) {
      order = right === undefined ? 0 : -compareWithNull(right);
    } else {
      order = right === undefined ? compareWithNull(left) : compareItems(left, right);
    }
    if (order !== 0) {
      return order;
    }
  }
  return 0;
}

/**
 * A canonical form in the manner of Maven's: `.` before numbers and qualifier ranks, `-` around sub-lists.
 * Two versions compare
 * equal exactly when their canonical forms are equal, because normalisation leaves no null item at the
 * end of any list.
 */
function canonicalForm(items: readonly MavenItem[]): string {
  let form = '';
  for (const item of items) {
    switch (item.kind) {
      case 'number':
        form += `.${item.digits}`;
        break;
      case 'qualifier':
        // Ranks are digits too ("0" for alpha), so they need a mark of their own.
        form += `.q${item.rank}`;
        break;
      case 'list':
        form += `-(${canonicalForm(item.items)})`;
        break;
    }
  }
  return form;
}

export interface ParsedMavenVersion extends ParsedVersion {
  readonly items: readonly MavenItem[];
}

/**
 * Maven accepts any string as a version. Empty text, whitespace, and the characters of Maven's range
 * syntax (`[`, `]`, `(`, `)`, `,`) are refused here: such a text is a typo or a range, not a version.
 */
const NOT_A_MAVEN_VERSION = /^$|[\s[\](),]/;

export const MAVEN_VERSION_ORDERING = defineVersionOrdering<ParsedMavenVersion>({
  name: 'Maven (ComparableVersion)',
  parse(text) {
    if (NOT_A_MAVEN_VERSION.test(text)) {
      return undefined;
    }
    return { text, items: readItems(text.toLowerCase()) };
  },
  compareParsed: (a, b) => compareItemLists(a.items, b.items),
  equalityKey: (parsed) => canonicalForm(parsed.items),
});
