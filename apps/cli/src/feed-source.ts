import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CliInputError } from './json-input-file.js';

/** A feed opened for streaming: its text in chunks, and how far through it the import has read. */
export interface OpenedFeed {
  /** What the import run records: the file's absolute path, or the URL without any credentials. */
  readonly location: string;
  readonly chunks: AsyncIterable<string>;
  /** The size in bytes when known (a file, or a download with a Content-Length). */
  readonly totalBytes: number | undefined;
  readonly bytesRead: () => number;
}

const URL_PATTERN = /^https?:\/\//i;

/** A user:password in a URL is a secret: never stored in the import record, never printed. */
function withoutCredentials(url: URL): string {
  const copy = new URL(url);
  copy.username = '';
  copy.password = '';
  return copy.toString();
}

/**
 * Decodes a byte stream as UTF-8 text chunk by chunk (a character split across chunks is kept whole),
 * counting the bytes; a read error becomes a one-line CliInputError naming the feed.
 */
async function* decoded(
  bytes: AsyncIterable<Uint8Array>,
  where: string,
  count: (byteLength: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  try {
    for await (const chunk of bytes) {
      count(chunk.byteLength);
      const text = decoder.decode(chunk, { stream: true });
      if (text.length > 0) yield text;
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new CliInputError(`reading ${where} failed (${reason})`);
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

/**
 * A download's body, read while holding on to the response: undici cancels the body of a response that has
 * been garbage-collected, which would end a long download early, as if the feed were truncated.
 */
async function* bodyOf(response: Response): AsyncGenerator<Uint8Array> {
  if (response.body === null) return;
  for await (const chunk of response.body) yield chunk;
}

/**
 * Opens a feed the operator named: an http(s) URL, downloaded as a stream, or a local file (the offline mode
 * for sites without internet access: download the feed elsewhere and name the file).
 * @throws CliInputError when the file cannot be read or the download does not start (one line).
 */
export async function openFeed(location: string, workingDirectory: string): Promise<OpenedFeed> {
  let read = 0;
  const count = (byteLength: number) => {
    read += byteLength;
  };
  if (URL_PATTERN.test(location)) {
    let url: URL;
    try {
      url = new URL(location);
    } catch {
      throw new CliInputError(`${location} is not a valid URL`);
    }
    const shown = withoutCredentials(url);
    // fetch refuses a URL with credentials in it: they travel as HTTP Basic authentication instead.
    const headers: Record<string, string> =
      url.username === '' && url.password === ''
        ? {}
        : {
            authorization: `Basic ${Buffer.from(
              `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`,
            ).toString('base64')}`,
          };
    let response: Response;
    try {
      response = await fetch(shown, { redirect: 'follow', headers });
    } catch (error) {
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new CliInputError(
        `cannot download ${shown} (${cause?.code ?? cause?.message ?? (error as Error).message})`,
      );
    }
    if (!response.ok || response.body === null) {
      await response.body?.cancel();
      throw new CliInputError(`cannot download ${shown} (HTTP ${response.status} ${response.statusText})`);
    }
    const length = Number(response.headers.get('content-length'));
    return {
      location: shown,
      chunks: decoded(bodyOf(response), shown, count),
      totalBytes: Number.isSafeInteger(length) && length > 0 ? length : undefined,
      bytesRead: () => read,
    };
  }
  const path = resolve(workingDirectory, location);
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new CliInputError(`cannot read ${location} (not a file)`);
    size = info.size;
  } catch (error) {
    if (error instanceof CliInputError) throw error;
    throw new CliInputError(`cannot read ${location} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  return {
    location: path,
    chunks: decoded(createReadStream(path, { highWaterMark: 1024 * 1024 }), location, count),
    totalBytes: size,
    bytesRead: () => read,
  };
}
