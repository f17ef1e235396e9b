import { describe, expect, it, vi } from 'vitest';
import {
  AUDIT_HEAD_KEY,
  appendAudit,
  caseAuditTrail,
  verifyStoredAuditChain,
} from '../../../../src-renderer/db/audit-log';
import {
  assignCase,
  CASES_OPEN_KEY,
  countCases,
  createCase,
  createCases,
  findPossibleDuplicates,
  listCasesNewestFirst,
  pauseSla,
  resumeSla,
  recordFinding,
  setChecklistItem,
  setEscalation,
  statusCounterKey,
  transitionCase,
  updateCase,
} from '../../../../src-renderer/db/cases';
import { saveProposal } from '../../../../src-renderer/db/resolution';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { personOf, type ActingPerson } from '../../../../src-shared/domain/permissions';
import { DEFAULT_APPROVAL_RULES } from '../../../../src-shared/domain/resolution';
import { PermissionError, ValidationError } from '../../../../src-shared/errors';
import { freshDb, useFreshDb, intake, person, sendLetter, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const sam = person('u2', 'Sam Lee', 'officer');
const morgan = person('m1', 'Morgan Manager', 'manager');
const officer: ActingPerson = priya;
const rules = testRules();
const at = (iso: string) => new Date(iso);

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

const counter = async (key: string) => (await db.counters.get(key))?.value ?? 0;

describe('createCase', () => {
  it('stores the case with its deadlines, its audit entry and the counters together', async () => {
    // Received Wednesday 4 March 2026, 09:30 London: acknowledge by end of Thursday 5 March,
    // final response 8 weeks later (29 April), summary resolution until end of Monday 9 March.
    const now = at('2026-03-04T09:30:00Z');
    const record = await createCase(db, intake('2026-03-04T09:30:00Z'), priya, rules, now);
    expect(record).toMatchObject({
      reference: 'CMP-2026-000001',
      status: 'received',
      complainant: { name: 'Zoë Adams' },
      receivedAt: '2026-03-04T09:30:00.000Z',
      createdBy: personOf(priya),
      assignee: personOf(priya),
      open: 1,
      deadlines: {
        acknowledgeDue: '2026-03-05T23:59:59.999Z',
        finalResponseDue: '2026-04-29T22:59:59.999Z',
        summaryResolutionUntil: '2026-03-09T23:59:59.999Z',
      },
      nextDueAt: '2026-03-05T23:59:59.999Z',
      complainantKey: 'zoe adams',
    });
    expect(await db.cases.get(record.id)).toEqual(record);
    const trail = await caseAuditTrail(db, record.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({
      actor: personOf(priya),
      entity: 'case',
      action: 'create',
      caseId: record.id,
    });
    expect(trail[0]!.changes).toContainEqual({ field: 'reference', before: null, after: 'CMP-2026-000001' });
    expect(trail[0]!.changes).toContainEqual({
      field: 'complainant.email',
      before: null,
      after: 'zoe@example.com',
    });
    expect(await countCases(db)).toBe(1);
    expect(await counter(CASES_OPEN_KEY)).toBe(1);
    expect(await counter(statusCounterKey('received'))).toBe(1);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 1 });
  });

  it('accepts a backdated letter and computes its deadlines from the received date', async () => {
    const record = await createCase(
      db,
      intake('2026-01-02T10:00:00Z', { channel: 'letter' }),
      priya,
      rules,
      at('2026-03-01T10:00:00Z'),
    );
    expect(record.deadlines.acknowledgeDue).toBe('2026-01-05T23:59:59.999Z'); // Fri 2 Jan → Mon 5 Jan
  });

  it('refuses a received date in the future', async () => {
    const error = await createCase(
      db,
      intake('2026-03-10T10:00:00Z'),
      priya,
      rules,
      at('2026-03-01T10:00:00Z'),
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'VALIDATION', field: 'receivedAt' });
  });

  it('refuses a category the office does not use, and a preferred contact with no details', async () => {
    await expect(
      createCase(
        db,
        intake('2026-03-01T10:00:00Z', { category: 'Weather' }),
        priya,
        rules,
        at('2026-03-01T10:00:00Z'),
      ),
    ).rejects.toMatchObject({ field: 'category' });
    await expect(
      createCase(
        db,
        intake('2026-03-01T10:00:00Z', { complainant: { email: '', preferredContact: 'email' } }),
        priya,
        rules,
        at('2026-03-01T10:00:00Z'),
      ),
    ).rejects.toMatchObject({
      field: 'complainant.email',
      message: expect.stringContaining('Enter an email address'),
    });
  });

  it('numbers cases sequentially per year', async () => {
    const refs = [];
    for (const when of ['2026-12-31T10:00:00Z', '2026-12-31T11:00:00Z', '2027-01-02T10:00:00Z']) {
      refs.push((await createCase(db, intake(when), priya, rules, at(when))).reference);
    }
    expect(refs).toEqual(['CMP-2026-000001', 'CMP-2026-000002', 'CMP-2027-000001']);
  });

  it('writes nothing, and burns no reference, when the audit entry cannot be written', async () => {
    const diskFull = () => {
      throw new Error('disk full');
    };
    db.audit.hook('creating', diskFull);
    await expect(
      createCase(db, intake('2026-05-01T00:00:00Z'), priya, rules, at('2026-05-01T00:00:00Z')),
    ).rejects.toThrow('disk full');
    db.audit.hook('creating').unsubscribe(diskFull);

    expect(await db.cases.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    expect(await countCases(db)).toBe(0);
    expect(
      (await createCase(db, intake('2026-05-01T00:00:00Z'), priya, rules, at('2026-05-01T00:00:00Z')))
        .reference,
    ).toBe('CMP-2026-000001');
  });

  it('writes no audit entry when the case itself cannot be written', async () => {
    const quotaExceeded = () => {
      throw new Error('quota exceeded');
    };
    db.cases.hook('creating', quotaExceeded);
    await expect(
      createCase(db, intake('2026-05-01T00:00:00Z'), priya, rules, at('2026-05-01T00:00:00Z')),
    ).rejects.toThrow('quota exceeded');
    db.cases.hook('creating').unsubscribe(quotaExceeded);
    expect(await db.audit.count()).toBe(0);
    expect(await db.counters.get(AUDIT_HEAD_KEY)).toBeUndefined();
  });

  it('refuses invalid input with the field to blame, before touching the database', async () => {
    const error = await createCase(
      db,
      intake('2026-05-01T00:00:00Z', { complainant: { name: '  ' } }),
      priya,
      rules,
      at('2026-05-01T00:00:00Z'),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('complainant.name');
    expect(await db.cases.count()).toBe(0);
  });

  it('refuses to append an audit entry outside the transaction of its change', async () => {
    await expect(
      appendAudit(db, {
        at: '',
        actor: priya,
        entity: 'case',
        entityId: 'x',
        caseId: 'x',
        action: 'update',
        changes: [],
      }),
    ).rejects.toThrow('inside the transaction');
  });
});

describe('changing a case', () => {
  const received = '2026-03-02T09:00:00Z'; // Monday
  const later = (days: number) => new Date(Date.parse(received) + days * 86_400_000);

  it('walks the whole workflow, keeping counters, dates and the audit trail right', async () => {
    const c = await createCase(db, intake(received), priya, rules, at(received));
    const go = (to: Parameters<typeof transitionCase>[2], day: number, reason?: string) =>
      transitionCase(db, c.id, to, priya, rules, { now: later(day), ...(reason ? { reason } : {}) });
    const tickAll = async (ids: string[]) => {
      for (const id of ids) await setChecklistItem(db, c.id, id, true, priya, later(0));
    };

    await tickAll(['confirm-receipt', 'outline-next-steps']);
    const acknowledged = await go('acknowledged', 0.2);
    expect(acknowledged.acknowledgedAt).toBe(later(0.2).toISOString());
    expect(acknowledged.nextDueAt).toBe(acknowledged.deadlines.finalResponseDue);
    await go('investigating', 1);
    await expect(go('resolution-proposed', 5)).rejects.toThrow(/finding/i);
    await recordFinding(
      db,
      c.id,
      { finding: 'upheld', rootCause: 'Billing system ran the batch twice.' },
      priya,
      later(5),
    );
    await tickAll(['gather-records', 'find-root-cause', 'document-findings']);
    // Each move rests on what was really done: the proposal written, the final response sent, the
    // complainant asked at follow-up.
    await expect(go('resolution-proposed', 6)).rejects.toMatchObject({ field: 'proposal' });
    await saveProposal(
      db,
      c.id,
      {
        summary: 'Refund the duplicate.',
        legal: false,
        remedies: [{ type: 'refund', amount: 40, currency: 'GBP', rationale: 'Charged twice' }],
      },
      priya,
      DEFAULT_APPROVAL_RULES,
      later(6),
    );
    await go('resolution-proposed', 6);
    await sendLetter(db, c.id, 'final-response', later(6.1).toISOString());
    await go('resolution-accepted', 8);
    await tickAll(['evaluate-options', 'communicate-outcome']);
    await go('implementing', 9);
    const answer = (day: number) =>
      updateCase(db, c.id, priya, 'satisfaction', () => ({
        satisfaction: { score: 5, resolved: true, at: later(day).toISOString() },
      }));
    // An answer given before the case entered follow-up is not the follow-up.
    await answer(11);
    await go('follow-up', 12);
    await tickAll(['carry-out-remedy', 'follow-up-complainant']);
    await expect(go('closed', 20)).rejects.toMatchObject({ field: 'satisfaction' });
    await answer(19);
    const closed = await go('closed', 20);
    expect(closed).toMatchObject({
      status: 'closed',
      open: 0,
      nextDueAt: null,
      finalResponseAt: later(6.1).toISOString(),
      closedAt: later(20).toISOString(),
    });
    expect(await counter(CASES_OPEN_KEY)).toBe(0);
    expect(await counter(statusCounterKey('closed'))).toBe(1);
    expect(await counter(statusCounterKey('received'))).toBe(0);

    await expect(go('reopened', 21)).rejects.toMatchObject({ field: 'reason' });
    const reopened = await go('reopened', 21, 'Refund never arrived.');
    expect(reopened).toMatchObject({ open: 1, closedAt: null });
    const trail = await caseAuditTrail(db, c.id);
    const last = trail.at(-1)!;
    expect(last).toMatchObject({ action: 'transition', reason: 'Refund never arrived.' });
    expect(last.changes).toContainEqual({ field: 'status', before: 'closed', after: 'reopened' });
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('refuses an illegal move with a clear message and changes nothing', async () => {
    const c = await createCase(db, intake(received), priya, rules, at(received));
    const error = await transitionCase(db, c.id, 'implementing', priya, rules, { now: later(1) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/Received/);
    expect((await db.cases.get(c.id))!.status).toBe('received');
    expect(await caseAuditTrail(db, c.id)).toHaveLength(1);
  });

  it('refuses to move on while a required checklist item is open', async () => {
    const c = await createCase(db, intake(received), priya, rules, at(received));
    await transitionCase(db, c.id, 'acknowledged', priya, rules, { now: later(0.1) }); // same stage: not checked
    await expect(
      transitionCase(db, c.id, 'investigating', priya, rules, { now: later(0.2) }),
    ).rejects.toMatchObject({
      field: 'checklist.confirm-receipt',
    });
    // An office that requires nothing lets it through.
    await expect(
      transitionCase(db, c.id, 'investigating', priya, testRules({ requiredChecklistItems: [] }), {
        now: later(0.2),
      }),
    ).resolves.toMatchObject({ status: 'investigating' });
  });

  it('allows a summary-resolution close only within the window, once its communication is sent', async () => {
    const open = testRules({ requiredChecklistItems: [] });
    const a = await createCase(db, intake(received), priya, open, at(received));
    const b = await createCase(
      db,
      intake(received, { complainant: { name: 'Other Person' } }),
      priya,
      open,
      at(received),
    );
    const close = (id: string, day: number) =>
      transitionCase(db, id, 'closed', priya, open, { now: later(day), reason: 'Refunded on the phone.' });
    await expect(close(a.id, 2)).rejects.toMatchObject({
      field: 'response',
      message: expect.stringContaining('Record the summary resolution communication') as string,
    });
    await sendLetter(db, a.id, 'summary-resolution', later(1.9).toISOString());
    await expect(close(a.id, 2)).resolves.toMatchObject({
      status: 'closed',
      summaryResolutionAt: later(1.9).toISOString(),
    });
    await sendLetter(db, b.id, 'summary-resolution', later(9).toISOString());
    await expect(close(b.id, 10)).rejects.toThrow(/window/i);
  });

  it('offers no summary-resolution close in a regime without that route', async () => {
    const open = testRules({ requiredChecklistItems: [] });
    const c = await createCase(db, intake(received, { regime: 'uk-fca-psd' }), priya, open, at(received));
    await sendLetter(db, c.id, 'summary-resolution', later(0.5).toISOString());
    await expect(
      transitionCase(db, c.id, 'closed', priya, open, { now: later(1), reason: 'Refunded.' }),
    ).rejects.toThrow('This regulatory regime has no summary-resolution route');
    expect((await db.cases.get(c.id))!.status).toBe('received');
  });

  it('refuses to close an escalated case until the escalation is cleared', async () => {
    const open = testRules({ requiredChecklistItems: [] });
    const c = await createCase(db, intake(received), priya, open, at(received));
    await setEscalation(db, c.id, { escalated: true, owner: sam, reason: 'Vulnerable complainant.' }, morgan);
    await sendLetter(db, c.id, 'summary-resolution', later(0.5).toISOString());
    const close = () =>
      transitionCase(db, c.id, 'closed', priya, open, { now: later(1), reason: 'Refunded on the phone.' });
    await expect(close()).rejects.toMatchObject({ field: 'escalation' });
    await setEscalation(db, c.id, { escalated: false }, morgan);
    await expect(close()).resolves.toMatchObject({ status: 'closed' });
  });

  it('assigns, and asks for a reason to take a case from someone', async () => {
    const c = await createCase(db, intake(received), priya, rules, at(received));
    await expect(assignCase(db, c.id, sam, morgan)).rejects.toMatchObject({ field: 'reason' });
    const moved = await assignCase(db, c.id, sam, morgan, { reason: 'Priya is on leave.' });
    expect(moved).toMatchObject({ assignee: personOf(sam), assigneeId: 'u2' });
    expect((await caseAuditTrail(db, c.id)).at(-1)).toMatchObject({
      action: 'assign',
      reason: 'Priya is on leave.',
    });
  });

  it('escalates with a reason and an owner, and clears the flag', async () => {
    const c = await createCase(db, intake(received), priya, rules, at(received));
    await expect(setEscalation(db, c.id, { escalated: true, owner: sam }, morgan)).rejects.toMatchObject({
      field: 'reason',
    });
    const up = await setEscalation(
      db,
      c.id,
      { escalated: true, owner: sam, reason: 'Threatens to go to the press.' },
      morgan,
      later(1),
    );
    expect(up.escalation).toEqual({
      owner: personOf(sam),
      reason: 'Threatens to go to the press.',
      by: personOf(morgan),
      at: later(1).toISOString(),
    });
    expect((await setEscalation(db, c.id, { escalated: false }, morgan)).escalation).toBeNull();
  });

  it('pauses the service clock with a reason, refuses a second pause, resumes, and closing ends a pause', async () => {
    const c = await createCase(db, intake(received), priya, rules, at(received));
    await expect(pauseSla(db, c.id, '  ', priya, later(1))).rejects.toMatchObject({ field: 'reason' });
    const paused = await pauseSla(db, c.id, 'Waiting for bank statements.', priya, later(1));
    expect(paused.slaPauses).toEqual([
      { from: later(1).toISOString(), to: null, reason: 'Waiting for bank statements.' },
    ]);
    await expect(pauseSla(db, c.id, 'Again', priya, later(2))).rejects.toThrow('already paused');
    const resumed = await resumeSla(db, c.id, priya, later(3));
    expect(resumed.slaPauses[0]!.to).toBe(later(3).toISOString());
    await expect(resumeSla(db, c.id, priya, later(4))).rejects.toThrow('not paused');
    await pauseSla(db, c.id, 'Waiting again.', priya, later(5));
    const withdrawn = await transitionCase(db, c.id, 'withdrawn', priya, rules, {
      now: later(6),
      reason: 'Withdrawn.',
    });
    expect(withdrawn.slaPauses.every((p) => p.to)).toBe(true);
    expect((await caseAuditTrail(db, c.id)).map((e) => e.action)).toEqual([
      'create',
      'sla-pause',
      'sla-resume',
      'sla-pause',
      'transition',
    ]);
  });

  it('writes no audit entry for a change that changes nothing', async () => {
    const c = await createCase(db, intake(received), priya, rules, at(received));
    await recordFinding(db, c.id, { finding: null, rootCause: '' }, priya);
    expect(await caseAuditTrail(db, c.id)).toHaveLength(1);
  });
});

describe('findPossibleDuplicates', () => {
  it('finds open cases from the last 90 days by complainant (ignoring case and accents) or account', async () => {
    const now = at('2026-06-01T10:00:00Z');
    const a = await createCase(db, intake('2026-05-20T10:00:00Z'), priya, rules, now);
    const b = await createCase(
      db,
      intake('2026-05-21T10:00:00Z', { complainant: { name: 'Someone Else' }, accountRef: 'ACC-991' }),
      priya,
      rules,
      now,
    );
    await createCase(db, intake('2026-01-10T10:00:00Z'), priya, rules, now); // too old
    const byName = await findPossibleDuplicates(db, { name: '  zoe ADAMS ', accountRef: '' }, officer, now);
    expect(byName.map((c) => c.id)).toEqual([a.id]);
    const byAccount = await findPossibleDuplicates(
      db,
      { name: 'Nobody', accountRef: 'acc 991' },
      officer,
      now,
    );
    expect(byAccount.map((c) => c.id)).toEqual([b.id]);
    await transitionCase(db, a.id, 'withdrawn', priya, rules, { reason: 'Withdrawn by phone.', now });
    expect(await findPossibleDuplicates(db, { name: 'Zoë Adams', accountRef: '' }, officer, now)).toEqual([]);
  });
  it('with a very common name, shows the ten newest open cases the viewer sees and reads only a few rows', async () => {
    const now = at('2026-06-01T10:00:00Z');
    const hour = 3_600_000;
    const receivedHoursAgo = (h: number) => new Date(now.getTime() - h * hour).toISOString();
    // 600 cases of "Sam Jones" over the last 25 days (more than any page of them), each hour apart,
    // newest first: the three newest restricted to Sam's own desk, the next two closed.
    const made = await createCases(
      db,
      Array.from({ length: 600 }, (_, i) => ({
        input: intake(receivedHoursAgo(i + 1), {
          complainant: { name: i % 2 ? 'SAM JONES' : 'Sam  Jones', email: `sam${i}@example.org` },
          restricted: i < 3,
        }),
      })),
      sam,
      rules,
      now,
    );
    const ids = made.map((m) => (m.ok ? m.record.id : ''));
    for (const id of ids.slice(3, 5))
      await transitionCase(db, id, 'withdrawn', sam, rules, { reason: 'Withdrawn by phone.', now });
    const read = vi.spyOn(db.cases, 'bulkGet');
    const found = await findPossibleDuplicates(db, { name: 'sam jones', accountRef: '' }, priya, now);
    expect(found.map((c) => c.id)).toEqual(ids.slice(5, 15));
    const rowsRead = read.mock.calls.flatMap(([keys]) => keys).length;
    expect(rowsRead).toBeGreaterThanOrEqual(10);
    expect(rowsRead).toBeLessThanOrEqual(20);
    // Sam sees his restricted cases; the case being edited is not its own repeat.
    const forSam = await findPossibleDuplicates(db, { name: 'Sam Jones', accountRef: '' }, sam, now, ids[0]);
    expect(forSam.map((c) => c.id)).toEqual([...ids.slice(1, 3), ...ids.slice(5, 13)]);
  });
});

describe('listCasesNewestFirst', () => {
  it('pages newest first with keyset paging, keeping cases received in the same instant apart', async () => {
    const same = '2026-01-01T00:00:00Z';
    for (let i = 0; i < 5; i++)
      await createCase(db, intake(same, { complainant: { name: `Person ${i}` } }), priya, rules, at(same));
    await createCase(
      db,
      intake('2026-02-01T00:00:00Z', { complainant: { name: 'Latest' } }),
      priya,
      rules,
      at('2026-02-01T00:00:00Z'),
    );

    const first = await listCasesNewestFirst(db, undefined, 2);
    expect(first[0]!.complainant.name).toBe('Latest');
    const second = await listCasesNewestFirst(db, first.at(-1), 2);
    const third = await listCasesNewestFirst(db, second.at(-1), 2);
    expect(new Set([...first, ...second, ...third].map((c) => c.id)).size).toBe(6);
    expect(await listCasesNewestFirst(db, third.at(-1), 2)).toEqual([]);
  });
});

describe('createCases', () => {
  const now = at('2026-03-04T09:30:00Z');
  const imported = { externalRef: 'OLD-7', reason: 'Imported from legacy.csv, row 8' };
  const importer = morgan;

  it('makes a case identical, field by field, to the one createCase makes, with the same audit entry', async () => {
    const input = intake('2026-03-02T10:00:00Z', {
      accountRef: 'AC-19',
      restricted: true,
      complainant: { phone: '07700 900123' },
    });
    const single = await createCase(db, input, importer, rules, now, imported);
    const other = freshDb();
    try {
      const [batch] = await createCases(other, [{ input, imported }], importer, rules, now);
      expect(batch?.ok).toBe(true);
      const record = batch!.ok ? batch!.record : null;
      expect(Object.keys(record!)).toEqual(Object.keys(single));
      expect({ ...record, id: single.id }).toEqual(single);
      expect(await other.cases.get(record!.id)).toEqual({ ...single, id: record!.id });

      const [singleEntry] = await caseAuditTrail(db, single.id);
      const [batchEntry] = await caseAuditTrail(other, record!.id);
      const sameExceptLinks = (e: typeof singleEntry) => {
        const { entityId: _i, caseId: _c, salt: _s, payloadHash: _p, hash: _h, ...rest } = e!;
        return rest;
      };
      expect(sameExceptLinks(batchEntry)).toEqual(sameExceptLinks(singleEntry));
    } finally {
      other.close();
      await other.delete();
    }
  });

  it('numbers the batch after the cases before it, moves the counters once and keeps the chain whole', async () => {
    await createCase(db, intake('2026-03-01T09:00:00Z'), priya, rules, now);
    const results = await createCases(
      db,
      [1, 2, 3].map((i) => ({
        input: intake('2026-03-02T09:00:00Z', { complainant: { name: `Person ${i}` } }),
        imported: { externalRef: `OLD-${i}`, reason: `row ${i}` },
      })),
      importer,
      rules,
      now,
    );
    expect(results.map((r) => r.ok && r.record.reference)).toEqual([
      'CMP-2026-000002',
      'CMP-2026-000003',
      'CMP-2026-000004',
    ]);
    expect(await countCases(db)).toBe(4);
    expect(await counter(CASES_OPEN_KEY)).toBe(4);
    expect(await counter(statusCounterKey('received'))).toBe(4);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 4 });
    await createCase(db, intake('2026-03-03T09:00:00Z'), priya, rules, now);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 5 });
  });

  it('reports a case a rule refuses in its place and creates the others', async () => {
    const results = await createCases(
      db,
      [
        { input: intake('2026-03-02T09:00:00Z'), imported },
        { input: intake('2026-03-02T09:00:00Z', { category: 'Parking' }), imported },
        { input: intake('2026-03-02T09:00:00Z', { relatedCaseIds: ['no-such-case'] }), imported },
        { input: intake('2026-03-02T09:00:00Z'), imported },
      ],
      importer,
      rules,
      now,
    );
    expect(results.map((r) => (r.ok ? r.record.reference : r.error.field))).toEqual([
      'CMP-2026-000001',
      'category',
      'relatedCaseIds',
      'CMP-2026-000002',
    ]);
    expect(await countCases(db)).toBe(2);
    expect(await db.cases.count()).toBe(2);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 2 });
  });

  it('is refused to a person who may not import', async () => {
    await expect(
      createCases(db, [{ input: intake('2026-03-02T09:00:00Z'), imported }], priya, rules, now),
    ).rejects.toThrow(PermissionError);
    expect(await db.cases.count()).toBe(0);
  });
});
