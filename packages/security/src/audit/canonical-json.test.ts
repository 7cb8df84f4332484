import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redacted } from '../redacted.js';
import { canonicalJson, canonicalJsonBytes } from './canonical-json.js';

describe('canonicalJson', () => {
  it('sorts members by UTF-16 code units, as in the example of RFC 8785 §3.2.3', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes no whitespace and nests sorted objects inside arrays', () => {
    expect(canonicalJson({ b: [3, { d: true, c: null }], a: 'x' })).toBe(
      '{"a":"x","b":[3,{"c":null,"d":true}]}',
    );
  });

  it('serialises numbers in the ECMAScript form RFC 8785 adopts', () => {
    expect(canonicalJson([0, -0, 1, -1, 1.5, 1e21, 1e-7, 0.000001, 333333333.3333333, 2 ** 53])).toBe(
      '[0,0,1,-1,1.5,1e+21,1e-7,0.000001,333333333.3333333,9007199254740992]',
    );
  });

  it('escapes strings as JSON.stringify does and leaves non-ASCII text as it is', () => {
    expect(canonicalJson('a"\\\n\t\u0001/é中')).toBe('"a\\"\\\\\\n\\t\\u0001/é中"');
  });

  it('writes a Date as its ISO 8601 UTC string', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)) })).toBe(
      '{"at":"2026-01-02T03:04:05.006Z"}',
    );
  });

  it('leaves out object members whose value is undefined', () => {
    expect(canonicalJson({ a: 1, b: undefined })).toBe('{"a":1}');
  });

  it('accepts objects with a null prototype', () => {
    const value = Object.create(null) as Record<string, unknown>;
    value.z = 1;
    value.a = 2;
    expect(canonicalJson(value)).toBe('{"a":2,"z":1}');
  });

  it('refuses values it cannot represent exactly', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const refused: [string, unknown, ErrorConstructor][] = [
      ['undefined in an array', [1, undefined], TypeError],
      ['top-level undefined', undefined, TypeError],
      ['NaN', { n: Number.NaN }, RangeError],
      ['Infinity', [Number.POSITIVE_INFINITY], RangeError],
      ['bigint', { n: 1n }, TypeError],
      ['function', { f: () => 1 }, TypeError],
      ['symbol value', { s: Symbol('s') }, TypeError],
      ['symbol key', { [Symbol('s')]: 1 }, TypeError],
      ['Map', new Map(), TypeError],
      ['Buffer', Buffer.from('x'), TypeError],
      ['class instance', Redacted.of('secret'), TypeError],
      ['invalid Date', new Date(Number.NaN), RangeError],
      ['lone surrogate', { text: '\ud800' }, TypeError],
      ['lone surrogate in a name', { '\udc00': 1 }, TypeError],
      ['cycle', cyclic, TypeError],
    ];
    for (const [label, value, errorType] of refused) {
      expect(() => canonicalJson(value), label).toThrow(errorType);
    }
  });

  it('names the path of a refused value without echoing it', () => {
    expect(() => canonicalJson({ actor: { ips: ['10.0.0.1', undefined] } })).toThrow(
      /\$\.actor\.ips\[1\] is undefined inside an array/,
    );
  });

  it('accepts a value that appears twice without being a cycle', () => {
    const shared = { k: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"k":1},"b":{"k":1}}');
  });

  it('agrees with JSON.parse and is independent of member insertion order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value);
        expect(canonicalJson(JSON.parse(text))).toBe(text);
        const reordered: unknown = JSON.parse(
          JSON.stringify(value, (_key, member: unknown) => reverseMembers(member)),
        );
        expect(canonicalJson(reordered)).toBe(text);
      }),
      { numRuns: 300, seed: 8785 },
    );
  });

  it('encodes as UTF-8 bytes', () => {
    expect(Buffer.from(canonicalJsonBytes({ n: '中' })).toString('hex')).toBe(
      Buffer.from('{"n":"中"}', 'utf8').toString('hex'),
    );
  });
});

function reverseMembers(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).reverse());
}
