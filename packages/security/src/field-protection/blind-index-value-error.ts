/** Why a value cannot be normalised for a blind index. Stable values: callers branch on them. */
export type BlindIndexValueProblem =
  'invalid_characters' | 'too_few_digits' | 'too_many_digits' | 'invalid_length' | 'invalid_check_digit';

/**
 * A value that cannot be normalised for its blind index purpose, such as a phone number with too few
 * digits. The message names the purpose and the problem, never the value, which is personal data.
 */
export class BlindIndexValueError extends Error {
  override readonly name = 'BlindIndexValueError';

  constructor(
    readonly purpose: string,
    readonly problem: BlindIndexValueProblem,
  ) {
    super(`${purpose} value cannot be indexed: ${problem.replaceAll('_', ' ')}`);
  }
}
