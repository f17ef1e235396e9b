// Wiping a training profile, in two halves: main empties the data folder (and refuses in a live
// profile), then the renderer deletes its own databases. The second half runs at the next start,
// before anything opens a database: deleting under open connections would be blocked, and the
// screens reading them would fail. A flag in localStorage carries it over the reload.
import { api, call } from '../../api/client';

const WIPE_PENDING = 'redress:training-wipe-pending';

/** Wipes the training profile and reloads; the app starts again at first-run setup. */
export async function wipeTrainingProfile(): Promise<void> {
  await call(api().training.wipe());
  localStorage.setItem(WIPE_PENDING, '1');
  location.reload();
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`Could not delete the database ${name}.`));
    // Blocked: a connection of the page before the reload is still closing; the delete waits for it.
  });
}

/**
 * The renderer's half of a wipe, if one is pending: every database of this origin (whatever the
 * active one is called now), and what the screens kept in storage (drafts, the theme).
 */
export async function finishTrainingWipe(): Promise<void> {
  if (localStorage.getItem(WIPE_PENDING) !== '1') return;
  const databases = await indexedDB.databases();
  await Promise.all(databases.flatMap((d) => (d.name ? [deleteDatabase(d.name)] : [])));
  // Cleared last: a wipe that stopped halfway is finished at the next start.
  localStorage.clear();
  sessionStorage.clear();
}
