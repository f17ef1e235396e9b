// A restore makes this computer's disposals again in the database it imported, before the switch:
// the database is opened under its new name here, on the page, and closed after.
import type { LedgerDisposal } from '../../../src-shared/domain/disposal-ledger';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import { reapplyDisposals, type Reapplied } from '../../db/retention';
import { RedressDB } from '../../db/schema';
import type { SyncStateRow } from '../../db/sync-outbox';

/** Who makes them on the first-run screen, where nobody is signed in yet. */
export const RESTORING_NOBODY: ActingPerson = {
  id: 'restore',
  name: 'Redress (restoring a backup)',
  roles: [],
};

export async function reapplyOnRestored(
  targetName: string,
  disposals: LedgerDisposal[],
  by: ActingPerson,
  /** The office's time zone (Settings), for the day the repeated disposal's reason names. */
  timeZone: string,
  onCase: (done: number) => void,
  waiting: readonly SyncStateRow[] = [],
): Promise<Reapplied> {
  const db = new RedressDB(targetName);
  try {
    const done = await reapplyDisposals(db, disposals, by, timeZone, onCase);
    // Lines main had not taken from the database replaced go on waiting in this one (main is
    // handed them at the commit too: one it then takes twice is read once).
    if (waiting.length) await db.syncState.bulkPut([...waiting]);
    return done;
  } finally {
    db.close();
  }
}
