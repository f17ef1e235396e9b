// A thrown error as the words a banner or dialog shows. A refusal from a schema names the field it
// is about ("reason: Say why…") for the form that shows it beside that field; anywhere else that
// key is internal, so it is left out and only the message, written for the user, remains.
import Dexie from 'dexie';
import { isDiskFullRefusal } from '../db/disk-guard';

/**
 * IndexedDB's own failures to write, by name (Dexie's errors keep the browser's names). A full disk
 * aborts the transaction at its commit (Chromium says only "The transaction was aborted…"); our own
 * code never aborts one that way (a check that refuses throws its own error, and a cancel is a
 * plain DOMException of our own, never wrapped by Dexie), so these are the browser failing to store,
 * and the write left nothing behind.
 */
const STORAGE_FAILURES: ReadonlySet<string> = new Set(['AbortError', 'QuotaExceededError', 'UnknownError']);

export const STORAGE_FAILED =
  'This computer could not write to its case database: its disk may be full. Nothing of this was stored. Free some disk space, then try again.';

/**
 * Whether `error` is, or wraps, IndexedDB failing to store: Dexie's error, the browser's own inside
 * it, or a bulk write's (or a modify's) row errors. A bare DOMException counts only as a quota refusal, as a cancel
 * of our own is an AbortError too.
 */
function isStorageFailure(error: unknown, fromIndexedDb = false): boolean {
  if (error instanceof DOMException)
    return fromIndexedDb ? STORAGE_FAILURES.has(error.name) : error.name === 'QuotaExceededError';
  if (!(error instanceof Dexie.DexieError)) return false;
  if (STORAGE_FAILURES.has(error.name)) return true;
  if (error instanceof Dexie.BulkError || error instanceof Dexie.ModifyError)
    return error.failures.some((failure) => isStorageFailure(failure, true));
  return isStorageFailure(error.inner, true);
}

/**
 * Whether `error` says this computer's disk is full: the page's own refusal before writing
 * (db/disk-guard.ts, code DISK_FULL) or IndexedDB failing to store.
 */
export function isDiskFull(error: unknown): boolean {
  return isDiskFullRefusal(error) || isStorageFailure(error);
}

export function errorText(error: unknown): string {
  if (isStorageFailure(error)) return STORAGE_FAILED;
  const message = error instanceof Error ? error.message : String(error);
  const field = (error as { field?: unknown } | null)?.field;
  return typeof field === 'string' && field && message.startsWith(`${field}: `)
    ? message.slice(field.length + 2)
    : message;
}
