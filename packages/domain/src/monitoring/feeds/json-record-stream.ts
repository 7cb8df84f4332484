/**
 * Splits a feed into JSON records without holding the whole feed: the text arrives as an async iterable of
 * chunks (any boundaries: file read-stream chunks, HTTP body pieces or single lines), and only the record
 * being read is kept in memory. Three layouts are read:
 *
 * - JSON Lines (https://jsonlines.org): one record per line, blank lines ignored. Every line is parsed on its
 *   own, so a broken line costs that record only.
 * - A JSON array of records, as pretty-printed as it likes.
 * - A single JSON object (or several one after another), also pretty-printed.
 *
 * `auto` looks at the first line: `[` opens an array; a first line that is a whole `{…}` means JSON Lines;
 * anything else starting with `{` is read as pretty-printed JSON. Text that fits none of these is read as
 * JSON Lines, so that every bad line is reported on its own.
 */

export type JsonLayout = 'auto' | 'jsonl' | 'json';

export type JsonRecordItem =
  | { readonly kind: 'value'; readonly line: number; readonly value: unknown }
  | {
      readonly kind: 'unreadable';
      /** The 1-based line the record starts on. */
      readonly line: number;
      /** The record's `"id"` when it can be seen in the broken text, to name the record in a report. */
      readonly idHint: string | undefined;
      readonly reason: string;
    };

const NEWLINE = 0x0a;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === NEWLINE || code === 0x0d;
}

/** `"id": "…"` (or `"id": 123`) in text that does not parse, so the report can still name the record. */
export function idHintOf(text: string): string | undefined {
  const match = /"id"\s*:\s*(?:"([^"\\\n]{1,200})"|(\d{1,20}))/.exec(text.slice(0, 20_000));
  return match?.[1] ?? match?.[2];
}

function parseRecord(text: string, line: number): JsonRecordItem {
  try {
    return { kind: 'value', line, value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'unreadable', line, idHint: idHintOf(text), reason: `not valid JSON: ${reason}` };
  }
}

/** Reads JSON records from text chunks; see the module comment for the layouts. */
export async function* readJsonRecords(
  chunks: AsyncIterable<string> | Iterable<string>,
  layout: JsonLayout = 'auto',
): AsyncGenerator<JsonRecordItem> {
  let chosen: 'jsonl' | 'json' | undefined = layout === 'auto' ? undefined : layout;
  let pending = '';
  let jsonLines: JsonLinesSplitter | undefined;
  let jsonScanner: JsonValueScanner | undefined;
  let firstChunk = true;

  for await (let chunk of chunks) {
    if (firstChunk && chunk.length > 0) {
      // A UTF-8 byte-order mark decoded as text.
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      firstChunk = false;
    }
    if (chosen === undefined) {
      pending += chunk;
      chosen = chooseLayout(pending, false);
      if (chosen === undefined) continue;
      chunk = pending;
      pending = '';
    }
    if (chosen === 'jsonl') {
      jsonLines ??= new JsonLinesSplitter();
      yield* jsonLines.push(chunk);
    } else {
      jsonScanner ??= new JsonValueScanner();
      yield* jsonScanner.push(chunk);
    }
  }
  if (chosen === undefined) {
    chosen = chooseLayout(pending, true);
    if (chosen === 'jsonl') {
      jsonLines = new JsonLinesSplitter();
      yield* jsonLines.push(pending);
    } else if (chosen === 'json') {
      jsonScanner = new JsonValueScanner();
      yield* jsonScanner.push(pending);
    }
  }
  if (jsonLines !== undefined) yield* jsonLines.finish();
  if (jsonScanner !== undefined) yield* jsonScanner.finish();
}

/** Decides the layout once the first line is in, or at the end of input; undefined while it cannot tell yet. */
function chooseLayout(text: string, atEnd: boolean): 'jsonl' | 'json' | undefined {
  let start = 0;
  while (start < text.length && isJsonWhitespace(text.charCodeAt(start))) start += 1;
  if (start === text.length) return atEnd ? 'jsonl' : undefined;
  const first = text.charCodeAt(start);
  if (first === OPEN_BRACKET) return 'json';
  if (first !== OPEN_BRACE) return 'jsonl';
  const lineEnd = text.indexOf('\n', start);
  if (lineEnd < 0 && !atEnd) return undefined;
  const firstLine = text.slice(start, lineEnd < 0 ? text.length : lineEnd).trimEnd();
  return firstLine.length > 1 && firstLine.charCodeAt(firstLine.length - 1) === CLOSE_BRACE
    ? 'jsonl'
    : 'json';
}

class JsonLinesSplitter {
  private partial = '';
  private lineNumber = 0;

  *push(chunk: string): Generator<JsonRecordItem> {
    let text = this.partial.length > 0 ? this.partial + chunk : chunk;
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      this.lineNumber += 1;
      const item = this.lineItem(text.slice(start, newline));
      if (item !== undefined) yield item;
      start = newline + 1;
    }
    text = text.slice(start);
    this.partial = text;
  }

  *finish(): Generator<JsonRecordItem> {
    if (this.partial.length > 0) {
      this.lineNumber += 1;
      const item = this.lineItem(this.partial);
      this.partial = '';
      if (item !== undefined) yield item;
    }
  }

  private lineItem(rawLine: string): JsonRecordItem | undefined {
    const line = rawLine.trim();
    if (line.length === 0) return undefined;
    return parseRecord(line, this.lineNumber);
  }
}

/**
 * Finds where each top-level value (or each element of a top-level array) begins and ends by tracking
 * strings and bracket depth, then parses just that slice. The scan is linear and resumes where the last
 * chunk stopped.
 */
class JsonValueScanner {
  private buffer = '';
  /** Index in `buffer` of the next character to scan. */
  private scanAt = 0;
  /** 1-based line of the character at `scanAt`. */
  private line = 1;
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Depth at which records sit: 1 inside a top-level array, 0 otherwise. Undefined before the first value. */
  private recordDepth: number | undefined;
  private arrayClosed = false;
  private recordStart = -1;
  private recordLine = 0;
  /** The record being read is a bare primitive (number, literal), which ends at a delimiter, not a bracket. */
  private primitive = false;
  private trailing: { line: number; reported: boolean } | undefined;

  *push(chunk: string): Generator<JsonRecordItem> {
    this.buffer += chunk;
    const text = this.buffer;
    const length = text.length;
    for (let index = this.scanAt; index < length; index += 1) {
      const code = text.charCodeAt(index);
      if (code === NEWLINE) this.line += 1;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (code === BACKSLASH) this.escaped = true;
        else if (code === QUOTE) this.inString = false;
        continue;
      }
      if (this.recordDepth === undefined) {
        if (isJsonWhitespace(code)) continue;
        if (code === OPEN_BRACKET) {
          this.recordDepth = 1;
          this.depth = 1;
          continue;
        }
        this.recordDepth = 0;
      }
      if (this.arrayClosed) {
        if (!isJsonWhitespace(code) && this.trailing === undefined) {
          this.trailing = { line: this.line, reported: false };
        }
        continue;
      }
      const atRecordLevel = this.depth === this.recordDepth;
      if (this.primitive) {
        if (code === COMMA || code === CLOSE_BRACKET || isJsonWhitespace(code)) {
          yield this.takeRecord(index);
          this.primitive = false;
          if (code === CLOSE_BRACKET && this.recordDepth === 1) {
            this.depth = 0;
            this.arrayClosed = true;
          }
        }
        continue;
      }
      if (code === QUOTE) {
        if (atRecordLevel && this.recordStart < 0) {
          // A bare string where a record should be: it ends at the next delimiter, like a number.
          this.startRecord(index);
          this.primitive = true;
        }
        this.inString = true;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        if (atRecordLevel && this.recordStart < 0) this.startRecord(index);
        this.depth += 1;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        this.depth -= 1;
        if (this.recordStart >= 0 && this.depth === this.recordDepth) {
          yield this.takeRecord(index + 1);
        } else if (this.depth < this.recordDepth) {
          // The closing bracket of the top-level array (or a stray closer at the top level).
          this.depth = 0;
          this.arrayClosed = true;
          if (this.recordDepth === 0) this.trailing = { line: this.line, reported: false };
        }
      } else if (atRecordLevel && this.recordStart < 0 && code !== COMMA && !isJsonWhitespace(code)) {
        this.startRecord(index);
        this.primitive = true;
      }
    }
    this.scanAt = length;
    this.compact();
    yield* this.reportTrailing();
  }

  *finish(): Generator<JsonRecordItem> {
    if (this.recordStart >= 0) {
      if (this.primitive) {
        yield this.takeRecord(this.buffer.length);
      } else {
        const text = this.buffer.slice(this.recordStart);
        yield {
          kind: 'unreadable',
          line: this.recordLine,
          idHint: idHintOf(text),
          reason: 'the record is not complete at the end of the input',
        };
      }
      this.recordStart = -1;
    } else if (this.recordDepth === 1 && !this.arrayClosed) {
      yield {
        kind: 'unreadable',
        line: this.line,
        idHint: undefined,
        reason: 'the top-level array is not closed at the end of the input',
      };
    }
    yield* this.reportTrailing();
    this.buffer = '';
    this.scanAt = 0;
  }

  private startRecord(index: number): void {
    this.recordStart = index;
    this.recordLine = this.line;
  }

  private takeRecord(end: number): JsonRecordItem {
    const item = parseRecord(this.buffer.slice(this.recordStart, end), this.recordLine);
    this.recordStart = -1;
    return item;
  }

  /** Drops the text already read, keeping only the record in progress. */
  private compact(): void {
    const keepFrom = this.recordStart >= 0 ? this.recordStart : this.scanAt;
    if (keepFrom === 0) return;
    this.buffer = this.buffer.slice(keepFrom);
    this.scanAt -= keepFrom;
    if (this.recordStart >= 0) this.recordStart -= keepFrom;
  }

  private *reportTrailing(): Generator<JsonRecordItem> {
    if (this.trailing !== undefined && !this.trailing.reported) {
      this.trailing.reported = true;
      yield {
        kind: 'unreadable',
        line: this.trailing.line,
        idHint: undefined,
        reason: 'unexpected text after the end of the top-level array',
      };
    }
  }
}
