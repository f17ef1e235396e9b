// Sends a chosen or dropped e-mail file to the main process, which parses it and stores the message
// and its attachments as evidence. Obvious refusals (wrong type, empty, too large) are made here,
// before any bytes travel; main checks all of them again.
import {
  EMAIL_FILE_TYPES,
  EMAIL_MAX_BYTES,
  type ImportedEmail,
} from '../../../src-shared/ipc/channels/email';
import type { MailWords } from '../../../src-shared/domain/email-import';
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

export async function importEmailFile(file: File): Promise<ImportedEmail> {
  const data = await readChunk(file, 0, file.size);
  try {
    return await call(api().email.import({ name: file.name, data }));
  } catch (error) {
    const message = errorText(error);
    // Main's messages name the file already; others get its name put in front.
    throw new ApiError(
      error instanceof ApiError ? error.code : 'INTERNAL',
      message.includes(file.name) ? message : t('email.failed', { name: file.name, message }),
    );
  }
}

export const mailWords = (): MailWords => ({
  noSubject: t('email.noSubject'),
  noText: t('email.noText'),
  truncated: t('email.truncated'),
});

export const describeMailFiles = {
  original: (subject: string) => t('email.originalDescription', { subject: subject || t('email.noSubject') }),
  attachment: (subject: string) =>
    t('email.attachmentDescription', { subject: subject || t('email.noSubject') }),
};
