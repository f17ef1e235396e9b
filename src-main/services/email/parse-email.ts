// Reads an .eml (RFC 5322, postal-mime) or Outlook .msg (@kenjiuno/msgreader) file into the few
// fields intake and the communications log need. Pure over bytes: storing is the caller's part.
// HTML bodies are only ever turned into text (html-text.ts), never rendered.
import MsgReader from '@kenjiuno/msgreader';
import PostalMime from 'postal-mime';
import {
  LEFT_OUT_MAX,
  type LeftOutAttachment,
  type MailHeadersAndText,
} from '../../../src-shared/domain/email-import';
import { ValidationError } from '../../../src-shared/errors';
import { safeFileName } from '../../../src-shared/domain/file-names';
import { htmlToText } from './html-text';
import { readPastDamagedAttachments } from './msg-damaged-attachments';

export interface ParsedAttachment {
  name: string;
  type: string;
  bytes: Uint8Array;
}

export interface ParsedEmail extends MailHeadersAndText {
  /** Every attachment read, none of them empty. */
  attachments: ParsedAttachment[];
  /** Attachments the mail lists that could not be read or had no content: never silently dropped. */
  leftOut: LeftOutAttachment[];
}

export const EMAIL_UNREADABLE = (name: string) =>
  `“${name}” could not be read as an e-mail. It may be damaged or not an e-mail file; save the message from your mail program again and retry.`;

/** An ISO instant from a header date, or null when there is none or it does not parse. */
function instant(value: string | undefined | null): string | null {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

const tidy = (text: string) => text.replace(/\r\n?/g, '\n').trim();

/**
 * The attachments kept, and those left out: an empty one (nothing to keep as evidence; in an .eml,
 * also a part whose content does not decode) is named among the left-out, never dropped unsaid.
 * A file with more than LEFT_OUT_MAX of those is refused as damaged.
 */
function sortAttachments(
  name: string,
  read: (ParsedAttachment | LeftOutAttachment)[],
): Pick<ParsedEmail, 'attachments' | 'leftOut'> {
  const attachments: ParsedAttachment[] = [];
  const leftOut: LeftOutAttachment[] = [];
  for (const a of read) {
    if ('reason' in a) leftOut.push(a);
    else if (a.bytes.length === 0)
      leftOut.push({ name: safeFileName(a.name, 'attachment'), reason: 'empty' });
    else attachments.push(a);
  }
  if (leftOut.length > LEFT_OUT_MAX) throw new ValidationError(EMAIL_UNREADABLE(name), 'file');
  return { attachments, leftOut };
}

/** Whether these bytes look like an RFC 5322 message: a header line before any blank line. */
function looksLikeMessage(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  return /^[\x21-\x39\x3b-\x7e]+:[^\r\n]*\r?\n/.test(head.replace(/^\uFEFF/, ''));
}

export async function parseEml(name: string, bytes: Uint8Array): Promise<ParsedEmail> {
  if (!looksLikeMessage(bytes)) throw new ValidationError(EMAIL_UNREADABLE(name), 'file');
  let mail: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    mail = await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    throw Object.assign(new ValidationError(EMAIL_UNREADABLE(name), 'file'), { cause: error });
  }
  if (!mail.from && !mail.subject && !mail.text && !mail.html)
    throw new ValidationError(EMAIL_UNREADABLE(name), 'file');
  const text = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html) : '';
  return {
    fromName: mail.from?.name ?? '',
    fromAddress: mail.from && 'address' in mail.from ? (mail.from.address ?? '') : '',
    to: (mail.to ?? []).map((a) => ('address' in a && a.address ? a.address : a.name)).join(', '),
    subject: mail.subject ?? '',
    sentAt: instant(mail.date),
    text: tidy(text),
    ...sortAttachments(
      name,
      mail.attachments.map((a, i) => ({
        name: a.filename ?? `attachment-${i + 1}`,
        type: a.mimeType || 'application/octet-stream',
        bytes: new Uint8Array(a.content as ArrayBuffer),
      })),
    ),
  };
}

/** The first header named `name` in a block of transport headers. */
function header(headers: string | undefined, name: string): string | undefined {
  const match = headers?.match(new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im'));
  return match?.[1]?.replace(/\r?\n[ \t]+/g, ' ').trim();
}

/** Compound File Binary signature: every .msg starts with it. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/**
 * The Windows code page (iconv-lite's name) an Outlook message's 8-bit ("ANSI") strings are in:
 * the message's code page, else its internet code page's Windows counterpart (a Japanese mail sent
 * as ISO-2022-JP keeps its strings in Shift JIS), else Windows-1252. msgreader's own default reads
 * them as Latin-1, which garbles a Western message's € and curly quotes and every other script.
 */
export function msgAnsiEncoding(...codepages: (number | undefined)[]): string {
  for (const codepage of codepages) {
    const encoding = codepage === undefined ? null : windowsEncoding(codepage);
    if (encoding) return encoding;
  }
  return 'cp1252';
}

/** The iconv-lite name of a code page's Windows counterpart, or null when it has none we know. */
function windowsEncoding(codepage: number): string | null {
  if (codepage === 65001) return 'utf8';
  if (codepage >= 1250 && codepage <= 1258) return `cp${codepage}`;
  const family: [readonly number[], string][] = [
    [[932, 20932, 50220, 50221, 50222, 51932], 'cp932'],
    [[936, 20936, 50227, 51936, 52936, 54936], 'gbk'],
    [[949, 50225, 51949], 'cp949'],
    [[950, 20000, 51950], 'cp950'],
    [[874], 'cp874'],
    [[28592], 'cp1250'],
    [[20866, 21866, 28595], 'cp1251'],
    [[28597], 'cp1253'],
    [[28599], 'cp1254'],
    [[28598, 38598], 'cp1255'],
    [[28596], 'cp1256'],
    [[28594, 28603], 'cp1257'],
  ];
  return family.find(([pages]) => pages.includes(codepage))?.[1] ?? null;
}

/** An embedded Outlook message is handed on as the .msg file Outlook would save it as. */
const MSG_TYPE = 'application/vnd.ms-outlook';

export async function parseMsg(name: string, bytes: Uint8Array): Promise<ParsedEmail> {
  if (bytes.length < 512 || CFB_MAGIC.some((b, i) => bytes[i] !== b))
    throw new ValidationError(EMAIL_UNREADABLE(name), 'file');
  try {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const read = (ansiEncoding: string) => {
      const reader = new MsgReader(view);
      reader.parserConfig = { ansiEncoding };
      const damaged = readPastDamagedAttachments(reader);
      return { reader, damaged, data: reader.getFileData() };
    };
    // The code pages are numbers, read alike whatever the strings' encoding: read, then read
    // again in the message's own when it is another.
    let { reader, damaged, data } = read('cp1252');
    const encoding = msgAnsiEncoding(data.messageCodepage, data.internetCodepage);
    if (encoding !== 'cp1252') ({ reader, damaged, data } = read(encoding));
    if (data.error || (!data.subject && !data.body && !data.senderEmail && !data.bodyHtml))
      throw new ValidationError(EMAIL_UNREADABLE(name), 'file');
    const html = data.bodyHtml ?? (data.html ? new TextDecoder().decode(data.html) : '');
    const text = data.body?.trim() ? data.body : html ? htmlToText(html) : '';
    const sentAt =
      instant(header(data.headers, 'Date')) ??
      instant(data.clientSubmitTime) ??
      instant(data.messageDeliveryTime);
    // A message forwarded as an attachment (or an .eml dropped into Outlook) is kept too, as the
    // .msg msgreader writes from its storage: it is often the complaint itself.
    const attachments = (data.attachments ?? []).map((a, i): ParsedAttachment | LeftOutAttachment => {
      // Named by its display name, often the subject ("RE: refund 12/03"): its slashes are no folders.
      const title = (a.name ?? '').replace(/[\\/]/g, ' ').trim();
      const fallback = `attachment-${i + 1}${a.innerMsgContent ? '.msg' : ''}`;
      const named = a.innerMsgContent
        ? safeFileName(title && `${title}.msg`, fallback)
        : safeFileName(a.fileName || title, fallback);
      try {
        // Its storage damaged: even what was read of it may be wrong.
        if (damaged.has(a)) throw damaged.get(a);
        const file = reader.getAttachment(a);
        if (!a.innerMsgContent)
          return {
            name: file.fileName || a.fileName || fallback,
            type: a.attachMimeTag || 'application/octet-stream',
            bytes: file.content,
          };
        return { name: named, type: MSG_TYPE, bytes: file.content };
      } catch (error) {
        // One attachment msgreader cannot read or write out does not lose the e-mail and its other files;
        // it is named as left out, so the officer knows the evidence is not whole.
        console.warn(`[redress] an attachment of “${name}” could not be read and was left out:`, error);
        return { name: named, reason: 'unreadable' };
      }
    });
    return {
      fromName: data.senderName ?? '',
      fromAddress: data.senderSmtpAddress || data.senderEmail || data.creatorSMTPAddress || '',
      to: (data.recipients ?? [])
        .filter((r) => (r.recipType ?? 'to') === 'to')
        .map((r) => r.smtpAddress || r.email || r.name || '')
        .filter(Boolean)
        .join(', '),
      subject: data.subject ?? '',
      sentAt,
      text: tidy(text),
      ...sortAttachments(name, attachments),
    };
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw Object.assign(new ValidationError(EMAIL_UNREADABLE(name), 'file'), { cause: error });
  }
}

/** Parses by the file's extension (the contract admits only .eml and .msg). */
export function parseEmail(name: string, bytes: Uint8Array): Promise<ParsedEmail> {
  if (bytes.length === 0) return Promise.reject(new ValidationError(`“${name}” is empty.`, 'file'));
  return name.toLowerCase().endsWith('.msg') ? parseMsg(name, bytes) : parseEml(name, bytes);
}
