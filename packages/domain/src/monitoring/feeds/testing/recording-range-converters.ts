import type { AffectedRange } from '../../advisory.js';
import type { RangeConverters } from '../range-converters.js';

/** What the test double was asked to convert, in call order. */
export interface RangeConverterCalls {
  readonly nodeSemver: string[];
  readonly rustsec: { patched: readonly string[]; unaffected: readonly string[] }[];
  readonly victims: (readonly string[])[];
}

/**
 * Range converters for tests, standing in for `../versions/`: each records its input and returns one
 * ECOSYSTEM range whose single `introduced` event carries the input text, so a test can see which text
 * reached which package. Inputs for which `refuse` answers true throw, as the real converters do on text
 * they cannot read.
 */
export function recordingRangeConverters(refuse: (text: string) => boolean = () => false): {
  converters: RangeConverters;
  calls: RangeConverterCalls;
} {
  const calls: RangeConverterCalls = { nodeSemver: [], rustsec: [], victims: [] };
  const echo = (text: string): readonly AffectedRange[] => {
    if (refuse(text)) throw new SyntaxError(`cannot read range '${text}'`);
    return [{ type: 'ECOSYSTEM', events: [{ introduced: text }] }];
  };
  return {
    calls,
    converters: {
      nodeSemver: (range) => {
        calls.nodeSemver.push(range);
        return echo(range);
      },
      rustsec: (patched, unaffected) => {
        calls.rustsec.push({ patched, unaffected });
        return echo(`patched ${patched.join(' | ')}; unaffected ${unaffected.join(' | ')}`);
      },
      victims: (version) => {
        calls.victims.push(version);
        return echo(version.join(' | '));
      },
    },
  };
}
