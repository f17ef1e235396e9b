// Resolution repositories: each write lands with its audit entry, and workflow moves go through
// the workflow machine.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import {
  assignCase,
  createCase,
  recordFinding,
  setChecklistItem,
  setEscalation,
  transitionCase,
} from '../../../../src-renderer/db/cases';
import { caseCommunications, recordCommunication } from '../../../../src-renderer/db/communications';
import {
  addAction,
  completeAction,
  openActionsFor,
  recordFollowUp,
  scheduleFollowUp,
} from '../../../../src-renderer/db/follow-up';
import {
  addConsultation,
  answerConsultation,
  awaitingApproval,
  decideApproval,
  proposeToComplainant,
  recordResponse,
  saveProposal,
  similarRemedies,
} from '../../../../src-renderer/db/resolution';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import {
  ensureDefaultTemplates,
  listTemplates,
  saveTemplate,
  templateVersions,
} from '../../../../src-renderer/db/templates';
import { DEFAULT_APPROVAL_RULES } from '../../../../src-shared/domain/resolution';
import { setCaseRestricted } from '../../../../src-renderer/db/restricted';
import type { ActingPerson } from '../../../../src-shared/domain/permissions';
import { freshDb, intake, person, sendLetter, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const morgan = person('m1', 'Morgan Manager', 'manager');
const ada = person('a1', 'Ada Admin', 'administrator');
const rules = testRules();

let db: RedressDB;
// A frozen clock that moves a minute at each step, so every write has its own instant in order.
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

async function caseInInvestigation(rootCause = 'Batch ran twice') {
  const c = await createCase(db, intake('2026-03-02T10:00:00Z'), priya, rules, tick());
  await transitionCase(db, c.id, 'acknowledged', priya, rules, { now: tick() });
  for (const item of [
    'confirm-receipt',
    'outline-next-steps',
    'gather-records',
    'find-root-cause',
    'document-findings',
  ])
    await setChecklistItem(db, c.id, item, true, priya, tick());
  await transitionCase(db, c.id, 'investigating', priya, rules, { now: tick() });
  await recordFinding(db, c.id, { finding: 'upheld', rootCause }, priya, tick());
  return c;
}

const refund = (amount: number) => ({
  type: 'refund' as const,
  amount,
  currency: 'GBP',
  rationale: 'Charged twice',
});

describe('templates', () => {
  it('ships the defaults once, and an edit is a new version with its audit entry', async () => {
    await ensureDefaultTemplates(db);
    await ensureDefaultTemplates(db);
    const list = await listTemplates(db);
    expect(list.map((t) => t.key).sort()).toEqual([
      'acknowledgement',
      'final',
      'follow-up',
      'holding',
      'request-info',
      'summary-resolution',
    ]);
    const ack = list.find((t) => t.key === 'acknowledgement')!;
    const v2 = await saveTemplate(db, ack.key, { ...ack, body: `${ack.body}\nPS` }, ada);
    expect(v2.version).toBe(2);
    expect((await templateVersions(db, ack.key)).map((v) => v.version)).toEqual([2, 1]);
    expect((await listTemplates(db)).find((t) => t.key === ack.key)!.body).toContain('PS');
    const trail = (await db.audit.toArray()).filter((e) => e.entity === 'template');
    expect(trail.some((e) => e.action === 'template-version' && e.actor.id === ada.id)).toBe(true);
  });

  it('refuses an invalid template saying where, and saves nothing', async () => {
    await ensureDefaultTemplates(db);
    const ack = (await listTemplates(db)).find((t) => t.key === 'acknowledgement')!;
    await expect(
      saveTemplate(db, ack.key, { ...ack, body: 'Dear {{complainant.nam}}' }, ada),
    ).rejects.toMatchObject({
      field: 'body',
      message: expect.stringContaining('Line 1, column 8'),
    });
    expect(await templateVersions(db, ack.key)).toHaveLength(1);
  });
});

describe('communications', () => {
  it('stores the exact text, audits it, and sending the acknowledgement acknowledges the case', async () => {
    const c = await createCase(db, intake('2026-03-02T10:00:00Z'), priya, rules, tick());
    const body = 'Dear Zoë,\n  exact   spacing kept.';
    await recordCommunication(
      db,
      c.id,
      {
        direction: 'out',
        channel: 'email',
        at: '2026-03-02T11:00:00Z',
        from: 'Priya',
        to: 'zoe@example.com',
        subject: 'Ack',
        body,
        kind: 'acknowledgement',
      },
      priya,
      {
        template: { key: 'acknowledgement', version: 1, name: 'Acknowledgement' },
        acknowledge: { rules },
        now: new Date('2026-03-02T11:05:00Z'),
      },
    );
    const [comm] = await caseCommunications(db, c.id);
    expect(comm!.body).toBe('Dear Zoë,\n  exact   spacing kept.');
    const after = (await db.cases.get(c.id))!;
    expect(after.informedAt).toBe('2026-03-02T11:00:00.000Z');
    expect(after.status).toBe('acknowledged');
    // Acknowledged when the letter went out, not when it was logged.
    expect(after.acknowledgedAt).toBe('2026-03-02T11:00:00.000Z');
    const trail = await caseAuditTrail(db, c.id);
    expect(trail.map((e) => e.action)).toEqual([
      'create',
      'communication-out',
      'response-sent',
      // The acknowledgement confirms receipt and outlines the next steps: both items tick.
      'checklist-tick',
      'checklist-tick',
      'transition',
    ]);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('an incoming contact is not an update to the complainant', async () => {
    const c = await createCase(db, intake('2026-03-02T10:00:00Z'), priya, rules, tick());
    await recordCommunication(
      db,
      c.id,
      {
        direction: 'in',
        channel: 'phone',
        at: '2026-03-03T09:00:00Z',
        from: 'Zoë',
        to: '',
        subject: 'Call',
        body: 'Asked for news.',
      },
      priya,
    );
    expect((await db.cases.get(c.id))!.informedAt).toBe(c.receivedAt);
    await expect(
      recordCommunication(
        db,
        c.id,
        {
          direction: 'in',
          channel: 'phone',
          at: '2026-03-03T09:00:00Z',
          from: '',
          to: '',
          subject: '',
          body: 'x',
        },
        priya,
      ),
    ).rejects.toMatchObject({ field: 'subject' });
  });

  it('the case keeps when the complainant last heard from us: the latest update sent, never an incoming contact', async () => {
    const c = await createCase(db, intake('2026-03-02T10:00:00Z'), priya, rules, tick());
    expect((await db.cases.get(c.id))!.informedAt).toBe('2026-03-02T10:00:00.000Z');
    const contact = (direction: 'in' | 'out', at: string) =>
      recordCommunication(
        db,
        c.id,
        { direction, channel: 'email', at, from: '', to: '', subject: 'News', body: 'Where things stand.' },
        priya,
      );
    await contact('out', '2026-03-09T11:00:00Z');
    expect((await db.cases.get(c.id))!.informedAt).toBe('2026-03-09T11:00:00.000Z');
    await contact('in', '2026-03-12T09:00:00Z');
    // An older update logged late does not move it back.
    await contact('out', '2026-03-05T09:00:00Z');
    expect((await db.cases.get(c.id))!.informedAt).toBe('2026-03-09T11:00:00.000Z');
  });
});

describe('resolution', () => {
  it('a refund above the threshold waits for a manager; approved, it goes to the complainant who accepts', async () => {
    const c = await caseInInvestigation();
    const p = await saveProposal(
      db,
      c.id,
      { summary: 'Refund the duplicate.', legal: false, remedies: [refund(750)] },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    expect(p.state).toBe('awaiting-approval');
    expect((await awaitingApproval(db)).map((r) => r.id)).toEqual([p.id]);
    await expect(proposeToComplainant(db, p.id, priya, rules)).rejects.toThrow('manager must approve');
    await expect(decideApproval(db, p.id, { outcome: 'approved', comment: '' }, priya)).rejects.toThrow(
      'Only a manager',
    );
    await expect(
      decideApproval(db, p.id, { outcome: 'rejected', comment: ' ' }, morgan, tick()),
    ).rejects.toMatchObject({ field: 'comment' });
    const approved = await decideApproval(
      db,
      p.id,
      { outcome: 'approved', comment: 'Fair given the error.' },
      morgan,
      tick(),
    );
    expect(approved.decision).toMatchObject({
      outcome: 'approved',
      comment: 'Fair given the error.',
      by: { name: 'Morgan Manager' },
    });
    expect(await awaitingApproval(db)).toEqual([]);
    await proposeToComplainant(db, p.id, priya, rules, tick());
    expect((await db.cases.get(c.id))!.status).toBe('resolution-proposed');
    await recordResponse(db, p.id, { outcome: 'accepted', note: '' }, priya, rules, tick());
    expect((await db.cases.get(c.id))!.status).toBe('resolution-accepted');
    const actions = (await caseAuditTrail(db, c.id))
      .filter((e) => e.entity === 'resolution')
      .map((e) => e.action);
    expect(actions).toEqual(['proposal-create', 'approval-approved', 'proposal-sent', 'response-accepted']);
  });

  it('nobody approves a proposal they wrote or edited, nor one above their limit; nothing is written when refused', async () => {
    const casey = person('m2', 'Casey Manager', 'manager');
    const c = await caseInInvestigation();
    const write = (amount: number, by: ActingPerson) =>
      saveProposal(
        db,
        c.id,
        { summary: 'Refund the duplicate.', legal: false, remedies: [refund(amount)] },
        by,
        DEFAULT_APPROVAL_RULES,
        tick(),
      );
    const p = await write(700, morgan);
    const edited = await write(756.2, casey);
    expect(edited).toMatchObject({ id: p.id, editedBy: [{ id: 'm2', name: 'Casey Manager' }] });
    // Who edited is the audit entry's actor; the entry records what changed, as before.
    const update = (await caseAuditTrail(db, c.id)).at(-1)!;
    expect(update).toMatchObject({ action: 'proposal-update', actor: { id: 'm2' } });
    expect(update.changes.map((ch) => ch.field)).not.toContain('editedBy');

    const before = await caseAuditTrail(db, c.id);
    const approve = (actor: typeof morgan & { approvalLimit?: number | null }, id = p.id) =>
      decideApproval(db, id, { outcome: 'approved', comment: '' }, actor, tick());
    await expect(approve(morgan)).rejects.toMatchObject({
      code: 'PERMISSION',
      message: 'You proposed this remedy; another manager must approve it.',
    });
    await expect(approve(casey)).rejects.toMatchObject({
      code: 'PERMISSION',
      message: 'You edited this proposal; another manager must approve it.',
    });
    const sasha = person('m3', 'Sasha Manager', 'manager');
    await expect(approve({ ...sasha, approvalLimit: 500 })).rejects.toMatchObject({
      code: 'PERMISSION',
      message:
        'This remedy (£756.20) is above your approval limit of £500.00; a manager with a higher limit must approve it.',
    });
    expect((await db.resolutions.get(p.id))!.state).toBe('awaiting-approval');
    expect(await caseAuditTrail(db, c.id)).toEqual(before);

    // Asking for changes commits no money: the author may send their own proposal back.
    await decideApproval(
      db,
      p.id,
      { outcome: 'changes-requested', comment: 'Wrong amount.' },
      morgan,
      tick(),
    );
    const revised = await write(756.2, priya);
    expect(revised.editedBy).toBeUndefined();
    // No personal limit (today's users): any other manager approves, the office's rules having asked.
    expect(await approve(sasha, revised.id)).toMatchObject({ state: 'approved' });
  });

  it('the generic workflow buttons cannot step around the proposal or its approval', async () => {
    const c = await caseInInvestigation();
    const propose = () => transitionCase(db, c.id, 'resolution-proposed', priya, rules, { now: tick() });
    await expect(propose()).rejects.toMatchObject({
      field: 'proposal',
      message: 'Write the proposed resolution on the Resolution tab first.',
    });
    const p = await saveProposal(
      db,
      c.id,
      { summary: 'Refund the duplicate.', legal: false, remedies: [refund(750)] },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    await expect(propose()).rejects.toThrow('A manager must approve the proposed resolution first');
    await decideApproval(
      db,
      p.id,
      { outcome: 'changes-requested', comment: 'Add an apology.' },
      morgan,
      tick(),
    );
    await expect(propose()).rejects.toThrow('The proposed resolution must be revised and approved first');
    expect((await db.cases.get(c.id))!.status).toBe('investigating');
    const revised = await saveProposal(
      db,
      c.id,
      { summary: 'Refund and apologise.', legal: false, remedies: [refund(750)] },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    await decideApproval(db, revised.id, { outcome: 'approved', comment: 'Fine.' }, morgan, tick());
    const moved = await propose();
    expect(moved.status).toBe('resolution-proposed');
  });

  it('a rejection returns the case for a revised proposal and can escalate it', async () => {
    const c = await caseInInvestigation();
    const p = await saveProposal(
      db,
      c.id,
      {
        summary: 'Apology.',
        legal: false,
        remedies: [{ type: 'apology', amount: null, currency: '', rationale: 'We got it wrong.' }],
      },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    expect(p.state).toBe('approval-not-needed');
    await proposeToComplainant(db, p.id, priya, rules, tick());
    await expect(
      recordResponse(db, p.id, { outcome: 'rejected', note: '' }, priya, rules, tick()),
    ).rejects.toMatchObject({ field: 'note' });
    await recordResponse(
      db,
      p.id,
      { outcome: 'rejected', note: 'Wants a refund.', escalateTo: morgan },
      morgan,
      rules,
      tick(),
    );
    const after = (await db.cases.get(c.id))!;
    expect(after.status).toBe('resolution-rejected');
    expect(after.escalation).toMatchObject({ reason: 'Wants a refund.', owner: { id: 'm1' } });
    // The rejected proposal cannot be put again: a revised one must be written first.
    await expect(
      transitionCase(db, c.id, 'resolution-proposed', priya, rules, { now: tick() }),
    ).rejects.toMatchObject({
      field: 'proposal',
      message: 'Write the proposed resolution on the Resolution tab first.',
    });
    const revised = await saveProposal(
      db,
      c.id,
      { summary: 'Refund.', legal: false, remedies: [refund(100)] },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    expect(revised.id).not.toBe(p.id);
    await proposeToComplainant(db, revised.id, priya, rules, tick());
    expect((await db.cases.get(c.id))!.status).toBe('resolution-proposed');
  });

  it('shows what similar cases received (same category and root cause), not this case or rejected proposals', async () => {
    const a = await caseInInvestigation();
    const b = await caseInInvestigation('batch RAN twice');
    const other = await caseInInvestigation('Something else');
    await saveProposal(
      db,
      a.id,
      { summary: 's', legal: false, remedies: [refund(100)] },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    await saveProposal(
      db,
      other.id,
      { summary: 's', legal: false, remedies: [refund(999)] },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    await saveProposal(
      db,
      b.id,
      { summary: 's', legal: false, remedies: [refund(40)] },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    const similar = await similarRemedies(db, (await db.cases.get(b.id))!, morgan);
    expect(similar).toEqual({
      caseCount: 1,
      remedies: [{ type: 'refund', cases: 1, money: [{ currency: 'GBP', min: 100, median: 100, max: 100 }] }],
    });

    // Once the similar case is restricted, an officer it is not given to no longer learns its remedy.
    await setCaseRestricted(db, a.id, { restricted: true, reason: 'Staff complaint.' }, morgan, tick());
    const sam: ActingPerson = { id: 'u2', name: 'Sam Lee', roles: ['officer'] };
    expect(await similarRemedies(db, (await db.cases.get(b.id))!, sam)).toEqual({
      caseCount: 0,
      remedies: [],
    });
    expect((await similarRemedies(db, (await db.cases.get(b.id))!, morgan)).caseCount).toBe(1);
  });

  it('records consultations and their answers in the trail', async () => {
    const c = await caseInInvestigation();
    const q = await addConsultation(
      db,
      c.id,
      { with: 'legal', person: 'Dana (Legal)', question: 'Any liability?', askedAt: '2026-03-05T10:00:00Z' },
      priya,
    );
    await answerConsultation(db, q.id, 'No liability beyond the refund.', priya);
    const trail = (await caseAuditTrail(db, c.id)).filter((e) => e.entity === 'consultation');
    expect(trail.map((e) => e.action)).toEqual(['consultation-ask', 'consultation-answer']);
  });
});

describe('implementation and follow-up', () => {
  /** A case whose accepted resolution was carried out, waiting for the follow-up call. */
  async function caseInFollowUp({ finalResponseSent = true } = {}) {
    const c = await caseInInvestigation();
    const p = await saveProposal(
      db,
      c.id,
      { summary: 'Refund.', legal: false, remedies: [refund(100)] },
      priya,
      DEFAULT_APPROVAL_RULES,
      tick(),
    );
    await proposeToComplainant(db, p.id, priya, rules, tick());
    // The outcome goes to the complainant in the final response letter.
    if (finalResponseSent) await sendLetter(db, c.id, 'final-response', tick().toISOString());
    await recordResponse(db, p.id, { outcome: 'accepted', note: '' }, priya, rules, tick());
    for (const item of ['evaluate-options', 'communicate-outcome'])
      await setChecklistItem(db, c.id, item, true, priya, tick());
    await transitionCase(db, c.id, 'implementing', priya, rules, { now: tick() });
    const action = await addAction(
      db,
      c.id,
      { title: 'Refund £100', owner: priya, dueAt: '2026-03-10' },
      priya,
    );
    expect((await openActionsFor(db, priya)).map((a) => a.id)).toEqual([action.id]);
    await completeAction(db, action.id, 'Refunded on 9 March', priya);
    expect(await openActionsFor(db, priya)).toEqual([]);
    expect((await db.cases.get(c.id))!.checklist['carry-out-remedy']).toBeDefined();
    await transitionCase(db, c.id, 'follow-up', priya, rules, { now: tick() });
    await scheduleFollowUp(db, c.id, '2026-04-01', priya);
    return c;
  }

  it('an action on a case restricted and given to someone else leaves its owner’s open actions', async () => {
    const c = await caseInFollowUp();
    const action = await addAction(
      db,
      c.id,
      { title: 'Call Zoë about the refund', owner: priya, dueAt: '2026-04-10' },
      priya,
    );
    expect((await openActionsFor(db, priya)).map((a) => a.id)).toEqual([action.id]);
    const sam: ActingPerson = { id: 'u2', name: 'Sam Lee', roles: ['officer'] };
    await setCaseRestricted(db, c.id, { restricted: true, reason: 'Staff complaint.' }, morgan, tick());
    await assignCase(db, c.id, sam, morgan, { reason: 'Staff complaint: another team', now: tick() });
    expect(await openActionsFor(db, priya)).toEqual([]);
    // Given the case again, she has her action back.
    await assignCase(db, c.id, priya, morgan, { reason: 'Back to Priya', now: tick() });
    expect((await openActionsFor(db, priya)).map((a) => a.id)).toEqual([action.id]);
  });

  it('a satisfied follow-up (4, resolved) is kept on the case and closes it', async () => {
    const c = await caseInFollowUp();
    await recordFollowUp(
      db,
      c.id,
      { score: 4, resolved: true, comments: 'Thanks', next: 'close', reason: '' },
      priya,
      rules,
      new Date('2026-04-01T10:00:00Z'),
    );
    const after = (await db.cases.get(c.id))!;
    expect(after.status).toBe('closed');
    expect(after.satisfaction).toEqual({ score: 4, resolved: true, at: '2026-04-01T10:00:00.000Z' });
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('a dissatisfied follow-up needs a reason and reopens the resolution', async () => {
    const c = await caseInFollowUp();
    await expect(
      recordFollowUp(
        db,
        c.id,
        { score: 2, resolved: false, comments: '', next: 'close', reason: '' },
        priya,
        rules,
        tick(),
      ),
    ).rejects.toMatchObject({ field: 'reason' });
    await recordFollowUp(
      db,
      c.id,
      { score: 2, resolved: false, comments: 'Still charged', next: 'adjust', reason: 'The refund bounced.' },
      priya,
      rules,
      tick(),
    );
    const after = (await db.cases.get(c.id))!;
    expect(after.status).toBe('resolution-proposed');
    expect(after.satisfaction).toMatchObject({ score: 2, resolved: false });
    const moved = (await caseAuditTrail(db, c.id)).at(-1)!;
    expect(moved).toMatchObject({ action: 'transition', reason: 'The refund bounced.' });
  });

  it('an unsatisfied complainant: the case closes with the reason on its trail', async () => {
    const c = await caseInFollowUp();
    await recordFollowUp(
      db,
      c.id,
      {
        score: 2,
        resolved: false,
        comments: 'Still unhappy',
        next: 'close',
        reason: 'Nothing more we can offer; ombudsman route explained.',
      },
      priya,
      rules,
      tick(),
    );
    const after = (await db.cases.get(c.id))!;
    expect(after.status).toBe('closed');
    expect((await caseAuditTrail(db, c.id)).at(-1)).toMatchObject({
      action: 'transition',
      reason: 'Nothing more we can offer; ombudsman route explained.',
    });
  });

  it('refuses to close, and records nothing, until the final response is sent', async () => {
    const c = await caseInFollowUp({ finalResponseSent: false });
    const close = () =>
      recordFollowUp(
        db,
        c.id,
        { score: 5, resolved: true, comments: '', next: 'close', reason: '' },
        priya,
        rules,
        tick(),
      );
    const before = await caseAuditTrail(db, c.id);
    await expect(close()).rejects.toMatchObject({
      field: 'response',
      message:
        'Record the final response sent to the complainant (Communications → Write a letter) before closing.',
    });
    const unchanged = (await db.cases.get(c.id))!;
    expect(unchanged.status).toBe('follow-up');
    expect(unchanged.satisfaction ?? null).toBeNull();
    expect(await caseAuditTrail(db, c.id)).toEqual(before);
    expect((await db.followUps.toArray()).every((f) => f.result === null)).toBe(true);
    await sendLetter(db, c.id, 'final-response', tick().toISOString());
    await close();
    expect((await db.cases.get(c.id))!.status).toBe('closed');
  });

  it('refuses to close an escalated case until the escalation is settled', async () => {
    const c = await caseInFollowUp();
    await setEscalation(
      db,
      c.id,
      { escalated: true, owner: morgan, reason: 'Complaint to the CEO.' },
      morgan,
      tick(),
    );
    const close = () =>
      recordFollowUp(
        db,
        c.id,
        { score: 4, resolved: true, comments: '', next: 'close', reason: '' },
        priya,
        rules,
        tick(),
      );
    await expect(close()).rejects.toMatchObject({ field: 'escalation' });
    await setEscalation(db, c.id, { escalated: false }, morgan, tick());
    await close();
    expect((await db.cases.get(c.id))!.status).toBe('closed');
  });
});
