import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EMAIL_UNREADABLE, parseEmail } from '../../../../../src-main/services/email/parse-email';
import { AppError } from '../../../../../src-shared/errors';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(join(__dirname, '../../../../fixtures/email', name)));
const bytes = (text: string) => new TextEncoder().encode(text.replace(/\n/g, '\r\n'));

async function refusal(name: string, content: Uint8Array): Promise<AppError> {
  const error = await parseEmail(name, content).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('reading an .eml file', () => {
  it('takes the sender, subject, date and plain text of a multipart message', async () => {
    const mail = await parseEmail('refund-complaint.eml', fixture('refund-complaint.eml'));
    expect(mail).toMatchObject({
      fromName: 'Zoë Ångström',
      fromAddress: 'zoe.angstrom@example.org',
      to: 'complaints@bank.example',
      subject: 'Überweisung nicht erhalten – refund still missing',
      // Sent at 09:15 in New Zealand (+13:00): the evening before in UTC.
      sentAt: '2026-11-29T20:15:00.000Z',
    });
    expect(mail.text).toContain('I asked for a refund of £240.00 on 2 November (order 88412)');
    expect(mail.text).not.toMatch(/<p>|=C2|=\r?\n/);
  });

  it('keeps each attachment with its decoded name, type and exact bytes', async () => {
    const mail = await parseEmail('refund-complaint.eml', fixture('refund-complaint.eml'));
    expect(mail.attachments.map((a) => [a.name, a.type])).toEqual([
      ["Zoë's statement.pdf", 'application/pdf'],
      ['receipt.png', 'image/png'],
    ]);
    expect(new TextDecoder().decode(mail.attachments[0]!.bytes)).toMatch(/^%PDF-1\.4/);
  });

  it('extracts the text of an HTML-only message without its scripts or styles', async () => {
    const mail = await parseEmail(
      'html-only.eml',
      bytes(`From: Ana <ana@example.com>
Subject: Still waiting
Date: Tue, 01 Dec 2026 08:00:00 -0500
Content-Type: text/html; charset=utf-8

<html><head><style>p{color:red}</style><script>alert("x")</script></head>
<body><p>Nobody called me back.</p><p>Ana &amp; family</p></body></html>
`),
    );
    expect(mail.text).toContain('Nobody called me back.');
    expect(mail.text).toContain('Ana & family');
    expect(mail.text).not.toMatch(/alert|color:red|<p>/);
    expect(mail.sentAt).toBe('2026-12-01T13:00:00.000Z');
  });

  it('gives no date rather than a wrong one when the Date header is missing or invalid', async () => {
    const mail = await parseEmail(
      'no-date.eml',
      bytes('From: a@example.com\nSubject: Hi\nDate: sometime last week\n\nHello\n'),
    );
    expect(mail.sentAt).toBeNull();
    expect(mail.text).toBe('Hello');
  });

  it.each([
    ['an empty file', new Uint8Array(0), /“x.eml” is empty/],
    [
      'a PDF renamed to .eml',
      new TextEncoder().encode('%PDF-1.4\n%âãÏÓ\n1 0 obj'),
      /could not be read as an e-mail/,
    ],
    ['random bytes', new Uint8Array(300).map((_, i) => (i * 37) % 256), /could not be read as an e-mail/],
    ['headers without sender, subject or body', bytes('X-Spam: no\n\n'), /could not be read as an e-mail/],
  ])('refuses %s with a clear message', async (_what, content, message) => {
    const error = await refusal('x.eml', content);
    expect(error.code).toBe('VALIDATION');
    expect(error.message).toMatch(message);
  });
});

describe('reading an Outlook .msg file', () => {
  it('takes the sender, subject, sent time, body and attachment', async () => {
    const mail = await parseEmail('outlook-complaint.msg', fixture('outlook-complaint.msg'));
    expect(mail).toMatchObject({
      fromName: 'Đặng Văn Minh',
      fromAddress: 'dang.minh@example.net',
      to: 'complaints@bank.example',
      subject: 'Card blocked abroad – no help from the branch',
      sentAt: '2026-11-27T16:42:00.000Z',
    });
    expect(mail.text).toContain('I paid €86.40 in fees');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      name: 'Fees statement – Lisbon.pdf',
      type: 'application/pdf',
    });
  });

  it('refuses a file that is not a compound file, and a truncated one', async () => {
    expect((await refusal('a.msg', bytes('From: a@example.com\n\nHello'))).message).toBe(
      EMAIL_UNREADABLE('a.msg'),
    );
    const truncated = fixture('outlook-complaint.msg').subarray(0, 1024);
    expect((await refusal('a.msg', truncated)).message).toBe(EMAIL_UNREADABLE('a.msg'));
  });
});
