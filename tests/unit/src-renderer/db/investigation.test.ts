import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { assignCase, createCase, transitionCase } from '../../../../src-renderer/db/cases';
import {
  addAddendum,
  addEnquiry,
  addEvidence,
  addInterview,
  addNote,
  addPlanItem,
  answerEnquiry,
  editNote,
  recordRootCauseAndFinding,
  rowsOfCase,
  setNotePinned,
  setPlanItemDone,
  signOffInterview,
  supersedeEvidence,
  updateInterview,
} from '../../../../src-renderer/db/investigation';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import { DEFAULT_ROOT_CAUSES, emptyInterview } from '../../../../src-shared/domain/investigation';
import { personOf } from '../../../../src-shared/domain/permissions';
import { freshDb, intake, person, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const sam = person('u2', 'Sam Lee', 'investigator');
const morgan = person('m1', 'Morgan Manager', 'manager');
const rules = testRules();
const at = (iso: string) => new Date(iso);

let db: RedressDB;
let c: CaseRecord;
beforeEach(async () => {
  db = freshDb();
  c = await createCase(db, intake('2026-03-02T09:00:00Z'), priya, rules, at('2026-03-02T09:00:00Z'));
  // Priya logged it (so it stays hers to work on); Sam investigates it.
  c = await assignCase(db, c.id, sam, morgan, { reason: 'Sam investigates billing complaints.' });
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const trail = async () => (await caseAuditTrail(db, c.id)).slice(2); // after the case's 'create' and 'assign'

describe('investigation repository', () => {
  it('adds and ticks a plan item, each with an audit entry on the case', async () => {
    const item = await addPlanItem(
      db,
      c.id,
      {
        kind: 'record',
        text: 'Get the March statement',
        ownerId: sam.id,
        ownerName: sam.name,
        dueDate: '2026-03-06',
      },
      priya,
    );
    await setPlanItemDone(db, item.id, true, sam, at('2026-03-05T10:00:00Z'));
    expect((await rowsOfCase(db.planItems, c.id))[0]!.done).toEqual({
      by: personOf(sam),
      at: '2026-03-05T10:00:00.000Z',
    });
    expect((await trail()).map((e) => [e.entity, e.action, e.caseId])).toEqual([
      ['plan-item', 'plan-add', c.id],
      ['plan-item', 'plan-done', c.id],
    ]);
  });

  it('lets only the author edit a note and keeps the previous text in the trail', async () => {
    const note = await addNote(db, c.id, { text: 'First **draft**', pinned: true }, priya);
    await expect(editNote(db, note.id, 'Sam rewrites it', sam)).rejects.toMatchObject({
      code: 'PERMISSION',
      message: 'Only Priya Shah, who wrote this note, can change it.',
    });
    await editNote(db, note.id, 'Second version', priya, at('2026-03-03T09:00:00Z'));
    await setNotePinned(db, note.id, false, sam);
    const last = (await trail()).filter((e) => e.action === 'note-edit');
    expect(last[0]!.changes).toEqual([{ field: 'text', before: 'First **draft**', after: 'Second version' }]);
    expect(await db.notes.get(note.id)).toMatchObject({ text: 'Second version', pinned: false });
  });

  it('refuses note edits once the case is closed', async () => {
    const note = await addNote(db, c.id, { text: 'A note', pinned: false }, priya);
    await transitionCase(db, c.id, 'withdrawn', priya, rules, { reason: 'Complainant withdrew' });
    await expect(editNote(db, note.id, 'Later', priya)).rejects.toMatchObject({
      message: 'The case is closed: its notes can no longer be changed.',
    });
    await expect(addNote(db, c.id, { text: 'More', pinned: false }, priya)).rejects.toMatchObject({
      code: 'PERMISSION',
    });
  });

  it('locks a signed-off interview; corrections become addenda under it', async () => {
    const input = {
      ...emptyInterview('Priya Shah', '2026-03-03'),
      intervieweeName: 'Dana Cole',
      statement: 'I saw…',
    };
    const interview = await addInterview(db, c.id, input, priya);
    await updateInterview(db, interview.id, { ...input, statement: 'I saw the fee twice.' }, priya);
    await expect(addAddendum(db, interview.id, { text: 'x', reason: 'y' }, priya)).rejects.toMatchObject({
      code: 'PERMISSION',
    });
    await signOffInterview(db, interview.id, priya, at('2026-03-03T12:00:00Z'));
    await expect(
      updateInterview(db, interview.id, { ...input, statement: 'Changed' }, priya),
    ).rejects.toMatchObject({
      code: 'PERMISSION',
      message: expect.stringContaining('signed off by Priya Shah and is locked'),
    });
    await addAddendum(
      db,
      interview.id,
      { text: 'The date was 2 March.', reason: 'Interviewee corrected it' },
      sam,
    );
    const stored = (await db.interviews.get(interview.id))!;
    expect(stored).toMatchObject({
      status: 'signed-off',
      statement: 'I saw the fee twice.',
      signedOff: { by: personOf(priya), at: '2026-03-03T12:00:00.000Z' },
      addenda: [{ text: 'The date was 2 March.', reason: 'Interviewee corrected it', by: personOf(sam) }],
    });
    expect((await trail()).map((e) => e.action)).toEqual([
      'interview-add',
      'interview-edit',
      'interview-sign-off',
      'interview-addendum',
    ]);
  });

  it('records evidence metadata and marks it superseded, never deleting it', async () => {
    const sha256 = 'a'.repeat(64);
    const file = await addEvidence(
      db,
      c.id,
      { name: 'statement.pdf', size: 1234, type: 'application/pdf', sha256, description: 'March statement' },
      priya,
    );
    await expect(supersedeEvidence(db, file.id, ' ', priya)).rejects.toMatchObject({ code: 'VALIDATION' });
    await supersedeEvidence(db, file.id, 'A clearer scan was added', priya);
    const rows = await rowsOfCase(db.evidence, c.id, 'addedAt');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.superseded).toMatchObject({ reason: 'A clearer scan was added', by: personOf(priya) });
    const entries = await trail();
    expect(entries.map((e) => [e.entity, e.action, e.reason])).toEqual([
      ['evidence', 'evidence-add', undefined],
      ['evidence', 'evidence-supersede', 'A clearer scan was added'],
    ]);
  });

  it('sends and answers an internal enquiry, refusing impossible dates', async () => {
    await expect(
      addEnquiry(
        db,
        c.id,
        { recipient: 'Billing', question: 'Why?', sentDate: '2026-03-05', dueDate: '2026-03-01' },
        priya,
      ),
    ).rejects.toMatchObject({ field: 'dueDate' });
    const enquiry = await addEnquiry(
      db,
      c.id,
      { recipient: 'Billing', question: 'Why two fees?', sentDate: '2026-03-03', dueDate: '2026-03-06' },
      priya,
    );
    await expect(
      answerEnquiry(db, enquiry.id, { answer: 'Batch ran twice', answeredDate: '2026-03-01' }, priya),
    ).rejects.toMatchObject({ field: 'answeredDate' });
    await answerEnquiry(db, enquiry.id, { answer: 'Batch ran twice', answeredDate: '2026-03-05' }, priya);
    expect((await db.enquiries.get(enquiry.id))!.answer).toMatchObject({
      answer: 'Batch ran twice',
      recordedBy: personOf(priya),
    });
    expect((await trail()).map((e) => e.action)).toEqual(['enquiry-add', 'enquiry-answer']);
  });

  it('records root cause and finding on the case so the workflow rule is met', async () => {
    await expect(
      recordRootCauseAndFinding(
        db,
        c.id,
        {
          finding: 'upheld',
          rootCause: 'Weather',
          rationale: 'r',
          contributingFactors: '',
          recurrence: 'isolated',
          similarCaseIds: [],
        },
        DEFAULT_ROOT_CAUSES,
        priya,
      ),
    ).rejects.toMatchObject({ field: 'rootCause' });
    const updated = await recordRootCauseAndFinding(
      db,
      c.id,
      {
        finding: 'partially-upheld',
        rootCause: 'System',
        rationale: 'The billing batch ran twice.',
        contributingFactors: 'No duplicate check',
        recurrence: 'recurring',
        similarCaseIds: ['other-case'],
      },
      DEFAULT_ROOT_CAUSES,
      priya,
    );
    expect(updated).toMatchObject({
      finding: 'partially-upheld',
      rootCause: 'System',
      findingDetail: {
        recurrence: 'recurring',
        similarCaseIds: ['other-case'],
        rationale: 'The billing batch ran twice.',
      },
    });
    const entry = (await trail()).at(-1)!;
    expect(entry).toMatchObject({ entity: 'case', action: 'finding' });
    expect(entry.changes.map((ch) => ch.field)).toContain('rootCause');
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });
});
