/**
 * A legacy advisory feed wrote a version range we cannot read. Importers catch it per record, so that one
 * bad record is reported and skipped rather than stopping the feed.
 */
export class RangeSyntaxError extends Error {
  /** Stable, for importers and logs to branch on; the message may be reworded. */
  readonly code = 'range_syntax_invalid';

  /**
   * @param text the text that could not be read, quoted in the message.
   * @param reason what is wrong with it.
   */
  constructor(
    readonly text: string,
    reason: string,
  ) {
    super(`cannot read version range ${JSON.stringify(text)}: ${reason}`);
    this.name = 'RangeSyntaxError';
  }
}
