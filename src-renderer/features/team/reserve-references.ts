// Many cases at once on a team desk (a spreadsheet import): the sync pass keeps only a small range
// of the year's references in hand (REFERENCE_RANGE_SIZE), so an import of thousands would run it
// out and number the rest with the desk-prefixed fallback (reference.ts), meant for a desk cut off
// from the server. Before such a batch the desk asks the server for enough numbers first.
import { referencesLeft } from '../../../src-shared/domain/reference';
import { MAX_RANGE_REQUEST } from '../../../src-shared/ipc/channels/team-desk';
import type { RedressDB } from '../../db/schema';
import { heldReferences, storeReferenceRange, teamModeOn } from '../../db/sync-replica';
import type { SyncTransport } from './sync-runner';

/**
 * Asks the team server for ranges of `now`'s year until this desk holds at least `count` unused
 * references. Returns how many it still lacks: 0 on a single desk (it numbers its own cases) or
 * once reserved; more when the server is away or refused, or `signal` stopped it (those cases
 * take the fallback). `onProgress` hears how many of `count` the desk holds before each request
 * (a team desk only).
 */
export async function reserveReferences(
  db: RedressDB,
  transport: Pick<SyncTransport, 'referenceRange'>,
  count: number,
  {
    now = new Date(),
    onProgress,
    signal,
  }: { now?: Date; onProgress?: (held: number, wanted: number) => void; signal?: AbortSignal } = {},
): Promise<number> {
  if (!transport.referenceRange || !(await teamModeOn(db))) return 0;
  const year = now.getFullYear();
  let before = Infinity;
  for (;;) {
    const { ranges, usedAlone } = await heldReferences(db, year);
    const lacking = count - referencesLeft(ranges, year);
    // Done, or the last answer added nothing (another year's range, or one already held).
    if (lacking <= 0 || lacking >= before) return Math.max(0, lacking);
    // Cancelled on the Import screen: no more requests (the import itself then stops at once).
    if (signal?.aborted) return lacking;
    before = lacking;
    onProgress?.(count - lacking, count);
    const answer = await transport
      .referenceRange(year, Math.min(MAX_RANGE_REQUEST, lacking), usedAlone)
      .catch((error: unknown) => {
        console.warn('Could not reserve references on the team server', error);
        return { online: false as const };
      });
    if (!answer.online) return lacking;
    await storeReferenceRange(db, answer.range);
  }
}
