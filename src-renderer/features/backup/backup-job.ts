// The one backup that may run at a time, shared by the Backups screen, the automatic backup in the
// app bar and the backup main asks for on quit: a second request joins the running one.
import type { TFunction } from 'i18next';
import { useSyncExternalStore } from 'react';
import type { BackupReason, BackupSummary } from '../../../src-shared/ipc/channels/backup';
import { ApiError, api } from '../../api/client';
import { errorText } from '../../api/error-text';
import { databaseWorkInWorker } from './database-work';
import { runBackup, type BackupPhase } from './runner';

export interface RunningBackup {
  reason: BackupReason;
  progress: BackupPhase | null;
  cancel: () => void;
}

let running: { state: RunningBackup; done: Promise<BackupSummary> } | null = null;
const listeners = new Set<() => void>();
const changed = () => {
  for (const l of listeners) l();
};

/** 0..1 for a progress bar: the export is most of the work, sending the rest. */
export function backupFraction(progress: BackupPhase | null): number {
  if (!progress) return 0;
  if (progress.phase === 'exporting') {
    return progress.rows.total ? (0.7 * progress.rows.done) / progress.rows.total : 0;
  }
  if (progress.phase === 'sending') return 0.7 + (0.25 * progress.sent) / Math.max(1, progress.total);
  return 0.95;
}

/**
 * Words for a backup that failed, put in `wrap` (the screen's "The backup failed: …"). One written
 * but not read back intact from its folder is said on its own, naming the whole folder.
 */
export function backupFailedText(
  t: TFunction,
  error: unknown,
  folder: string | undefined,
  wrap: (message: string) => string,
): string {
  if (error instanceof ApiError && error.code === 'BACKUP_UNREADABLE' && folder)
    return t('backup.now.readBack', { folder });
  return wrap(errorText(error));
}

/** Starts a backup, or returns the one already running (whatever its reason). */
export function startBackup(reason: BackupReason): Promise<BackupSummary> {
  if (running) return running.done;
  const stop = new AbortController();
  const state: RunningBackup = { reason, progress: null, cancel: () => stop.abort() };
  const done = runBackup(databaseWorkInWorker(), api().backup, {
    reason,
    signal: stop.signal,
    onProgress: (progress) => {
      if (!running) return;
      running = { ...running, state: { ...running.state, progress } };
      changed();
    },
  }).finally(() => {
    running = null;
    changed();
  });
  running = { state, done };
  changed();
  return done;
}

/** The running backup, if any, for a component to show. */
export function useRunningBackup(): RunningBackup | null {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => running?.state ?? null,
  );
}
