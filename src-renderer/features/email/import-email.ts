// Sends a chosen or dropped e-mail file to the main process, which parses it and stores the message
// and its attachments as evidence. Obvious refusals (wrong type, empty, too large) are made here,
// before any bytes travel; main checks all of them again.
import {
  EMAIL_FILE_TYPES,
  EMAIL_MAX_BYTES,
  type ImportedEmail,
} from '../../../src-shared/ipc/channels/email';
import type { LeftOutAttachment, MailWords } from '../../../src-shared/domain/email-import';
import { api, ApiError, call } from '../../api/client';
import i18n from '../../i18n';
import { fileSize, readChunk } from '../investigation/upload';
import { errorText } from '../../api/error-text';

const t = i18n.t.bind(i18n);

export const isEmailFile = (name: string) => EMAIL_FILE_TYPES.some((ext) => name.toLowerCase().endsWith(ext));

/** Why this file cannot be imported, before reading it; null when it may be. */
export function refusalOf(file: File, number: (n: number) => string): string | null {
  if (!isEmailFile(file.name)) return t('email.notEmail', { name: file.name });
  if (file.size === 0) return t('email.empty', { name: file.name });
  if (file.size > EMAIL_MAX_BYTES)
    return t('email.tooLarge', {
      name: file.name,
      size: fileSize(file.size, number),
      max: fileSize(EMAIL_MAX_BYTES, number),
    });
  return null;
}

/**
 * Imports one file. With `session` (a New complaint not saved yet) main keeps the files it stores
 * staged: kept by commitIntakeFiles when the complaint is saved, removed by discardIntakeFiles if
 * it is left unsaved.
 */
export async function importEmailFile(file: File, session?: string): Promise<ImportedEmail> {
  const data = await readChunk(file, 0, file.size);
  try {
    return await call(api().email.import({ name: file.name, data, ...(session ? { session } : {}) }));
  } catch (error) {
    const message = errorText(error);
    // Main's messages name the file already; others get its name put in front.
    throw new ApiError(
      error instanceof ApiError ? error.code : 'INTERNAL',
      message.includes(file.name) ? message : t('email.failed', { name: file.name, message }),
    );
  }
}

/** The left-out attachments as a list: “scan.pdf” (damaged), “notes.txt” (empty). */
export const leftOutFiles = (files: readonly LeftOutAttachment[]) =>
  files
    .map((f) => t('email.leftOutFile', { name: f.name, reason: t(`email.leftOutReason.${f.reason}`) }))
    .join(', ');

/** For the record (a contact's text, the mail's evidence row): which attachments were not kept. */
const leftOutNote = (files: readonly LeftOutAttachment[]) =>
  t('email.leftOutNote', { count: files.length, files: leftOutFiles(files) });

export const mailWords = (): MailWords => ({
  noSubject: t('email.noSubject'),
  noText: t('email.noText'),
  truncated: t('email.truncated'),
  leftOut: leftOutNote,
});

export const describeMailFiles = {
  original: (subject: string) => t('email.originalDescription', { subject: subject || t('email.noSubject') }),
  attachment: (subject: string) =>
    t('email.attachmentDescription', { subject: subject || t('email.noSubject') }),
  leftOut: leftOutNote,
};

/** The complaint is being saved with these e-mails: their files are evidence from now on. */
export async function commitIntakeFiles(mails: readonly ImportedEmail[]): Promise<void> {
  const sha256s = mails.flatMap((m) => [m.original, ...m.attachments].map((f) => f.sha256));
  if (sha256s.length) await call(api().email.commitStaged({ sha256s }));
}

/** New complaint was left unsaved: main removes the files only its imports stored. */
export function discardIntakeFiles(session: string): void {
  call(api().email.discardStaged({ session })).catch((error: unknown) =>
    // What is left is swept at a later start.
    console.warn('Imported e-mail files of an unsaved complaint were not removed:', error),
  );
}
