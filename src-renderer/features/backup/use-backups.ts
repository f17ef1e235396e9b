import { useCallback, useEffect, useState } from 'react';
import type { BackupStatus, BackupSummary } from '../../../src-shared/ipc/channels/backup';
import type { TFunction } from 'i18next';
import { api, call } from '../../api/client';
import { messageOf } from '../investigation/Section';

export interface BackupsState {
  status: BackupStatus | null;
  /** Newest first; null while loading (or when loading failed). */
  backups: BackupSummary[] | null;
  unreadable: { file: string; message: string }[];
  /** The backups another computer made (by the desk their names carry). */
  madeElsewhere: ReadonlySet<string>;
  error: string | null;
  reload: () => Promise<void>;
  setStatus: (s: BackupStatus) => void;
}

interface Loaded {
  status: BackupStatus | null;
  backups: BackupSummary[];
  unreadable: { file: string; message: string }[];
  madeElsewhere: ReadonlySet<string>;
}

async function fetchBackups(): Promise<Loaded> {
  // Before anyone can sign in (a restore on a new computer) main answers the list, not the status.
  const [status, list] = await Promise.all([
    call(api().backup.status()).catch(() => null),
    call(api().backup.list()),
  ]);
  return {
    status,
    backups: newestFirst(list.backups),
    unreadable: list.unreadable,
    madeElsewhere: new Set(list.madeElsewhere),
  };
}

/** Main's backup status and the backups in its folder. */
export function useBackups(): BackupsState {
  const [status, setStatus] = useState<BackupStatus | null>(null);
  const [backups, setBackups] = useState<BackupSummary[] | null>(null);
  const [unreadable, setUnreadable] = useState<Loaded['unreadable']>([]);
  const [madeElsewhere, setMadeElsewhere] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const apply = useCallback((loaded: Loaded) => {
    setStatus(loaded.status);
    setBackups(loaded.backups);
    setUnreadable(loaded.unreadable);
    setMadeElsewhere(loaded.madeElsewhere);
    setError(null);
  }, []);
  const reload = useCallback(
    () => fetchBackups().then(apply, (e: unknown) => setError(messageOf(e))),
    [apply],
  );
  useEffect(() => {
    let alive = true;
    fetchBackups().then(
      (loaded) => alive && apply(loaded),
      (e: unknown) => alive && setError(messageOf(e)),
    );
    return () => {
      alive = false;
    };
  }, [apply]);
  return { status, backups, unreadable, madeElsewhere, error, reload, setStatus };
}

export function newestFirst(backups: readonly BackupSummary[]): BackupSummary[] {
  return [...backups].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * How many audit trail entries a backup holds. The trail's rows are not its entries: a join or an
 * import stores entries 250 to a row (`auditPacks`), so the count is the newest entry's seq (the
 * chain is gap-free from 1); a header without a head (an empty trail) falls back to the row count.
 */
export function backupTrailEntries(b: Pick<BackupSummary, 'auditHead' | 'counts'>): number {
  return b.auditHead?.seq ?? b.counts.audit ?? 0;
}

/** What a backup holds, in one line: its cases, audit entries and evidence files. */
export function backupHolds(b: BackupSummary, t: TFunction, number: (n: number) => string): string {
  const holds = t('backup.list.cases', {
    cases: number(b.counts.cases ?? 0),
    audit: number(backupTrailEntries(b)),
    evidence: number(b.evidenceFiles),
  });
  // Said with the backup for as long as it is listed: it holds those files as they were, damaged.
  return b.damagedEvidenceCount
    ? `${holds} · ${t('backup.list.damaged', { count: b.damagedEvidenceCount, formatted: number(b.damagedEvidenceCount) })}`
    : holds;
}
