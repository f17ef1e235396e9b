import type { Handlers } from '../../../src-shared/ipc/contract';
import type { evidenceChannels } from '../../../src-shared/ipc/channels/evidence';
import type { DiskSpace } from '../../../src-shared/domain/disk-space';
import type { SettingsStore } from '../settings/settings-store';
import { createEvidenceStore, type EvidenceStore } from './evidence-store';

type EvidenceHandlers = Pick<Handlers, keyof typeof evidenceChannels>;

/**
 * The store in `<dataDir>/evidence`: the size limit comes from Settings (the process's one settings
 * store), and a file that would leave the disk too full for the case database is refused.
 */
export function evidenceStoreOf(
  ctx: { dataDir: string; openPath?: (path: string) => Promise<string> },
  settings: Pick<SettingsStore, 'read'>,
  diskSpace: () => Promise<DiskSpace>,
) {
  return createEvidenceStore(ctx.dataDir, {
    maxBytes: async () => (await settings.read()).evidenceMaxMb * 1024 * 1024,
    diskSpace,
    ...(ctx.openPath ? { openPath: ctx.openPath } : {}),
  });
}

/**
 * The evidence channels over one store (shared with e-mail import, which stores attachments).
 * `kept` hears of every file added to a case here, so that a file an unsaved New complaint had
 * staged with the same bytes is never removed with that intake (see email/staged-files.ts).
 */
export function evidenceHandlers(
  store: EvidenceStore,
  kept: (sha256s: string[]) => Promise<void> = async () => undefined,
  /** Team mode: brings a file this desk does not have from the server before it is opened. */
  fetchMissing: (input: { sha256: string; name: string }) => Promise<void> = async () => undefined,
): EvidenceHandlers {
  return {
    'evidence:upload-start': (input) => store.start(input),
    'evidence:upload-chunk': ({ uploadId, offset, data }) =>
      store.chunk({ uploadId, offset, data: Buffer.from(data, 'base64') }),
    'evidence:upload-finish': async (input) => {
      const stored = await store.finish(input);
      await kept([stored.sha256]);
      return stored;
    },
    'evidence:upload-cancel': (input) => store.cancel(input),
    'evidence:verify': async ({ hashes }) => ({ results: await store.verify(hashes) }),
    'evidence:open': async (input) => {
      await fetchMissing(input);
      await store.openCopy(input);
      return { opened: true as const };
    },
    'evidence:dispose': async ({ hashes }) => ({ removed: await store.dispose(hashes) }),
  };
}
