// Which IndexedDB database is the case database: main keeps the pointer (it moves only when a
// restore is committed), so a restore killed halfway leaves the app on the database it had.
import Dexie from 'dexie';
import { IMPORT_COMPLETE_KEY, setActiveDatabaseName } from './schema';

/** The names a restore imports into ('redress-' and a UUID). */
const RESTORE_NAME = /^redress-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Whether a database holds the mark of a whole import (read without opening it through Dexie). */
function importedWhole(name: string): Promise<boolean> {
  return new Promise((resolve) => {
    const request = indexedDB.open(name);
    // No such database yet, or an older one: open it as it is, never upgrade it here.
    request.onupgradeneeded = () => request.transaction?.abort();
    request.onerror = () => resolve(false);
    request.onsuccess = () => {
      const db = request.result;
      if (!db.objectStoreNames.contains('counters')) {
        db.close();
        return resolve(false);
      }
      const get = db.transaction('counters').objectStore('counters').get(IMPORT_COMPLETE_KEY);
      get.onsuccess = () => {
        db.close();
        resolve(get.result !== undefined);
      };
      get.onerror = () => {
        db.close();
        resolve(false);
      };
    };
  });
}

/**
 * Deletes half imports a restore left behind (it was killed before its commit): restore databases
 * without the mark of a whole import. Never the active one, never 'redress' or a whole import
 * (the database a committed restore replaced is kept: were main's pointer ever lost, the data is
 * still on this computer), and nothing but these names (tests and other apps keep theirs).
 */
export async function deleteStaleDatabases(active: string): Promise<string[]> {
  const all = await indexedDB.databases();
  const stale: string[] = [];
  for (const { name } of all) {
    if (!name || name === active || !RESTORE_NAME.test(name)) continue;
    if (!(await importedWhole(name))) stale.push(name);
  }
  for (const name of stale) await Dexie.delete(name);
  return stale;
}

/**
 * Asks main which database to open and makes getDb() open it; then, without holding up the first
 * screen, deletes what a restore left behind.
 */
export async function openActiveDatabase(active: () => Promise<string>): Promise<string> {
  const name = await active();
  setActiveDatabaseName(name);
  void deleteStaleDatabases(name).catch((error: unknown) => {
    // Leftovers only cost disk space: say so in the console and start anyway.
    console.warn('Redress could not delete a database a restore left behind', error);
  });
  return name;
}
