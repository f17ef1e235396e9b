import { describe, expect, it } from 'vitest';
import { CASES_TOTAL_KEY, createCase } from '../../../../src-renderer/db/cases';
import { addEvidence } from '../../../../src-renderer/db/investigation';
import { setCaseRestricted } from '../../../../src-renderer/db/restricted';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { syncNoticeCount, syncNotices } from '../../../../src-renderer/db/sync-notices';
import {
  PUSH_REFUSED_PREFIX,
  referenceClashKey,
  type OutboxEntry,
} from '../../../../src-renderer/db/sync-outbox';
import {
  dismissRefusal,
  noteEvidenceRefused,
  setTeamMode,
  storePushAnswer,
} from '../../../../src-renderer/db/sync-replica';
import type { TeamPushAnswer } from '../../../../src-shared/ipc/channels/team-sync';
import { sendEvidenceFile } from '../../../../src-renderer/features/team/sync-runner';
import { intake, MANAGER, person, testRules, useFreshDb } from './test-db';

const rules = testRules();
const received = '2026-03-02T10:00:00.000Z';
const priya = person('u1', 'Priya Shah', 'officer');
const other = person('u2', 'Olu Bello', 'officer');
const DAMAGED = 'd'.repeat(64);
const GONE = 'e'.repeat(64);
const REFUSAL = 'The team server refused this evidence file: its bytes do not match its fingerprint.';

let db: RedressDB;
useFreshDb((d) => (db = d));

const file = (name: string, sha256: string) => ({
  name,
  size: 2048,
  type: 'application/pdf',
  sha256,
  description: 'Scanned letter',
});

describe('sync notices', () => {
  it('lists refused files with their cases and clashing references, hiding what the viewer may not open', async () => {
    const open = await createCase(db, intake(received), priya, rules, new Date(received));
    const secret = await createCase(db, intake(received), priya, rules, new Date(received));
    await setCaseRestricted(db, secret.id, { restricted: true, reason: 'Staff complaint.' }, MANAGER);
    // One damaged file attached to both cases (the same bytes), a name as people type it.
    await addEvidence(db, open.id, file('Bank statement (March) – Zoë’s copy.pdf', DAMAGED), priya);
    await addEvidence(db, secret.id, file('HR notes.pdf', DAMAGED), priya);
    await noteEvidenceRefused(db, DAMAGED, REFUSAL);
    // A refusal whose record is gone from this desk since.
    await noteEvidenceRefused(db, GONE, REFUSAL);
    // A case pulled under the reference `open` already had.
    const pulled = await createCase(db, intake(received), priya, rules, new Date(received));
    await db.syncState.put({ key: referenceClashKey(pulled.id), reference: open.reference });

    expect(await syncNoticeCount(db)).toBe(3);

    const seen = await syncNotices(db, other);
    expect(seen.refusedEvidence).toEqual([
      {
        sha256: DAMAGED,
        message: REFUSAL,
        files: expect.arrayContaining([
          {
            evidenceId: expect.any(String),
            name: 'Bank statement (March) – Zoë’s copy.pdf',
            caseId: open.id,
            reference: open.reference,
          },
          { evidenceId: expect.any(String), name: '', caseId: secret.id, reference: null },
        ]),
        keptCopy: false,
      },
      { sha256: GONE, message: REFUSAL, files: [], keptCopy: false },
    ]);
    expect(seen.referenceClashes).toEqual([
      {
        caseId: pulled.id,
        shownAs: pulled.reference,
        reference: open.reference,
        localCase: { id: open.id, reference: open.reference },
      },
    ]);

    const manager = await syncNotices(db, MANAGER);
    expect(manager.refusedEvidence[0]!.files).toContainEqual(
      expect.objectContaining({ name: 'HR notes.pdf', reference: secret.reference }),
    );
  });

  it('names no case when the local holder of a clashing reference is restricted from the viewer', async () => {
    const mine = await createCase(db, intake(received), priya, rules, new Date(received));
    await setCaseRestricted(db, mine.id, { restricted: true, reason: 'Whistleblowing.' }, MANAGER);
    const pulled = await createCase(db, intake(received), priya, rules, new Date(received));
    await db.syncState.put({ key: referenceClashKey(pulled.id), reference: mine.reference });
    const { referenceClashes } = await syncNotices(db, other);
    expect(referenceClashes).toEqual([
      { caseId: pulled.id, shownAs: pulled.reference, reference: mine.reference, localCase: null },
    ]);
  });

  it('forgets a refusal once the file is sent again and taken, and keeps it while refused or offline', async () => {
    await noteEvidenceRefused(db, DAMAGED, REFUSAL);
    const answers = [
      { online: false as const, message: 'Connection refused.' },
      { online: true as const, outcome: 'refused' as const, message: 'Still damaged.' },
      { online: true as const, outcome: 'sent' as const, sent: true },
    ];
    const sent: string[] = [];
    const upload = async (sha256: string) => {
      sent.push(sha256);
      return answers.shift()!;
    };
    await sendEvidenceFile(db, upload, DAMAGED);
    expect((await syncNotices(db, MANAGER)).refusedEvidence).toMatchObject([{ message: REFUSAL }]);
    await sendEvidenceFile(db, upload, DAMAGED);
    expect((await syncNotices(db, MANAGER)).refusedEvidence).toMatchObject([{ message: 'Still damaged.' }]);
    await sendEvidenceFile(db, upload, DAMAGED);
    expect(await syncNoticeCount(db)).toBe(0);
    expect(sent).toEqual([DAMAGED, DAMAGED, DAMAGED]);
  });

  it('lists the changes refused in one pass for one reason as one notice, across the pass’s batches', async () => {
    await setTeamMode(db, true, 'desk-b');
    // Four cases logged offline; another desk disposed of them meanwhile: three on 2 November, one on 9.
    const logged = [];
    for (let i = 0; i < 4; i += 1) logged.push(await createCase(db, intake(received), priya, rules));
    const [first, second, third, fourth] = logged.map((c) => c.id) as [string, string, string, string];
    const disposedOn = (caseId: string, at: string) => ({
      caseId,
      disposal: 'dispose-delete',
      recordId: `d-${caseId}`,
      at,
    });
    const disposals: Record<string, ReturnType<typeof disposedOn>> = {
      [first]: disposedOn(first, '2026-11-02T10:00:00.000Z'),
      [second]: disposedOn(second, '2026-11-02T15:30:00.000Z'),
      [third]: disposedOn(third, '2026-11-09T10:00:00.000Z'),
      [fourth]: disposedOn(fourth, '2026-11-02T11:00:00.000Z'),
    };
    const outbox = await db.outbox.orderBy('seq').toArray();
    const batchOf = (...caseIds: string[]) => outbox.filter((e) => caseIds.includes(e.caseId!));
    // As the server answers: each case refused (it keeps none), its trail entries linked.
    const answerTo = (batch: OutboxEntry[]): Extract<TeamPushAnswer, { online: true }> => ({
      online: true,
      headSeq: 100,
      results: batch.map((e, i) =>
        e.kind === 'cases'
          ? {
              status: 'refused',
              idempotencyKey: e.idempotencyKey,
              kind: e.kind,
              id: e.id,
              code: 'disposed-case',
              message: 'This case was disposed of under the retention policy; this change was not kept.',
              disposed: disposals[e.caseId!],
              actor: { id: priya.id, name: priya.name },
              serverVersion: 0,
              serverData: null,
            }
          : { status: 'applied', idempotencyKey: e.idempotencyKey, seq: i + 1, version: 1, replayed: false },
      ),
    });
    const send = (pass: string, at: string, ...caseIds: string[]) =>
      storePushAnswer(db, batchOf(...caseIds), answerTo(batchOf(...caseIds)), new Date(at), undefined, pass);
    // One pass sends the outbox in two batches; a later pass sends the last case.
    await send('pass-1', '2026-12-04T09:00:00.000Z', first, third);
    await send('pass-1', '2026-12-04T09:00:05.000Z', second);
    await send('pass-2', '2026-12-04T09:20:00.000Z', fourth);

    // Each case is gone from the desk, and from its counters.
    expect(await db.cases.count()).toBe(0);
    expect((await db.counters.get(CASES_TOTAL_KEY))?.value).toBe(0);
    expect(await syncNoticeCount(db)).toBe(3);
    const removed = (caseId: string) => ({
      kind: 'cases',
      recordId: caseId,
      caseId,
      // No longer on this desk: no reference to show.
      reference: null,
      what: 'change',
      by: { id: priya.id, name: priya.name },
      outcome: 'removed',
    });
    const on2Nov = expect.stringMatching(
      /^This case was disposed of under the retention policy on 2 Nov 2026;/,
    );
    const { refusedChanges } = await syncNotices(db, MANAGER);
    expect(refusedChanges).toEqual([
      expect.objectContaining({ code: 'disposed-case', message: on2Nov, records: [removed(fourth)] }),
      expect.objectContaining({
        code: 'disposed-case',
        message: on2Nov,
        at: '2026-12-04T09:00:00.000Z',
        records: [removed(first), removed(second)],
      }),
      expect.objectContaining({
        code: 'disposed-case',
        message: expect.stringMatching(/on 9 Nov 2026;/),
        records: [removed(third)],
      }),
    ]);
    // Marked as read, a notice goes whole.
    await dismissRefusal(db, refusedChanges[1]!.key);
    expect(await syncNoticeCount(db)).toBe(2);
  });

  it('shows a refusal kept before refusals were grouped as a notice of its own, its reason hidden with its case', async () => {
    const c = await createCase(db, intake(received), priya, rules, new Date(received));
    await db.syncState.put({
      key: `${PUSH_REFUSED_PREFIX}resolutions|p-1`,
      refusal: {
        kind: 'resolutions',
        recordId: 'p-1',
        caseId: c.id,
        code: 'own-proposal',
        message: 'You proposed this remedy; another manager must approve it.',
        by: { id: 'm1', name: 'Morgan Reid' },
        at: '2026-12-01T10:00:00.000Z',
      },
    });
    expect((await syncNotices(db, MANAGER)).refusedChanges).toEqual([
      {
        key: `${PUSH_REFUSED_PREFIX}resolutions|p-1`,
        code: 'own-proposal',
        message: 'You proposed this remedy; another manager must approve it.',
        at: '2026-12-01T10:00:00.000Z',
        records: [
          {
            kind: 'resolutions',
            recordId: 'p-1',
            caseId: c.id,
            reference: c.reference,
            what: 'approval',
            by: { id: 'm1', name: 'Morgan Reid' },
            outcome: null,
          },
        ],
      },
    ]);
    // Restricted: an officer is told that a change was refused, not on which case nor why.
    await setCaseRestricted(db, c.id, { restricted: true, reason: 'Staff complaint.' }, MANAGER);
    expect((await syncNotices(db, other)).refusedChanges).toEqual([
      expect.objectContaining({ message: '', records: [expect.objectContaining({ reference: null })] }),
    ]);
  });
});
