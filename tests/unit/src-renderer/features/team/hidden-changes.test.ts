// A desk whose newest changes on the server are all hidden from it (a restricted case it may not
// see), on a real throwaway PostgreSQL: its pull ends at the server's head, so its wait for more
// lasts until something changes rather than ending at once, pass after pass. And a desk whose
// change the server refuses for permissions: only that change is refused, the rest of its work goes.
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assignCase,
  CASES_OPEN_KEY,
  CASES_TOTAL_KEY,
  createCase,
  updateCase,
} from '../../../../../src-renderer/db/cases';
import { setCaseRestricted } from '../../../../../src-renderer/db/restricted';
import type { RedressDB } from '../../../../../src-renderer/db/schema';
import { addEvidence, addNote } from '../../../../../src-renderer/db/investigation';
import { syncNoticeCount, syncNotices } from '../../../../../src-renderer/db/sync-notices';
import { dismissRefusal, lastPulledSeq, refusedEvidence } from '../../../../../src-renderer/db/sync-replica';
import { evidenceCopiesToDrop } from '../../../../../src-renderer/db/hidden-cases';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import { checkTrailAgainstServer } from '../../../../../src-renderer/db/team-trail-check';
import { RESTRICTED_REFUSED, TEAM_SESSION_CLOSED } from '../../../../../src-main/services/team/sync';
import {
  HIDDEN_CASE,
  HIDDEN_CASE_CODE,
  NOT_ON_SERVER,
  NOT_ON_SERVER_CODE,
  RESTRICTED_CODE,
} from '../../../../../src-shared/domain/team-sync';
import {
  sendEvidenceFile,
  startSyncRunner,
  type SyncRunner,
  type SyncTransport,
} from '../../../../../src-renderer/features/team/sync-runner';
import type { TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, testRules } from '../../db/test-db';
import { MANAGER, OFFICER, officerAndManager, openTeamDesk, storeDeskFile } from './team-desk';

const team = useTeamCluster();
let server: TeamServer;
const rules = testRules();

const officer = OFFICER;
const manager = MANAGER;

/** A server whose accounts are the officer and the manager; a session token for each. */
async function office(): Promise<Record<string, string>> {
  server = await team.newServer();
  return officerAndManager(team, server);
}

const openDesk = (who: typeof officer, token: string) =>
  openTeamDesk(
    team,
    () => server,
    () => who,
    { session: () => token },
  );

const head = async () =>
  Number((await server.query<{ last_seq: string }>('SELECT last_seq FROM sync_head'))[0]!.last_seq);

/** The manager takes the case over and restricts it to those it is given to (on the manager's desk). */
async function restrictToManager(db: RedressDB, caseId: string) {
  await assignCase(db, caseId, manager, manager, { reason: 'It concerns a member of staff' });
  await setCaseRestricted(db, caseId, { restricted: true, reason: 'Complaint about a colleague' }, manager);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the newest changes hidden from a desk', { timeout: 90_000 }, () => {
  it('its pull ends at the head, its wait lasts, and its runner pulls again only when it may see something', async () => {
    const tokens = await office();
    const a = await openDesk(manager, tokens['u-manager']!);
    const b = await openDesk(officer, tokens['u-officer']!);
    const open = await createCase(a.db, intake('2026-11-30T09:15:00Z'), manager, rules);
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    const seen = await lastPulledSeq(b.db);
    expect(seen).toBe(await head());

    // The manager logs a restricted case: its changes are the newest, and the officer may not see them.
    const secret = await createCase(
      a.db,
      intake('2026-11-30T10:00:00Z', { restricted: true, description: 'Whistleblowing: “expenses”' }),
      manager,
      rules,
    );
    expect(await a.sync()).toEqual({ online: true });
    expect(await head()).toBeGreaterThan(seen);

    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(secret.id)).toBeUndefined();
    // Its place is the head, past the changes it may not see...
    expect(await lastPulledSeq(b.db)).toBe(await head());
    // ...so waiting for more lasts until its timeout rather than ending at once.
    const started = Date.now();
    expect(await b.main.waitForChanges(await lastPulledSeq(b.db), 1500)).toEqual({
      online: true,
      headSeq: null,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);

    // The runner: one pass, then a wait, not a pass after pass; a change it may see wakes it.
    await createCase(a.db, intake('2026-11-30T11:00:00Z', { restricted: true }), manager, rules);
    expect(await a.sync()).toEqual({ online: true });
    let pulls = 0;
    const counting: SyncTransport = {
      ...b.transport,
      pull: (since, limit) => {
        pulls += 1;
        return b.transport.pull(since, limit);
      },
    };
    let runner: SyncRunner | undefined;
    let passed: () => void;
    const firstPass = new Promise<void>((resolve) => (passed = resolve));
    runner = startSyncRunner(b.db, counting, {
      waitMs: 20_000,
      onStatus: (status) => {
        if (status.mode === 'team' && status.phase === 'online') passed();
      },
    });
    team.later(() => runner?.stop());
    await firstPass;
    await sleep(1500);
    expect(pulls).toBe(1);
    expect(await lastPulledSeq(b.db)).toBe(await head());

    await updateCase(a.db, open.id, manager, 'finding', () => ({ rootCause: 'Direct debit ran twice' }));
    expect(await a.sync()).toEqual({ online: true });
    for (
      let i = 0;
      i < 100 && (await b.db.cases.get(open.id))?.rootCause !== 'Direct debit ran twice';
      i += 1
    )
      await sleep(100);
    expect((await b.db.cases.get(open.id))?.rootCause).toBe('Direct debit ran twice');
    runner.stop();
    runner = undefined;
  });
});

describe('a desk whose session the server no longer takes', { timeout: 90_000 }, () => {
  it('pulls nothing under it, so a restricted change it may see is not passed over, and catches up once signed in again', async () => {
    const tokens = await office();
    const a = await openDesk(manager, tokens['u-manager']!);
    let officerToken = tokens['u-officer']!;
    const b = await openTeamDesk(
      team,
      () => server,
      () => officer,
      { session: () => officerToken },
    );
    const c = await createCase(a.db, intake('2026-11-30T09:15:00Z'), manager, rules);
    await restrictToManager(a.db, c.id);
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(c.id)).toBeUndefined();
    const seenTo = await lastPulledSeq(b.db);

    // The officer's session ends on the server (it expired overnight); then the manager gives the
    // restricted case to the officer: from now on the officer may see it.
    await server.query(
      `UPDATE sessions SET ended_at = now() WHERE account_id = $1`,
      [officer.id],
      team.cluster.owner,
    );
    await assignCase(a.db, c.id, officer, manager, { reason: 'Back from leave' });
    expect(await a.sync()).toEqual({ online: true });
    // Under the dead session the server would answer as for nobody and hide the case's changes:
    // the desk pulls nothing and stays where it was (it moved past them to the head before).
    expect(await b.sync()).toEqual({ online: false, message: TEAM_SESSION_CLOSED });
    expect(await lastPulledSeq(b.db)).toBe(seenTo);

    officerToken = (await officerAndManager(team, server, { promote: false }))['u-officer']!;
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(c.id)).toMatchObject({ assigneeId: officer.id, restricted: true });
  });
});

describe('a change the account may no longer make', { timeout: 90_000 }, () => {
  it('a note added offline to a case restricted meanwhile to others is refused alone: the rest of the desk’s work goes, and it is told why', async () => {
    const tokens = await office();
    const a = await openDesk(manager, tokens['u-manager']!);
    const b = await openDesk(officer, tokens['u-officer']!);
    const shared = await createCase(
      b.db,
      intake('2026-11-30T09:15:00Z', { description: 'Fee charged twice; the complainant’s MP has written' }),
      officer,
      rules,
    );
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });

    // The officer's desk is offline for the afternoon; meanwhile the manager restricts the case
    // and takes it over (it concerns a member of staff).
    b.online.value = false;
    await addNote(
      b.db,
      shared.id,
      { text: 'Rang back: “they said it’s with the manager”.', pinned: false },
      officer,
    );
    await updateCase(b.db, shared.id, officer, 'finding', () => ({ rootCause: 'Fee table misread' }));
    const other = await createCase(b.db, intake('2026-11-30T14:00:00Z'), officer, rules);
    await restrictToManager(a.db, shared.id);
    expect(await a.sync()).toEqual({ online: true });

    b.online.value = true;
    // Before: the whole push was refused and the desk said "Offline" until the case was opened again.
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.outbox.count()).toBe(0);
    const onServer = await server.query<{ kind: string; id: string }>(
      'SELECT kind, id FROM records ORDER BY kind, id',
      [],
      team.cluster.owner,
    );
    expect(onServer).toContainEqual({ kind: 'cases', id: other.id });
    expect(onServer.filter((r) => r.kind === 'notes')).toEqual([]);
    // The note is refused; the edit of the case, which the server no longer shows this account, is
    // no side-by-side choice (there is nothing of the server's to show): it is told the same way.
    expect(await b.db.conflicts.count()).toBe(0);
    const notices = await syncNotices(b.db, officer);
    expect(notices.refusedChanges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: RESTRICTED_CODE,
          message: RESTRICTED_REFUSED,
          records: [expect.objectContaining({ kind: 'notes', caseId: shared.id, outcome: 'kept' })],
        }),
        expect.objectContaining({
          code: NOT_ON_SERVER_CODE,
          message: NOT_ON_SERVER,
          records: [expect.objectContaining({ kind: 'cases', caseId: shared.id, outcome: 'kept' })],
        }),
      ]),
    );
    expect(notices.refusedChanges).toHaveLength(2);
    // This desk keeps what the officer wrote; the server's case is the manager's.
    expect((await b.db.cases.get(shared.id))?.rootCause).toBe('Fee table misread');
    const [serverCase] = await server.query<{ cause: string | null }>(
      "SELECT data->>'rootCause' AS cause FROM records WHERE kind = 'cases' AND id = $1",
      [shared.id],
      team.cluster.owner,
    );
    expect(serverCase).toBeDefined();
    expect(serverCase!.cause ?? '').toBe('');
    // The manager's desk has the officer's new case; the next pass of either has nothing to refuse.
    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.cases.get(other.id)).toBeDefined();
    expect(await b.sync()).toEqual({ online: true });
    expect(await syncNoticeCount(b.db)).toBe(2);

    // The case is the manager's alone now. While the notices say "kept on this desk only", the
    // desk keeps it; once the officer has read them, the next pass removes it, and says so.
    expect(await b.db.cases.get(shared.id)).toBeDefined();
    for (const notice of notices.refusedChanges) await dismissRefusal(b.db, notice.key);
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(shared.id)).toBeUndefined();
    expect(await b.db.notes.where('caseId').equals(shared.id).count()).toBe(0);
    // Told apart from refusals, and named by the reference the desk held (no longer on the desk).
    const after = await syncNotices(b.db, officer);
    expect(after.refusedChanges).toEqual([]);
    expect(after.removedCases).toEqual([
      expect.objectContaining({
        code: HIDDEN_CASE_CODE,
        message: HIDDEN_CASE,
        records: [
          expect.objectContaining({
            kind: 'cases',
            caseId: shared.id,
            outcome: 'hidden',
            reference: shared.reference,
          }),
        ],
      }),
    ]);
    expect(await b.db.cases.get(other.id)).toBeDefined();
    expect(await verifyStoredAuditChain(b.db)).toMatchObject({ ok: true });
  });

  it('a case restricted to others after a desk pulled it leaves that desk at its next pass, and stays on the manager’s', async () => {
    const tokens = await office();
    const a = await openDesk(manager, tokens['u-manager']!);
    const b = await openDesk(officer, tokens['u-officer']!);
    const secret = await createCase(
      a.db,
      intake('2026-11-30T09:15:00Z', { description: 'About a colleague: “cashier kept the change”' }),
      manager,
      rules,
    );
    const open = await createCase(a.db, intake('2026-11-30T10:15:00Z'), manager, rules);
    await addNote(a.db, secret.id, { text: 'Spoke to the branch.', pinned: false }, manager);
    // Evidence: a letter about the colleague, and the branch's hours, which the other case names too.
    const letter = Buffer.from('%PDF-1.4 Letter: “the cashier kept the change” — Zoë\n');
    const hours = Buffer.from('%PDF-1.4 Branch opening hours\n');
    const fileOf = (bytes: Buffer, sha256: string, name: string) => ({
      name,
      size: bytes.length,
      type: 'application/pdf',
      sha256,
      description: name,
    });
    const letterSha = await storeDeskFile(a, letter);
    const hoursSha = await storeDeskFile(a, hours);
    await addEvidence(a.db, secret.id, fileOf(letter, letterSha, 'letter (1).pdf'), manager);
    await addEvidence(a.db, secret.id, fileOf(hours, hoursSha, 'hours.pdf'), manager);
    await addEvidence(a.db, open.id, fileOf(hours, hoursSha, 'hours.pdf'), manager);
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.count()).toBe(2);
    // The officer opened both files: their desk holds copies.
    await storeDeskFile(b, letter);
    await storeDeskFile(b, hours);
    expect(await b.db.notes.where('caseId').equals(secret.id).count()).toBe(1);

    await restrictToManager(a.db, secret.id);
    expect(await a.sync()).toEqual({ online: true });

    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(secret.id)).toBeUndefined();
    expect(await b.db.notes.where('caseId').equals(secret.id).count()).toBe(0);
    expect(await b.db.cases.get(open.id)).toBeDefined();
    // Its copy of the letter went with it (the server holds the file); the hours stay, named by the
    // case the officer still has.
    const held = (sha256: string) =>
      stat(join(b.dataDir, 'evidence', sha256)).then(
        () => true,
        () => false,
      );
    expect(await held(letterSha)).toBe(false);
    expect(await held(hoursSha)).toBe(true);
    expect(await b.db.syncState.where('key').startsWith('evidence-drop|').count()).toBe(0);
    // The desk's counters follow: one case, open.
    expect(await b.db.counters.get(CASES_TOTAL_KEY)).toMatchObject({ value: 1 });
    expect(await b.db.counters.get(CASES_OPEN_KEY)).toMatchObject({ value: 1 });
    // Its trail keeps its entries (the chain verifies) with what they said erased, and says why the
    // case left: nothing the officer may no longer see stays readable on their desk.
    expect(await verifyStoredAuditChain(b.db)).toMatchObject({ ok: true });
    const trail = await caseAuditTrail(b.db, secret.id);
    const removal = trail.at(-1)!;
    expect(removal).toMatchObject({ action: 'case-hidden-removed', reason: HIDDEN_CASE });
    const before = trail.slice(0, -1);
    expect(before.map((e) => e.action)).toEqual(expect.arrayContaining(['create', 'note-add']));
    expect(before.every((e) => e.erased && !e.changes.length && e.reason === undefined)).toBe(true);
    expect(removal.erases).toEqual(before.filter((e) => e.payloadHash !== undefined).map((e) => e.seq));
    const stored = JSON.stringify([await b.db.audit.toArray(), await b.db.auditPacks.toArray()]);
    expect(stored).not.toContain('cashier kept the change');
    expect(stored).not.toContain('Spoke to the branch');
    // And the desk still agrees with the server's chain: the erased entries match by their keys.
    expect(await checkTrailAgainstServer(b.db, (input) => b.main.trailPage(input))).toMatchObject({
      ok: true,
      server: { broken: null },
    });
    // Nothing of it goes to the server, and the next pass neither asks again nor refuses anything.
    expect(await b.db.outbox.count()).toBe(0);
    expect(await syncNoticeCount(b.db)).toBe(1);
    expect(await b.sync()).toEqual({ online: true });
    expect(await syncNoticeCount(b.db)).toBe(1);
    // The manager's desk keeps the case and its note.
    expect(await a.db.cases.get(secret.id)).toMatchObject({ restricted: true });
    expect(await a.db.notes.where('caseId').equals(secret.id).count()).toBe(1);
  });
  it('a removed case’s evidence file the server refused as damaged stays on the desk, is named in the notices, and leaves once mended and sent', async () => {
    const tokens = await office();
    const a = await openDesk(manager, tokens['u-manager']!);
    const b = await openDesk(officer, tokens['u-officer']!);
    const secret = await createCase(a.db, intake('2026-11-30T09:15:00Z'), manager, rules);
    await assignCase(a.db, secret.id, officer, manager, { reason: 'Officer on duty' });
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    // The officer attaches a scan; a disk error changes its bytes before the desk sends it.
    const scan = Buffer.from('%PDF-1.4 Statement from the branch, signed — Zoë O’Brien\n');
    const sha256 = await storeDeskFile(b, scan);
    await addEvidence(
      b.db,
      secret.id,
      { name: 'statement (2).pdf', size: scan.length, type: 'application/pdf', sha256, description: '' },
      officer,
    );
    const stored = join(b.dataDir, 'evidence', sha256);
    await writeFile(stored, 'overwritten by a disk error');
    expect(await b.sync()).toEqual({ online: true });
    expect(await refusedEvidence(b.db)).toHaveLength(1);

    // The case is restricted to the manager: it leaves the officer's desk, but the only copy of the
    // scan (damaged, and on no server) stays, and the notice says why.
    await restrictToManager(a.db, secret.id);
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(secret.id)).toBeUndefined();
    expect(await readFile(stored, 'utf8')).toBe('overwritten by a disk error');
    const notices = await syncNotices(b.db, officer);
    expect(notices.refusedEvidence).toEqual([
      {
        sha256,
        message: expect.stringContaining('do not match its fingerprint') as string,
        files: [],
        keptCopy: true,
      },
    ]);
    // Not tried again at each pass: it waits for the person.
    expect(await evidenceCopiesToDrop(b.db)).toEqual([]);
    expect(await b.sync()).toEqual({ online: true });
    expect(await readFile(stored, 'utf8')).toBe('overwritten by a disk error');

    // The desk's runner is waiting for the server (a minute) when the file is mended from a backup
    // and sent again: the server takes it, the notice goes, and the runner, woken, removes the
    // desk's copy of a case its person may no longer see.
    let passed: () => void;
    const firstPass = new Promise<void>((resolve) => (passed = resolve));
    const runner = startSyncRunner(b.db, b.transport, {
      waitMs: 60_000,
      onStatus: (status) => {
        if (status.mode === 'team' && status.phase === 'online') passed();
      },
    });
    team.later(() => runner.stop());
    await firstPass;
    await writeFile(stored, scan);
    expect(await sendEvidenceFile(b.db, (h) => b.main.uploadEvidence(h), sha256)).toMatchObject({
      online: true,
      outcome: 'sent',
    });
    expect((await syncNotices(b.db, officer)).refusedEvidence).toEqual([]);
    const gone = () =>
      stat(stored).then(
        () => false,
        () => true,
      );
    for (let i = 0; i < 100 && !(await gone()); i += 1) await sleep(100);
    runner.stop();
    expect(await gone()).toBe(true);
    expect(await b.db.syncState.where('key').startsWith('evidence-drop|').count()).toBe(0);
    expect(
      await server.query('SELECT size FROM evidence_files WHERE sha256 = $1', [sha256], team.cluster.owner),
    ).toEqual([{ size: String(scan.length) }]);
  });
});
