import type { EpssScore } from '../advisory.js';
import { isCveId } from './cve-id.js';
import { isoInstantFromFeedDate } from './feed-dates.js';
import { FeedFormatError } from './feed-format-error.js';

/**
 * FIRST's daily EPSS file (https://www.first.org/epss/data_stats): `#` comment lines, then a CSV header
 * naming at least `cve`, `epss` and `percentile`, then one row per CVE. FIRST's own files begin
 * `#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000`; other copies carry other comments (our
 * snapshot's is `#source:…; snapshot_commit_date:…`), so every `key:value` of the comment is returned and
 * the model version and score date are filled in only when the comment names them.
 *
 * The reader is built for the full file (about 300,000 rows): it walks each line by index, parses the two
 * numbers from character codes and allocates nothing per row but the CVE id string and the score object.
 * Rows are yielded in batches, one per input chunk. Rows are not checked for repeated CVEs: a caller that
 * keys scores by CVE keeps the last.
 */

export interface EpssFileHeader {
  /** FIRST's `model_version` (`v2025.03.14`), when the comment gives one. */
  readonly modelVersion: string | undefined;
  /** FIRST's `score_date` as an ISO instant, when the comment gives one. */
  readonly scoreDate: string | undefined;
  /** Every `key:value` pair of the comment lines (separated by `,` or `;`), keys in lower case. */
  readonly commentFields: Readonly<Record<string, string>>;
}

export interface EpssRejection {
  /** 1-based line in the file. */
  readonly line: number;
  readonly reason: string;
}

export type EpssCsvEvent =
  | { readonly kind: 'header'; readonly header: EpssFileHeader }
  | {
      readonly kind: 'scores';
      readonly scores: readonly EpssScore[];
      readonly rejected: readonly EpssRejection[];
    };

const POINT = 0x2e;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
const POWERS_OF_TEN = Array.from({ length: 16 }, (_, exponent) => 10 ** exponent);
const DECIMAL_TEXT = /^(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;

/**
 * A non-negative decimal in `text[start, end)`, or NaN. Up to 15 significant digits the value is exact
 * integer ÷ power of ten, which IEEE division rounds exactly as a decimal parser would; longer numbers and
 * exponents take the slow path through Number().
 */
function parseDecimal(text: string, start: number, end: number): number {
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  let seenPoint = false;
  for (let index = start; index < end; index += 1) {
    const code = text.charCodeAt(index);
    if (code >= DIGIT_0 && code <= DIGIT_9) {
      mantissa = mantissa * 10 + (code - DIGIT_0);
      digits += 1;
      if (seenPoint) fractionDigits += 1;
    } else if (code === POINT && !seenPoint) {
      seenPoint = true;
    } else {
      return parseDecimalSlowly(text.slice(start, end));
    }
  }
  if (digits === 0) return Number.NaN;
  if (digits > 15) return parseDecimalSlowly(text.slice(start, end));
  return fractionDigits === 0 ? mantissa : mantissa / (POWERS_OF_TEN[fractionDigits] ?? 1);
}

function parseDecimalSlowly(field: string): number {
  return DECIMAL_TEXT.test(field) ? Number(field) : Number.NaN;
}

function commentFieldsOf(comment: string, fields: Record<string, string>): void {
  for (const part of comment.split(/[,;]/)) {
    const colon = part.indexOf(':');
    if (colon <= 0) continue;
    const key = part.slice(0, colon).trim().toLowerCase();
    if (key.length > 0) fields[key] = part.slice(colon + 1).trim();
  }
}

interface ColumnLayout {
  readonly count: number;
  readonly cve: number;
  readonly epss: number;
  readonly percentile: number;
}

function columnLayoutOf(headerLine: string, line: number): ColumnLayout {
  const names = headerLine.split(',').map((name) => name.trim().toLowerCase());
  const cve = names.indexOf('cve');
  const epss = names.indexOf('epss');
  const percentile = names.indexOf('percentile');
  if (cve < 0 || epss < 0 || percentile < 0) {
    throw new FeedFormatError(
      'EPSS scores',
      `line ${String(line)}: the header must name the columns cve, epss and percentile; found '${headerLine.slice(0, 200)}'`,
    );
  }
  return { count: names.length, cve, epss, percentile };
}

class EpssLineReader {
  private layout: ColumnLayout | undefined;
  private readonly commentFields: Record<string, string> = {};
  private line = 0;
  private partial = '';
  /** Start and end of each column of the current row, reused from row to row. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  *push(chunk: string, atEnd: boolean): Generator<EpssCsvEvent> {
    const text = this.partial.length > 0 ? this.partial + chunk : chunk;
    const scores: EpssScore[] = [];
    const rejected: EpssRejection[] = [];
    let start = 0;
    for (;;) {
      let newline = text.indexOf('\n', start);
      if (newline < 0) {
        if (!atEnd || start >= text.length) break;
        newline = text.length;
      }
      this.line += 1;
      let end = newline;
      if (end > start && text.charCodeAt(end - 1) === 0x0d) end -= 1;
      if (this.layout === undefined) {
        const header = this.readPreamble(text, start, end);
        if (header !== undefined) yield { kind: 'header', header };
      } else if (end > start) {
        this.readRow(text, start, end, this.layout, scores, rejected);
      }
      start = newline + 1;
    }
    this.partial = start < text.length ? text.slice(start) : '';
    if (scores.length > 0 || rejected.length > 0) yield { kind: 'scores', scores, rejected };
  }

  finish(): void {
    if (this.layout === undefined) {
      throw new FeedFormatError(
        'EPSS scores',
        'no CSV header line (cve,epss,percentile) before the end of the input',
      );
    }
  }

  /** Comment and header lines; returns the header once the column line has been read. */
  private readPreamble(text: string, start: number, end: number): EpssFileHeader | undefined {
    let line = text.slice(start, end);
    if (this.line === 1 && line.charCodeAt(0) === 0xfeff) line = line.slice(1);
    if (line.trim().length === 0) return undefined;
    if (line.startsWith('#')) {
      commentFieldsOf(line.slice(1), this.commentFields);
      return undefined;
    }
    this.layout = columnLayoutOf(line, this.line);
    const scoreDate = this.commentFields.score_date;
    return {
      modelVersion: this.commentFields.model_version,
      scoreDate: scoreDate === undefined ? undefined : isoInstantFromFeedDate(scoreDate),
      commentFields: { ...this.commentFields },
    };
  }

  private readRow(
    text: string,
    start: number,
    end: number,
    layout: ColumnLayout,
    scores: EpssScore[],
    rejected: EpssRejection[],
  ): void {
    let column = 0;
    let fieldStart = start;
    for (;;) {
      const comma = text.indexOf(',', fieldStart);
      const fieldEnd = comma < 0 || comma > end ? end : comma;
      if (column < layout.count) {
        this.starts[column] = fieldStart;
        this.ends[column] = fieldEnd;
      }
      column += 1;
      if (fieldEnd === end) break;
      fieldStart = fieldEnd + 1;
    }
    if (column !== layout.count) {
      rejected.push({
        line: this.line,
        reason: `expected ${String(layout.count)} columns, found ${String(column)}`,
      });
      return;
    }
    const cveId = text.slice(this.starts[layout.cve], this.ends[layout.cve]).trim();
    if (!isCveId(cveId)) {
      rejected.push({ line: this.line, reason: `cve '${cveId.slice(0, 40)}' is not a CVE id` });
      return;
    }
    const probability = this.numberAt(text, layout.epss);
    const percentile = this.numberAt(text, layout.percentile);
    if (!(probability >= 0 && probability <= 1)) {
      rejected.push({
        line: this.line,
        reason: `${cveId}: epss '${this.fieldText(text, layout.epss)}' is not a probability in 0..1`,
      });
    } else if (!(percentile >= 0 && percentile <= 1)) {
      rejected.push({
        line: this.line,
        reason: `${cveId}: percentile '${this.fieldText(text, layout.percentile)}' is not in 0..1`,
      });
    } else {
      scores.push({ cveId, probability, percentile });
    }
  }

  private numberAt(text: string, column: number): number {
    let start = this.starts[column] ?? 0;
    let end = this.ends[column] ?? 0;
    while (start < end && text.charCodeAt(start) === 0x20) start += 1;
    while (end > start && text.charCodeAt(end - 1) === 0x20) end -= 1;
    return parseDecimal(text, start, end);
  }

  private fieldText(text: string, column: number): string {
    return text.slice(this.starts[column], this.ends[column]).slice(0, 40);
  }
}

/**
 * Reads an EPSS CSV from text chunks: first a `header` event, then `scores` batches holding the valid rows
 * and the rejected ones (with their line numbers). A row is rejected when its CVE id is malformed, a number
 * does not read or lies outside 0..1, or it has the wrong number of columns.
 * @throws FeedFormatError if there is no header line naming cve, epss and percentile.
 */
export async function* readEpssCsv(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<EpssCsvEvent> {
  const reader = new EpssLineReader();
  for await (const chunk of chunks) {
    yield* reader.push(chunk, false);
  }
  yield* reader.push('', true);
  reader.finish();
}

export interface EpssFileContents {
  readonly header: EpssFileHeader;
  readonly scores: readonly EpssScore[];
  readonly rejected: readonly EpssRejection[];
}

/**
 * Reads a whole EPSS CSV into memory.
 * @throws FeedFormatError if there is no header line naming cve, epss and percentile.
 */
export async function collectEpssCsv(
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<EpssFileContents> {
  let header: EpssFileHeader | undefined;
  const scores: EpssScore[] = [];
  const rejected: EpssRejection[] = [];
  for await (const event of readEpssCsv(chunks)) {
    if (event.kind === 'header') {
      header = event.header;
    } else {
      for (const score of event.scores) scores.push(score);
      for (const rejection of event.rejected) rejected.push(rejection);
    }
  }
  if (header === undefined) {
    throw new FeedFormatError(
      'EPSS scores',
      'no CSV header line (cve,epss,percentile) before the end of the input',
    );
  }
  return { header, scores, rejected };
}
