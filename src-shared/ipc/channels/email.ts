// E-mail import: the renderer sends a dropped or chosen .eml/.msg file's bytes; main parses it,
// stores the message and its attachments in the evidence store and returns what intake or the
// communications log needs. Nothing of the message is ever rendered as HTML.
import { z } from 'zod';
import { LEFT_OUT_MAX, LEFT_OUT_REASONS } from '../../domain/email-import';
import { SHA256_HEX } from '../../domain/investigation';
import { sentFile } from './input';
import { LetterPdfDataSchema } from './reports';

/** The largest message accepted (attachments included), in bytes. */
export const EMAIL_MAX_BYTES = 25 * 1024 * 1024;

export const EMAIL_FILE_TYPES = ['.eml', '.msg'] as const;

const StoredFile = z.object({
  name: z.string(),
  type: z.string(),
  size: z.number().int().positive(),
  sha256: z.string().regex(SHA256_HEX),
});
export type StoredEmailFile = z.output<typeof StoredFile>;

/** An attachment the message lists that could not be kept (its name is a safeFileName, ≤ 150). */
const LeftOutFile = z.object({
  name: z.string().min(1).max(255),
  reason: z.enum(LEFT_OUT_REASONS),
});

export const ImportedEmailSchema = z.object({
  fromName: z.string(),
  fromAddress: z.string(),
  to: z.string(),
  subject: z.string(),
  /** When it was sent, from its headers (ISO-8601 UTC); null when the message does not say. */
  sentAt: z.string().nullable(),
  /** The body as plain text (an HTML-only message's text is extracted, never rendered). */
  text: z.string(),
  /** The message file itself, kept as evidence of what arrived. */
  original: StoredFile,
  attachments: z.array(StoredFile),
  /** Attachments not stored (unreadable or empty): the officer is told, never left to assume. */
  leftOut: z.array(LeftOutFile).max(LEFT_OUT_MAX),
});
export type ImportedEmail = z.output<typeof ImportedEmailSchema>;

/** A New complaint not saved yet, whose imported files main may remove if it is left unsaved. */
const IntakeSession = z.uuid('The intake session is not valid.');

export const emailChannels = {
  'email:import': {
    input: sentFile({
      types: EMAIL_FILE_TYPES,
      wrongType: 'Only e-mail files (.eml or Outlook .msg) can be imported.',
      maxBytes: EMAIL_MAX_BYTES,
      tooLarge: `The file is too large to import (at most ${EMAIL_MAX_BYTES / 1024 / 1024} MB).`,
    }).extend({
      /** Set by New complaint: the files this import writes stay staged until the complaint is saved. */
      session: IntakeSession.optional(),
    }),
    output: ImportedEmailSchema,
  },
  // New complaint was saved with these files (sent just before the save): never removed as staged.
  'email:commit-staged': {
    input: z.object({ sha256s: z.array(z.string().regex(SHA256_HEX)).max(10_000) }),
    output: z.object({ ok: z.literal(true) }),
  },
  // New complaint was left unsaved: main removes the files only that session's imports wrote.
  'email:discard-staged': {
    input: z.object({ session: IntakeSession }),
    output: z.object({ removed: z.number().int().nonnegative() }),
  },
  // A letter as an unsent e-mail with its PDF attached, written into the exports folder.
  'email:save-letter': {
    input: z.object({
      data: LetterPdfDataSchema,
      to: z.email({ error: 'The complainant has no valid e-mail address: add one on the case first.' }),
      fileName: z.string().trim().min(1).max(200),
    }),
    output: z.object({ path: z.string(), bytes: z.number().int().positive() }),
  },
} as const;
