// The desk's sync loop in team mode (DESIGN.md, "Team mode"): push the outbox in order, in batches
// the server takes at once (an entry leaves the outbox only once the server answered for it; a
// retry sends the same keys, so nothing is applied twice), pull what the other desks did since the
// last seq stored, then wait until the server has more or this desk writes again. When the server
// is away it says so, keeps everything, and tries again a little later each time.
import { liveQuery } from 'dexie';
import { errorText, isDiskFull } from '../../api/error-text';
import { timeLeftMs, withSample } from '../../app/time-left';
import {
  evidenceCopiesDropped,
  evidenceCopiesKept,
  evidenceCopySent,
  evidenceCopiesToDrop,
  evidenceDropsWaiting,
  hiddenCheckedUpTo,
  removeHiddenCases,
} from '../../db/hidden-cases';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { needsReferenceTopUp, REFERENCE_RANGE_SIZE } from '../../../src-shared/domain/reference';
import { MAX_PUSH_CHANGES, type OfficeWording } from '../../../src-shared/domain/team-sync';
import {
  DROP_EVIDENCE_MAX,
  type TeamCaseHistoryAnswer,
  type TeamDropEvidenceAnswer,
  type TeamHiddenCasesAnswer,
  type TeamReferenceRangeAnswer,
  type TeamTrailPayloadsAnswer,
  type TeamUploadEvidenceAnswer,
} from '../../../src-shared/ipc/channels/team-desk';
import {
  JOIN_PULL_PAGE,
  PULL_PAGE,
  type OutboxChange,
  type TeamPullAnswer,
  type TeamPushAnswer,
  type TeamWaitAnswer,
} from '../../../src-shared/ipc/channels/team-sync';
import { diskRefusal } from '../../db/disk-guard';
import type { RedressDB } from '../../db/schema';
import type { OutboxEntry } from '../../db/sync-outbox';
import {
  applyPulledPage,
  finishJoin,
  heldReferences,
  joinUnderway,
  lastPulledSeq,
  lastSyncedAt as storedLastSyncedAt,
  noteEvidenceRefused,
  outboxBatch,
  promotionProgress,
  setTeamMode,
  syncHeldFor,
  storeLastSyncedAt,
  storePulledSeq,
  storePushAnswer,
  storeReferenceRange,
  restoreRefusedDisposalTrail,
  trailRestoresWaiting,
  applyCaseHistoryPage,
  caseHistoriesWaiting,
} from '../../db/sync-replica';

/** What the runner needs from main (window.api in the app, the handlers themselves in tests). */
export interface SyncTransport {
  status(): Promise<{ teamMode: boolean; deskId: string | null }>;
  push(changes: OutboxChange[]): Promise<TeamPushAnswer>;
  pull(sinceSeq: number, limit: number): Promise<TeamPullAnswer>;
  waitForChanges(afterSeq: number, timeoutMs: number): Promise<TeamWaitAnswer>;
  /** The next range of `year`'s references for this desk (team:reference-range). */
  referenceRange?(year: number, size: number, atLeast: number): Promise<TeamReferenceRangeAnswer>;
  /** Sends this desk's evidence file to the server (team:upload-evidence; `ifHeld`: absent is no refusal). */
  uploadEvidence?(sha256: string, options?: { ifHeld?: boolean }): Promise<TeamUploadEvidenceAnswer>;
  /** The payloads of a case's trail entries on the server (team:trail-payloads). */
  trailPayloads?(caseId: string): Promise<TeamTrailPayloadsAnswer>;
  /** The restricted cases this account may not see, changed after a seq (team:hidden-cases). */
  hiddenCases?(afterSeq: number): Promise<TeamHiddenCasesAnswer>;
  /** A case's changes this desk pulled past before it could see the case (team:case-history). */
  caseHistory?(caseId: string, afterSeq: number, beforeSeq: number): Promise<TeamCaseHistoryAnswer>;
  /** Drops this desk's copies of evidence files, sending any the server lacks first (team:drop-evidence-copies). */
  dropEvidenceCopies?(hashes: string[]): Promise<TeamDropEvidenceAnswer>;
}

export type SyncPhase = 'syncing' | 'online' | 'offline' | 'held' | 'paused';

export type SyncStatus =
  | { mode: 'single' }
  | {
      mode: 'team';
      /**
       * held: nothing is sent or pulled until this desk is promoted (`heldFor` says how far).
       * paused: this desk's own disk is (almost) full, so nothing is pulled or sent (a pass writes
       * to the case database) until space is freed; `message` says so.
       */
      phase: SyncPhase;
      heldFor?: 'promotion' | 'unpromoted';
      /** Local changes not yet taken by the server. */
      waiting: number;
      conflicts: number;
      /** When the desk last finished a push and pull (ISO), or null. */
      lastSyncedAt: string | null;
      /** Why the server could not be reached (offline), or why sync waits (paused). */
      message: string | null;
      /** A long pull under way (more than one page behind the server), or null. */
      catchingUp: PullProgress | null;
    };

const toChange = ({ seq: _seq, caseId: _caseId, ...change }: OutboxEntry): OutboxChange => change;

/**
 * A pass's outcome. `held`: nothing was sent or pulled, because this desk's promotion has not
 * finished or its own records wait for one (`syncHeldFor`): its edits wait in the outbox until
 * every record they touch is on the server (promote-desk.ts).
 */
export type SyncPass =
  { online: true; held?: 'promotion' | 'unpromoted' } | { online: false; message: string };

/**
 * How far a pull has got since the pass began: `done` of `total` changes (the server's head); or,
 * at a join's end, how many cases the return figures (`returns`) or the search index (`search`)
 * have been built for.
 */
export interface PullProgress {
  done: number;
  total: number;
  stage?: 'changes' | 'returns' | 'search';
  /** About how long the stage has left (app/time-left.ts), once its pace says (the runner's status only). */
  leftMs?: number | null;
}

export interface SyncPassOptions {
  /** Hears the cases each pulled page wrote, or a refused push put back (for the search index), except in a join. */
  onCases?: (cases: CaseRecord[]) => void;
  /** Hears the ids of the cases each pulled page deleted (a disposal on another desk): the search index forgets them. */
  onCasesDeleted?: (caseIds: string[]) => void;
  /** Hears, after each page applied, how far the pull has got (a desk joining, or back after days). */
  onPulled?: (progress: PullProgress) => void;
  /** At a join's end, after the return facts: builds the search index whole, telling its progress. */
  onJoined?: (onProgress: (done: number, total: number) => void) => Promise<void>;
  /**
   * Hears that main's session followed the server at this pass (the person's roles, approval limit
   * or name changed there, or the session ended or the account was turned off: the desk is locked).
   */
  onSessionMoved?: () => void;
  /** How many changes each pull asks for (PULL_PAGE; JOIN_PULL_PAGE in a join). */
  pageSize?: number;
  /** How many changes behind the server make a pass a join (JOIN_PULL_PAGE). */
  joinAfter?: number;
  now?: Date;
  /** The office's locale and time zone, for the money and dates in the words of a change the server refused. */
  office?: OfficeWording;
}

/** One pass: the whole outbox pushed, then every change the server has pulled and applied. */
export async function syncOnce(
  db: RedressDB,
  transport: SyncTransport,
  deskId: string,
  {
    onCases,
    onCasesDeleted,
    onPulled,
    onJoined,
    onSessionMoved,
    pageSize,
    joinAfter = JOIN_PULL_PAGE,
    now = new Date(),
    office,
  }: SyncPassOptions = {},
): Promise<SyncPass> {
  const held = await syncHeldFor(db);
  if (held) return { online: true, held };
  // The pass's changes refused for one reason make one notice, however many batches it sends.
  const pass = crypto.randomUUID();
  for (;;) {
    const batch = await outboxBatch(db, MAX_PUSH_CHANGES);
    if (!batch.length) break;
    const away = await sendEvidenceFiles(db, transport, batch);
    if (away) return away;
    const answer = await transport.push(batch.map(toChange));
    if (!answer.online) {
      // The server no longer takes the person's session: main locked the desk, nothing was sent.
      if (answer.session) onSessionMoved?.();
      return answer;
    }
    // A refusal puts a case back as the server holds it (or removes it): the search index follows.
    const stored = await storePushAnswer(db, batch, answer, new Date(), office, pass);
    if (stored.cases.length) onCases?.(stored.cases);
    if (stored.deletedCases.length) onCasesDeleted?.(stored.deletedCases);
  }
  const startSeq = await lastPulledSeq(db);
  // A join (a new desk, one back after weeks, or one stopped mid-join) takes larger pages and
  // leaves the return facts and the search index to its end, built once rather than with each page.
  let joining = await joinUnderway(db);
  let next = transport.pull(startSeq, pageSize ?? (joining ? JOIN_PULL_PAGE : PULL_PAGE));
  for (;;) {
    const page = await next;
    if (page.session) onSessionMoved?.();
    if (!page.online) return page;
    if (!page.changes.length) {
      // The changes up to the head are hidden from this desk: its place moves past them, else the
      // wait below would find the head past it and end at once, pass after pass.
      await storePulledSeq(db, page.lastSeq);
      break;
    }
    joining ||= page.headSeq - startSeq > joinAfter;
    const more = page.lastSeq < page.headSeq;
    // While this page is applied, main already fetches the next (a join is hundreds of pages). A
    // desk stopped meanwhile has stored this page's last seq, or nothing: the next pass starts there.
    if (more) {
      next = transport.pull(page.lastSeq, pageSize ?? (joining ? JOIN_PULL_PAGE : PULL_PAGE));
      next.catch(() => undefined);
    }
    const { cases, deletedCases } = await applyPulledPage(db, page, deskId, { join: joining });
    if (cases.length && !joining) onCases?.(cases);
    if (deletedCases.length) onCasesDeleted?.(deletedCases);
    onPulled?.({ done: page.lastSeq - startSeq, total: Math.max(page.headSeq, page.lastSeq) - startSeq });
    if (!more) break;
  }
  if (joining)
    await finishJoin(
      db,
      (done, total) => onPulled?.({ done, total, stage: 'returns' }),
      onJoined && (() => onJoined((done, total) => onPulled?.({ done, total, stage: 'search' }))),
    );
  return (
    (await fillCaseHistories(db, transport, deskId, onCases)) ??
    (await dropHiddenCases(db, transport, now, onCasesDeleted)) ??
    (await dropEvidenceCopies(db, transport)) ??
    (await topUpReferences(db, transport, now)) ??
    (await sendHeldEvidence(db, transport)) ??
    (await restoreRefusedTrails(db, transport, now)) ?? { online: true }
  );
}

/** Where the catch-up of this desk's evidence files has got (sendHeldEvidence). */
export const HELD_EVIDENCE_KEY = 'held-evidence';
/** How many evidence records each pass's catch-up looks at. */
export const HELD_EVIDENCE_PER_PASS = 200;

/**
 * Once per desk, a few records a pass: every evidence file this desk holds goes to the server
 * unless the server has it. A safety net for files that never went up with their records (desks
 * promoted before promotion sent files, an upload lost); a record whose file this desk never held
 * (added on another desk, not opened here) is passed over. Resumes where it stopped; the server away
 * stops the pass. A file the server refuses (damaged) is noted for the sync notices.
 */
export async function sendHeldEvidence(db: RedressDB, transport: SyncTransport): Promise<SyncPass | null> {
  const upload = transport.uploadEvidence;
  if (!upload) return null;
  const place = (await db.syncState.get(HELD_EVIDENCE_KEY))?.heldEvidence;
  if (place?.done) return null;
  const after = place?.after ?? null;
  const records = await (after === null ? db.evidence.orderBy('id') : db.evidence.where('id').above(after))
    .limit(HELD_EVIDENCE_PER_PASS)
    .toArray();
  for (const sha256 of new Set(records.map((r) => r.sha256))) {
    const answer = await upload(sha256, { ifHeld: true });
    if (!answer.online) return answer;
    if (answer.outcome === 'refused') await noteEvidenceRefused(db, sha256, answer.message);
  }
  await db.syncState.put({
    key: HELD_EVIDENCE_KEY,
    heldEvidence: {
      after: records.at(-1)?.id ?? after,
      done: records.length < HELD_EVIDENCE_PER_PASS,
    },
  });
  return null;
}

/**
 * Cases given to this desk's person after the desk pulled past their earlier changes (a restricted
 * case assigned to them, or opened) take those changes now: notes, interviews, evidence records and
 * trail entries written before, a page at a time. The server away stops the pass; a case's fetch
 * resumes after its last page applied.
 */
export async function fillCaseHistories(
  db: RedressDB,
  transport: SyncTransport,
  deskId: string,
  onCases?: (cases: CaseRecord[]) => void,
): Promise<SyncPass | null> {
  const read = transport.caseHistory;
  if (!read) return null;
  for (const { caseId, afterSeq, beforeSeq } of await caseHistoriesWaiting(db)) {
    let after = afterSeq;
    for (;;) {
      const answer = await read(caseId, after, beforeSeq);
      if (!answer.online) return answer;
      after = answer.changes.at(-1)?.seq ?? beforeSeq;
      const page = { changes: answer.changes, afterSeq: after, done: !answer.more };
      const { cases } = await applyCaseHistoryPage(db, caseId, page, deskId);
      if (cases.length) onCases?.(cases);
      if (page.done) break;
    }
  }
  return null;
}

/**
 * The cases this desk holds that its person may no longer see on the server (restricted to others,
 * or taken from them, since this desk pulled them) leave the desk; the search index follows.
 */
export async function dropHiddenCases(
  db: RedressDB,
  transport: SyncTransport,
  now: Date,
  onCasesDeleted?: (ids: string[]) => void,
): Promise<SyncPass | null> {
  const ask = transport.hiddenCases;
  if (!ask) return null;
  const after = await hiddenCheckedUpTo(db);
  const answer = await ask(after);
  if (!answer.online) return answer;
  if (!answer.cases.length) return null;
  const removed = await removeHiddenCases(db, answer.cases, after, now);
  if (removed.length) onCasesDeleted?.(removed);
  return null;
}

/**
 * The evidence files of cases removed as hidden, that no record on this desk names now, leave main's
 * store, a batch at a time: main sends the server any it does not hold yet, then removes the copy (a
 * desk fetches it again on first open); a copy the server refuses as damaged stays, named in the
 * sync notices, until it is mended and sent again. The server away stops the pass; what is left waits.
 */
export async function dropEvidenceCopies(db: RedressDB, transport: SyncTransport): Promise<SyncPass | null> {
  const drop = transport.dropEvidenceCopies;
  if (!drop) return null;
  const hashes = await evidenceCopiesToDrop(db);
  for (let i = 0; i < hashes.length; i += DROP_EVIDENCE_MAX) {
    const batch = hashes.slice(i, i + DROP_EVIDENCE_MAX);
    const answer = await drop(batch);
    if (!answer.online) return answer;
    const kept = new Set(answer.kept.map((k) => k.sha256));
    await evidenceCopiesDropped(
      db,
      batch.filter((h) => !kept.has(h)),
    );
    await evidenceCopiesKept(db, answer.kept);
  }
  return null;
}

/**
 * The cases whose disposal the server refused (storePushAnswer) take back the trail details this
 * desk erased, from the server's copies. The server away stops the pass; what is left waits.
 */
export async function restoreRefusedTrails(
  db: RedressDB,
  transport: SyncTransport,
  now: Date,
): Promise<SyncPass | null> {
  const read = transport.trailPayloads;
  if (!read) return null;
  for (const caseId of await trailRestoresWaiting(db)) {
    const answer = await read(caseId);
    if (!answer.online) return answer;
    await restoreRefusedDisposalTrail(db, caseId, answer.payloads, now);
  }
  return null;
}

/** The files of the evidence records a batch creates, in the order they were added. */
function evidenceFilesOf(batch: readonly OutboxEntry[]): string[] {
  const files = batch.flatMap((entry) => {
    const sha256 = entry.kind === 'evidence' ? entry.fields.sha256 : undefined;
    return sha256 && sha256.before == null && typeof sha256.after === 'string' ? [sha256.after] : [];
  });
  return [...new Set(files)];
}

/**
 * Sends the files of the evidence records a batch creates before the records themselves, so that
 * a record never reaches the other desks before its file can. The server being away stops the pass
 * (the outbox keeps everything). A file the server refuses (its bytes do not match its name) is
 * noted for the person to see, once, and its record goes on: nothing of the case is held back.
 */
async function sendEvidenceFiles(
  db: RedressDB,
  transport: SyncTransport,
  batch: readonly OutboxEntry[],
): Promise<SyncPass | null> {
  const upload = transport.uploadEvidence;
  if (!upload) return null;
  for (const sha256 of evidenceFilesOf(batch)) {
    const answer = await sendEvidenceFile(db, upload, sha256);
    if (!answer.online) return answer;
  }
  return null;
}

/**
 * Sends one evidence file to the server and notes the answer: refused (with why) or taken (any
 * earlier refusal forgotten). Also the "Send again" of the sync notices, once the file is mended.
 */
export async function sendEvidenceFile(
  db: RedressDB,
  upload: (sha256: string) => Promise<TeamUploadEvidenceAnswer>,
  sha256: string,
): Promise<TeamUploadEvidenceAnswer> {
  const answer = await upload(sha256);
  if (!answer.online) return answer;
  await noteEvidenceRefused(db, sha256, answer.outcome === 'refused' ? answer.message : null);
  // A removed case's copy kept only because the server refused it can go now.
  if (answer.outcome === 'sent') await evidenceCopySent(db, sha256);
  return answer;
}

/**
 * Asks the server for another range of this year's references when fewer than a fifth of a range
 * are left (reference.ts), so the desk rarely needs the offline fallback.
 */
async function topUpReferences(db: RedressDB, transport: SyncTransport, now: Date): Promise<SyncPass | null> {
  if (!transport.referenceRange) return null;
  const year = now.getFullYear();
  const { ranges, usedAlone } = await heldReferences(db, year);
  if (!needsReferenceTopUp(ranges, year)) return null;
  const answer = await transport.referenceRange(year, REFERENCE_RANGE_SIZE, usedAlone);
  if (!answer.online) return answer;
  await storeReferenceRange(db, answer.range);
  return null;
}

export interface SyncRunnerOptions {
  onStatus: (status: SyncStatus) => void;
  onCases?: (cases: CaseRecord[]) => void;
  onCasesDeleted?: (caseIds: string[]) => void;
  onJoined?: SyncPassOptions['onJoined'];
  onSessionMoved?: () => void;
  /** How long one wait for the server's changes lasts. */
  waitMs?: number;
  /** Waits after each failed pass in a row (the last repeats). */
  backoffMs?: readonly number[];
  /** How often a single desk looks again whether a server was set. */
  singleDeskRecheckMs?: number;
  now?: () => Date;
  /** The office's locale and time zone now (settings), for the words of a change the server refused. */
  office?: () => OfficeWording;
}

export interface SyncRunner {
  /** Sync now (a change was made, or the person asked). */
  wake(): void;
  stop(): void;
}

export function startSyncRunner(
  db: RedressDB,
  transport: SyncTransport,
  options: SyncRunnerOptions,
): SyncRunner {
  const waitMs = options.waitMs ?? 20_000;
  const backoff = options.backoffMs ?? [1000, 2000, 5000, 10_000];
  const now = options.now ?? (() => new Date());
  let stopped = false;
  let wakeUp: (() => void) | null = null;
  let pendingWait: Promise<unknown> | null = null;
  let counts = { waiting: 0, conflicts: 0 };
  let status: SyncStatus = { mode: 'single' };

  const publish = (next: SyncStatus) => {
    status = next.mode === 'team' ? { ...next, ...counts } : next;
    options.onStatus(status);
  };
  const team = (
    phase: SyncPhase,
    lastSyncedAt: string | null,
    message: string | null,
    catchingUp: PullProgress | null = null,
    heldFor?: 'promotion' | 'unpromoted',
  ) =>
    publish({
      mode: 'team',
      phase,
      waiting: counts.waiting,
      conflicts: counts.conflicts,
      lastSyncedAt,
      message,
      catchingUp,
      ...(heldFor ? { heldFor } : {}),
    });

  // What waits locally, live: a new outbox entry also wakes the loop to push it, as does the end
  // of a promotion (what waited for it goes up at once), and a removed case's evidence copy the
  // server has just taken from the sync notices (it leaves the desk at once).
  let promoting = false;
  let drops = 0;
  const subscription = liveQuery(async () => ({
    waiting: await db.outbox.count(),
    conflicts: await db.conflicts.count(),
    promoting: (await promotionProgress(db))?.done === false,
    drops: await evidenceDropsWaiting(db),
  })).subscribe({
    next: ({ promoting: nowPromoting, drops: nowDrops, ...next }) => {
      const more = next.waiting > counts.waiting || (promoting && !nowPromoting) || nowDrops > drops;
      counts = next;
      promoting = nowPromoting;
      drops = nowDrops;
      if (status.mode === 'team') publish(status);
      if (more) wake();
    },
    error: () => undefined,
  });

  function wake() {
    const w = wakeUp;
    wakeUp = null;
    w?.();
  }

  /** Resolves after `ms`, or sooner when woken or stopped. */
  const pause = (ms: number, also?: Promise<unknown>) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      wakeUp = done;
      void also?.then(done, done);
    });

  async function loop() {
    let failures = 0;
    // Kept in the replica, so a desk restarted while the server is away still says when it last synced.
    let lastSyncedAt = await storedLastSyncedAt(db).catch(() => null);
    while (!stopped) {
      // A write the round cannot make (this desk's disk almost full, or IndexedDB failing to store)
      // pauses sync until it can; it never ends the loop, which would leave the desk unsynced until
      // a restart. Nothing is lost: the outbox keeps this desk's changes, the server everyone's.
      try {
        const deskId = await transport.status().then(
          (s) => (s.teamMode ? s.deskId : null),
          () => null,
        );
        if (stopped) return;
        if (!deskId) {
          await setTeamMode(db, false, null).catch(() => undefined);
          publish({ mode: 'single' });
          await pause(options.singleDeskRecheckMs ?? 15_000);
          continue;
        }
        const refusal = diskRefusal();
        if (refusal) throw refusal;
        await setTeamMode(db, true, deskId);
        team('syncing', lastSyncedAt, null);
        // The readings of the pass's long stage under way, for its time left.
        let readings = { stage: 'changes', samples: [{ done: 0, at: now().getTime() }] };
        let pass: SyncPass;
        try {
          pass = await syncOnce(db, transport, deskId, {
            onCases: options.onCases,
            onCasesDeleted: options.onCasesDeleted,
            onJoined: options.onJoined,
            onSessionMoved: options.onSessionMoved,
            // More than a page behind (joining, or back after days away): say how far it has got;
            // at a join's end, how far the return figures and the search index are built.
            onPulled: (progress) => {
              const stage = progress.stage ?? 'changes';
              const sample = { done: progress.done, at: now().getTime() };
              readings =
                readings.stage === stage
                  ? { stage, samples: withSample(readings.samples, sample) }
                  : { stage, samples: [sample] };
              if (progress.stage || (progress.total > PULL_PAGE && progress.done < progress.total))
                team('syncing', lastSyncedAt, null, {
                  ...progress,
                  leftMs: timeLeftMs(readings.samples, progress.total),
                });
            },
            now: now(),
            office: options.office?.(),
          });
        } catch (error) {
          if (isDiskFull(error)) throw error;
          pass = { online: false, message: errorText(error) };
        }
        if (stopped) return;
        if (!pass.online) {
          team('offline', lastSyncedAt, pass.message);
          await pause(backoff[Math.min(failures, backoff.length - 1)]!);
          failures += 1;
          continue;
        }
        failures = 0;
        if (pass.held) {
          // Nothing was synced: the last sync time stays, and the loop waits for a promotion's end.
          team('held', lastSyncedAt, null, null, pass.held);
          await pause(waitMs);
          continue;
        }
        lastSyncedAt = now().toISOString();
        await storeLastSyncedAt(db, lastSyncedAt);
        team('online', lastSyncedAt, null);
        if (counts.waiting > 0 && (await db.outbox.count()) > 0) continue;
        // One long poll at a time: a wake leaves it running, and the next pass waits on it again. A
        // wait ended by the person's account changing on the server: main's session followed it.
        const since = await lastPulledSeq(db);
        pendingWait ??= transport
          .waitForChanges(since, waitMs)
          .then((answer) => {
            if (answer.session) options.onSessionMoved?.();
          })
          .catch(() => undefined)
          .finally(() => (pendingWait = null));
        await pause(waitMs + 5000, pendingWait);
      } catch (error) {
        if (stopped) return;
        if (status.mode === 'team')
          team(isDiskFull(error) ? 'paused' : 'offline', lastSyncedAt, errorText(error));
        await pause(backoff[Math.min(failures, backoff.length - 1)]!);
        failures += 1;
      }
    }
  }

  void loop();
  return {
    wake,
    stop() {
      stopped = true;
      subscription.unsubscribe();
      wake();
    },
  };
}
