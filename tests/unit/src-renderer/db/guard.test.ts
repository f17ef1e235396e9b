// The repositories refuse what the acting person may not do, with the permission rule's own
// message, write nothing when they refuse, and store only the person's id and name.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseAuditTrail } from '../../../../src-renderer/db/audit-log';
import {
  assignCase,
  createCase,
  recordFinding,
  setChecklistItem,
  setEscalation,
  transitionCase,
} from '../../../../src-renderer/db/cases';
import { recordCommunication } from '../../../../src-renderer/db/communications';
import { addAction } from '../../../../src-renderer/db/follow-up';
import { assertMay } from '../../../../src-renderer/db/guard';
import { createImprovement } from '../../../../src-renderer/db/improvements';
import { addNote, addPlanItem } from '../../../../src-renderer/db/investigation';
import {
  addConsultation,
  decideApproval,
  proposeToComplainant,
  recordResponse,
  saveProposal,
} from '../../../../src-renderer/db/resolution';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { ensureDefaultTemplates, listTemplates, saveTemplate } from '../../../../src-renderer/db/templates';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import { emptyImprovement } from '../../../../src-shared/domain/improvements';
import { DEFAULT_APPROVAL_RULES } from '../../../../src-shared/domain/resolution';
import { PermissionError } from '../../../../src-shared/errors';
import { freshDb, intake, person, testRules } from './test-db';

const rules = testRules({ requiredChecklistItems: [] });
const priya = person('u1', 'Priya Shah', 'officer');
const sam = person('u2', 'Sam Lee', 'officer');
const ivan = person('i1', 'Ivan Petrov', 'investigator');
const morgan = { ...person('m1', 'Morgan Manager', 'manager'), approvalLimit: 5000 };
const casey = person('m2', 'Casey Manager', 'manager');
const ada = person('a1', 'Ada Admin', 'administrator');

let db: RedressDB;
let clock = 0;
const tick = () => new Date((clock += 60_000));
beforeEach(() => {
  db = freshDb();
  clock = Date.parse('2026-03-02T10:05:00Z');
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const logged = (by = priya) => createCase(db, intake('2026-03-02T10:00:00Z'), by, rules, tick());
const letter = {
  direction: 'out' as const,
  channel: 'email' as const,
  at: '2026-03-02T10:06:00Z',
  from: 'Complaints team',
  to: 'zoe@example.com',
  subject: 'Your complaint',
  body: 'We have your complaint.',
  kind: 'acknowledgement' as const,
};
const refund = (amount: number) => ({
  summary: 'Refund the duplicate fee.',
  legal: false,
  remedies: [{ type: 'refund' as const, amount, currency: 'GBP', rationale: 'Charged twice' }],
});

/** Everything stored, so a refusal can be shown to have written nothing. */
const everything = async () =>
  Object.fromEntries(await Promise.all(db.tables.map(async (t) => [t.name, await t.toArray()] as const)));

async function expectRefused(write: () => Promise<unknown>, message: string) {
  const before = await everything();
  await expect(write()).rejects.toEqual(new PermissionError(message));
  await expect(write()).rejects.toMatchObject({ code: 'PERMISSION' });
  expect(await everything()).toEqual(before);
}

describe('assertMay', () => {
  it('passes what the rules allow and throws the rule’s message otherwise', () => {
    expect(() => assertMay(morgan, 'case.assign')).not.toThrow();
    expect(() => assertMay(priya, 'case.assign')).toThrow(
      new PermissionError('Only a manager can assign or reassign cases.'),
    );
  });
});

describe('the repositories refuse what the person may not do, and write nothing', () => {
  it('an officer may not move on a case assigned to someone else', async () => {
    const c = await logged(sam);
    await expectRefused(
      () => transitionCase(db, c.id, 'acknowledged', priya, rules, { now: tick() }),
      'This case is not assigned to you; a manager can assign it to you.',
    );
    await expectRefused(
      () => setChecklistItem(db, c.id, 'confirm-receipt', true, priya, tick()),
      'This case is not assigned to you; a manager can assign it to you.',
    );
    // Once a manager gives it to her, it is hers to work.
    await assignCase(db, c.id, priya, morgan, { reason: 'Sam is on leave.' });
    await expect(
      transitionCase(db, c.id, 'acknowledged', priya, rules, { now: tick() }),
    ).resolves.toMatchObject({ status: 'acknowledged' });
  });

  it('an investigator may not write a letter, even on a case assigned to them', async () => {
    const c = await logged();
    await assignCase(db, c.id, ivan, morgan, { reason: 'Needs investigating.' });
    await expectRefused(
      () => recordCommunication(db, c.id, letter, ivan, { now: tick() }),
      'Only an officer or a manager can record communications and letters.',
    );
    // They record the investigation of it, and only of cases assigned to them.
    await expect(addNote(db, c.id, { text: 'Called billing.', pinned: false }, ivan)).resolves.toBeTruthy();
    const other = await logged();
    await expectRefused(
      () => addNote(db, other.id, { text: 'Not mine.', pinned: false }, ivan),
      'This case is not assigned to you; a manager can assign it to you.',
    );
  });

  it('an officer may not approve a proposal, nor assign or escalate', async () => {
    const c = await logged();
    const p = await saveProposal(db, c.id, refund(750), priya, DEFAULT_APPROVAL_RULES, tick());
    expect(p.state).toBe('awaiting-approval');
    await expectRefused(
      () => decideApproval(db, p.id, { outcome: 'approved', comment: '' }, priya, tick()),
      'Only a manager can decide on a resolution that needs approval.',
    );
    await expectRefused(
      () => decideApproval(db, p.id, { outcome: 'rejected', comment: 'No.' }, priya, tick()),
      'Only a manager can decide on a resolution that needs approval.',
    );
    await expectRefused(
      () => assignCase(db, c.id, sam, priya, { reason: 'Too busy.' }),
      'Only a manager can assign or reassign cases.',
    );
    await expectRefused(
      () => setEscalation(db, c.id, { escalated: true, owner: morgan, reason: 'Press.' }, priya, tick()),
      'Only a manager can escalate cases.',
    );
  });

  it('an officer recording a rejection may not escalate it: the whole answer is refused', async () => {
    const c = await logged();
    await transitionCase(db, c.id, 'acknowledged', priya, rules, { now: tick() });
    await transitionCase(db, c.id, 'investigating', priya, rules, { now: tick() });
    await recordFinding(db, c.id, { finding: 'upheld', rootCause: 'Batch ran twice' }, priya, tick());
    const p = await saveProposal(db, c.id, refund(50), priya, DEFAULT_APPROVAL_RULES, tick());
    await proposeToComplainant(db, p.id, priya, rules, tick());
    await expectRefused(
      () =>
        recordResponse(
          db,
          p.id,
          { outcome: 'rejected', note: 'Wants more.', escalateTo: morgan },
          priya,
          rules,
          tick(),
        ),
      'Only a manager can escalate cases.',
    );
  });

  it('a person who is only an administrator may not log a complaint', async () => {
    await expectRefused(
      () => createCase(db, intake('2026-03-02T10:00:00Z'), ada, rules, tick()),
      'Only an officer or a manager can log complaints.',
    );
    expect(await db.cases.count()).toBe(0);
  });

  it('a manager may not approve a proposal they edited', async () => {
    const c = await logged();
    const p = await saveProposal(db, c.id, refund(700), priya, DEFAULT_APPROVAL_RULES, tick());
    await saveProposal(db, c.id, refund(750), casey, DEFAULT_APPROVAL_RULES, tick());
    await expectRefused(
      () => decideApproval(db, p.id, { outcome: 'approved', comment: '' }, casey, tick()),
      'You edited this proposal; another manager must approve it.',
    );
    await expect(
      decideApproval(db, p.id, { outcome: 'approved', comment: '' }, morgan, tick()),
    ).resolves.toMatchObject({ state: 'approved' });
  });

  it('only managers keep the improvement register, and only administrators edit letter templates', async () => {
    await expectRefused(
      () => createImprovement(db, { ...emptyImprovement(), title: 'Fix billing' }, priya, tick()),
      'Only a manager can change the improvement register.',
    );
    await ensureDefaultTemplates(db);
    const ack = (await listTemplates(db)).find((t) => t.key === 'acknowledgement')!;
    await expectRefused(
      () => saveTemplate(db, ack.key, { ...ack, body: `${ack.body}\nPS` }, morgan, tick()),
      'Only an administrator can edit letter templates.',
    );
  });
});

describe('records and audit entries name the person, never their roles or limit', () => {
  it('stores only id and name wherever a person is written', async () => {
    const c: CaseRecord = await logged();
    await setChecklistItem(db, c.id, 'confirm-receipt', true, priya, tick());
    await recordCommunication(db, c.id, letter, priya, { now: tick() });
    await addPlanItem(
      db,
      c.id,
      { kind: 'record', text: 'Get the statement', ownerId: priya.id, ownerName: priya.name, dueDate: '' },
      priya,
      tick(),
    );
    const p = await saveProposal(db, c.id, refund(750), priya, DEFAULT_APPROVAL_RULES, tick());
    await decideApproval(db, p.id, { outcome: 'approved', comment: '' }, morgan, tick());
    await addConsultation(
      db,
      c.id,
      { with: 'legal', person: 'Lee Counsel', question: 'Any liability?', askedAt: tick().toISOString() },
      priya,
    );
    await addAction(db, c.id, { title: 'Refund', owner: priya, dueAt: '2026-03-10' }, priya, tick());
    // People passed as the assignee and the escalation owner are acting people too.
    await assignCase(db, c.id, sam, morgan, { reason: 'Priya is on leave.' });
    await setEscalation(db, c.id, { escalated: true, owner: morgan, reason: 'Press.' }, morgan, tick());
    await createImprovement(
      db,
      { ...emptyImprovement(), title: 'Stop double billing', owner: priya, caseIds: [c.id] },
      morgan,
      tick(),
    );
    await ensureDefaultTemplates(db);
    const ack = (await listTemplates(db)).find((t) => t.key === 'acknowledgement')!;
    await saveTemplate(db, ack.key, { ...ack, body: `${ack.body}\nPS` }, ada, tick());

    const stored = (await db.cases.get(c.id))!;
    expect(stored.createdBy).toEqual({ id: 'u1', name: 'Priya Shah' });
    expect(stored.assignee).toEqual({ id: 'u2', name: 'Sam Lee' });
    expect(stored.checklist['confirm-receipt']!.by).toEqual({ id: 'u1', name: 'Priya Shah' });
    expect(stored.escalation).toMatchObject({
      owner: { id: 'm1', name: 'Morgan Manager' },
      by: { id: 'm1', name: 'Morgan Manager' },
    });
    expect((await db.resolutions.get(p.id))!.decision!.by).toEqual({ id: 'm1', name: 'Morgan Manager' });
    for (const entry of await caseAuditTrail(db, c.id))
      expect(Object.keys(entry.actor).sort()).toEqual(['id', 'name']);
    // Nowhere in the database: not in a record, not in an audit entry.
    const dump = JSON.stringify(await everything());
    expect(dump).not.toContain('"roles"');
    expect(dump).not.toContain('"approvalLimit"');
  });
});
