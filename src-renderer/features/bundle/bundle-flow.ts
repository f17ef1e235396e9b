// The steps of sending and taking in a case bundle, between the case database and main.
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { BundleSummary } from '../../../src-shared/ipc/channels/bundle';
import { api, call } from '../../api/client';
import { planReceipt, readCasesForBundle, receiveCase, type ReceivedCase } from '../../db/bundle';
import { getDb } from '../../db/schema';
import { readChunk } from '../investigation/upload';

export async function exportBundle(ids: readonly string[], by: ActingPerson) {
  const cases = await readCasesForBundle(getDb(), ids, by);
  return call(api().bundle.export({ cases }));
}

/** Sends the file to main in chunks; main checks every byte before it answers. */
export async function openBundleFile(
  file: File,
  onProgress: (fraction: number) => void,
): Promise<BundleSummary> {
  const { uploadId, chunkBytes } = await call(api().bundle.uploadStart({ name: file.name, size: file.size }));
  try {
    for (let offset = 0; offset < file.size; offset += chunkBytes) {
      const data = await readChunk(file, offset, Math.min(file.size, offset + chunkBytes));
      await call(api().bundle.uploadChunk({ uploadId, offset, data }));
      onProgress(Math.min(1, (offset + chunkBytes) / file.size));
    }
    return await call(api().bundle.uploadFinish({ uploadId }));
  } catch (error) {
    await api().bundle.cancel({ importId: uploadId });
    throw error;
  }
}

/**
 * Takes in every case of a checked, trusted bundle: evidence and the sender's history first (main),
 * then each case with its rows and audit entry in its own transaction. A case already here is left
 * as it is and reported.
 */
export async function importBundle(
  summary: BundleSummary,
  by: ActingPerson,
  onProgress: (done: number, total: number) => void,
): Promise<ReceivedCase[]> {
  const db = getDb();
  const { cases } = await call(api().bundle.read({ importId: summary.importId }));
  const plan = await planReceipt(db, cases);
  const taken = cases.filter((_, i) => plan[i]!.placement !== 'duplicate');
  await call(
    api().bundle.accept({
      importId: summary.importId,
      cases: taken.map((c) => ({ id: c.case.id, reference: c.case.reference })),
    }),
  );
  const results: ReceivedCase[] = plan.filter((p) => p.placement === 'duplicate');
  for (const [i, c] of taken.entries()) {
    results.push(await receiveCase(db, c, summary, by));
    onProgress(i + 1, taken.length);
  }
  return results;
}
