/**
 * A feed file that cannot be read as a whole: not the format it claims (no EPSS header, a KEV catalogue
 * without its vulnerability list). A feed comes from a URL or file the operator configured, so this is an
 * operational failure: the message says which feed, what is wrong and where. Single bad records inside a
 * readable feed are not errors; readers report them as values and go on.
 */
export class FeedFormatError extends Error {
  override readonly name = 'FeedFormatError';

  constructor(
    /** Which feed: `KEV catalogue`, `EPSS scores`. */
    readonly feed: string,
    /** What is wrong and where, one line. */
    readonly problem: string,
  ) {
    super(`${feed}: ${problem}`);
  }
}
