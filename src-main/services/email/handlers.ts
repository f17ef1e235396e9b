import type { Handlers } from '../../../src-shared/ipc/contract';
import type { StoredEmailFile } from '../../../src-shared/ipc/channels/email';
import type { EvidenceStore } from '../evidence/evidence-store';
import { parseEmail } from './parse-email';

/**
 * `email:import` parses the message and stores it and each non-empty attachment in the evidence
 * store (content-addressed, so importing the same mail twice stores nothing new). The renderer
 * records the evidence rows when the case or the contact is saved.
 */
export function emailHandlers(store: Pick<EvidenceStore, 'importBytes'>): Pick<Handlers, 'email:import'> {
  const keep = async (name: string, type: string, bytes: Uint8Array): Promise<StoredEmailFile> => {
    const { sha256, size } = await store.importBytes(name, bytes);
    return { name, type, size, sha256 };
  };
  return {
    'email:import': async ({ name, data }) => {
      const bytes = new Uint8Array(Buffer.from(data, 'base64'));
      const mail = await parseEmail(name, bytes);
      const original = await keep(
        name,
        name.toLowerCase().endsWith('.msg') ? 'application/vnd.ms-outlook' : 'message/rfc822',
        bytes,
      );
      const attachments: StoredEmailFile[] = [];
      for (const a of mail.attachments) {
        if (a.bytes.length > 0) attachments.push(await keep(a.name, a.type, a.bytes));
      }
      return {
        fromName: mail.fromName,
        fromAddress: mail.fromAddress,
        to: mail.to,
        subject: mail.subject,
        sentAt: mail.sentAt,
        text: mail.text,
        original,
        attachments,
      };
    },
  };
}
