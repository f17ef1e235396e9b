import '../../db/dexie-export-import-env';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackupSummary } from '../../../../../src-shared/ipc/channels/backup';
import { ok, type Result } from '../../../../../src-shared/ipc/result';
import { DERIVED_TABLES, deleteDatabase } from '../../../../../src-renderer/db/database-backup';
import { IMPORT_COMPLETE_KEY, RedressDB } from '../../../../../src-renderer/db/schema';
import { seedDemoData } from '../../../../../src-renderer/db/seed';
import { base64ToBytes, bytesToBase64 } from '../../../../../src-renderer/features/backup/base64';
import {
  IncompleteRestoreError,
  runBackup,
  runRestore,
  type BackupChannels,
} from '../../../../../src-renderer/features/backup/runner';
import { databaseWorkHere } from '../../../../../src-renderer/features/backup/database-work';
import { personOf } from '../../../../../src-shared/domain/permissions';
import { freshDb, intake, person, returnFactPacksAndRecomputed, testRules } from '../../db/test-db';
import { appendAudits, verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import { addEvidence } from '../../../../../src-renderer/db/investigation';
import { eraseComplainant, listDisposals, waitingLedgerRows } from '../../../../../src-renderer/db/retention';
import { reapplyOnRestored } from '../../../../../src-renderer/features/backup/reapply-disposals';
import type { LedgerEntry } from '../../../../../src-shared/domain/disposal-ledger';
import { createCase, transitionCase } from '../../../../../src-renderer/db/cases';
import { backupHolds, backupTrailEntries } from '../../../../../src-renderer/features/backup/use-backups';

const NAMES = [
  'Đặng Thị 🙂 Nguyễn',
  'محمد عبد الله الفاسي',
  '王秀英 (おうしゅうえい) 김민준',
  '👩🏽‍⚕️🇬🇧 Zoë Ngũgĩ',
];
const TARGET = 'redress-00000000-0000-4000-8000-000000000001';

/**
 * Main's half, as far as the renderer sees it: keeps the streamed bytes and serves them back in
 * chunks of the same size. `drop` leaves a table's rows out of the counts it reports, or adds one.
 */
function standInMain(chunkBytes: number) {
  let stored = new Uint8Array(0);
  let begun: Parameters<BackupChannels['begin']>[0] | undefined;
  const received: number[] = [];
  const events: string[] = [];
  // This computer's disposal ledger, as main would hand it to a restore.
  const ledger: LedgerEntry[] = [];
  const commits: unknown[] = [];
  let summaryCounts: Record<string, number> = {};
  const answer = <T>(value: T): Promise<Result<T>> => Promise.resolve(ok(value));
  const summary = (): BackupSummary => ({
    file: 'test.redressbackup',
    createdAt: '2026-12-03T12:00:00.000Z',
    size: stored.length,
    reason: begun!.reason,
    appVersion: 'test',
    schemaVersion: begun!.schemaVersion,
    counts: summaryCounts,
    evidenceFiles: 0,
    auditHead: begun!.auditHead,
    by: null,
    training: false,
    damagedEvidenceCount: 0,
    damagedEvidence: [],
  });
  const channels = {
    begin: (input) => {
      begun = input;
      summaryCounts = { ...input.counts };
      stored = new Uint8Array(input.databaseBytes);
      return answer({ backupId: crypto.randomUUID(), chunkBytes });
    },
    chunk: ({ offset, data }) => {
      const bytes = base64ToBytes(data);
      expect(bytes.length).toBeLessThanOrEqual(chunkBytes);
      stored.set(bytes, offset);
      received.push(offset);
      return answer({ received: offset + bytes.length });
    },
    finish: () => answer(summary()),
    cancel: () => {
      events.push('backup-cancel');
      return answer({ cancelled: true });
    },
    restoreOpen: () =>
      answer({
        restoreId: crypto.randomUUID(),
        summary: summary(),
        databaseBytes: stored.length,
        chunkBytes,
        targetName: TARGET,
        disposalEntries: ledger.length,
        ledgerProblem: null,
      }),
    // Two lines a page, so the renderer must follow `next`.
    restoreDisposals: ({ offset }) =>
      answer({
        entries: ledger.slice(offset, offset + 2),
        next: offset + 2 < ledger.length ? offset + 2 : null,
      }),
    restoreRead: ({ offset }) => {
      const end = Math.min(stored.length, offset + chunkBytes);
      return answer({ data: bytesToBase64(stored.subarray(offset, end)), done: end >= stored.length });
    },
    restoreCommit: (input) => {
      events.push('commit');
      commits.push(input);
      return answer({ name: TARGET });
    },
    restoreCancel: () => {
      events.push('restore-cancel');
      return answer({ cancelled: true });
    },
  } as Partial<BackupChannels> as BackupChannels;
  return {
    channels,
    received,
    events,
    ledger,
    commits,
    get counts() {
      return summaryCounts;
    },
    setCounts(counts: Record<string, number>) {
      summaryCounts = counts;
    },
  };
}

async function rowsOf(db: Dexie, table: string): Promise<unknown[]> {
  return db.table(table).toCollection().sortBy(':id');
}

afterEach(async () => {
  await deleteDatabase(TARGET);
});

describe('bytes as base64', () => {
  it('round-trips UTF-8 split anywhere, multi-byte characters cut in half included', () => {
    const utf8 = new TextEncoder().encode(NAMES.join('|'));
    for (const size of [1, 2, 3, 5, 7]) {
      const pieces: Uint8Array[] = [];
      for (let i = 0; i < utf8.length; i += size) {
        pieces.push(base64ToBytes(bytesToBase64(utf8.subarray(i, i + size))));
      }
      const joined = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of pieces) {
        joined.set(p, at);
        at += p.length;
      }
      expect(new TextDecoder().decode(joined)).toBe(NAMES.join('|'));
    }
  });
});

const CASES = 3000;

describe('backup and restore of the case database', () => {
  it('gives back every row of 3,000 cases and planted non-Latin names, in a new database', async () => {
    const db = freshDb();
    const now = new Date('2026-11-30T10:00:00Z');
    await seedDemoData(db, {
      profile: 'training',
      // Enough for several of the export's 2,000-row pages and the restore's 4 MB pages.
      count: CASES,
      seed: 11,
      now,
      rules: testRules(),
      chunkSize: 2000,
    });
    // Planted cases whose names, long enough to cross many chunk boundaries, are all multi-byte.
    const template = (await db.cases.limit(1).first())!;
    await db.cases.bulkAdd(
      NAMES.map((name, i) => ({
        ...template,
        id: `planted-${i}`,
        reference: `PLANTED-${i}`,
        complainant: { ...template.complainant, name },
        description: name.repeat(300),
      })),
    );
    await db.searchIndex.put({ key: 'meta', data: 'derived, left out' });

    // An odd chunk size: base64 padding and chunk ends fall everywhere.
    const main = standInMain(4099);
    const phases = new Set<string>();
    const summary = await runBackup(databaseWorkHere(db), main.channels, {
      reason: 'manual',
      onProgress: (p) => phases.add(p.phase),
    });
    expect([...phases]).toEqual(['exporting', 'sending', 'sealing']);
    expect(main.received.length).toBeGreaterThan(10);
    expect(summary.counts.cases).toBe(CASES + NAMES.length);
    expect(summary.counts).not.toHaveProperty('searchIndex');
    expect(summary.auditHead?.seq).toBeGreaterThan(0);

    const { name, reapplied } = await runRestore(databaseWorkHere(db), main.channels, { file: summary.file });
    expect(name).toBe(TARGET);
    expect(reapplied).toBe(0);
    expect(main.events).toEqual(['commit']);

    const restored = new RedressDB(TARGET);
    for (const table of db.tables.map((t) => t.name)) {
      if (table === 'returnFactPacks') {
        // Left out of the backup, and written again with each case the restore puts back (in the
        // restore's order of writing: compared as sets).
        const packs = await returnFactPacksAndRecomputed(restored);
        expect(packs.stored).toEqual(packs.recomputed);
        expect(packs.stored).toEqual((await returnFactPacksAndRecomputed(db)).stored);
      } else if (table === 'returnFacts') {
        // Left out of the backup, and written again with each case the restore puts back.
        expect(await rowsOf(restored, table), table).toEqual(await rowsOf(db, table));
      } else if (DERIVED_TABLES.includes(table)) {
        expect(await restored.table(table).count()).toBe(0);
      } else if (table === 'counters') {
        // The one row the restore adds: the mark of a whole import, which start-up relies on.
        const rows = (await rowsOf(restored, table)) as { key: string }[];
        expect(rows.some((r) => r.key === IMPORT_COMPLETE_KEY)).toBe(true);
        expect(rows.filter((r) => r.key !== IMPORT_COMPLETE_KEY)).toEqual(await rowsOf(db, table));
      } else {
        expect(await rowsOf(restored, table), table).toEqual(await rowsOf(db, table));
      }
    }
    expect((await restored.cases.get('planted-0'))!.complainant.name).toBe('Đặng Thị 🙂 Nguyễn');
    restored.close();
    db.close();
    // Ten minutes were not always enough at 10,000 cases on a build machine shared by four jobs.
  }, 900_000);

  it('says how many trail entries it holds when the trail is packed, not how many rows', async () => {
    const db = freshDb();
    const officer = person('u1', 'Priya Shah', 'officer');
    await createCase(
      db,
      intake('2026-11-30T09:15:00Z'),
      officer,
      testRules(),
      new Date('2026-11-30T09:15:00Z'),
    );
    // A join's 600 entries, stored three packs to the trail's rows.
    const drafts = Array.from({ length: 600 }, (_, i) => ({
      at: new Date(Date.UTC(2026, 10, 1, 9, 0, i)).toISOString(),
      actor: { id: 'u9', name: 'Đặng Thị Hoa' },
      entity: 'case',
      entityId: `joined-${i % 40}`,
      caseId: `joined-${i % 40}`,
      action: 'case-updated',
      changes: [{ field: 'description', before: null, after: `Rang back — ${i}` }],
    }));
    await db.transaction('rw', [db.audit, db.auditPacks, db.counters], () =>
      appendAudits(db, drafts, undefined, { packed: true }),
    );
    const rows = await db.audit.count();
    const entries = rows + 600;

    const summary = await runBackup(databaseWorkHere(db), standInMain(65_536).channels, { reason: 'manual' });
    expect(summary.counts.audit).toBe(rows);
    expect(backupTrailEntries(summary)).toBe(entries);
    expect(
      backupHolds(
        summary,
        ((key: string, v: Record<string, string>) => `${key} ${JSON.stringify(v)}`) as never,
        String,
      ),
    ).toContain(`"audit":"${entries}"`);
    // An empty trail has no head: the row count (none) stands.
    expect(backupTrailEntries({ auditHead: null, counts: { audit: 0 } })).toBe(0);
    db.close();
  });

  it('refuses an import that lacks a table the backup lists, deletes it and keeps nothing', async () => {
    const db = freshDb();
    await db.users.put({ id: 'u1', name: '王秀英' } as never);
    const main = standInMain(1024);
    const summary = await runBackup(databaseWorkHere(db), main.channels, { reason: 'manual' });
    // What the backup says it holds includes a table this export lacks (as if rows went missing).
    main.setCounts({ ...main.counts, lostTable: 3 });

    await expect(
      runRestore(databaseWorkHere(db), main.channels, { file: summary.file }),
    ).rejects.toBeInstanceOf(IncompleteRestoreError);
    expect(main.events).toEqual(['restore-cancel']);
    expect((await Dexie.getDatabaseNames()).includes(TARGET)).toBe(false);
    db.close();
  });

  it('cancelled while exporting: main is never asked to begin', async () => {
    const db = freshDb();
    await seedDemoData(db, {
      profile: 'training',
      count: 50,
      seed: 3,
      now: new Date('2026-11-30T10:00:00Z'),
      rules: testRules(),
    });
    const main = standInMain(1024);
    const stop = new AbortController();
    stop.abort();
    await expect(
      runBackup(databaseWorkHere(db), main.channels, { reason: 'manual', signal: stop.signal }),
    ).rejects.toThrow(/cancelled/);
    expect(main.received).toEqual([]);
    db.close();
  });

  it('makes this computer’s disposals again in the restored database, before the switch', async () => {
    const db = freshDb();
    const officer = person('u1', 'Priya Shah', 'officer');
    const manager = person('m1', 'Morgan Reid', 'manager');
    const admin = person('a1', 'Ada Byrne', 'administrator');
    const at = new Date('2026-11-30T09:15:00Z');
    const kept = await createCase(
      db,
      intake('2026-11-30T09:15:00Z', { complainant: { name: 'Kept Complainant' } }),
      officer,
      testRules(),
      at,
    );
    const gone = await createCase(
      db,
      intake('2026-11-30T09:20:00Z', {
        complainant: { name: 'Quintessa Marlowe-Fairweather', email: 'quintessa.mf@example.org' },
        description: 'Quintessa Marlowe-Fairweather was charged twice.',
      }),
      officer,
      testRules(),
      at,
    );
    const statement = 'c'.repeat(64);
    await addEvidence(
      db,
      gone.id,
      {
        name: 'Quintessa statement.pdf',
        size: 10,
        type: 'application/pdf',
        sha256: statement,
        description: '',
      },
      officer,
      at,
    );
    const away = await createCase(
      db,
      intake('2026-11-30T09:14:00Z', { complainant: { name: 'Ōtake Hanako' } }),
      officer,
      testRules(),
      at,
    );
    for (const c of [gone, away])
      await transitionCase(db, c.id, 'withdrawn', officer, testRules(), {
        reason: 'Withdrawn by phone',
        now: new Date('2026-11-30T10:00:00Z'),
      });
    const main = standInMain(65_536);
    const summary = await runBackup(databaseWorkHere(db), main.channels, { reason: 'manual' });

    // After the backup, the person asks to be erased; main's ledger keeps what was disposed of.
    const erasure = await eraseComplainant(db, [gone.id], manager, {
      reason: 'Erasure request received 1 December',
      files: {
        dispose: async (hashes) => ({ removed: hashes.length }),
        record: async (entries) => {
          main.ledger.push(...entries);
          return { recorded: entries.length };
        },
      },
    });
    expect(erasure.skipped).toEqual([]);
    expect(main.ledger).toEqual([
      expect.objectContaining({ kind: 'case', caseId: gone.id, method: 'erasure', by: personOf(manager) }),
      expect.objectContaining({ kind: 'files', files: [statement] }),
    ]);
    // Nothing waits on the page once main has the lines.
    expect(await db.syncState.where('key').startsWith('disposal-ledger|').count()).toBe(0);
    // Another erasure while main could not take its line: the line waits in the database in use.
    const unsealed = await eraseComplainant(db, [away.id], manager, {
      reason: 'Erasure request received 2 December',
      files: {
        dispose: async (hashes) => ({ removed: hashes.length }),
        record: async () => {
          throw new Error('The disk is full.');
        },
      },
    });
    expect(unsealed.ledgerWaiting).toBe(1);
    const waiting = await waitingLedgerRows(db);
    const ledgerWaiting = waiting.map((r) => r.ledger!);

    const phases: string[] = [];
    const outcome = await runRestore(databaseWorkHere(db), main.channels, {
      file: summary.file,
      onProgress: (p) => phases.push(p.phase),
      ledgerWaiting,
      reapply: (target, disposals, onCase) =>
        reapplyOnRestored(target, disposals, admin, 'Europe/London', onCase, waiting),
    });
    expect(outcome).toEqual({ name: TARGET, reapplied: 2, ledgerProblem: null, teamDesk: false });
    expect(phases.indexOf('reapplying')).toBeGreaterThan(phases.lastIndexOf('importing'));
    expect(phases.at(-1)).toBe('switching');
    // The statement no case of the restored database names stays out of the evidence folder.
    // The line that waited goes to main with the commit, for its ledger.
    expect(main.commits).toEqual([
      {
        restoreId: expect.any(String),
        evidenceDisposed: [statement],
        ledgerWaiting: [expect.objectContaining({ caseId: away.id, method: 'erasure' })],
      },
    ]);

    const restored = new RedressDB(TARGET);
    const everything = (
      await Promise.all(restored.tables.map(async (t) => JSON.stringify(await t.toArray())))
    ).join('\n');
    expect(everything).not.toMatch(/Quintessa|Marlowe|quintessa\.mf/i);
    expect((await restored.cases.get(gone.id))!.anonymised).toBeTruthy();
    expect((await restored.cases.get(away.id))!.complainant.name).not.toContain('Ōtake');
    // And its line goes on waiting there until main has it (main is handed it at the commit too).
    expect(await waitingLedgerRows(restored)).toEqual(waiting);
    expect((await restored.cases.get(kept.id))!.complainant.name).toBe('Kept Complainant');
    expect(await restored.evidence.where('sha256').equals(statement).count()).toBe(0);
    expect(await verifyStoredAuditChain(restored)).toMatchObject({ ok: true });
    const record = (await listDisposals(restored)).rows.find((r) => r.references.includes(gone.reference));
    expect(record).toMatchObject({
      method: 'erasure',
      by: personOf(admin),
      references: [gone.reference],
      repeats: main.ledger[0]!.recordId,
    });
    expect(record!.reason).toMatch(
      /^Made again after a backup was restored: the erasure request of 2026-\d\d-\d\d by Morgan Reid \(record [0-9a-f]{8}\) came after that backup\.$/,
    );
    restored.close();
    db.close();
  });
});
