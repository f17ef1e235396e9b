import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { burn, type Entry } from '@kenjiuno/msgreader/lib/Burner';
import { TypeEnum } from '@kenjiuno/msgreader/lib/Reader';
import {
  EMAIL_UNREADABLE,
  msgAnsiEncoding,
  parseEmail,
} from '../../../../../src-main/services/email/parse-email';
import { AppError } from '../../../../../src-shared/errors';
import { ENTRY_SIZE, streamEntry } from '../../../../fixtures/email/stream-entry';

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

  it('lists an attachment whose content cannot be decoded as left out, keeping the others', async () => {
    // The PDF's base64 is not base64 at all (a mail gateway mangled it): nothing can be decoded.
    const mail = await parseEmail(
      'mangled.eml',
      bytes(`From: Ana <ana@example.com>
Subject: My documents
Content-Type: multipart/mixed; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

Both documents attached.
--b
Content-Type: application/pdf; name="scan.pdf"
Content-Disposition: attachment; filename="scan.pdf"
Content-Transfer-Encoding: base64

!!!!****####
--b
Content-Type: text/plain; name="notes.txt"
Content-Disposition: attachment; filename="notes.txt"

Call me after 5.
--b--
`),
    );
    expect(mail.attachments.map((a) => a.name)).toEqual(['notes.txt']);
    expect(mail.leftOut).toEqual([{ name: 'scan.pdf', reason: 'empty' }]);
    expect(mail.text).toBe('Both documents attached.');
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

/** A fixture with the size its directory gives one stream made `by` bytes smaller: a broken copy. */
function cutShort(name: string, stream: string, size: number, by: number): Uint8Array {
  const bytes = Buffer.from(fixture(name));
  bytes.writeUInt32LE(size - by, streamEntry(bytes, stream, size) + ENTRY_SIZE);
  return new Uint8Array(bytes);
}

/**
 * A minimal non-Unicode ("ANSI") Outlook message, as older Outlook and many mail archivers write
 * it: its strings are 8-bit in the code page its PR_MESSAGE_CODEPAGE names.
 */
function ansiMsg(codepage: number, subject: number[], body: number[]): Uint8Array {
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const entries: Entry[] = [{ name: 'Root Entry', type: TypeEnum.ROOT, children: [], length: 0 }];
  const add = (name: string, data: Uint8Array) => {
    entries[0]!.children!.push(entries.length);
    entries.push({ name, type: TypeEnum.DOCUMENT, binaryProvider: () => data, length: data.length });
  };
  const props = Buffer.concat([Buffer.alloc(32), u32(0x3ffd0003), u32(6), u32(codepage), u32(0)]);
  add('__properties_version1.0', new Uint8Array(props));
  add('__substg1.0_001A001E', new Uint8Array(Buffer.from('IPM.Note\0', 'latin1')));
  add('__substg1.0_0037001E', new Uint8Array([...subject, 0]));
  add('__substg1.0_1000001E', new Uint8Array([...body, 0]));
  return new Uint8Array(burn(entries));
}

/** What outlook-complaint.msg says (make-msg.ts). */
const COMPLAINT = {
  fromName: 'Đặng Văn Minh',
  fromAddress: 'dang.minh@example.net',
  to: 'complaints@bank.example',
  subject: 'Card blocked abroad – no help from the branch',
  sentAt: '2026-11-27T16:42:00.000Z',
};

describe('reading an Outlook .msg file', () => {
  it('reads an ANSI message’s strings in its own code page, not as Latin-1', async () => {
    // "Fee €25 – wasn’t refunded" in Windows-1252.
    const western = ansiMsg(
      1252,
      [...Buffer.from('Fee ', 'latin1'), 0x80, ...Buffer.from('25 ', 'latin1'), 0x96],
      [...Buffer.from('It wasn', 'latin1'), 0x92, ...Buffer.from('t refunded.', 'latin1')],
    );
    const w = await parseEmail('western.msg', western);
    expect([w.subject, w.text]).toEqual(['Fee €25 –', 'It wasn’t refunded.']);
    // "Жалоба" (complaint) in Windows-1251.
    const cyrillic = ansiMsg(
      1251,
      [0xc6, 0xe0, 0xeb, 0xee, 0xe1, 0xe0],
      [0xc6, 0xe0, 0xeb, 0xee, 0xe1, 0xe0],
    );
    const c = await parseEmail('cyrillic.msg', cyrillic);
    expect([c.subject, c.text]).toEqual(['Жалоба', 'Жалоба']);
    // Written by Outlook in Japan: no message code page, ISO-2022-JP as the internet one.
    const japanese = await parseEmail('cp932.msg', fixture('msgreader/non-unicode-cp932.msg'));
    expect(japanese.subject).toBe('日本語 Non Unicode タイトル');
    expect(japanese.text).toBe('日本語 Non Unicode 本文');
  });

  it('names the Windows code page of a message’s 8-bit strings', () => {
    expect(msgAnsiEncoding(undefined)).toBe('cp1252');
    expect(msgAnsiEncoding(1250)).toBe('cp1250');
    expect(msgAnsiEncoding(28592)).toBe('cp1250');
    expect(msgAnsiEncoding(20866)).toBe('cp1251');
    expect(msgAnsiEncoding(50220)).toBe('cp932');
    // Unicode strings in 8 bits; and a code page with no Windows counterpart gives way to the next.
    expect(msgAnsiEncoding(65001)).toBe('utf8');
    expect(msgAnsiEncoding(1200, 50220)).toBe('cp932');
    expect(msgAnsiEncoding(undefined, 1251)).toBe('cp1251');
    expect(msgAnsiEncoding(1200)).toBe('cp1252');
  });

  it('keeps a message attached to the message as an .msg file that reads again, beside the other files', async () => {
    const mail = await parseEmail('msg-in-msg.msg', fixture('msgreader/msg-in-msg.msg'));
    expect(mail.attachments.map((a) => [a.name, a.type])).toEqual([
      ['Microsoft Outlook テスト メッセージ.msg', 'application/vnd.ms-outlook'],
      ['green.png', 'application/octet-stream'],
    ]);
    const inner = await parseEmail(mail.attachments[0]!.name, mail.attachments[0]!.bytes);
    expect(inner.subject).toBe('Microsoft Outlook テスト メッセージ');
    // An .eml dropped into Outlook is stored as a message too.
    const eml = await parseEmail('attached-eml.msg', fixture('msgreader/attached-eml.msg'));
    expect(eml.attachments.map((a) => [a.name, a.type])).toEqual([
      ['sample.eml (555 バイト).msg', 'application/vnd.ms-outlook'],
    ]);
    expect((await parseEmail('inner.msg', eml.attachments[0]!.bytes)).subject).not.toBe('');
  });

  it('lists an attachment it cannot write out of a damaged message as left out, keeping the rest', async () => {
    // msg-in-msg.msg with green.png's data stream lost (make-damaged-msg.ts): msgreader lists the
    // picture but cannot write it out.
    const mail = await parseEmail('damaged-attachment.msg', fixture('damaged-attachment.msg'));
    expect(mail.subject).toBe('I have attachments!');
    expect(mail.attachments.map((a) => a.name)).toEqual(['Microsoft Outlook テスト メッセージ.msg']);
    expect(mail.leftOut).toEqual([{ name: 'green.png', reason: 'unreadable' }]);
    // The undamaged message lists nothing left out.
    expect((await parseEmail('msg-in-msg.msg', fixture('msgreader/msg-in-msg.msg'))).leftOut).toEqual([]);
  });

  it('takes the sender, subject, sent time, body and attachment', async () => {
    const mail = await parseEmail('outlook-complaint.msg', fixture('outlook-complaint.msg'));
    expect(mail).toMatchObject(COMPLAINT);
    expect(mail.text).toContain('I paid €86.40 in fees');
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      name: 'Fees statement – Lisbon.pdf',
      type: 'application/pdf',
    });
  });

  it('keeps the e-mail and its other files when one attachment’s storage is damaged', async () => {
    // outlook-complaint.msg with a photo attached whose property stream is cut short (make-msg.ts):
    // msgreader throws reading it, which used to refuse the whole e-mail.
    const mail = await parseEmail(
      'damaged-attachment-properties.msg',
      fixture('damaged-attachment-properties.msg'),
    );
    expect(mail).toMatchObject(COMPLAINT);
    expect(mail.text).toContain('I paid €86.40 in fees');
    expect(mail.attachments.map((a) => [a.name, a.type])).toEqual([
      ['Fees statement – Lisbon.pdf', 'application/pdf'],
    ]);
    expect(new TextDecoder().decode(mail.attachments[0]!.bytes)).toMatch(/^%PDF-1\.4\n[^]*%%EOF\n$/);
    expect(mail.leftOut).toEqual([{ name: 'ATM receipt.jpg', reason: 'unreadable' }]);
    // All else as the message without the photo reads.
    const whole = await parseEmail('outlook-complaint.msg', fixture('outlook-complaint.msg'));
    expect({ ...mail, leftOut: [] }).toEqual(whole);
  });

  it.each([
    // A string of UTF-16 cut mid-character: msgreader throws decoding it.
    [
      'green.png’s file name',
      '__substg1.0_3707001F',
      18,
      ['Microsoft Outlook テスト メッセージ.msg'],
      'green.png',
    ],
    // Read as part of its attachment, which is left out: by the fallback name, none read before.
    ['the attached message’s subject', '__substg1.0_0037001F', 54, ['green.png'], 'attachment-1'],
  ])(
    'leaves out an attachment whose storage is damaged (%s cut short) in a real Outlook message',
    async (_what, stream, size, kept, leftOut) => {
      const mail = await parseEmail('damaged.msg', cutShort('msgreader/msg-in-msg.msg', stream, size, 1));
      expect(mail.subject).toBe('I have attachments!');
      expect(mail.attachments.map((a) => a.name)).toEqual(kept);
      expect(mail.leftOut).toEqual([{ name: leftOut, reason: 'unreadable' }]);
    },
  );

  it.each([
    ['its property stream', '__properties_version1.0', 64, 8],
    ['its subject', '__substg1.0_0037001F', 92, 1],
  ])(
    'still refuses a message whose own storage is damaged (%s cut short)',
    async (_what, stream, size, by) => {
      const damaged = cutShort('damaged-attachment-properties.msg', stream, size, by);
      expect((await refusal('a.msg', damaged)).message).toBe(EMAIL_UNREADABLE('a.msg'));
    },
  );

  it('refuses a file that is not a compound file, and a truncated one', async () => {
    expect((await refusal('a.msg', bytes('From: a@example.com\n\nHello'))).message).toBe(
      EMAIL_UNREADABLE('a.msg'),
    );
    const truncated = fixture('outlook-complaint.msg').subarray(0, 1024);
    expect((await refusal('a.msg', truncated)).message).toBe(EMAIL_UNREADABLE('a.msg'));
  });
});
