/**
 * Version components are unbounded decimal integers (date stamps such as 20191109021931 are common and
 * nothing stops longer ones), so they are kept as digit strings rather than numbers that would lose
 * precision above 2^53.
 */

/** `"007"` → `"7"`, `"000"` → `"0"`. The argument must consist of ASCII digits only. */
export function stripLeadingZeros(digits: string): string {
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) === 48) {
    start += 1;
  }
  return start === 0 ? digits : digits.slice(start);
}

/** Compares two digit strings without leading zeros (as from `stripLeadingZeros`) by numeric value. */
export function compareDigitStrings(a: string, b: string): number {
  if (a.length !== b.length) {
    return a.length - b.length;
  }
  if (a === b) {
    return 0;
  }
  return a < b ? -1 : 1;
}

/** The decimal successor of a digit string: `"9"` → `"10"`, `"199"` → `"200"`. */
export function incrementDigitString(digits: string): string {
  const characters = digits.split('');
  for (let position = characters.length - 1; position >= 0; position -= 1) {
    if (characters[position] !== '9') {
      characters[position] = String.fromCharCode(digits.charCodeAt(position) + 1);
      return characters.join('');
    }
    characters[position] = '0';
  }
  return `1${characters.join('')}`;
}
