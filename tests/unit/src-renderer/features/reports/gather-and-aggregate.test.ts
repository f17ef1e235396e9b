import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  appendAudit,
  caseAuditTrail,
  verifyStoredAuditChain,
} from '../../../../../src-renderer/db/audit-log';
import { createCase, transitionCase } from '../../../../../src-renderer/db/cases';
import { recordCommunication, type LetterKind } from '../../../../../src-renderer/db/communications';
import { recordReportExport } from '../../../../../src-renderer/db/reports';
import type { RedressDB } from '../../../../../src-renderer/db/schema';
import { gatherCaseReport } from '../../../../../src-renderer/features/reports/gather-case-report';
import { aggregateFromDb } from '../../../../../src-renderer/features/reports/management-source';
import { en } from '../../../../../src-renderer/i18n/en';
import { defaultSettings } from '../../../../../src-shared/domain/settings';
import { CaseReportDataSchema } from '../../../../../src-shared/ipc/channels/reports';
import type { ActingPerson } from '../../../../../src-shared/domain/permissions';
import { PRIYA, plantRestricted } from '../../db/restricted-cases';
import { useFreshDb, intake, MANAGER, person, testRules } from '../../db/test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const rules = testRules();

beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

describe('gatherCaseReport', () => {
  it('gathers the case, complainant, deadlines, timeline and audit trail into a valid report input', async () => {
    const c = await createCase(
      db,
      intake('2026-03-04T09:30:00Z', { complainant: { name: 'Ngũgĩ Kamau' }, accountRef: 'ACC-991' }),
      priya,
      rules,
      new Date('2026-03-04T09:30:00Z'),
    );
    await transitionCase(db, c.id, 'acknowledged', priya, rules, { now: new Date('2026-03-04T11:00:00Z') });
    const now = new Date('2026-06-01T09:00:00Z');
    const data = await gatherCaseReport(db, c.id, {
      settings: defaultSettings(),
      actorName: 'Tomasz Wójcik',
      viewer: MANAGER,
      now,
      t: i18n.t.bind(i18n),
    });
    expect(CaseReportDataSchema.safeParse(data).success).toBe(true);
    expect(data!.complainant.name).toBe('Ngũgĩ Kamau');
    expect(data!.case).toMatchObject({
      reference: c.reference,
      status: 'Acknowledged',
      accountRef: 'ACC-991',
    });
    // Acknowledged in time; the final response was never sent and its date has passed.
    expect(data!.case.deadlines.map((d) => [d.label, d.state, d.metBy])).toEqual([
      ['Acknowledge by', 'met', 'acknowledgement'],
      ['Final response by', 'overdue', ''],
    ]);
    expect(data!.timeline.map((e) => e.event)).toEqual(['Case logged', 'Status changed']);
    expect(data!.timeline[1]!.detail).toBe('Received → Acknowledged');
    expect(data!.audit).toHaveLength(2);
    expect(data!.latestAuditHash).toBe(data!.audit[1]!.hash);
    expect(data!.context.generatedBy).toBe('Tomasz Wójcik');
    // A case with nothing recorded yet: the sections are present and empty ("None recorded").
    expect(data!.evidence).toEqual([]);
    expect(data!.investigation.interviews).toEqual([]);
    expect(data!.case.findingDetail).toBeNull();
  });

  it('sends every value a personal field ever held, and redacts a redacted copy before shortening', async () => {
    const address =
      'Flat 3, Harbour View House, Upper Mill Lane, 14 Larkspur Road, Leeds LS6 2QT, West Yorkshire';
    const c = await createCase(
      db,
      intake('2026-03-04T09:30:00Z', { complainant: { name: 'Zoe Dang' } }),
      priya,
      rules,
      new Date('2026-03-04T09:30:00Z'),
    );
    // The name as first typed, corrected; the address added later (as the audit trail records it).
    await db.transaction('rw', [db.cases, db.audit, db.counters], async () => {
      await db.cases.update(c.id, { complainant: { ...c.complainant, name: 'Zoë Đặng', address } });
      await appendAudit(db, {
        at: '2026-03-05T09:30:00Z',
        actor: { id: priya.id, name: priya.name },
        entity: 'case',
        entityId: c.id,
        caseId: c.id,
        action: 'update',
        changes: [
          { field: 'complainant.name', before: 'Zoe Dang', after: 'Zoë Đặng' },
          { field: 'complainant.address', before: '', after: address },
        ],
      });
    });
    const ctx = {
      settings: defaultSettings(),
      actorName: 'Tomasz Wójcik',
      viewer: MANAGER,
      now: new Date('2026-06-01T09:00:00Z'),
      t: i18n.t.bind(i18n),
    };
    const plain = await gatherCaseReport(db, c.id, ctx);
    expect(plain!.redaction!.history).toEqual(
      expect.arrayContaining([
        { kind: 'complainant', value: 'Zoe Dang', sameAs: '' },
        { kind: 'complainant', value: 'Zoë Đặng', sameAs: '' },
        { kind: 'address', value: address, sameAs: '' },
      ]),
    );
    expect(plain!.redaction!.patterns).toEqual(defaultSettings().redactionPatterns);
    // Shortened unredacted, the street is cut in the middle.
    expect(plain!.timeline.map((e) => e.detail).join(' ')).toContain('Larkspur');

    const redacted = await gatherCaseReport(db, c.id, { ...ctx, redact: true });
    const timeline = redacted!.timeline.map((e) => `${e.detail} ${e.reason}`).join(' ');
    for (const leak of ['Zoe', 'Dang', 'Đặng', 'Larksp', 'LS6', 'Harbour'])
      expect(timeline).not.toContain(leak);
    expect(redacted!.audit.map((a) => a.changes).join(' ')).not.toMatch(/Zoe|Larkspur/);
    expect(redacted!.audit.at(-1)!.changes).toMatch(/complainant\.name.*: \[changed\]$/);
  });

  it('maps one row of every investigation, resolution, communication and follow-up table', async () => {
    const at = (d: number, h = 10) => new Date(Date.UTC(2026, 2, 4 + d, h)).toISOString();
    const c = await createCase(
      db,
      intake(at(0), { complainant: { name: 'Ngũgĩ Kamau' } }),
      priya,
      rules,
      new Date(at(0)),
    );
    const other = await createCase(db, intake(at(0)), priya, rules, new Date(at(0)));
    const sam = person('u2', 'Sam Okafor', 'officer');
    const base = { caseId: c.id };
    await db.cases.update(c.id, {
      findingDetail: {
        rationale: 'The transfer sat in the retry queue.',
        contributingFactors: 'No alert on the batch job.',
        recurrence: 'recurring',
        similarCaseIds: [other.id],
      },
      satisfaction: { score: 4, resolved: true, at: at(40) },
    });
    await db.planItems.add({
      ...base,
      id: 'p1',
      kind: 'record',
      text: 'Payment logs for March',
      ownerId: sam.id,
      ownerName: sam.name,
      dueDate: '2026-03-06',
      createdAt: at(1),
      createdBy: priya,
      done: null,
    });
    await db.notes.add({
      ...base,
      id: 'n1',
      text: 'Called billing.',
      pinned: true,
      author: priya,
      createdAt: at(1),
      editedAt: null,
    });
    await db.interviews.add({
      ...base,
      id: 'i1',
      intervieweeName: 'Jordan Ellis',
      intervieweeRole: 'Payments clerk',
      intervieweeContact: 'ext 4411',
      interviewer: 'Priya Shah',
      othersPresent: '',
      date: '2026-03-05',
      time: '14:30',
      durationMinutes: 25,
      method: 'phone',
      location: '',
      consentGiven: true,
      noticeGiven: true,
      statement: 'The batch stopped on the 3rd and nobody noticed.',
      keyPoints: '- Batch stopped\n- No alert',
      followUpActions: '',
      createdAt: at(1),
      createdBy: priya,
      updatedAt: at(1),
      status: 'signed-off',
      signedOff: { by: priya, at: at(1, 15) },
      addenda: [{ id: 'a1', text: 'It was the 2nd.', reason: 'Date corrected', by: priya, at: at(2) }],
    });
    await db.enquiries.add({
      ...base,
      id: 'q1',
      recipient: 'Billing',
      question: 'Why was the fee charged?',
      sentDate: '2026-03-05',
      dueDate: '2026-03-10',
      createdAt: at(1),
      createdBy: priya,
      answer: {
        answer: 'Automatic late fee.',
        answeredDate: '2026-03-07',
        recordedBy: sam,
        recordedAt: at(3),
      },
    });
    const sha = 'a'.repeat(64);
    await db.evidence.add({
      ...base,
      id: 'e1',
      name: 'statement.pdf',
      size: 2048,
      type: 'application/pdf',
      sha256: sha,
      description: 'Bank statement',
      addedBy: priya,
      addedAt: at(2),
      superseded: { reason: 'Clearer copy', by: sam, at: at(3) },
    });
    const resolution = {
      ...base,
      caseReference: c.reference,
      createdBy: priya,
      summary: 'We refund the fee and apologise.',
      remedies: [
        { type: 'refund' as const, amount: 35, currency: 'GBP', rationale: 'Fee caused by our delay' },
      ],
      legal: false,
      similarKey: 'x',
      approvalReasons: [],
      proposedAt: null,
      response: null,
    };
    await db.resolutions.add({
      ...resolution,
      id: 'r1',
      createdAt: at(10),
      updatedAt: at(11),
      state: 'changes-requested',
      requestedAt: at(10),
      decision: { outcome: 'changes-requested', comment: 'Add an apology', by: sam, at: at(11) },
    });
    await db.resolutions.add({
      ...resolution,
      id: 'r2',
      createdAt: at(12),
      updatedAt: at(12),
      state: 'awaiting-approval',
      requestedAt: at(12),
      decision: null,
    });
    await db.consultations.add({
      ...base,
      id: 'k1',
      with: 'legal',
      person: 'Dana Legal',
      question: 'Is the fee lawful?',
      askedAt: at(9),
      answer: 'Yes, but refund it.',
      answeredAt: at(10),
      recordedBy: priya,
    });
    await db.actions.add({
      ...base,
      id: 'x1',
      caseReference: c.reference,
      title: 'Refund the fee',
      owner: sam,
      ownerId: sam.id,
      dueAt: '2026-04-01',
      done: 1,
      doneAt: at(20),
      outcome: 'Refunded',
      createdAt: at(13),
      createdBy: priya,
    });
    await db.communications.add({
      ...base,
      id: 'm1',
      direction: 'out',
      channel: 'letter',
      at: at(1),
      from: 'Complaints team',
      to: 'Ngũgĩ Kamau',
      subject: 'Your complaint CMP',
      body: 'We have received your complaint.',
      kind: 'acknowledgement',
      template: null,
      recordedAt: at(1),
      recordedBy: priya,
    });
    await db.followUps.add({
      ...base,
      id: 'f1',
      createdAt: at(30),
      dueAt: '2026-04-20',
      result: { score: 4, resolved: true, comments: 'Happy now', at: at(40), by: priya },
    });

    const settings = { ...defaultSettings(), timeZone: 'Europe/Berlin' };
    const data = await gatherCaseReport(db, c.id, {
      settings,
      actorName: 'Priya Shah',
      viewer: MANAGER,
      now: new Date(at(45)),
      t: i18n.t.bind(i18n),
    });
    const parsed = CaseReportDataSchema.safeParse(data);
    expect(parsed.error).toBeUndefined();
    const d = data!;
    expect(d.case.findingDetail).toEqual({
      rationale: 'The transfer sat in the retry queue.',
      contributingFactors: 'No alert on the batch job.',
      recurrence: 'Recurring',
      similarCases: [other.reference],
    });
    expect(d.investigation.plan).toEqual([
      {
        step: 'Record to gather: Payment logs for March',
        owner: 'Sam Okafor',
        dueAt: '2026-03-06',
        status: 'Overdue',
      },
    ]);
    expect(d.investigation.notes).toEqual([
      { at: at(1), author: 'Priya Shah', text: 'Pinned. Called billing.' },
    ]);
    expect(d.investigation.interviews[0]).toEqual({
      interviewee: 'Jordan Ellis',
      role: 'Payments clerk',
      contact: 'ext 4411',
      interviewer: 'Priya Shah',
      othersPresent: '',
      at: '2026-03-05T13:30:00.000Z', // 14:30 in Berlin
      durationMinutes: 25,
      method: 'Phone',
      location: '',
      consentGiven: true,
      noticeGiven: true,
      statement: 'The batch stopped on the 3rd and nobody noticed.',
      keyPoints: ['Batch stopped', 'No alert'],
      followUpActions: [],
      status: 'Signed off',
      signedOffBy: 'Priya Shah',
      signedOffAt: at(1, 15),
      addenda: [{ text: 'It was the 2nd.', reason: 'Date corrected', by: 'Priya Shah', at: at(2) }],
    });
    expect(d.investigation.enquiries).toEqual([
      {
        department: 'Billing',
        question: 'Why was the fee charged?',
        askedBy: 'Priya Shah',
        askedAt: '2026-03-05',
        answer: 'Automatic late fee.',
        answeredBy: 'Sam Okafor',
        answeredAt: '2026-03-07',
        status: 'Answered',
      },
    ]);
    expect(d.evidence).toEqual([
      {
        name: 'statement.pdf',
        size: 2048,
        type: 'application/pdf',
        sha256: sha,
        addedBy: 'Priya Shah',
        addedAt: at(2),
        description: 'Bank statement\nSuperseded by Sam Okafor, 2026-03-07: Clearer copy',
        superseded: true,
      },
    ]);
    // The newest proposal is the current one; both approval requests are listed, oldest first.
    expect(d.resolution.summary).toContain('We refund the fee and apologise.');
    expect(d.resolution.summary).toContain('Waiting for a manager’s approval');
    expect(d.resolution.remedies).toEqual([
      { kind: 'Refund', amount: 35, currency: 'GBP', rationale: 'Fee caused by our delay' },
    ]);
    expect(d.resolution.actions).toEqual([
      {
        text: 'Refund the fee',
        owner: 'Sam Okafor',
        dueAt: '2026-04-01',
        doneAt: at(20),
        status: 'Done',
        outcome: 'Refunded',
      },
    ]);
    expect(d.approvals).toEqual([
      {
        requestedBy: 'Priya Shah',
        approver: 'Sam Okafor',
        decision: 'Changes requested',
        // Only an approval signs the report off.
        approved: false,
        comment: 'Add an apology',
        at: at(11),
      },
      {
        requestedBy: 'Priya Shah',
        approver: '—',
        decision: 'Waiting for a manager’s approval',
        approved: false,
        comment: '',
        at: at(12),
      },
    ]);
    expect(d.consultations).toEqual([
      {
        with: 'Legal',
        topic: 'Is the fee lawful?',
        advice: 'Yes, but refund it.',
        by: 'Dana Legal',
        at: at(10),
      },
    ]);
    expect(d.communications).toEqual([
      {
        at: at(1),
        direction: 'outbound',
        channel: 'Letter',
        from: 'Complaints team',
        to: 'Ngũgĩ Kamau',
        subject: 'Your complaint CMP',
        text: 'We have received your complaint.',
      },
    ]);
    expect(d.followUp).toEqual({
      entries: [
        {
          at: at(40),
          by: 'Priya Shah',
          outcome: expect.stringContaining('4/5, resolved') as string,
          notes: 'Happy now',
        },
      ],
      satisfaction: { score: 4, resolved: true, at: at(40) },
    });

    // An approval signs the report off only while its proposal is the current one.
    const approve = { outcome: 'approved' as const, comment: 'Fine', by: sam, at: at(11) };
    await db.resolutions.update('r1', { state: 'approved', decision: approve });
    const regather = async () =>
      (await gatherCaseReport(db, c.id, {
        settings,
        actorName: 'Priya Shah',
        viewer: MANAGER,
        now: new Date(at(45)),
        t: i18n.t.bind(i18n),
      }))!.approvals.map((a) => [a.decision, a.approved]);
    expect(await regather()).toEqual([
      ['Approved', false],
      ['Waiting for a manager’s approval', false],
    ]);
    await db.resolutions.delete('r2');
    expect(await regather()).toEqual([['Approved', true]]);
  });

  it('lists the live deadline lines with the letter that met each, and what a withdrawn case no longer owes', async () => {
    // PSD, received Mon 2 Mar 2026 in England: acknowledge by Tue 3 Mar, final response by Mon 23 Mar
    // (15 business days), or by Wed 22 Apr (35, skipping Good Friday and Easter Monday) after a holding reply.
    const received = '2026-03-02T10:00:00.000Z';
    const c = await createCase(
      db,
      intake(received, { regime: 'uk-fca-psd' }),
      priya,
      rules,
      new Date(received),
    );
    const send = (kind: LetterKind, at: string) =>
      recordCommunication(
        db,
        c.id,
        { direction: 'out', channel: 'email', at, from: '', to: '', subject: kind, body: 'Letter.', kind },
        priya,
        { now: new Date(at) },
      );
    const report = async (now: string) =>
      (await gatherCaseReport(db, c.id, {
        settings: defaultSettings(),
        actorName: 'Priya Shah',
        viewer: MANAGER,
        now: new Date(now),
        t: i18n.t.bind(i18n),
      }))!;
    await send('acknowledgement', '2026-03-02T15:00:00.000Z');
    await send('holding-reply', '2026-03-20T10:00:00.000Z');
    const held = await report('2026-03-25T10:00:00.000Z');
    expect(CaseReportDataSchema.safeParse(held).success).toBe(true);
    expect(held.case.deadlines).toEqual([
      {
        label: 'Acknowledge by',
        due: '2026-03-03T23:59:59.999Z',
        doneAt: '2026-03-02T15:00:00.000Z',
        metBy: 'acknowledgement',
        state: 'met',
      },
      {
        label: 'Final response by',
        due: '2026-03-23T23:59:59.999Z',
        doneAt: '2026-03-20T10:00:00.000Z',
        metBy: 'holding reply',
        state: 'met',
      },
      {
        label: 'Final response (extended) by',
        due: '2026-04-22T22:59:59.999Z',
        doneAt: null,
        metBy: '',
        state: 'pending',
      },
    ]);
    await transitionCase(db, c.id, 'withdrawn', priya, rules, {
      now: new Date('2026-03-26T10:00:00.000Z'),
      reason: 'The complainant withdrew it by phone.',
    });
    const withdrawn = await report('2026-05-01T10:00:00.000Z');
    expect(withdrawn.case.deadlines.map((d) => [d.label, d.state])).toEqual([
      ['Acknowledge by', 'met'],
      ['Final response by', 'met'],
      ['Final response (extended) by', 'not-needed'],
    ]);
  });

  it('refuses a case the reader may not see, and names no similar case hidden from them', async () => {
    const planted = await plantRestricted(db);
    const ctx = (viewer: ActingPerson) => ({
      settings: defaultSettings(),
      actorName: viewer.name,
      viewer,
      now: new Date('2026-03-20T12:00:00Z'),
      t: i18n.t.bind(i18n),
    });
    await expect(gatherCaseReport(db, planted.othersRestricted.id, ctx(PRIYA))).rejects.toThrow(
      'This case is restricted',
    );
    // A case she may read but that is not hers is not hers to export either: refused before main
    // writes any file.
    const others = planted.open.find((c) => c.assigneeId !== PRIYA.id && !c.restricted)!;
    await expect(gatherCaseReport(db, others.id, ctx(PRIYA))).rejects.toThrow(
      'This case is not assigned to you',
    );
    const mine = planted.open.find((c) => c.assigneeId === PRIYA.id)!;
    await db.cases.update(mine.id, {
      findingDetail: {
        rationale: 'Same branch.',
        contributingFactors: '',
        recurrence: 'recurring',
        similarCaseIds: [planted.othersRestricted.id, planted.priyasOwn.id],
      },
    });
    const forPriya = (await gatherCaseReport(db, mine.id, ctx(PRIYA)))!;
    expect(forPriya.case.findingDetail!.similarCases).toEqual([planted.priyasOwn.reference]);
    const forManager = (await gatherCaseReport(db, mine.id, ctx(MANAGER)))!;
    expect(forManager.case.findingDetail!.similarCases).toEqual([
      planted.othersRestricted.reference,
      planted.priyasOwn.reference,
    ]);
  });

  it('answers null for a case that does not exist', async () => {
    expect(
      await gatherCaseReport(db, 'nope', {
        settings: defaultSettings(),
        actorName: 'x',
        viewer: MANAGER,
        now: new Date(),
        t: i18n.t.bind(i18n),
      }),
    ).toBeNull();
  });
});

describe('recordReportExport', () => {
  it('puts the export on the case trail in the same chain, and refuses an unknown case', async () => {
    const c = await createCase(
      db,
      intake('2026-03-04T09:30:00Z'),
      priya,
      rules,
      new Date('2026-03-04T09:30:00Z'),
    );
    await recordReportExport(db, c.id, priya, {
      file: '/exports/CMP-2026-000001-redacted.pdf',
      redacted: true,
      sections: ['summary', 'timeline'],
      auditAppendix: false,
    });
    const trail = await caseAuditTrail(db, c.id);
    expect(trail.at(-1)).toMatchObject({
      entity: 'case-report',
      action: 'report-export',
      actor: { id: 'u1', name: 'Priya Shah' },
    });
    expect(trail.at(-1)!.changes).toContainEqual({ field: 'redacted', before: null, after: true });
    expect((await verifyStoredAuditChain(db)).ok).toBe(true);
    await expect(
      recordReportExport(db, 'missing', priya, {
        file: 'x.pdf',
        redacted: false,
        sections: [],
        auditAppendix: true,
      }),
    ).rejects.toThrow('no longer exists');
  });
});

describe('aggregateFromDb', () => {
  it('reads every case received by the end of the period in pages and aggregates them', async () => {
    const days = [1, 2, 3, 40, 80];
    for (const d of days) {
      const at = new Date(Date.UTC(2026, 0, d, 10)).toISOString();
      await createCase(db, intake(at), priya, rules, new Date(at));
    }
    const pages: number[] = [];
    const figures = await aggregateFromDb(
      db,
      {
        from: '2026-01-02T00:00:00.000Z',
        to: '2026-02-28T23:59:59.999Z',
        now: '2026-06-01T00:00:00.000Z',
        timeZone: 'Europe/London',
        filters: {},
      },
      MANAGER,
      (read) => pages.push(read),
      2,
    );
    // 2 Jan, 3 Jan and 9 Feb are in the period; 1 Jan is before it but still open at its end; 21 Mar is after it.
    expect(figures.kpis.received).toBe(3);
    expect(figures.kpis.openAtEnd).toBe(4);
    // Pages of two: the keyset continues after the last key of each page (a full page asks once more).
    expect(pages).toEqual([2, 4, 4]);
    expect(figures.byCategory).toEqual([{ category: 'Charges and fees', count: 3 }]);
  });
});
