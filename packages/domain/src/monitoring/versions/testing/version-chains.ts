import { expect } from 'vitest';
import type { VersionOrdering } from '../version-ordering.js';

/**
 * A chain written as the specifications write them: `['1.0a1', '<', '1.0b1', '=', '1.0b1.post0']`.
 * Returns one `[left, relation, right]` per adjacent pair, for `it.each`.
 */
export function chainSteps(chain: readonly string[]): [string, '<' | '=', string][] {
  const steps: [string, '<' | '=', string][] = [];
  for (let index = 1; index + 1 < chain.length; index += 2) {
    const relation = chain[index];
    const left = chain[index - 1];
    const right = chain[index + 1];
    if ((relation !== '<' && relation !== '=') || left === undefined || right === undefined) {
      throw new TypeError(`chain: expected version, '<' or '=', version… at position ${index}`);
    }
    steps.push([left, relation, right]);
  }
  return steps;
}

/** Asserts one step both ways round, and that equality agrees with the comparison and the equality key. */
export function expectStep(
  ordering: VersionOrdering,
  left: string,
  relation: '<' | '=',
  right: string,
): void {
  const forward = Math.sign(ordering.compare(left, right));
  const backward = Math.sign(ordering.compare(right, left));
  expect({ left, right, forward, backward }).toEqual({
    left,
    right,
    forward: relation === '<' ? -1 : 0,
    backward: relation === '<' ? 1 : 0,
  });
  expect(ordering.equals(left, right)).toBe(relation === '=');
  const leftKey = ordering.equalityKey(ordering.parse(left) ?? expect.unreachable());
  const rightKey = ordering.equalityKey(ordering.parse(right) ?? expect.unreachable());
  expect(leftKey === rightKey).toBe(relation === '=');
}
