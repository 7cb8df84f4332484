import { createServer } from 'node:net';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { Redacted } from '@carapace/security';
import { startSmtpSink, type SmtpSink, type SmtpSinkOptions } from '../../testing/smtp-sink.js';
import { createEmailSender, type EmailSender, type OutgoingEmail } from './email-sender.js';

const FROM = 'Carapace 预警 <alerts@carapace.example>';
const PASSWORD = 'p@ss:w/rd-不可泄露';
const EMAIL: OutgoingEmail = {
  dedupeId: '0190a0f4-7b3c-7def-8a12-3456789abcde',
  to: 'security@insured.example',
  subject: '高危漏洞预警：xz 后门 (CVE-2024-3094)',
  text: '您的资产 xz-utils 5.6.0 受 CVE-2024-3094 影响。\nEPSS 0.94，已列入 CISA KEV。',
  html: '<p>您的资产 <b>xz-utils 5.6.0</b> 受 CVE-2024-3094 影响。</p>',
};

describe('e-mail sender', () => {
  const sinks: SmtpSink[] = [];
  const senders: EmailSender[] = [];

  afterEach(async () => {
    for (const sender of senders.splice(0)) sender.close();
    await Promise.all(sinks.splice(0).map((sink) => sink.close()));
  });

  async function sink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
    const started = await startSmtpSink(options);
    sinks.push(started);
    return started;
  }

  function sender(smtpUrl: Redacted<string>, allowLoginWithoutTls = true): EmailSender {
    const created = createEmailSender({ smtpUrl, from: FROM, timeoutMs: 5000, allowLoginWithoutTls });
    senders.push(created);
    return created;
  }

  it('sends text and HTML with the subject, recipient and a Message-ID made from the dedupe id', async () => {
    const server = await sink();
    const result = await sender(server.url).send(EMAIL);
    expect(result).toEqual({ kind: 'delivered', status: 250 });
    const [received] = server.received;
    expect(received?.envelopeFrom).toBe('alerts@carapace.example');
    expect(received?.recipients).toEqual(['security@insured.example']);
    expect(received?.subject).toBe(EMAIL.subject);
    expect(received?.messageId).toBe('<0190a0f4-7b3c-7def-8a12-3456789abcde@carapace.example>');
    expect(received?.headers.get('from')).toBe('Carapace 预警 <alerts@carapace.example>');
    expect(received?.headers.get('to')).toBe('security@insured.example');
    expect(received?.text).toBe(EMAIL.text);
    expect(received?.html).toBe(EMAIL.html);
  });

  it('sends a text-only message when there is no HTML', async () => {
    const server = await sink();
    const textOnly: OutgoingEmail = {
      dedupeId: EMAIL.dedupeId,
      to: EMAIL.to,
      subject: EMAIL.subject,
      text: EMAIL.text,
    };
    expect((await sender(server.url).send(textOnly)).kind).toBe('delivered');
    expect(server.received[0]?.text).toBe(EMAIL.text);
    expect(server.received[0]?.html).toBeUndefined();
  });

  it('gives a re-sent message the same Message-ID, so receivers can drop the copy', async () => {
    const server = await sink();
    const mail = sender(server.url);
    await mail.send(EMAIL);
    await mail.send(EMAIL);
    const ids = server.received.map((email) => email.messageId);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
  });

  it('retries a 4xx reply and gives up on a 5xx reply, with the reply in the reason', async () => {
    const server = await sink({
      respond: (email) =>
        email.recipients[0] === 'later@insured.example'
          ? { code: 451, message: 'Mailbox busy, try again later' }
          : { code: 550, message: 'No such user here' },
    });
    const mail = sender(server.url);
    expect(await mail.send({ ...EMAIL, to: 'later@insured.example' })).toEqual({
      kind: 'failed',
      retryable: true,
      reason: 'SMTP 451: 451 Mailbox busy, try again later',
    });
    expect(await mail.send({ ...EMAIL, to: 'gone@insured.example' })).toEqual({
      kind: 'failed',
      retryable: false,
      reason: 'SMTP 550: 550 No such user here',
    });
    expect(server.received).toEqual([]);
  });

  it('authenticates with the URL credentials, and never shows the password', async () => {
    const server = await sink({ credentials: { user: 'carapace', password: PASSWORD } });
    const mail = sender(server.url);
    expect(await mail.send(EMAIL)).toEqual({ kind: 'delivered', status: 250 });
    expect(server.received[0]?.authenticatedUser).toBe('carapace');
    expect(mail.description).toBe(`SMTP at 127.0.0.1:${server.port} as carapace`);
    for (const shown of [mail.description, inspect(mail, { depth: 5 }), JSON.stringify(mail)]) {
      expect(shown).not.toContain(PASSWORD);
      expect(shown).not.toContain(encodeURIComponent(PASSWORD));
    }
  });

  it('will not log in without TLS unless allowed, so the password never crosses in clear', async () => {
    const server = await sink({ credentials: { user: 'carapace', password: PASSWORD } });
    const result = await sender(server.url, false).send(EMAIL);
    expect(result).toMatchObject({ kind: 'failed' });
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(server.received).toEqual([]);
  });

  it('reports rejected credentials as a permanent failure without the password', async () => {
    const server = await sink({ credentials: { user: 'carapace', password: PASSWORD } });
    const wrongUrl = Redacted.of(
      `smtp://carapace:wrong-${encodeURIComponent(PASSWORD)}@127.0.0.1:${server.port}`,
    );
    const result = await sender(wrongUrl).send(EMAIL);
    expect(result).toMatchObject({ kind: 'failed', retryable: false });
    expect(result.kind === 'failed' ? result.reason : '').toMatch(/^SMTP 535: /);
    expect(JSON.stringify(result)).not.toContain(PASSWORD);
    expect(server.received).toEqual([]);
  });

  it('reports a server that cannot be reached as retryable', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await new Promise((resolve) => probe.close(resolve));
    const result = await sender(Redacted.of(`smtp://127.0.0.1:${port}`)).send(EMAIL);
    expect(result).toMatchObject({ kind: 'failed', retryable: true });
    expect(result.kind === 'failed' ? result.reason : '').toMatch(/^ESOCKET: .*ECONNREFUSED/);
  });

  it('refuses a dedupe id that cannot be a Message-ID, without sending', async () => {
    const server = await sink();
    const result = await sender(server.url).send({ ...EMAIL, dedupeId: 'a@b' });
    expect(result).toEqual({
      kind: 'failed',
      retryable: false,
      reason: 'the dedupe id cannot be a Message-ID',
    });
    expect(server.received).toEqual([]);
  });

  it('refuses a malformed configuration with a RangeError that never quotes the URL', () => {
    const make =
      (smtpUrl: string, from = FROM) =>
      () =>
        createEmailSender({ smtpUrl: Redacted.of(smtpUrl), from });
    const attempts = [
      make(`http://u:${PASSWORD}@mail.example`),
      make(`smtp://u:${PASSWORD}@`),
      make(`smtp://u:${PASSWORD}@mail.example/path`),
      make(`smtp://u:${PASSWORD}@mail.example?tls=no`),
      make('not a url'),
      make('smtp://mail.example', 'no-domain'),
    ];
    for (const attempt of attempts) {
      expect(attempt).toThrow(RangeError);
      try {
        attempt();
      } catch (error) {
        expect(String(error)).not.toContain('p@ss');
      }
    }
    expect(() =>
      createEmailSender({ smtpUrl: Redacted.of('smtps://mail.example'), from: FROM }),
    ).not.toThrow();
  });
});
