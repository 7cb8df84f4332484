/**
 * Additional authenticated data (AAD) as an unambiguous byte string: each field is its UTF-8 bytes preceded
 * by their length as a 32-bit big-endian integer. Plain concatenation with a separator is ambiguous
 * (`a|b` + `c` and `a` + `b|c` collide); a length prefix is not, and it is trivial to reproduce in any
 * language that must read our ciphertexts.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * True when `text` is well-formed UTF-16, so it survives the round trip through UTF-8 unchanged. A lone
 * surrogate would be encoded as U+FFFD, making two different strings produce the same bytes.
 */
export function isWellFormedText(text: string): boolean {
  return !LONE_SURROGATE.test(text);
}

/**
 * Encodes `fields` as length-prefixed UTF-8.
 * @throws TypeError if a field is not well-formed UTF-16 (a lone surrogate).
 */
export function encodeAssociatedData(fields: readonly string[]): Uint8Array {
  const encoded = fields.map((field) => {
    if (!isWellFormedText(field)) throw new TypeError('associated data field contains a lone surrogate');
    return Buffer.from(field, 'utf8');
  });
  const totalLength = encoded.reduce((sum, bytes) => sum + 4 + bytes.byteLength, 0);
  const output = Buffer.alloc(totalLength);
  let offset = 0;
  for (const bytes of encoded) {
    output.writeUInt32BE(bytes.byteLength, offset);
    bytes.copy(output, offset + 4);
    offset += 4 + bytes.byteLength;
  }
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}
