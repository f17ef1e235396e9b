// Backup and restore at size, measured in the bench page the way the app runs them (the same
// runner, on the page's main thread): seconds for each, and the longest main-thread block during
// each (PerformanceObserver 'longtask', so what a person would feel as the screen freezing).
import { api, call } from '../../../src-renderer/api/client';
import { uploadEvidenceFile } from '../../../src-renderer/features/investigation/upload';
import { databaseWorkInWorker } from '../../../src-renderer/features/backup/database-work';
import { runBackup, runRestore } from '../../../src-renderer/features/backup/runner';

export interface BenchBackupOptions {
  passphrase: string;
  evidenceFiles: number;
  evidenceBytes: number;
}

export interface BenchBackupResult {
  backupSeconds: number;
  backupLongestBlockMs: number;
  backupLongTasks: number;
  backupBytes: number;
  restoreSeconds: number;
  restoreLongestBlockMs: number;
  restoreLongTasks: number;
  evidenceFiles: number;
  rowsRestored: number;
  evidenceUploadSeconds: number;
}

/** Watches long tasks while `fn` runs: the longest (ms) and how many. */
export async function watchingLongTasks<T>(
  fn: () => Promise<T>,
): Promise<{ value: T; longest: number; count: number; seconds: number }> {
  let longest = 0;
  let count = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      count += 1;
      longest = Math.max(longest, entry.duration);
    }
  });
  observer.observe({ type: 'longtask', buffered: false });
  const started = performance.now();
  try {
    const value = await fn();
    // Entries are delivered after the task: give the observer its turn.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { value, longest, count, seconds: (performance.now() - started) / 1000 };
  } finally {
    observer.disconnect();
  }
}

/** Deterministic bytes for evidence file i, so a rerun stores nothing new (content-addressed). */
function evidenceBytes(i: number, size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  let x = (i + 1) * 2654435761;
  for (let k = 0; k < size; k++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    bytes[k] = x & 0xff;
  }
  return bytes;
}

export async function backupAndRestore(options: BenchBackupOptions): Promise<BenchBackupResult> {
  const status = await call(api().backup.status());
  if (status.key === 'unset') await call(api().backup.setPassphrase({ passphrase: options.passphrase }));
  else if (status.key !== 'ready') await call(api().backup.unlock({ passphrase: options.passphrase }));

  const uploadStarted = performance.now();
  for (let i = 0; i < options.evidenceFiles; i++) {
    const file = new File([evidenceBytes(i, options.evidenceBytes)], `bench-evidence-${i}.bin`);
    await uploadEvidenceFile(file);
    if (i % 100 === 99) console.log(`[bench] evidence files uploaded: ${i + 1}`);
  }
  const evidenceUploadSeconds = (performance.now() - uploadStarted) / 1000;

  let lastLog = 0;
  const backup = await watchingLongTasks(() =>
    runBackup(databaseWorkInWorker(), api().backup, {
      reason: 'manual',
      onProgress: (p) => {
        if (performance.now() - lastLog < 5000) return;
        lastLog = performance.now();
        console.log(`[bench] backup: ${JSON.stringify(p)}`);
      },
    }),
  );
  console.log(`[bench] backup made in ${backup.seconds.toFixed(1)} s: ${backup.value.file}`);
  const restore = await watchingLongTasks(() =>
    runRestore(databaseWorkInWorker(), api().backup, {
      file: backup.value.file,
      onProgress: (p) => {
        if (performance.now() - lastLog < 5000) return;
        lastLog = performance.now();
        console.log(`[bench] restore: ${JSON.stringify(p)}`);
      },
    }),
  );
  const rows = Object.values(backup.value.counts).reduce((a, b) => a + b, 0);
  return {
    backupSeconds: backup.seconds,
    backupLongestBlockMs: backup.longest,
    backupLongTasks: backup.count,
    backupBytes: backup.value.size,
    restoreSeconds: restore.seconds,
    restoreLongestBlockMs: restore.longest,
    restoreLongTasks: restore.count,
    evidenceFiles: backup.value.evidenceFiles,
    rowsRestored: rows,
    evidenceUploadSeconds,
  };
}
