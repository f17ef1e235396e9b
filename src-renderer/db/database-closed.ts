// The case database closed under the app by the browser (Chromium does so when a write fails on a
// full disk), held closed until the person has freed space and opens it again
// (features/anchor/DatabaseClosedDialog).
import { diskRefusal } from './disk-guard';
import type { RedressDB } from './schema';

const held = new WeakSet<RedressDB>();

/**
 * Calls `onClosed` when the browser closes the database (the app never closes its own), and holds
 * it closed: Dexie would open it again at the next read, and a live query could do so while the
 * disk is still full, which is when Chromium has handed back an empty database. Gives the unsubscribe.
 */
export function onDatabaseClosed(db: RedressDB, onClosed: () => void): () => void {
  const closed = () => {
    if (held.has(db)) return;
    held.add(db);
    // After Dexie's own handling of the close, which leaves the database to open at the next read.
    setTimeout(() => db.close({ disableAutoOpen: true }), 0);
    onClosed();
  };
  db.on('close', closed);
  return () => db.on.close.unsubscribe(closed);
}

/**
 * Opens the database again, the person having freed space. Refused while main still says the disk
 * is almost full: opened on a full disk, Chromium has hung until space was freed, or handed back an
 * empty database.
 */
export async function openDatabaseAgain(db: RedressDB): Promise<void> {
  const refusal = diskRefusal();
  if (refusal) throw refusal;
  if (!db.isOpen()) await db.open();
  held.delete(db);
}
