import { compareCveIds, isCveId } from './cve-id.js';

/**
 * Groups vulnerability ids that name the same vulnerability. Each advisory says "my id and these aliases
 * are one vulnerability" (GHSA-…, PYSEC-…, CVE-…); the groups are the connected components of those
 * statements, found with union–find (path halving, union by size). KEV entries and EPSS rows add their CVE
 * id alone, so every id we know has a group.
 *
 * A group's key is its lowest CVE id (by year, then by number), or, when the group has no CVE, its lowest
 * id in code-unit order. The key is what findings are filed under. It is stable while the group stays the
 * same, but it can change: a new advisory that lists aliases from two groups merges them, and the merged
 * group has one key (the lower of the two CVEs, say), so findings filed under the other key must move.
 * `aliasKeyChanges` lists those moves.
 */

export interface AliasGrouping {
  /** The group key of an id, or undefined for an id the grouping has not seen. */
  keyOf(id: string): string | undefined;
  /** The ids of the group with this key, sorted, or undefined if no group has this key. */
  membersOf(key: string): readonly string[] | undefined;
  /** Every group key, sorted. */
  keys(): readonly string[];
  readonly size: number;
}

/** Orders candidate keys: CVE ids first (lowest CVE wins), then other ids in code-unit order. */
function preferredKey(left: string, right: string): string {
  const leftIsCve = isCveId(left);
  const rightIsCve = isCveId(right);
  if (leftIsCve !== rightIsCve) return leftIsCve ? left : right;
  if (leftIsCve) return compareCveIds(left, right) <= 0 ? left : right;
  return left < right ? left : right;
}

class UnionFind {
  private readonly indexOfId = new Map<string, number>();
  readonly ids: string[] = [];
  private readonly parent: number[] = [];
  private readonly groupSize: number[] = [];

  indexOf(id: string): number {
    let index = this.indexOfId.get(id);
    if (index === undefined) {
      index = this.ids.length;
      this.indexOfId.set(id, index);
      this.ids.push(id);
      this.parent.push(index);
      this.groupSize.push(1);
    }
    return index;
  }

  lookup(id: string): number | undefined {
    return this.indexOfId.get(id);
  }

  root(index: number): number {
    let current = index;
    for (;;) {
      const parent = this.parent[current] ?? current;
      if (parent === current) return current;
      const grandparent = this.parent[parent] ?? parent;
      this.parent[current] = grandparent;
      current = grandparent;
    }
  }

  union(left: number, right: number): void {
    let leftRoot = this.root(left);
    let rightRoot = this.root(right);
    if (leftRoot === rightRoot) return;
    if ((this.groupSize[leftRoot] ?? 0) < (this.groupSize[rightRoot] ?? 0)) {
      [leftRoot, rightRoot] = [rightRoot, leftRoot];
    }
    this.parent[rightRoot] = leftRoot;
    this.groupSize[leftRoot] = (this.groupSize[leftRoot] ?? 0) + (this.groupSize[rightRoot] ?? 0);
  }
}

/**
 * Groups ids from statements of the form "these ids are one vulnerability": an advisory contributes
 * `[advisory.id, ...advisory.aliases]`; a KEV entry or EPSS row contributes `[cveId]`. Empty and blank ids
 * are ignored; ids are compared exactly as written.
 */
export function groupAliases(statements: Iterable<readonly string[]>): AliasGrouping {
  const unionFind = new UnionFind();
  for (const statement of statements) {
    let first: number | undefined;
    for (const rawId of statement) {
      const id = rawId.trim();
      if (id.length === 0) continue;
      const index = unionFind.indexOf(id);
      if (first === undefined) first = index;
      else unionFind.union(first, index);
    }
  }
  const keyOfRoot = new Map<number, string>();
  const membersOfKey = new Map<string, string[]>();
  unionFind.ids.forEach((id, index) => {
    const root = unionFind.root(index);
    const current = keyOfRoot.get(root);
    keyOfRoot.set(root, current === undefined ? id : preferredKey(current, id));
  });
  unionFind.ids.forEach((id, index) => {
    const key = keyOfRoot.get(unionFind.root(index)) ?? id;
    const members = membersOfKey.get(key);
    if (members === undefined) membersOfKey.set(key, [id]);
    else members.push(id);
  });
  for (const members of membersOfKey.values()) members.sort();
  const sortedKeys = [...membersOfKey.keys()].sort();
  return {
    keyOf(id) {
      const index = unionFind.lookup(id.trim());
      return index === undefined ? undefined : keyOfRoot.get(unionFind.root(index));
    },
    membersOf(key) {
      return membersOfKey.get(key);
    },
    keys() {
      return sortedKeys;
    },
    size: sortedKeys.length,
  };
}

/** A group key that findings must move from (the old grouping's) to (the new grouping's). */
export interface AliasKeyChange {
  readonly from: string;
  readonly to: string;
}

/**
 * The keys of `previous` that `next` files under another key, sorted by `from`. Usually the old key id is
 * still known and `to` is its new group's key (two groups merged, or a lower CVE joined the group). When
 * the old key id has gone from the feeds, `to` is the new key of each remaining member, so a group that
 * also split yields one change per part; a finding that records its advisory id can always be re-keyed
 * exactly with `next.keyOf(advisoryId)`. A group whose ids have all gone yields no change.
 */
export function aliasKeyChanges(previous: AliasGrouping, next: AliasGrouping): readonly AliasKeyChange[] {
  const changes: AliasKeyChange[] = [];
  for (const from of previous.keys()) {
    const direct = next.keyOf(from);
    if (direct !== undefined) {
      if (direct !== from) changes.push({ from, to: direct });
      continue;
    }
    const targets = new Set<string>();
    for (const member of previous.membersOf(from) ?? []) {
      const to = next.keyOf(member);
      if (to !== undefined) targets.add(to);
    }
    for (const to of [...targets].sort()) {
      if (to !== from) changes.push({ from, to });
    }
  }
  return changes;
}
