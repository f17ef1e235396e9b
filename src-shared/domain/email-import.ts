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

/** The mail as an inbound contact in the communications log. */
export function inboundContactFromEmail(mail: MailFields, now: Date, words: MailWords): CommunicationInput {
  return {
    direction: 'in',
    channel: 'email',
    kind: 'other',
    at: receivedAtOf(mail, now),
    from: senderOf(mail).slice(0, SUBJECT_MAX),
    to: mail.to.slice(0, SUBJECT_MAX),
    subject: (mail.subject.trim() || words.noSubject).slice(0, SUBJECT_MAX),
    body: clip(mail.text.trim() || words.noText, CONTACT_BODY_MAX, words.truncated),
  };
}

/**
 * Evidence rows for the mails and their attachments, each file once (the same attachment in two
 * mails, or one mail imported twice, is one stored file).
 */
export function evidenceFromEmails(
  mails: readonly MailFields[],
  describe: { original: (subject: string) => string; attachment: (subject: string) => string },
): EvidenceInput[] {
  const seen = new Set<string>();
  const rows: EvidenceInput[] = [];
  for (const mail of mails) {
    const subject = mail.subject.trim().slice(0, 200);
    const files: [StoredMailFile, string][] = [
      [mail.original, describe.original(subject)],
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
