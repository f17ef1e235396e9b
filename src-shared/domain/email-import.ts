// What an imported e-mail becomes: the fields of a new complaint, an inbound contact in the
// communications log, and evidence rows for the message and its attachments.
import type { CommunicationInput } from './communications';
import type { EvidenceInput } from './investigation';

export interface StoredMailFile {
  name: string;
  type: string;
  size: number;
  sha256: string;
}

/** What a mail says, as read from its file. */
export interface MailHeadersAndText {
  fromName: string;
  fromAddress: string;
  to: string;
  subject: string;
  /** When it was sent, from its headers (ISO-8601 UTC); null when it does not say. */
  sentAt: string | null;
  /** The body as plain text. */
  text: string;
}

/**
 * Why an attachment a mail lists was not kept: its bytes could not be read out of the file (a
 * damaged .msg), or there were none (an empty file, or content that does not decode).
 */
export const LEFT_OUT_REASONS = ['unreadable', 'empty'] as const;
export type LeftOutReason = (typeof LEFT_OUT_REASONS)[number];

/** An attachment of the mail that is not among its stored files: the officer must be told. */
export interface LeftOutAttachment {
  /** Its file name as the mail gives it (safeFileName), else "attachment-<n>". */
  name: string;
  reason: LeftOutReason;
}

/** The most attachments a mail may have left out: more, and the file is refused as damaged. */
export const LEFT_OUT_MAX = 1000;

/** A mail once main has stored it and its attachments as evidence. */
export interface MailFields extends MailHeadersAndText {
  original: StoredMailFile;
  attachments: StoredMailFile[];
  /** Attachments it lists that could not be kept (none when absent). */
  leftOut?: readonly LeftOutAttachment[];
}

/** The limits the case and contact schemas set (case.ts, communications.ts). */
export const DESCRIPTION_MAX = 20_000;
export const CONTACT_BODY_MAX = 100_000;
const SUBJECT_MAX = 300;

/** Text cut to `max` characters, ending with `note` when something was left out. */
export function clip(text: string, max: number, note: string): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - note.length - 2)).trimEnd()}\n\n${note}`;
}

/** When the mail arrived: its sent time, unless missing or ahead of `now` (a sender's wrong clock). */
export function receivedAtOf(mail: Pick<MailFields, 'sentAt'>, now: Date): string {
  const sent = mail.sentAt ? Date.parse(mail.sentAt) : NaN;
  return new Date(Number.isNaN(sent) ? now.getTime() : Math.min(sent, now.getTime())).toISOString();
}

/** "Name <address>", or whichever of the two the mail gave. */
export function senderOf(mail: Pick<MailFields, 'fromName' | 'fromAddress'>): string {
  if (mail.fromName && mail.fromAddress) return `${mail.fromName} <${mail.fromAddress}>`;
  return mail.fromName || mail.fromAddress;
}

export interface MailWords {
  /** Stands in for a missing subject. */
  noSubject: string;
  /** Stands in for a message without text. */
  noText: string;
  /** Ends a text cut to fit. */
  truncated: string;
  /** Says, for the record, which attachments were not kept ("[1 attachment … “scan.pdf” …]"). */
  leftOut: (files: readonly LeftOutAttachment[]) => string;
}

/** The longest note of left-out attachments kept on a contact or an evidence row. */
const LEFT_OUT_NOTE_MAX = 1500;

/** The note of the mail's left-out attachments, cut to fit; null when none was left out. */
export function leftOutNote(
  mail: Pick<MailFields, 'leftOut'>,
  say: (files: readonly LeftOutAttachment[]) => string,
): string | null {
  if (!mail.leftOut?.length) return null;
  const note = say(mail.leftOut);
  return note.length <= LEFT_OUT_NOTE_MAX ? note : `${note.slice(0, LEFT_OUT_NOTE_MAX - 1).trimEnd()}…`;
}

/** The fields of a new complaint an e-mail fills in; the officer checks them before saving. */
export function complaintFromEmail(mail: MailFields, now: Date, words: MailWords) {
  const subject = mail.subject.trim();
  const body = mail.text.trim() || words.noText;
  return {
    name: mail.fromName.trim(),
    email: mail.fromAddress.trim(),
    channel: 'email' as const,
    preferredContact: 'email' as const,
    receivedAt: receivedAtOf(mail, now),
    description: clip(subject ? `${subject}\n\n${body}` : body, DESCRIPTION_MAX, words.truncated),
  };
}

/**
 * The mail as an inbound contact in the communications log. Attachments left out are said at the
 * end of its text, so the log (and the contact's audit entry) records that the evidence is not whole.
 */
export function inboundContactFromEmail(mail: MailFields, now: Date, words: MailWords): CommunicationInput {
  const note = leftOutNote(mail, words.leftOut);
  const text = mail.text.trim() || words.noText;
  return {
    direction: 'in',
    channel: 'email',
    kind: 'other',
    at: receivedAtOf(mail, now),
    from: senderOf(mail).slice(0, SUBJECT_MAX),
    to: mail.to.slice(0, SUBJECT_MAX),
    subject: (mail.subject.trim() || words.noSubject).slice(0, SUBJECT_MAX),
    body: note
      ? `${clip(text, CONTACT_BODY_MAX - note.length - 2, words.truncated)}\n\n${note}`
      : clip(text, CONTACT_BODY_MAX, words.truncated),
  };
}

/**
 * Evidence rows for the mails and their attachments, each file once (the same attachment in two
 * mails, or one mail imported twice, is one stored file). A mail's row says which of its
 * attachments were left out, so the case's evidence (and its audit entry) records that it is not whole.
 */
export function evidenceFromEmails(
  mails: readonly MailFields[],
  describe: {
    original: (subject: string) => string;
    attachment: (subject: string) => string;
    leftOut: (files: readonly LeftOutAttachment[]) => string;
  },
): EvidenceInput[] {
  const seen = new Set<string>();
  const rows: EvidenceInput[] = [];
  for (const mail of mails) {
    const subject = mail.subject.trim().slice(0, 200);
    const note = leftOutNote(mail, describe.leftOut);
    const files: [StoredMailFile, string][] = [
      [mail.original, note ? `${describe.original(subject)} ${note}` : describe.original(subject)],
      ...mail.attachments.map((a): [StoredMailFile, string] => [a, describe.attachment(subject)]),
    ];
    for (const [file, description] of files) {
      if (seen.has(file.sha256)) continue;
      seen.add(file.sha256);
      rows.push({
        name: file.name.slice(0, 255),
        size: file.size,
        type: file.type.slice(0, 200),
        sha256: file.sha256,
        description: description.slice(0, 2000),
      });
    }
  }
  return rows;
}
