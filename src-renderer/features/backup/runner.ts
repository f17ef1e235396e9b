// Runs a backup or a restore of the case database against main's backup channels. The transport
// is passed in (the app passes window.api's backup group), so the unit tests drive the same code
// against a stand-in for main.
import type { Api, OutputOf } from '../../../src-shared/ipc/contract';
import type { BackupReason, BackupSummary } from '../../../src-shared/ipc/channels/backup';
import { ApiError, call } from '../../api/client';
import { countMismatches, deleteDatabase, isAbort, type RowsProgress } from '../../db/database-backup';
import { base64ToBytes, blobToBase64 } from './base64';
import {
  ledgerDisposals,
  type LedgerDisposal,
  type LedgerEntry,
} from '../../../src-shared/domain/disposal-ledger';
import type { DatabaseWork } from './database-work';

export type BackupChannels = Api['backup'];

export type BackupPhase =
  | { phase: 'exporting'; rows: RowsProgress }
  | { phase: 'sending'; sent: number; total: number }
  | { phase: 'sealing' };

export type RestorePhase =
  | { phase: 'checking' }
  | { phase: 'reading'; read: number; total: number }
  | { phase: 'importing'; rows: RowsProgress }
  | { phase: 'reapplying'; done: number; total: number }
  | { phase: 'switching' };

/** Thrown when the imported database does not hold what the backup says it holds. */
export class IncompleteRestoreError extends Error {
  constructor(readonly tables: string[]) {
    super(`The restored database is missing rows of: ${tables.join(', ')}`);
    this.name = 'IncompleteRestoreError';
  }
}

/**
 * Exports the database, streams it to main in its chunk size and has main seal the backup. A
 * cancel (the signal) or any failure tells main to drop the half-made file.
 */
export async function runBackup(
  work: DatabaseWork,
  channels: BackupChannels,
  options: { reason: BackupReason; signal?: AbortSignal; onProgress?: (p: BackupPhase) => void },
): Promise<BackupSummary> {
  const { reason, signal, onProgress } = options;
  const exported = await work.exportDatabase({
    signal,
    onProgress: (rows) => onProgress?.({ phase: 'exporting', rows }),
  });
  const total = exported.bytes.size;
  const { backupId, chunkBytes } = await call(
    channels.begin({
      reason,
      schemaVersion: exported.schemaVersion,
      counts: exported.counts,
      auditHead: exported.auditHead,
      databaseBytes: total,
    }),
  );
  try {
    for (let offset = 0; offset < total; offset += chunkBytes) {
      signal?.throwIfAborted();
      const data = await blobToBase64(exported.bytes.slice(offset, offset + chunkBytes));
      await call(channels.chunk({ backupId, offset, data }));
      onProgress?.({ phase: 'sending', sent: Math.min(total, offset + chunkBytes), total });
    }
    signal?.throwIfAborted();
    onProgress?.({ phase: 'sealing' });
    return await call(channels.finish({ backupId, databaseSha256: exported.sha256 }));
  } catch (error) {
    // Best effort: main also drops a job nobody finishes.
    await channels.cancel({ backupId }).catch(() => undefined);
    throw error;
  }
}

export interface RestoreOptions {
  file: string;
  passphrase?: string;
  signal?: AbortSignal;
  onProgress?: (p: RestorePhase) => void;
  /**
   * Makes this computer's disposals again in the imported database, before the switch
   * (retention.ts, reapplyDisposals): a backup older than an erasure must not bring the person back.
   */
  /** Ledger lines the database in use still holds for main (retention.ts): made again too. */
  ledgerWaiting?: LedgerEntry[];
  reapply?: (
    targetName: string,
    disposals: LedgerDisposal[],
    onCase: (done: number) => void,
  ) => Promise<{ cases: number; unusedFiles: string[]; teamMode: boolean }>;
}

/** What a restore did besides the database: the disposals made again, and the ledger's state. */
export interface RestoreOutcome {
  name: string;
  /** Cases disposed of again, as this computer's disposal ledger holds them. */
  reapplied: number;
  /** The ledger could not be read whole (see disposal-ledger.ts): what it could not read came back. */
  ledgerProblem: 'altered' | 'key' | null;
  /** The restored database is a team desk's: nothing was made again (its pull brings the server's). */
  teamDesk: boolean;
}

/** Every line of the disposal ledger main read when the restore was opened. */
async function ledgerOf(channels: BackupChannels, restoreId: string): Promise<LedgerEntry[]> {
  const entries: LedgerEntry[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const page: OutputOf<'backup:restore-disposals'> = await call(
      channels.restoreDisposals({ restoreId, offset }),
    );
    entries.push(...page.entries);
    offset = page.next;
  }
  return entries;
}

/**
 * Restores a backup into a new database and has main switch to it. Until the switch the database
 * in use is untouched; on any failure or cancel the half import is deleted and main told to drop
 * its staging. After it resolves, main has ended the session: the caller reloads the page.
 */
export async function runRestore(
  work: DatabaseWork,
  channels: BackupChannels,
  options: RestoreOptions,
): Promise<RestoreOutcome> {
  const { file, passphrase, signal, onProgress, reapply, ledgerWaiting = [] } = options;
  onProgress?.({ phase: 'checking' });
  const opened = await call(channels.restoreOpen(passphrase === undefined ? { file } : { file, passphrase }));
  const { restoreId, targetName, summary, databaseBytes, disposalEntries, ledgerProblem } = opened;
  try {
    const parts: Uint8Array<ArrayBuffer>[] = [];
    let offset = 0;
    for (;;) {
      signal?.throwIfAborted();
      const { data, done } = await call(channels.restoreRead({ restoreId, offset }));
      const bytes = base64ToBytes(data);
      parts.push(bytes);
      offset += bytes.length;
      onProgress?.({ phase: 'reading', read: offset, total: databaseBytes });
      if (done) break;
      // A read that makes no progress would loop for ever.
      if (bytes.length === 0)
        throw new ApiError('BACKUP_DAMAGED', 'The backup is damaged or the passphrase is wrong.');
    }
    const imported = await work.importDatabase(targetName, new Blob(parts), {
      signal,
      onProgress: (rows) => onProgress?.({ phase: 'importing', rows }),
    });
    const missing = countMismatches(summary.counts, imported);
    if (missing.length) throw new IncompleteRestoreError(missing.map((m) => m.table));
    let reapplied = { cases: 0, unusedFiles: [] as string[], teamMode: false };
    if (reapply && disposalEntries + ledgerWaiting.length > 0) {
      const disposals = ledgerDisposals([...(await ledgerOf(channels, restoreId)), ...ledgerWaiting]);
      const total = disposals.reduce((n, d) => n + d.cases.length, 0);
      signal?.throwIfAborted();
      onProgress?.({ phase: 'reapplying', done: 0, total });
      reapplied = await reapply(targetName, disposals, (done) => {
        // A cancel stops it after the case in hand: the half-made database is deleted below.
        signal?.throwIfAborted();
        onProgress?.({ phase: 'reapplying', done, total });
      });
    }
    signal?.throwIfAborted();
    onProgress?.({ phase: 'switching' });
    const { name } = await call(
      channels.restoreCommit({
        restoreId,
        ...(reapplied.unusedFiles.length ? { evidenceDisposed: reapplied.unusedFiles } : {}),
        ...(ledgerWaiting.length ? { ledgerWaiting } : {}),
      }),
    );
    return { name, reapplied: reapplied.cases, ledgerProblem, teamDesk: reapplied.teamMode };
  } catch (error) {
    // A commit main could not finish is finished at its next start, onto this very database:
    // it must stay.
    if (error instanceof ApiError && error.code === 'RESTORE_UNFINISHED') throw error;
    await channels.restoreCancel({ restoreId }).catch(() => undefined);
    await deleteDatabase(targetName).catch(() => undefined);
    throw error;
  }
}

export { isAbort };
