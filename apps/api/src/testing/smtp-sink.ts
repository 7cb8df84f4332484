import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { Redacted } from '@carapace/security';
import { parseMimeMessage } from './mime-message.js';

export interface ReceivedEmail {
  /** MAIL FROM of the envelope. */
  readonly envelopeFrom: string | undefined;
  /** RCPT TO of the envelope: who the message was delivered to, Bcc included. */
  readonly recipients: readonly string[];
  /** The user that authenticated, when the sink asks for credentials. */
  readonly authenticatedUser: string | undefined;
  /** Lower-case header names to decoded values (encoded-words resolved). */
  readonly headers: ReadonlyMap<string, string>;
  readonly subject: string | undefined;
  /** As in the header, angle brackets included. */
  readonly messageId: string | undefined;
  readonly text: string | undefined;
  readonly html: string | undefined;
  /** The message as received, for anything the parsed fields leave out. */
  readonly raw: Buffer;
  /** `Date.now()` when the message had arrived in full. */
  readonly receivedAtMs: number;
}

/** A reply that refuses the message, e.g. `{ code: 451, message: 'try again later' }`. */
export interface SmtpRefusal {
  readonly code: number;
  readonly message: string;
}

export interface SmtpSinkOptions {
  /** Require AUTH with these credentials (over plain TCP: the sink has no TLS). Anyone may send without them. */
  readonly credentials?: { readonly user: string; readonly password: string };
  /**
   * Decides each message once it has arrived: a refusal makes the sink answer it instead of 250.
   * `attempt` counts the messages with the same Message-ID so far, this one included (1 for the first).
   */
  readonly respond?: (email: ReceivedEmail, attempt: number) => SmtpRefusal | undefined;
}

export interface SmtpSink {
  readonly host: string;
  readonly port: number;
  /** `smtp://[user:password@]127.0.0.1:port`, ready for the e-mail sender. */
  readonly url: Redacted<string>;
  /** Messages accepted with 250, in arrival order. */
  readonly received: readonly ReceivedEmail[];
  /** Messages that arrived and were answered with a refusal from `respond`. */
  readonly refused: readonly ReceivedEmail[];
  /** Resolves once `count` messages were accepted. @throws Error if that takes longer than `timeoutMs`. */
  waitForReceived(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function collect(stream: SMTPServerDataStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      resolve(Buffer.concat(chunks));
    });
    stream.on('error', reject);
  });
}

function refusal(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * A real SMTP server on 127.0.0.1 (a free port) that keeps every message it accepts, parsed: envelope,
 * headers, subject, Message-ID and the text and HTML bodies. For tests of anything that sends mail.
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const received: ReceivedEmail[] = [];
  const refused: ReceivedEmail[] = [];
  const attemptsByMessageId = new Map<string, number>();
  const { credentials, respond } = options;

  const server = new SMTPServer({
    logger: false,
    disableReverseLookup: true,
    disabledCommands: credentials === undefined ? ['STARTTLS', 'AUTH'] : ['STARTTLS'],
    authOptional: credentials === undefined,
    allowInsecureAuth: true,
    closeTimeout: 1000,
    onAuth(auth, _session, callback) {
      if (
        credentials !== undefined &&
        auth.username === credentials.user &&
        auth.password === credentials.password
      ) {
        callback(null, { user: auth.username });
      } else {
        callback(refusal(535, 'Authentication credentials invalid'));
      }
    },
    onData(stream, session: SMTPServerSession, callback) {
      collect(stream).then(
        (raw) => {
          const parsed = parseMimeMessage(raw);
          const email: ReceivedEmail = {
            envelopeFrom: session.envelope.mailFrom === false ? undefined : session.envelope.mailFrom.address,
            recipients: session.envelope.rcptTo.map((recipient) => recipient.address),
            authenticatedUser: typeof session.user === 'string' ? session.user : undefined,
            headers: parsed.headers,
            subject: parsed.headers.get('subject'),
            messageId: parsed.headers.get('message-id'),
            text: parsed.text,
            html: parsed.html,
            raw,
            receivedAtMs: Date.now(),
          };
          const key = email.messageId ?? '';
          const attempt = (attemptsByMessageId.get(key) ?? 0) + 1;
          attemptsByMessageId.set(key, attempt);
          const answer = respond?.(email, attempt);
          if (answer === undefined) {
            received.push(email);
            callback();
          } else {
            refused.push(email);
            callback(refusal(answer.code, answer.message));
          }
        },
        (error: unknown) => {
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });

  const host = '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Errors on a client's connection (a client that vanished) are the client's business, not the test's.
  server.on('error', () => undefined);
  const { port } = server.server.address() as AddressInfo;
  const userInfo =
    credentials === undefined
      ? ''
      : `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.password)}@`;

  return {
    host,
    port,
    url: Redacted.of(`smtp://${userInfo}${host}:${port}`),
    received,
    refused,
    waitForReceived: async (count, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      while (received.length < count) {
        if (Date.now() > deadline) {
          throw new Error(
            `the SMTP sink received ${received.length} of ${count} messages in ${timeoutMs} ms`,
          );
        }
        await sleep(10);
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve();
        });
      }),
  };
}
