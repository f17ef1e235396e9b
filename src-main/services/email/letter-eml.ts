// A letter as an unsent e-mail (.eml, RFC 5322 with MIME): To the complainant, the letter's text as
// the body and its PDF attached. The officer opens it in their mail program and sends it from there
// ("X-Unsent: 1" makes Outlook open it as a draft); Redress itself sends nothing.
import { randomUUID } from 'node:crypto';
import { writeNewFile } from '../files/new-file';

const CRLF = '\r\n';

/** A header value as an RFC 2047 encoded word when it is not plain ASCII. */
function encodeWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

/** Base64 in lines of 76 characters, as MIME asks. */
function base64Lines(bytes: Uint8Array): string {
  return (
    Buffer.from(bytes)
      .toString('base64')
      .match(/.{1,76}/g) ?? []
  ).join(CRLF);
}

const pad = (n: number) => String(n).padStart(2, '0');
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** An RFC 5322 date in UTC: "Thu, 03 Dec 2026 19:19:28 +0000". */
export function rfc5322Date(d: Date): string {
  return `${DAYS[d.getUTCDay()]}, ${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

export interface LetterEmail {
  /** The office's complaints mailbox; without it the mail program fills in its own account. */
  from?: { name: string; address: string } | null;
  to: { name: string; address: string };
  subject: string;
  text: string;
  pdf: Uint8Array;
  pdfName: string;
  date: Date;
}

/**
 * `"Name" <address>` for a plain ASCII name; `=?UTF-8?B?…?= <address>` for any other, unquoted (RFC
 * 2047 §5: an encoded word inside quotes is not decoded, and some mail programs show it raw);
 * `<address>` without a name.
 */
function mailbox(who: { name: string; address: string }): string {
  const name = who.name.replace(/["\\\r\n]/g, '').trim();
  if (!name) return `<${who.address}>`;
  const word = encodeWord(name);
  return word === name ? `"${name}" <${who.address}>` : `${word} <${who.address}>`;
}

export function buildLetterEml(mail: LetterEmail): string {
  const boundary = `redress-${randomUUID()}`;
  const to = mailbox(mail.to);
  const fileName = encodeURIComponent(mail.pdfName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const asciiName = mail.pdfName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return [
    `Date: ${rfc5322Date(mail.date)}`,
    ...(mail.from ? [`From: ${mailbox(mail.from)}`] : []),
    `To: ${to}`,
    `Subject: ${encodeWord(mail.subject.replace(/[\r\n]+/g, ' '))}`,
    `Message-ID: <${randomUUID()}@redress.invalid>`,
    'X-Unsent: 1',
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(Buffer.from(mail.text.replace(/\r?\n/g, CRLF), 'utf8')),
    `--${boundary}`,
    `Content-Type: application/pdf; name="${asciiName}"`,
    `Content-Disposition: attachment; filename="${asciiName}"; filename*=UTF-8''${fileName}`,
    'Content-Transfer-Encoding: base64',
    '',
    base64Lines(mail.pdf),
    `--${boundary}--`,
    '',
  ].join(CRLF);
}

/** Writes the message into `folder` under a free name ("name.eml", "name (2).eml"…). */
export function writeNewEml(folder: string, name: string, content: string): Promise<string> {
  return writeNewFile(folder, name, '.eml', content, 'letter');
}
