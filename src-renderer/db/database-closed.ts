// The case database closed under the app by the browser (Chromium does so when a write fails on a
// full disk), and opened again once the person has freed space (features/anchor/DatabaseClosedDialog).
import type { RedressDB } from './schema';

/** Calls `onClosed` when the database closes; gives the unsubscribe. The app never closes its own. */
export function onDatabaseClosed(db: RedressDB, onClosed: () => void): () => void {
  db.on('close', onClosed);
  return () => db.on.close.unsubscribe(onClosed);
}

/** Opens the database again (a failed open stays failed until asked again: Dexie does not retry it). */
export async function openDatabaseAgain(db: RedressDB): Promise<void> {
  if (!db.isOpen()) await db.open();
}
