/**
 * Just enough of MIME (RFC 2045–2047) to read back what our e-mail sender writes: folded headers,
 * encoded-words in headers, nested multipart bodies, quoted-printable and base64 parts, any charset Node's
 * TextDecoder knows. For tests; it is no general mail parser (no attachments' file names, no S/MIME).
 */
export interface MimeMessage {
  /** Lower-case header names to decoded values; a repeated header keeps its first value. */
  readonly headers: ReadonlyMap<string, string>;
  /** The first text/plain part, decoded, with \n line breaks and no trailing line break. */
  readonly text: string | undefined;
  /** The first text/html part, decoded like `text`. */
  readonly html: string | undefined;
}

interface MimePart {
  readonly headers: ReadonlyMap<string, string>;
  /** The body as received, one character per byte (latin1), so byte-level decoding stays exact. */
  readonly body: string;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function decodeBytes(bytes: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return bytes.toString('utf8');
  }
}

/** RFC 2047 encoded-words; whitespace between two adjacent encoded-words is dropped (§6.2). */
function decodeHeaderValue(latin1Value: string): string {
  const joined = latin1Value.replace(/\?=\s+=\?/g, '?==?');
  const decoded = joined.replace(ENCODED_WORD, (_match, charset: string, encoding: string, text: string) => {
    const bytes =
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64')
        : Buffer.from(decodeQuotedPrintable(text.replace(/_/g, ' ')), 'latin1');
    // Re-encode as latin1 so the whole value can be read as UTF-8 below, as SMTPUTF8 headers are.
    return Buffer.from(decodeBytes(bytes, charset), 'utf8').toString('latin1');
  });
  return Buffer.from(decoded, 'latin1').toString('utf8');
}

function decodeQuotedPrintable(latin1Text: string): string {
  return latin1Text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-Fa-f]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function splitPart(latin1Text: string): MimePart {
  const separator = /\r?\n\r?\n/.exec(latin1Text);
  const headerBlock = separator === null ? latin1Text : latin1Text.slice(0, separator.index);
  const body = separator === null ? '' : latin1Text.slice(separator.index + separator[0].length);
  const headers = new Map<string, string>();
  for (const line of headerBlock.replace(/\r?\n(?=[ \t])/g, '').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeHeaderValue(line.slice(colon + 1).trim()));
  }
  return { headers, body };
}

/** `text/plain; charset=utf-8` → the type and its parameters (lower-case names). */
function contentTypeOf(part: MimePart): { type: string; parameters: Map<string, string> } {
  const [type = 'text/plain', ...rest] = (part.headers.get('content-type') ?? 'text/plain').split(';');
  const parameters = new Map<string, string>();
  for (const parameter of rest) {
    const equals = parameter.indexOf('=');
    if (equals < 0) continue;
    const value = parameter.slice(equals + 1).trim();
    parameters.set(parameter.slice(0, equals).trim().toLowerCase(), value.replace(/^"(.*)"$/, '$1'));
  }
  return { type: type.trim().toLowerCase(), parameters };
}

function partBodyText(part: MimePart, charset: string): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? Buffer.from(decodeQuotedPrintable(part.body), 'latin1')
        : Buffer.from(part.body, 'latin1');
  return decodeBytes(bytes, charset).replace(/\r\n/g, '\n').replace(/\n+$/, '');
}

function leafParts(part: MimePart): MimePart[] {
  const { type, parameters } = contentTypeOf(part);
  const boundary = parameters.get('boundary');
  if (!type.startsWith('multipart/') || boundary === undefined) return [part];
  const delimiter = `--${boundary}`;
  const sections = part.body.split(delimiter).slice(1);
  const children: MimePart[] = [];
  for (const section of sections) {
    if (section.startsWith('--')) break;
    children.push(splitPart(section.replace(/^\r?\n/, '').replace(/\r?\n$/, '')));
  }
  return children.flatMap(leafParts);
}

/** Parses a message as it arrived over SMTP (after the server's dot-unstuffing). */
export function parseMimeMessage(raw: Buffer): MimeMessage {
  const message = splitPart(raw.toString('latin1'));
  let text: string | undefined;
  let html: string | undefined;
  for (const part of leafParts(message)) {
    const { type, parameters } = contentTypeOf(part);
    const charset = parameters.get('charset') ?? 'utf-8';
    if (type === 'text/plain' && text === undefined) text = partBodyText(part, charset);
    if (type === 'text/html' && html === undefined) html = partBodyText(part, charset);
  }
  return { headers: message.headers, text, html };
}
