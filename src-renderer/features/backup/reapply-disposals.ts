// A restore makes this computer's disposals again in the database it imported, before the switch:
// the database is opened under its new name here, on the page, and closed after.
import type { LedgerDisposal } from '../../../src-shared/domain/disposal-ledger';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import { reapplyDisposals, type Reapplied } from '../../db/retention';
import { RedressDB } from '../../db/schema';

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
  onCase: (done: number) => void,
): Promise<Reapplied> {
  const db = new RedressDB(targetName);
  try {
    return await reapplyDisposals(db, disposals, by, onCase);
  } finally {
    db.close();
  }
}
