/**
 * 16-bit keys of float64 values, for tallies that must not branch on each value: a value's key is the top
 * 16 bits of its IEEE-754 pattern (sign, exponent, 4 mantissa bits). Keys split the number line into
 * ordered, disjoint ranges at most 1/16 (6.25 %) wide in relative terms. Ascending value order is
 * negative keys in reverse, then non-negative keys (`keyOrder`). +0 and −0 have different keys, adjacent
 * in that order, −0's first, as a Float64Array sort puts them.
 *
 * @module
 */

export const KEY_SHIFT = 16;
export const KEY_COUNT = 1 << (32 - KEY_SHIFT);
// Keys from here up carry the sign bit; their values grow more negative as the key grows.
const FIRST_NEGATIVE_KEY = 1 << (31 - KEY_SHIFT);
/**
 * The index, within the two 32-bit words of a float64, of the high word, which holds the sign, exponent
 * and top mantissa bits; where it sits in memory depends on the platform's byte order.
 */
export const HIGH_WORD = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

const keyBits = new Float64Array(1);
const keyWords = new Uint32Array(keyBits.buffer);

export function keyOf(value: number): number {
  keyBits[0] = value;
  return (keyWords[HIGH_WORD] ?? 0) >>> KEY_SHIFT;
}

/** Rank of a key's range in ascending value order: negative keys in reverse, then non-negative keys. */
export function keyOrder(key: number): number {
  return key >= FIRST_NEGATIVE_KEY ? KEY_COUNT - 1 - key : key + FIRST_NEGATIVE_KEY;
}

/** The key whose range has the given rank in ascending value order. */
export function keyAtOrder(order: number): number {
  return order >= FIRST_NEGATIVE_KEY ? order - FIRST_NEGATIVE_KEY : KEY_COUNT - 1 - order;
}
