import nodemailer from 'nodemailer';
import type { NodemailerError } from 'nodemailer';
import { isValidWebhookId, type Redacted } from '@carapace/security';
import type { DeliveryResult } from './delivery-result.js';

export interface OutgoingEmail {
  /** The message's dedupe id: it becomes the Message-ID, the same on every attempt. */
  readonly dedupeId: string;
  /** One recipient address. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  /** An HTML alternative to `text`; mail clients show one of the two. */
  readonly html?: string;
}

export interface EmailSenderOptions {
  /**
   * `smtp://user:password@host:port` (STARTTLS when the server offers it; port 587 unless given) or
   * `smtps://…` (TLS from the start; port 465 unless given). User and password are optional and
   * percent-decoded. Held as Redacted: the password is never logged or shown.
   */
  readonly smtpUrl: Redacted<string>;
  /** The From address, e.g. `Carapace 预警 <alerts@carapace.example>`. */
  readonly from: string;
  /** The right-hand side of every Message-ID; the From address's domain unless set. */
  readonly messageIdDomain?: string;
  /** Limit for connecting, the greeting and each socket wait of one attempt; 30 s unless set. */
  readonly timeoutMs?: number;
  /** Connections kept open to the server and used concurrently; 5 unless set. */
  readonly maxConnections?: number;
  /**
   * With credentials in an `smtp://` URL the sender insists on STARTTLS, so the password never crosses the
   * network in clear; true lets it log in without TLS (a relay on the same machine, a test server).
   */
  readonly allowLoginWithoutTls?: boolean;
}

export interface EmailSender {
  /** Where mail goes, safe to log: host, port and user, never the password. */
  readonly description: string;
  /** One delivery attempt. Never throws: every outcome, a refused connection included, is a `DeliveryResult`. */
  send(email: OutgoingEmail): Promise<DeliveryResult>;
  /** Closes the pooled connections; a message being sent finishes first. */
  close(): void;
}

interface SmtpServer {
  readonly host: string;
  readonly port: number;
  readonly secure: boolean;
  readonly user: string | undefined;
  readonly password: string | undefined;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_CONNECTIONS = 5;
const MAX_REASON_CHARACTERS = 300;
// A dot-atom domain (RFC 5322 §3.4.1), the form a Message-ID's right-hand side takes.
const MESSAGE_ID_DOMAIN = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*$/;
/** Errors of the connection, not of the message: the same message may go through on a later attempt. */
const TRANSIENT_ERROR_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ETLS', 'EPROXY']);

/** @throws RangeError naming what is wrong, never showing the URL (it may hold a password). */
function parseSmtpUrl(smtpUrl: Redacted<string>): SmtpServer {
  let url: URL;
  try {
    url = new URL(smtpUrl.reveal());
  } catch {
    throw new RangeError('smtpUrl is not a valid URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new RangeError('smtpUrl must start with smtp:// or smtps://');
  }
  if (url.hostname === '') throw new RangeError('smtpUrl must name a host');
  if (url.search !== '' || (url.pathname !== '' && url.pathname !== '/')) {
    throw new RangeError('smtpUrl takes no path or query');
  }
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port === '' ? (secure ? 465 : 587) : Number(url.port),
    secure,
    user: url.username === '' ? undefined : decodeURIComponent(url.username),
    password: url.password === '' ? undefined : decodeURIComponent(url.password),
  };
}

function domainOfAddress(from: string): string | undefined {
  const address = /<([^<>]*)>\s*$/.exec(from)?.[1] ?? from;
  const at = address.lastIndexOf('@');
  return at < 0 ? undefined : address.slice(at + 1).trim();
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > MAX_REASON_CHARACTERS ? `${line.slice(0, MAX_REASON_CHARACTERS)}…` : line;
}

/** RFC 5321 §4.2.1: 4yz replies are transient failures, 5yz permanent ones. */
function failureOf(error: unknown, password: string | undefined): DeliveryResult {
  const mailError = (error instanceof Error ? error : new Error(String(error))) as NodemailerError;
  const { responseCode, response, code } = mailError;
  let result: DeliveryResult;
  if (typeof responseCode === 'number' && responseCode >= 400) {
    result = {
      kind: 'failed',
      retryable: responseCode < 500,
      reason: `SMTP ${responseCode}: ${oneLine(response ?? mailError.message)}`,
    };
  } else {
    result = {
      kind: 'failed',
      retryable: code === undefined || TRANSIENT_ERROR_CODES.has(code),
      reason: oneLine(code === undefined ? mailError.message : `${code}: ${mailError.message}`),
    };
  }
  // nodemailer keeps passwords out of its messages; this keeps it so if a server echoes one back.
  return password === undefined || password === ''
    ? result
    : { ...result, reason: result.reason.split(password).join('<redacted>') };
}

function replyCodeOf(response: string): number {
  const code = Number(/^\d{3}/.exec(response)?.[0]);
  return Number.isInteger(code) ? code : 250;
}

/**
 * Sends e-mail over SMTP with nodemailer, through a pool of connections. The Message-ID is
 * `<dedupeId@domain>`, so a re-sent alert carries the same id and receivers (and their mail clients)
 * can drop the copy. A 4xx reply and a lost or timed-out connection are retryable; a 5xx reply (a refused
 * recipient, failed authentication, a rejected message) is not.
 *
 * @throws RangeError if the URL, the From address or another option is malformed.
 */
export function createEmailSender(options: EmailSenderOptions): EmailSender {
  const server = parseSmtpUrl(options.smtpUrl);
  const messageIdDomain = options.messageIdDomain ?? domainOfAddress(options.from);
  if (messageIdDomain === undefined || !MESSAGE_ID_DOMAIN.test(messageIdDomain)) {
    throw new RangeError('messageIdDomain (or the domain of the From address) must be a plain domain name');
  }
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxConnections = options.maxConnections ?? DEFAULT_MAX_CONNECTIONS;
  for (const [name, value] of [
    ['timeoutMs', timeoutMs],
    ['maxConnections', maxConnections],
  ] as const) {
    if (!Number.isInteger(value) || value <= 0)
      throw new RangeError(`${name} must be a positive whole number`);
  }

  const transport = nodemailer.createTransport({
    pool: true,
    host: server.host,
    port: server.port,
    secure: server.secure,
    requireTLS: server.user !== undefined && !server.secure && options.allowLoginWithoutTls !== true,
    ...(server.user === undefined ? {} : { auth: { user: server.user, pass: server.password ?? '' } }),
    maxConnections,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    logger: false,
    debug: false,
  });
  const description = `SMTP${server.secure ? 'S' : ''} at ${server.host}:${server.port}${
    server.user === undefined ? '' : ` as ${server.user}`
  }`;

  return {
    description,
    send: async (email) => {
      // The id sits between < and @ of the Message-ID: the webhook id's alphabet is safe there too.
      if (!isValidWebhookId(email.dedupeId)) {
        return { kind: 'failed', retryable: false, reason: 'the dedupe id cannot be a Message-ID' };
      }
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: email.to,
          subject: email.subject,
          text: email.text,
          ...(email.html === undefined ? {} : { html: email.html }),
          messageId: `<${email.dedupeId}@${messageIdDomain}>`,
        });
        if (info.accepted.length === 0) {
          return { kind: 'failed', retryable: false, reason: 'the server accepted no recipient' };
        }
        return { kind: 'delivered', status: replyCodeOf(info.response) };
      } catch (error) {
        return failureOf(error, server.password);
      }
    },
    close: () => {
      transport.close();
    },
  };
}
