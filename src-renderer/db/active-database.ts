// Which IndexedDB database is the case database: main keeps the pointer (it moves only when a
// restore is committed), so a restore killed halfway leaves the app on the database it had.
import Dexie from 'dexie';
import { DB_NAME, setActiveDatabaseName } from './schema';

/** The names a restore imports into ('redress-' and a UUID). */
const RESTORE_NAME = /^redress-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Deletes the databases a restore left behind: a half import (the restore was killed before its
 * commit) or the database a committed restore replaced (the first one is 'redress'). Never the
 * active one, and nothing but these names (tests and other apps on the origin keep theirs).
 */
export async function deleteStaleDatabases(active: string): Promise<string[]> {
  const all = await indexedDB.databases();
  const stale = all
    .map((d) => d.name ?? '')
    .filter((name) => name !== active && (name === DB_NAME || RESTORE_NAME.test(name)));
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
