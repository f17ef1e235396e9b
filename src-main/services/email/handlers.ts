import { letterNotReady } from '../../../src-shared/domain/communications';
import { ValidationError } from '../../../src-shared/errors';
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { LetterPdfData } from '../../../src-shared/ipc/channels/reports';
import type { StoredEmailFile } from '../../../src-shared/ipc/channels/email';
import type { EvidenceStore } from '../evidence/evidence-store';
import { pdfFileName } from '../pdf/output';
import { buildLetterEml, writeNewEml } from './letter-eml';
import { parseEmail } from './parse-email';
import type { StagedFiles } from './staged-files';

/**
 * `email:import` parses the message and stores it and each attachment read in the evidence store
 * (content-addressed, so importing the same mail twice stores nothing new); the attachments that
 * could not be read, or were empty, are returned by name as `leftOut`. The renderer records the
 * evidence rows when the case or the contact is saved.
 */
export function emailHandlers(
  store: Pick<EvidenceStore, 'importBytes'>,
  staged: Pick<StagedFiles, 'stage' | 'commit' | 'discard'>,
  letters: {
    /** The folder letters as e-mails go to (`<dataDir>/exports`). */
    exportsDir: string;
    /** The letter's PDF, as `letters:pdf` builds it. */
    letterPdf: (data: LetterPdfData) => Promise<Buffer>;
    /** The office's complaints mailbox from Settings, or null when none is set. */
    sender?: () => Promise<{ name: string; address: string } | null>;
    now?: () => Date;
  },
): Pick<Handlers, 'email:import' | 'email:save-letter' | 'email:commit-staged' | 'email:discard-staged'> {
  return {
    'email:import': async ({ name, data, session }) => {
      const keep = async (name: string, type: string, bytes: Uint8Array): Promise<StoredEmailFile> => {
        const { sha256, size, alreadyStored } = await store.importBytes(name, bytes);
        // Outside New complaint the file goes straight onto a case: if an unsaved intake staged
        // it, it must outlive that intake.
        if (session) await staged.stage(session, sha256, alreadyStored);
        else await staged.commit([sha256]);
        return { name, type, size, sha256 };
      };
      const bytes = new Uint8Array(Buffer.from(data, 'base64'));
      const mail = await parseEmail(name, bytes);
      const original = await keep(
        name,
        name.toLowerCase().endsWith('.msg') ? 'application/vnd.ms-outlook' : 'message/rfc822',
        bytes,
      );
      const attachments: StoredEmailFile[] = [];
      for (const a of mail.attachments) attachments.push(await keep(a.name, a.type, a.bytes));
      return {
        fromName: mail.fromName,
        fromAddress: mail.fromAddress,
        to: mail.to,
        subject: mail.subject,
        sentAt: mail.sentAt,
        text: mail.text,
        original,
        attachments,
        leftOut: mail.leftOut,
      };
    },
    'email:commit-staged': async ({ sha256s }) => {
      await staged.commit(sha256s);
      return { ok: true };
    },
    'email:discard-staged': async ({ session }) => ({ removed: await staged.discard(session) }),
    'email:save-letter': async ({ data, to, fileName }) => {
      const notReady = letterNotReady(data.subject, data.body, data.placeholders ?? []);
      if (notReady) throw new ValidationError(notReady.message, 'body');
      const pdf = await letters.letterPdf(data);
      const content = buildLetterEml({
        from: (await letters.sender?.()) ?? null,
        to: { name: data.recipient.name, address: to },
        subject: data.subject,
        text: data.body,
        pdf,
        pdfName: pdfFileName(fileName),
        date: letters.now?.() ?? new Date(),
      });
      const path = await writeNewEml(letters.exportsDir, fileName, content);
      return { path, bytes: Buffer.byteLength(content) };
    },
  };
}
