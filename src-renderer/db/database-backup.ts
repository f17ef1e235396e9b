// The database half of a backup: the case database as dexie-export-import's JSON, gzip-compressed,
// and back. Main never sees the rows, only these bytes; the counts and the audit head travel beside
// them so a restore can prove it got every row back.
import Dexie from 'dexie';
import { exportDB, importInto } from 'dexie-export-import';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { AUDIT_HEAD_KEY } from './audit-log';
import { IMPORT_COMPLETE_KEY, RedressDB, type CounterRow } from './schema';

/**
 * Tables that are derived from the others and rebuilt when missing: the search index (tens of
 * megabytes at size) and the dashboard's projection. Leaving them out keeps backups small.
 */
export const DERIVED_TABLES: readonly string[] = ['searchIndex', 'analyticsSnapshot'];

/** Rows per read while exporting: small enough that one page never holds the main thread long. */
const ROWS_PER_CHUNK = 500;

export interface RowsProgress {
  done: number;
  total: number;
}

export interface DatabaseExport {
  /** The gzip-compressed export. */
  bytes: Blob;
  /** SHA-256 of `bytes`, lower-case hex. */
  sha256: string;
  schemaVersion: number;
  /** Rows per table, counted as they were written into the export (so exactly what it holds). */
  counts: Record<string, number>;
  auditHead: { seq: number; hash: string } | null;
}

const aborted = () => new DOMException('The backup was cancelled.', 'AbortError');

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Exports every table but the derived ones inside one read transaction (so the rows, counts and
 * audit head are of one moment), compresses and fingerprints the result.
 */
export async function exportDatabase(
  db: RedressDB,
  options: { signal?: AbortSignal; onProgress?: (p: RowsProgress) => void; rowsPerChunk?: number } = {},
): Promise<DatabaseExport> {
  const { signal, onProgress } = options;
  const counts: Record<string, number> = {};
  for (const table of db.tables) if (!DERIVED_TABLES.includes(table.name)) counts[table.name] = 0;
  let auditHead: DatabaseExport['auditHead'] = null;
  const json = await exportDB(db, {
    skipTables: [...DERIVED_TABLES],
    numRowsPerChunk: options.rowsPerChunk ?? ROWS_PER_CHUNK,
    filter: (table, value: unknown) => {
      counts[table] = (counts[table] ?? 0) + 1;
      if (table === 'counters' && (value as CounterRow).key === AUDIT_HEAD_KEY) {
        const head = value as CounterRow;
        auditHead = { seq: head.value, hash: head.hash ?? '' };
      }
      return true;
    },
    progressCallback: (p) => {
      // Thrown here, the export stops at its next page and its transaction ends.
      if (signal?.aborted) throw aborted();
      onProgress?.({ done: p.completedRows, total: p.totalRows ?? 0 });
      return false;
    },
  });
  if (signal?.aborted) throw aborted();
  const { bytes, sha256: hash } = await gzipAndHash(json);
  return { bytes, sha256: hash, schemaVersion: db.verno, counts, auditHead };
}

/** Compresses a blob and computes the compressed bytes' SHA-256 as they stream past. */
export async function gzipAndHash(blob: Blob): Promise<{ bytes: Blob; sha256: string }> {
  const hasher = sha256.create();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const reader = blob.stream().pipeThrough(new CompressionStream('gzip')).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
    parts.push(value);
  }
  return { bytes: new Blob(parts), sha256: bytesToHex(hasher.digest()) };
}

export async function gunzip(blob: Blob): Promise<Blob> {
  return new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
}

/**
 * Imports a compressed export into a database of another name (created here, at this app's
 * schema version). The caller deletes it on failure: a half import is never opened as the case
 * database.
 */
export async function importDatabase(
  targetName: string,
  compressed: Blob,
  options: { signal?: AbortSignal; onProgress?: (p: RowsProgress) => void } = {},
): Promise<Record<string, number>> {
  const { signal, onProgress } = options;
  const json = await gunzip(compressed);
  const target = new RedressDB(targetName);
  try {
    await target.open();
    await importInto(target, json, {
      acceptNameDiff: true,
      // An export from an older schema version imports into this one: its tables and rows are a
      // subset of what this version holds (schema changes only add).
      acceptVersionDiff: true,
      acceptMissingTables: true,
      // One transaction per chunk, as in the library, so a large file does not need one huge one.
      chunkSizeBytes: 4 * 1024 * 1024,
      progressCallback: (p) => {
        if (signal?.aborted) throw aborted();
        onProgress?.({ done: p.completedRows, total: p.totalRows ?? 0 });
        return false;
      },
    });
    if (signal?.aborted) throw aborted();
    const counts = await countRows(target);
    // Marks the import whole (after counting, so the counts are the backup's): at start, only a
    // restore database without this mark is taken for a half import and deleted.
    await target.counters.put({ key: IMPORT_COMPLETE_KEY, value: Date.now() });
    return counts;
  } finally {
    target.close();
  }
}

/** Rows per table, derived tables left out (they are not in a backup). */
export async function countRows(db: Dexie): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db.transaction('r', db.tables, async () => {
    for (const table of db.tables) {
      if (!DERIVED_TABLES.includes(table.name)) counts[table.name] = await table.count();
    }
  });
  return counts;
}

/**
 * The tables whose imported row count differs from what the backup says it holds (a table the
 * backup lists but the import lacks counts as 0 rows). Empty when the import is complete.
 */
export function countMismatches(
  expected: Record<string, number>,
  imported: Record<string, number>,
): { table: string; expected: number; imported: number }[] {
  return Object.entries(expected)
    .filter(([table, n]) => (imported[table] ?? 0) !== n)
    .map(([table, n]) => ({ table, expected: n, imported: imported[table] ?? 0 }));
}

/** Deletes a database by name (a half import, or one a restore replaced). */
export async function deleteDatabase(name: string): Promise<void> {
  await Dexie.delete(name);
}
