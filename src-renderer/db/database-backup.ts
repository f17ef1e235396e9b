// The database half of a backup: the case database as dexie-export-import's JSON (a row per
// line, see database-lines.ts), gzip-compressed, and back. Main never sees the rows, only these
// bytes; the counts and the audit head travel beside them so a restore can prove it got every row
// back.
import Dexie, { type IndexableType } from 'dexie';
import { importInto } from 'dexie-export-import';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { AUDIT_HEAD_KEY } from './audit-log';
import {
  DOCUMENT_END,
  LinesFormatError,
  headerLine,
  parseHeaderLine,
  readLines,
  rowLines,
  tableEndLine,
  tableStartLine,
} from './database-lines';
import { IMPORT_COMPLETE_KEY, RedressDB, withOpenPersonKeys, type CounterRow } from './schema';
import type { CaseRecord } from '../../src-shared/domain/case';

/**
 * Tables that are derived from the others and rebuilt when missing: the search index (tens of
 * megabytes at size) and the dashboard's projection. Leaving them out keeps backups small. The
 * return facts and their packs are written again with each restored case (return-facts.ts).
 */
export const DERIVED_TABLES: readonly string[] = [
  'searchIndex',
  'analyticsSnapshot',
  'returnFacts',
  'returnFactPacks',
  'returnFactsOwed',
];

/** Rows per read while exporting: a page is read, written as text and compressed before the next. */
const ROWS_PER_PAGE = 2000;

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

/** Collects a byte stream into a blob, computing its SHA-256 as the bytes go past. */
async function collectAndHash(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Blob; sha256: string }> {
  const hasher = sha256.create();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    hasher.update(value);
    parts.push(value as Uint8Array<ArrayBuffer>);
  }
  return { bytes: new Blob(parts), sha256: bytesToHex(hasher.digest()) };
}

/**
 * Exports every table but the derived ones, a row per line (database-lines.ts), compressed and
 * fingerprinted as it is written. One read transaction spans the whole export, so the rows, the
 * counts and the audit head are of one moment; writes wait for it to end.
 */
export async function exportDatabase(
  db: RedressDB,
  options: { signal?: AbortSignal; onProgress?: (p: RowsProgress) => void; rowsPerPage?: number } = {},
): Promise<DatabaseExport> {
  const { signal, onProgress } = options;
  const rowsPerPage = options.rowsPerPage ?? ROWS_PER_PAGE;
  const tables = db.tables.filter((table) => !DERIVED_TABLES.includes(table.name));
  const gzip = new CompressionStream('gzip');
  const collected = collectAndHash(gzip.readable);
  const writer = gzip.writable.getWriter();
  const encoder = new TextEncoder();
  // Waits until the compressor wants more (so at most a page or two is held as text), keeping the
  // read transaction alive meanwhile.
  const write = (text: string) => Dexie.waitFor(writer.ready.then(() => writer.write(encoder.encode(text))));
  const counts: Record<string, number> = {};
  let auditHead: DatabaseExport['auditHead'] = null;
  try {
    if (signal?.aborted) throw aborted();
    await db.transaction('r', tables, async () => {
      const rowCounts = await Promise.all(tables.map((table) => table.count()));
      const total = rowCounts.reduce((a, b) => a + b, 0);
      let done = 0;
      await write(
        headerLine({
          databaseName: db.name,
          databaseVersion: db.verno,
          tables: tables.map((table, i) => ({
            name: table.name,
            schema: [table.schema.primKey, ...table.schema.indexes].map((index) => index.src).join(','),
            rowCount: rowCounts[i]!,
          })),
        }),
      );
      for (const [i, table] of tables.entries()) {
        const keyPath = table.schema.primKey.keyPath as string;
        counts[table.name] = 0;
        await write(tableStartLine(table.name));
        let last: IndexableType | undefined;
        for (;;) {
          if (signal?.aborted) throw aborted();
          const rows: Record<string, unknown>[] = await (
            last === undefined ? table.limit(rowsPerPage) : table.where(':id').above(last).limit(rowsPerPage)
          ).toArray();
          if (rows.length === 0) break;
          if (table.name === 'counters') {
            const head = (rows as unknown as CounterRow[]).find((row) => row.key === AUDIT_HEAD_KEY);
            if (head) auditHead = { seq: head.value, hash: head.hash ?? '' };
          }
          await write(rowLines(rows, last === undefined));
          counts[table.name]! += rows.length;
          done += rows.length;
          onProgress?.({ done, total });
          last = rows[rows.length - 1]![keyPath] as IndexableType;
          if (rows.length < rowsPerPage) break;
        }
        // The last row's line ends here (an empty table has none).
        await write(`${counts[table.name] ? '\n' : ''}${tableEndLine(i === tables.length - 1)}`);
      }
      await write(DOCUMENT_END);
    });
    await writer.close();
  } catch (error) {
    await writer.abort(error).catch(() => undefined);
    await collected.catch(() => undefined);
    throw error;
  }
  const { bytes, sha256: hash } = await collected;
  return { bytes, sha256: hash, schemaVersion: db.verno, counts, auditHead };
}

/** Compresses a blob and computes the compressed bytes' SHA-256 as they stream past. */
export function gzipAndHash(blob: Blob): Promise<{ bytes: Blob; sha256: string }> {
  return collectAndHash(blob.stream().pipeThrough(new CompressionStream('gzip')));
}

export async function gunzip(blob: Blob): Promise<Blob> {
  return new Response(blob.stream().pipeThrough(new DecompressionStream('gzip'))).blob();
}

/** The first line of a compressed export, or null when it has none in its first megabyte. */
async function firstLine(compressed: Blob): Promise<string | null> {
  const reader = compressed
    .stream()
    .pipeThrough(new DecompressionStream('gzip'))
    .pipeThrough(new TextDecoderStream())
    .getReader();
  let text = '';
  try {
    while (text.length < 1024 * 1024) {
      const { done, value } = await reader.read();
      if (done) break;
      text += value;
      const nl = text.indexOf('\n');
      if (nl !== -1) return text.slice(0, nl);
    }
    return null;
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Rows per write transaction while importing: large enough that transactions are few. */
const IMPORT_PAGE_CHARS = 4 * 1024 * 1024;

/**
 * Imports a compressed export into a database of another name (created here, at this app's
 * schema version). The caller deletes it on failure: a half import is never opened as the case
 * database. An export from an older schema version imports into this one: its tables and rows are
 * a subset of what this version holds (schema changes only add).
 */
export async function importDatabase(
  targetName: string,
  compressed: Blob,
  options: { signal?: AbortSignal; onProgress?: (p: RowsProgress) => void } = {},
): Promise<Record<string, number>> {
  const { signal, onProgress } = options;
  const header = parseHeaderLine((await firstLine(compressed)) ?? '');
  if (!header) return importWithLibrary(targetName, compressed, options);
  // Relaxed while the rows go in (one flush per write would take minutes at size); the mark below
  // is written strictly, which flushes everything before it.
  const target = new RedressDB(targetName, { chromeTransactionDurability: 'relaxed' });
  try {
    await target.open();
    const known = new Set(target.tables.map((table) => table.name));
    const total = header.tables.reduce((sum, table) => sum + table.rowCount, 0);
    let done = 0;
    // One write in flight while the next page is parsed.
    let pending: Promise<unknown> = Promise.resolve();
    await readLines(
      compressed.stream().pipeThrough(new DecompressionStream('gzip')).pipeThrough(new TextDecoderStream()),
      {
        header: () => undefined,
        rows: async (table, rows) => {
          if (!known.has(table))
            throw new LinesFormatError(`it holds a table this version lacks (${table}).`);
          await pending;
          if (signal?.aborted) throw aborted();
          pending = target
            .table(table)
            .bulkAdd(table === 'cases' ? rows.map((r) => withOpenPersonKeys(r as CaseRecord)) : rows)
            .then(() => {
              done += rows.length;
              onProgress?.({ done, total });
            });
          // Seen at the next page or at the end, whichever comes first.
          pending.catch(() => undefined);
        },
      },
      { pageChars: IMPORT_PAGE_CHARS, signal },
    );
    await pending;
    if (signal?.aborted) throw aborted();
  } finally {
    target.close();
  }
  return markImported(targetName);
}

/** A backup made before the row-per-line layout: read with dexie-export-import itself. */
async function importWithLibrary(
  targetName: string,
  compressed: Blob,
  options: { signal?: AbortSignal; onProgress?: (p: RowsProgress) => void },
): Promise<Record<string, number>> {
  const { signal, onProgress } = options;
  const json = await gunzip(compressed);
  const target = new RedressDB(targetName);
  try {
    await target.open();
    await importInto(target, json, {
      acceptNameDiff: true,
      acceptVersionDiff: true,
      acceptMissingTables: true,
      transform: (table, value: unknown, key: unknown) => ({
        value: table === 'cases' ? withOpenPersonKeys(value as CaseRecord) : value,
        key,
      }),
      // One transaction per chunk, as in the library, so a large file does not need one huge one.
      chunkSizeBytes: 4 * 1024 * 1024,
      progressCallback: (p) => {
        if (signal?.aborted) throw aborted();
        onProgress?.({ done: p.completedRows, total: p.totalRows ?? 0 });
        return false;
      },
    });
    if (signal?.aborted) throw aborted();
  } finally {
    target.close();
  }
  return markImported(targetName);
}

/**
 * Counts the imported rows and marks the import whole (after counting, so the counts are the
 * backup's): at start, only a restore database without this mark is taken for a half import and
 * deleted. Written with strict durability, so every row before it is on disk too.
 */
async function markImported(targetName: string): Promise<Record<string, number>> {
  const target = new RedressDB(targetName);
  try {
    const counts = await countRows(target);
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
