/**
 * How one ecosystem orders its version strings. Matching an advisory against an inventory compares
 * versions many thousands of times, so an ordering reads a text once (`parse`) and compares the parsed
 * values (`compareParsed`); `compare` and `equals` on texts are for callers that compare a few versions.
 */

/** A version as one ordering read it. Only the ordering that parsed it may compare it. */
export interface ParsedVersion {
  /** The text as given, for messages and reports. */
  readonly text: string;
}

export interface VersionOrdering<Parsed extends ParsedVersion = ParsedVersion> {
  /** What the ordering implements, for messages: `npm (SemVer 2.0)`, `PyPI (PEP 440)`. */
  readonly name: string;
  /** The parsed version, or undefined when the text is not a valid version under this ordering. */
  parse(text: string): Parsed | undefined;
  /** Negative, zero or positive as `a` sorts before, equal to or after `b`. */
  compareParsed(a: Parsed, b: Parsed): number;
  /**
   * A string that is the same for two versions exactly when `compareParsed` finds them equal
   * (`1.0` and `1.0.0` in PyPI), so an explicit list of versions can be looked up in a set.
   */
  equalityKey(parsed: Parsed): string;
  /**
   * Compares two version texts.
   * @throws RangeError naming the text when either is not a valid version under this ordering.
   */
  compare(a: string, b: string): number;
  /**
   * True when the two texts denote the same version (`1.0` and `1.0.0` in PyPI).
   * @throws RangeError naming the text when either is not a valid version under this ordering.
   */
  equals(a: string, b: string): boolean;
}

/** The parts an ordering must supply; `compare` and `equals` on texts follow from them. */
export interface VersionOrderingKernel<Parsed extends ParsedVersion> {
  readonly name: string;
  parse(text: string): Parsed | undefined;
  compareParsed(a: Parsed, b: Parsed): number;
  equalityKey(parsed: Parsed): string;
}

export function defineVersionOrdering<Parsed extends ParsedVersion>(
  kernel: VersionOrderingKernel<Parsed>,
): VersionOrdering<Parsed> {
  const parseOrThrow = (text: string, argumentName: string): Parsed => {
    const parsed = kernel.parse(text);
    if (parsed === undefined) {
      throw new RangeError(`${argumentName}: ${JSON.stringify(text)} is not a valid ${kernel.name} version`);
    }
    return parsed;
  };
  return {
    name: kernel.name,
    parse: (text) => kernel.parse(text),
    compareParsed: (a, b) => kernel.compareParsed(a, b),
    equalityKey: (parsed) => kernel.equalityKey(parsed),
    compare: (a, b) => kernel.compareParsed(parseOrThrow(a, 'a'), parseOrThrow(b, 'b')),
    equals: (a, b) => kernel.compareParsed(parseOrThrow(a, 'a'), parseOrThrow(b, 'b')) === 0,
  };
}
