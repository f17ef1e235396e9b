// Legacy complaints into the case database: a dry run that says what every row would become, then
// the good rows in batches, each case created as intake creates one (createCases builds it as
// createCase does: deadlines from its received date, keys, counters) with its audit entry naming
// the file and row. Every row gets
// a fate; nothing is dropped silently.
import { diskRefusal, isDiskFullRefusal } from './disk-guard';
import {
  checkImportRow,
  tooManyCells,
  type ColumnMapping,
  type ImportableRow,
  type ImportContext,
  type RowProblem,
} from '../../src-shared/domain/case-import';
import type { CaseRecord } from '../../src-shared/domain/case';
import type { ActingPerson } from '../../src-shared/domain/permissions';
import type { ParsedSheet } from '../../src-shared/ipc/channels/sheets';
import i18n from '../i18n';
import { caseCreationTables, createCases, type CaseRules } from './cases';
import { assertMay } from './guard';
import { caseToSearchDoc, type SearchDoc } from '../search/search-doc';
import { deferReturnFacts, oweReturnFacts, settleReturnFacts } from './return-facts';
import type { RedressDB } from './schema';
import { TEAM_MODE_KEY } from './sync-outbox';

/** What became of one row of the file (its number as the spreadsheet shows it). */
export type RowFate =
  | { row: number; kind: 'imported'; caseId: string; reference: string }
  /** Already imported: `reference` is the case's (CMP-…), or the earlier row of this file. */
  | { row: number; kind: 'duplicate'; externalRef: string; reference?: string; sameAsRow?: number }
  | { row: number; kind: 'failed'; problems: RowProblem[] }
  /** The row passed the dry run but the save refused it (the message says why). */
  | { row: number; kind: 'refused'; message: string }
  /** Import cancelled before this row. */
  | { row: number; kind: 'not-imported' };

/** A row of the file by its number alone (the page names the import worker's rows so). */
export interface PlannedRow {
  row: number;
}

export interface ImportRow extends ImportableRow, PlannedRow {}

export interface DryRun {
  /** Rows that will be imported, in file order. */
  good: ImportRow[];
  /** Rows that will not be, and why, in file order. */
  rejected: RowFate[];
}

/**
 * The dry run as the page keeps it: the numbers of the rows that will be imported (the rows
 * themselves stay with whoever ran it) and the fates of the others.
 */
export interface DryRunReport {
  goodRows: number[];
  rejected: RowFate[];
}

export const dryRunReport = (run: DryRun): DryRunReport => ({
  goodRows: run.good.map((r) => r.row),
  rejected: run.rejected,
});

export interface Progress {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

/**
 * Gives the page a turn to paint and take input between slices of work. A message to itself, not
 * a zero timeout (which the browser stretches to 4 ms after a few in a row), nor scheduler.yield()
 * (whose continuation goes ahead of the page's own timers and would starve them).
 */
const yieldToUi = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
// Checking rows runs on the page's thread: a slice of it lasts at most this long (well under the
// 100 ms a page may be busy without feeling stuck), and progress is reported at most this often.
const SLICE_MS = 25;
const PROGRESS_MS = 100;
const LOOKUP_SLICE = 1000;

/** The cases already stored under these external references, by reference. */
async function storedByExternalRef(db: RedressDB, refs: readonly string[]): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (let i = 0; i < refs.length; i += LOOKUP_SLICE) {
    const rows = await db.cases
      .where('externalRef')
      .anyOf(refs.slice(i, i + LOOKUP_SLICE))
      .toArray();
    for (const c of rows) found.set(c.externalRef!, c.reference);
  }
  return found;
}

/**
 * Checks every row as the import will (the intake rules, the office's categories) and finds the
 * ones already imported, by external reference in this file or in the database.
 */
export async function dryRunImport(
  db: RedressDB,
  sheet: ParsedSheet,
  mapping: ColumnMapping,
  ctx: ImportContext,
  { onProgress, signal }: Progress = {},
): Promise<DryRun> {
  const good: ImportRow[] = [];
  const rejected: RowFate[] = [];
  const firstRowOf = new Map<string, number>();
  signal?.throwIfAborted();
  const rows = sheet.rows;
  let sliceStarted = performance.now();
  let reported = sliceStarted;
  for (let i = 0; i < rows.length; i += 1) {
    const { row, cells } = rows[i]!;
    const check = checkImportRow(cells, mapping, ctx);
    // Cells beyond the header were never read into a field: the row fails rather than lose them.
    const overflow = tooManyCells(rows[i]!, sheet.header.length);
    if (overflow) {
      rejected.push({ row, kind: 'failed', problems: [overflow, ...(check.ok ? [] : check.problems)] });
    } else if (!check.ok) rejected.push({ row, kind: 'failed', problems: check.problems });
    else {
      const ref = check.row.externalRef;
      const earlier = ref ? firstRowOf.get(ref) : undefined;
      if (earlier !== undefined) {
        rejected.push({ row, kind: 'duplicate', externalRef: ref, sameAsRow: earlier });
      } else {
        if (ref) firstRowOf.set(ref, row);
        good.push({ row, ...check.row });
      }
    }
    // The clock is read every few rows only: a row takes a fraction of a millisecond.
    if (i % 16 === 15 && performance.now() - sliceStarted >= SLICE_MS) {
      const at = performance.now();
      if (at - reported >= PROGRESS_MS) {
        onProgress?.(i + 1, rows.length);
        reported = at;
      }
      await yieldToUi();
      signal?.throwIfAborted();
      sliceStarted = performance.now();
    }
  }
  onProgress?.(rows.length, rows.length);
  const stored = await storedByExternalRef(db, [...firstRowOf.keys()]);
  if (stored.size === 0) return { good, rejected };
  const fresh: ImportRow[] = [];
  for (const r of good) {
    const reference = r.externalRef ? stored.get(r.externalRef) : undefined;
    if (reference) rejected.push({ row: r.row, kind: 'duplicate', externalRef: r.externalRef, reference });
    else fresh.push(r);
  }
  rejected.sort((a, b) => a.row - b.row);
  return { good: fresh, rejected };
}

/**
 * Rows per transaction: each commits on its own, so a cancel keeps what is already in. Large enough
 * that the per-transaction cost (a flush to disk) is spread thin, small enough that a transaction
 * holds the case tables for well under a second and Cancel answers as quickly.
 */
export const IMPORT_BATCH = 500;

/** What one batch's transaction did: each row's fate, and the new cases as the search index takes them. */
export interface SavedBatch {
  fates: RowFate[];
  indexed: SearchDoc[];
}

/** Saves one batch of rows in one transaction (here, or in the import worker, given row numbers). */
export type SaveBatch<R extends PlannedRow = ImportRow> = (
  batch: readonly R[],
  now: Date,
) => Promise<SavedBatch>;

/**
 * Creates a case for each row of the batch in one transaction, each with its audit entry "Imported
 * from <file>, row N". A row whose external reference was stored meanwhile is skipped as a
 * duplicate; a row a rule refuses at save is reported as refused. All or nothing: if the
 * transaction fails, none of the batch is stored.
 */
export async function saveImportBatch(
  db: RedressDB,
  batch: readonly ImportRow[],
  fileName: string,
  by: ActingPerson,
  rules: Pick<CaseRules, 'calendar' | 'taxonomy' | 'customRegime'>,
  now: Date,
): Promise<SavedBatch> {
  const created: CaseRecord[] = [];
  const tables = [...caseCreationTables(db), db.auditPacks, db.returnFactsOwed];
  const fates = await db.transaction('rw', tables, async (tx) => {
    // The batch's return facts are placed after the import, all in day order (settleReturnFacts).
    deferReturnFacts(tx);
    // A single desk stores the batch's trail entries packed (a row each was a fifth of an import's
    // writes); in team mode each goes as a row, through the outbox, to the server.
    const packTrail = (await db.syncState.get(TEAM_MODE_KEY))?.on !== true;
    const stored = await storedByExternalRef(db, batch.map((r) => r.externalRef).filter(Boolean));
    const fresh = batch.filter((r) => !(r.externalRef && stored.has(r.externalRef)));
    const results = await createCases(
      db,
      fresh.map((r) => ({
        input: r.input,
        imported: {
          externalRef: r.externalRef,
          reason: i18n.t('sheets.import.auditReason', { file: fileName, row: r.row }),
          acknowledgedAt: r.acknowledgedAt,
          closing: r.closing,
          returnData: r.returnData,
        },
      })),
      by,
      rules,
      now,
      { packTrail },
    );
    await oweReturnFacts(
      db,
      results.flatMap((r) => (r.ok ? [r.record] : [])),
    );
    const byRow = new Map(fresh.map((r, i) => [r.row, results[i]!]));
    return batch.map((r): RowFate => {
      const result = byRow.get(r.row);
      if (!result) {
        return {
          row: r.row,
          kind: 'duplicate',
          externalRef: r.externalRef,
          reference: stored.get(r.externalRef),
        };
      }
      if (!result.ok) return { row: r.row, kind: 'refused', message: result.error.message };
      created.push(result.record);
      return { row: r.row, kind: 'imported', caseId: result.record.id, reference: result.record.reference };
    });
  });
  // Only once committed: the index must not find a case the database does not hold.
  return { fates, indexed: created.map((c) => caseToSearchDoc(c)) };
}

/**
 * Imports the rows a batch per transaction (see saveImportBatch), giving the page a turn between
 * batches; after a cancel, the rows not reached are reported as not imported. `saveBatch` runs a
 * batch elsewhere (the app passes the import worker's, so the page never waits on the writes).
 */
export async function importRows<R extends PlannedRow = ImportRow>(
  db: RedressDB,
  rows: readonly R[],
  fileName: string,
  by: ActingPerson,
  rules: Pick<CaseRules, 'calendar' | 'taxonomy' | 'customRegime'>,
  {
    onProgress,
    signal,
    onCreated,
    now = () => new Date(),
    batchSize = IMPORT_BATCH,
    // Without a saver of its own, `rows` are whole ImportRows (R's default).
    saveBatch = (batch, at) =>
      saveImportBatch(db, batch as readonly PlannedRow[] as readonly ImportRow[], fileName, by, rules, at),
    settle = () => settleReturnFacts(db).then(() => undefined),
  }: Progress & {
    batchSize?: number;
    /** Each committed batch's new cases, as the search index takes them. */
    onCreated?: (docs: SearchDoc[]) => void;
    now?: () => Date;
    saveBatch?: SaveBatch<R>;
    /** Places the imported cases' return facts (settleReturnFacts; the app runs it in the import worker). */
    settle?: () => Promise<void>;
  } = {},
): Promise<RowFate[]> {
  assertMay(by, 'case.import');
  const fates: RowFate[] = [];
  for (let i = 0; i < rows.length; i += batchSize) {
    if (signal?.aborted) {
      for (const r of rows.slice(i)) fates.push({ row: r.row, kind: 'not-imported' });
      break;
    }
    // Stopped here, between batches, once the disk is almost full (a batch refused whole by the
    // worker's own guard would fail the import), and each row left says why.
    const full = diskRefusal();
    if (full) {
      for (const r of rows.slice(i)) fates.push({ row: r.row, kind: 'refused', message: full.message });
      break;
    }
    let saved: Awaited<ReturnType<SaveBatch<R>>>;
    try {
      saved = await saveBatch(rows.slice(i, i + batchSize), now());
    } catch (error) {
      // A batch is one transaction: none of its rows was saved. The import stops here, and the
      // report still says what became of every row, those saved before included: without it, the
      // officer could not tell which rows to import again.
      const why = batchFailure(rows[i]!.row, error);
      for (const r of rows.slice(i)) fates.push({ row: r.row, kind: 'refused', message: why });
      break;
    }
    fates.push(...saved.fates);
    if (saved.indexed.length) onCreated?.(saved.indexed);
    onProgress?.(Math.min(i + batchSize, rows.length), rows.length);
    await yieldToUi();
  }
  // After a cancel too: what was saved is counted in the returns. A disk too full to place them (or
  // any other failure) leaves them owed, and the returns place them before they count
  // (return-cases.ts): the report of every row's fate is not lost for it.
  await settle().catch((error: unknown) => {
    if (!isDiskFullRefusal(error)) console.warn('[redress] imported cases’ return facts left owed:', error);
  });
  return fates;
}

/** What each row from a failed batch on says: where the import stopped, and why. */
function batchFailure(firstRow: number, error: unknown): string {
  const why = error instanceof Error && error.message ? error.message : String(error);
  return i18n.t('sheets.import.batchFailed', { row: firstRow, why });
}

/** Every row's fate in file order: the dry run's refusals and the import's outcomes together. */
export function allFates(rejected: readonly RowFate[], imported: readonly RowFate[]): RowFate[] {
  return [...rejected, ...imported].sort((a, b) => a.row - b.row);
}
