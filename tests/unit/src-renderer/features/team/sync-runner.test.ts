// Two desks (two case databases, two main-side desk syncs with their own data folders) and one real
// throwaway PostgreSQL: what one desk writes reaches the other, edits of different fields merge, a
// desk that was cut off keeps its changes and converges when the server is back, and the same field
// edited on both desks waits for a choice that ends in both trails.
import { describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import { CASES_TOTAL_KEY, createCase, createCases, updateCase } from '../../../../../src-renderer/db/cases';
import {
  addInterview,
  addNote,
  signOffInterview,
  updateInterview,
} from '../../../../../src-renderer/db/investigation';
import { emptyInterview } from '../../../../../src-shared/domain/investigation';
import {
  fieldsToChoose,
  resolveConflict,
  waitingConflicts,
} from '../../../../../src-renderer/db/sync-conflicts';
import { lastSyncedAt, refusedChanges } from '../../../../../src-renderer/db/sync-replica';
import { setDiskSpace } from '../../../../../src-renderer/db/disk-guard';
import {
  startSyncRunner,
  syncOnce,
  type PullProgress,
  type SyncStatus,
} from '../../../../../src-renderer/features/team/sync-runner';
import {
  MAX_PUSH_CHANGES,
  SIGN_OFF_STALE,
  SIGN_OFF_STALE_CODE,
  SIGNED_OFF_REFUSED,
} from '../../../../../src-shared/domain/team-sync';
import { PULL_PAGE } from '../../../../../src-shared/ipc/channels/team-sync';
import type { TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, person, testRules } from '../../db/test-db';
import { openTeamDesk } from './team-desk';

const aoife = person('u-a', 'Aoife Ní Fhaoláin', 'officer', 'investigator');
const tomas = person('u-b', 'Tomás Øberg-Nakamura', 'officer', 'manager');
const rules = testRules();

const team = useTeamCluster();
let server: TeamServer;

const openDesk = (who: typeof aoife) =>
  openTeamDesk(
    team,
    () => server,
    () => who,
  );

/** Two desks on a new server, both holding a case desk A logged. */
async function twoDesksSharingACase() {
  server = await team.newServer();
  const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
  const logged = await createCase(a.db, intake('2026-11-30T09:15:00Z'), aoife, rules);
  await a.sync();
  await b.sync();
  return { a, b, logged };
}

describe('two desks on one team server', () => {
  it('a case and its note logged on one desk reach the other with its trail, and edits of different fields merge', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    const logged = await createCase(
      a.db,
      intake('2026-11-30T09:15:00Z', { complainant: { name: 'Đặng Thị Hoa', email: 'hoa@example.vn' } }),
      aoife,
      rules,
      new Date('2026-11-30T09:15:00Z'),
    );
    await addNote(
      a.db,
      logged.id,
      { text: 'Rang back: “charged twice” — wants refund', pinned: false },
      aoife,
    );
    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.outbox.count()).toBe(0);

    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(logged.id)).toEqual(await a.db.cases.get(logged.id));
    expect((await b.db.notes.toArray()).map((n) => n.text)).toEqual([
      'Rang back: “charged twice” — wants refund',
    ]);
    expect((await b.db.counters.get(CASES_TOTAL_KEY))?.value).toBe(1);
    // Desk A's trail entries are links of desk B's own chain now, which still verifies.
    expect((await caseAuditTrail(b.db, logged.id)).map((e) => e.action)).toEqual(
      (await caseAuditTrail(a.db, logged.id)).map((e) => e.action),
    );
    expect((await verifyStoredAuditChain(b.db)).ok).toBe(true);
    // Nothing pulled goes back out.
    expect(await b.db.outbox.count()).toBe(0);

    await updateCase(b.db, logged.id, tomas, 'finding', () => ({ rootCause: 'Direct debit ran twice' }));
    await updateCase(a.db, logged.id, aoife, 'sla-pause', (c) => ({
      slaPauses: [
        ...c.slaPauses,
        { from: '2026-12-01T10:00:00.000Z', to: null, reason: 'Waiting for bank statement' },
      ],
    }));
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    const [onA, onB] = [await a.db.cases.get(logged.id), await b.db.cases.get(logged.id)];
    expect(onA!.rootCause).toBe('Direct debit ran twice');
    expect(onB!.slaPauses).toHaveLength(1);
    expect(await waitingConflicts(a.db)).toEqual([]);
    expect(await waitingConflicts(b.db)).toEqual([]);
  }, 60_000);

  it('the same field edited on both desks waits for a choice, and the choice ends in both trails', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    const logged = await createCase(a.db, intake('2026-11-30T09:15:00Z'), aoife, rules);
    await a.sync();
    await b.sync();
    await updateCase(a.db, logged.id, aoife, 'finding', () => ({ rootCause: 'Billing run error' }));
    await updateCase(b.db, logged.id, tomas, 'finding', () => ({
      rootCause: 'Staff keyed the amount twice',
    }));
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });

    const [conflict] = await waitingConflicts(b.db);
    expect(conflict!.fields).toEqual([
      { field: 'rootCause', mine: 'Staff keyed the amount twice', theirs: 'Billing run error' },
    ]);
    // Until the choice, desk B keeps its own value and a pull does not overwrite it.
    expect(await b.sync()).toEqual({ online: true });
    expect((await b.db.cases.get(logged.id))!.rootCause).toBe('Staff keyed the amount twice');

    await resolveConflict(b.db, conflict!.id, { rootCause: 'mine' }, tomas);
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    expect((await a.db.cases.get(logged.id))!.rootCause).toBe('Staff keyed the amount twice');
    expect(await a.db.cases.get(logged.id)).toEqual(await b.db.cases.get(logged.id));
    for (const desk of [a, b]) {
      const choice = (await caseAuditTrail(desk.db, logged.id)).find(
        (e) => e.action === 'sync-conflict-resolved',
      );
      expect(choice).toMatchObject({
        actor: { name: 'Tomás Øberg-Nakamura' },
        changes: [{ field: 'rootCause', before: 'Billing run error', after: 'Staff keyed the amount twice' }],
        reason: 'Changed on two desks at once. rootCause: kept this desk’s value.',
      });
      expect((await verifyStoredAuditChain(desk.db)).ok).toBe(true);
    }
  }, 60_000);

  it('a conflict settled after the other desk changed the case again starts from the server’s newest copy', async () => {
    const { a, b, logged } = await twoDesksSharingACase();
    await updateCase(a.db, logged.id, aoife, 'finding', () => ({ rootCause: 'Billing run error' }));
    await updateCase(b.db, logged.id, tomas, 'finding', () => ({ rootCause: 'Staff keyed it twice' }));
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    const [waiting] = await waitingConflicts(b.db);
    expect(waiting).toBeDefined();

    // While B's choice waits, A pauses the clock and changes the root cause again; B's pass pulls
    // past both (the case is left as it is while its conflict waits).
    await updateCase(a.db, logged.id, aoife, 'sla-pause', (c) => ({
      slaPauses: [...c.slaPauses, { from: '2026-12-01T10:00:00.000Z', to: null, reason: 'Waiting for bank' }],
    }));
    await updateCase(a.db, logged.id, aoife, 'finding', () => ({ rootCause: 'Billing run error, twice' }));
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    // The choice offers the other desk's value as it is now.
    const [refreshed] = await waitingConflicts(b.db);
    expect(refreshed!.fields).toEqual([
      { field: 'rootCause', mine: 'Staff keyed it twice', theirs: 'Billing run error, twice' },
    ]);

    // Taking theirs: B holds the server's newest copy, pause and all, and both desks agree.
    await resolveConflict(b.db, refreshed!.id, { rootCause: 'theirs' }, tomas);
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    const onB = await b.db.cases.get(logged.id);
    expect(onB).toMatchObject({ rootCause: 'Billing run error, twice', slaPauses: [expect.anything()] });
    expect(onB).toEqual(await a.db.cases.get(logged.id));
  }, 60_000);

  it('a field of the refused change that the other desk changes while the choice waits is offered too, not overwritten', async () => {
    const { a, b, logged } = await twoDesksSharingACase();
    await updateCase(a.db, logged.id, aoife, 'finding', () => ({ rootCause: 'Billing run error' }));
    // B's change of two fields: the root cause clashes, the severity does not (yet).
    await updateCase(b.db, logged.id, tomas, 'finding', () => ({
      rootCause: 'Staff keyed it twice',
      severity: 'high',
    }));
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    // While B's choice waits, A sets the severity too.
    await updateCase(a.db, logged.id, aoife, 'finding', () => ({ severity: 'critical' }));
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    const [waiting] = await waitingConflicts(b.db);
    // As the person is asked (the fields derived from these follow them).
    expect(fieldsToChoose(waiting!)).toEqual([
      { field: 'rootCause', mine: 'Staff keyed it twice', theirs: 'Billing run error' },
      { field: 'severity', mine: 'high', theirs: 'critical' },
    ]);
    // Taking theirs for both: A's severity stands on both desks.
    await resolveConflict(b.db, waiting!.id, { rootCause: 'theirs', severity: 'theirs' }, tomas);
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.db.cases.get(logged.id)).toMatchObject({ severity: 'critical' });
    expect(await a.db.cases.get(logged.id)).toEqual(await b.db.cases.get(logged.id));
  }, 60_000);

  it('a desk cut off from the server keeps its changes, says so, and converges when the server is back', async () => {
    const { a, b, logged } = await twoDesksSharingACase();
    await team.cluster.stop('immediate');
    try {
      await updateCase(b.db, logged.id, tomas, 'finding', () => ({
        rootCause: 'Written with the server away',
      }));
      const pass = await b.sync();
      expect(pass.online).toBe(false);
      expect(pass).toMatchObject({ message: expect.stringMatching(/server/i) });
      expect(await b.db.outbox.count()).toBeGreaterThan(0);
      expect((await b.main.waitForChanges(0, 1000)).online).toBe(false);
    } finally {
      await team.cluster.start();
    }
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.outbox.count()).toBe(0);
    expect(await a.sync()).toEqual({ online: true });
    expect((await a.db.cases.get(logged.id))!.rootCause).toBe('Written with the server away');
  }, 60_000);

  it('a cut longer than the largest push: every change made meanwhile reaches the other desk once, in order', async () => {
    const { a, b, logged } = await twoDesksSharingACase();
    await team.cluster.stop('immediate');
    try {
      // More changes than one push may carry: new cases (each with its trail entry) and edits.
      const items = Array.from({ length: MAX_PUSH_CHANGES / 2 + 20 }, (_, i) => ({
        input: intake('2026-12-01T10:00:00Z', { complainant: { name: `Ōtsuka ${i}` } }),
      }));
      await createCases(b.db, items, tomas, rules, new Date('2026-12-01T10:00:00Z'));
      for (const rootCause of ['First guess', 'Second guess', 'Billing ran the batch twice'])
        await updateCase(b.db, logged.id, tomas, 'finding', () => ({ rootCause }));
      expect((await b.sync()).online).toBe(false);
      expect(await b.db.outbox.count()).toBeGreaterThan(MAX_PUSH_CHANGES);
    } finally {
      await team.cluster.start();
    }
    const waiting = await b.db.outbox.count();
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.outbox.count()).toBe(0);
    // The server holds each change once, and the edits in the order they were made.
    const [count] = await server.query<{ n: string }>(
      'SELECT count(*) AS n FROM changes WHERE desk_id = $1',
      [b.deskId],
    );
    expect(Number(count!.n)).toBe(waiting);
    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.cases.count()).toBe(MAX_PUSH_CHANGES / 2 + 21);
    expect((await a.db.cases.get(logged.id))!.rootCause).toBe('Billing ran the batch twice');
    expect((await verifyStoredAuditChain(a.db)).ok).toBe(true);
  }, 120_000);

  it('a desk joining says how far its pull has got, and after a restart carries on from the last page stored', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    // 700 cases, each with its trail entry: more than one page of changes for the joining desk.
    const items = Array.from({ length: 700 }, (_, i) => ({
      input: intake('2026-11-30T09:15:00Z', {
        complainant: { name: `Nguyễn Văn ${i}`, email: `nguyen.${i}@example.vn` },
      }),
    }));
    await createCases(a.db, items, aoife, rules, new Date('2026-11-30T09:15:00Z'));
    expect(await a.sync()).toEqual({ online: true });

    // The desk is stopped after its first page (closed mid-join): that page stays applied.
    const heard: PullProgress[] = [];
    const stopAfterFirstPage = { ...b.transport, pull: b.transport.pull };
    let pulls = 0;
    stopAfterFirstPage.pull = async (since, limit) => {
      pulls += 1;
      if (pulls > 1) throw new Error('The desk was closed.');
      return b.transport.pull(since, limit);
    };
    await expect(
      syncOnce(b.db, stopAfterFirstPage, b.deskId, { onPulled: (p) => heard.push(p) }),
    ).rejects.toThrow('The desk was closed.');
    expect(heard).toEqual([{ done: PULL_PAGE, total: 1400 }]);
    expect(await b.db.cases.count()).toBeGreaterThan(0);

    // Started again, it pulls only what it has not stored, and counts from there.
    heard.length = 0;
    expect(await syncOnce(b.db, b.transport, b.deskId, { onPulled: (p) => heard.push(p) })).toEqual({
      online: true,
    });
    expect(heard).toEqual([{ done: 400, total: 400 }]);
    expect(await b.db.cases.count()).toBe(700);
    expect((await b.db.counters.get(CASES_TOTAL_KEY))?.value).toBe(700);
    expect((await verifyStoredAuditChain(b.db)).ok).toBe(true);
  }, 120_000);

  it('a desk far behind says about how long its catching up has left, once the pace says', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    const items = Array.from({ length: 700 }, (_, i) => ({
      input: intake('2026-11-30T09:15:00Z', { complainant: { name: `Zoë Ødegaard ${i}` } }),
    }));
    await createCases(a.db, items, aoife, rules, new Date('2026-11-30T09:15:00Z'));
    expect(await a.sync()).toEqual({ online: true });
    // A clock that moves ten seconds each time the runner reads it: the first page of 1,000 of the
    // 1,400 changes took a while, so the rest should take about 400 / 1,000 of that.
    let reads = 0;
    const clock = () => new Date(Date.parse('2026-12-06T09:00:00Z') + 10_000 * reads++);
    const heard: PullProgress[] = [];
    let finished: () => void;
    const synced = new Promise<void>((resolve) => (finished = resolve));
    const runner = startSyncRunner(b.db, b.transport, {
      waitMs: 20_000,
      now: clock,
      onStatus: (status) => {
        if (status.mode !== 'team') return;
        if (status.catchingUp) heard.push(status.catchingUp);
        if (status.phase === 'online') finished();
      },
    });
    try {
      await synced;
    } finally {
      runner.stop();
    }
    // One page's progress (published again as the desk's counts move).
    expect(new Set(heard.map((p) => JSON.stringify(p))).size).toBe(1);
    const [first] = heard as [PullProgress];
    expect(first).toMatchObject({ done: PULL_PAGE, total: 1400 });
    expect(first.leftMs).toBeGreaterThan(0);
    // The reads between the pass's start and the page: (1,400 - 1,000) rows at the page's pace.
    expect(first.leftMs! % 4000).toBe(0);
    expect(await b.db.cases.count()).toBe(700);
  }, 120_000);

  it('wakes a waiting desk when another desk pushes', async () => {
    server = await team.newServer();
    const [a, b] = [await openDesk(aoife), await openDesk(tomas)];
    const waiting = b.main.waitForChanges(0, 20_000);
    await createCase(a.db, intake('2026-11-30T09:15:00Z'), aoife, rules);
    await a.sync();
    expect(await waiting).toMatchObject({ online: true, headSeq: expect.any(Number) });
    expect(await b.main.waitForChanges(1000, 10)).toEqual({ online: true, headSeq: null });
  }, 60_000);

  it('an interview signed off on one desk keeps its text: the other desk’s earlier edit is put back, and it is told', async () => {
    const { a, b, logged } = await twoDesksSharingACase();
    const agreed = { ...emptyInterview('Aoife Ní Fhaoláin', '2026-11-30'), intervieweeName: 'Đặng Thị Hoa' };
    const interview = await addInterview(a.db, logged.id, { ...agreed, statement: 'Charged twice.' }, aoife);
    await a.sync();
    await b.sync();
    // B edits the draft without syncing; A signs it off and syncs first.
    await updateInterview(b.db, interview.id, { ...agreed, statement: 'Charged three times.' }, tomas);
    await signOffInterview(a.db, interview.id, aoife);
    await a.sync();
    await b.sync();
    expect(await b.db.interviews.get(interview.id)).toMatchObject({
      statement: 'Charged twice.',
      status: 'signed-off',
    });
    expect(await refusedChanges(b.db)).toEqual([
      expect.objectContaining({ code: 'signed-off', message: SIGNED_OFF_REFUSED }),
    ]);
    await a.sync();
    expect((await a.db.interviews.get(interview.id))!.statement).toBe('Charged twice.');
  }, 60_000);

  it('a sign-off reaching the server after another desk changed the statement is refused: nobody signs off text they did not read', async () => {
    const { a, b, logged } = await twoDesksSharingACase();
    const agreed = { ...emptyInterview('Aoife Ní Fhaoláin', '2026-11-30'), intervieweeName: 'Đặng Thị Hoa' };
    const interview = await addInterview(a.db, logged.id, { ...agreed, statement: 'Charged twice.' }, aoife);
    await a.sync();
    await b.sync();
    // A signs off what it has without syncing; B corrects the statement and syncs first.
    await signOffInterview(a.db, interview.id, aoife);
    await updateInterview(b.db, interview.id, { ...agreed, statement: 'Charged three times.' }, tomas);
    await b.sync();
    await a.sync();
    // A's desk holds the draft as the server has it, with B's text, and says why.
    expect(await a.db.interviews.get(interview.id)).toMatchObject({
      statement: 'Charged three times.',
      status: 'draft',
      signedOff: null,
    });
    expect(await refusedChanges(a.db)).toEqual([
      expect.objectContaining({ code: SIGN_OFF_STALE_CODE, message: SIGN_OFF_STALE }),
    ]);
    // A reads it and signs off again: now it stands, on both desks.
    await signOffInterview(a.db, interview.id, aoife);
    await a.sync();
    await b.sync();
    for (const desk of [a, b])
      expect(await desk.db.interviews.get(interview.id)).toMatchObject({
        statement: 'Charged three times.',
        status: 'signed-off',
      });
  }, 60_000);

  it('a desk whose disk fills pauses sync and says so, loses nothing, sends nothing twice, and carries on once freed', async () => {
    const { a, b, logged } = await twoDesksSharingACase();
    await updateCase(b.db, logged.id, tomas, 'finding', () => ({ rootCause: 'Written as the disk filled' }));
    const waiting = await b.db.outbox.count();
    expect(waiting).toBeGreaterThan(0);
    const almostFull = { freeBytes: 90 * 1024 * 1024, totalBytes: 500 * 1024 ** 3 };
    // The disk fills while the push is on its way: the server takes the change, and this desk
    // cannot write down that it did (the outbox entry stays, as IndexedDB would refuse it too).
    let pushes = 0;
    const transport = {
      ...b.transport,
      push: async (changes: Parameters<typeof b.transport.push>[0]) => {
        pushes += 1;
        if (pushes === 1) setDiskSpace(almostFull);
        return b.transport.push(changes);
      },
    };
    const seen: SyncStatus[] = [];
    let reached: () => void = () => undefined;
    const until = (phase: string) =>
      new Promise<void>((resolve) => {
        reached = () => seen.some((s) => s.mode === 'team' && s.phase === phase) && resolve();
        reached();
      });
    const runner = startSyncRunner(b.db, transport, {
      waitMs: 20_000,
      backoffMs: [50],
      onStatus: (status) => {
        seen.push(status);
        reached();
      },
    });
    try {
      await until('paused');
      const paused = seen.find((s) => s.mode === 'team' && s.phase === 'paused');
      expect(paused).toMatchObject({ message: expect.stringMatching(/disk is almost full \(90 MB left\)/) });
      // Paused, not offline: the loop goes on asking, and nothing of this desk's is lost.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(seen.some((s) => s.mode === 'team' && s.phase === 'offline')).toBe(false);
      expect(await b.db.outbox.count()).toBe(waiting);
      expect(pushes).toBe(1);
      setDiskSpace(null);
      await until('online');
    } finally {
      runner.stop();
      setDiskSpace(null);
    }
    expect(await b.db.outbox.count()).toBe(0);
    expect(pushes).toBe(2);
    // The change was sent twice and taken once: the other desk has it, and its trail holds one edit.
    expect(await a.sync()).toEqual({ online: true });
    expect((await a.db.cases.get(logged.id))!.rootCause).toBe('Written as the disk filled');
    const edits = (await caseAuditTrail(a.db, logged.id)).filter((e) =>
      e.changes?.some((c) => c.after === 'Written as the disk filled'),
    );
    expect(edits).toHaveLength(1);
  }, 60_000);

  it('keeps the time of the last sync across a restart, and says it while the server is away', async () => {
    server = await team.newServer();
    const a = await openDesk(aoife);
    /** Runs the sync runner at `at` until a status matches `until`; returns every status it published. */
    const run = async (at: string, until: (s: SyncStatus) => boolean) => {
      const seen: SyncStatus[] = [];
      let done: () => void;
      const reached = new Promise<void>((resolve) => (done = resolve));
      const runner = startSyncRunner(a.db, a.transport, {
        waitMs: 20_000,
        backoffMs: [60_000],
        now: () => new Date(at),
        onStatus: (status) => {
          seen.push(status);
          if (until(status)) done();
        },
      });
      try {
        await reached;
      } finally {
        runner.stop();
      }
      return seen.filter((s) => s.mode === 'team');
    };
    expect(await lastSyncedAt(a.db)).toBeNull();
    const first = await run('2026-11-30T14:05:00.000Z', (s) => s.mode === 'team' && s.phase === 'online');
    expect(first.at(-1)).toMatchObject({ phase: 'online', lastSyncedAt: '2026-11-30T14:05:00.000Z' });
    expect(await lastSyncedAt(a.db)).toBe('2026-11-30T14:05:00.000Z');

    // The app restarts (the database reopened) with the server away: every state says when.
    a.db.close();
    await a.db.open();
    a.online.value = false;
    const away = await run('2026-11-30T16:00:00.000Z', (s) => s.mode === 'team' && s.phase === 'offline');
    const phases = away.map((s) => s.mode === 'team' && s.phase);
    expect(phases).toContain('syncing');
    expect(phases.at(-1)).toBe('offline');
    for (const status of away) expect(status).toMatchObject({ lastSyncedAt: '2026-11-30T14:05:00.000Z' });
    expect(await lastSyncedAt(a.db)).toBe('2026-11-30T14:05:00.000Z');
  }, 60_000);
});
