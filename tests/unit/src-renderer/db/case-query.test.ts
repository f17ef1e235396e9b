import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseByReference,
  casesByIds,
  queryCases,
  updatesOwedFor,
  type CaseQuery,
  type QueryClock,
} from '../../../../src-renderer/db/case-query';
import {
  assignCase,
  createCase,
  recordFinding,
  setEscalation,
  transitionCase,
  updateCase,
} from '../../../../src-renderer/db/cases';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { CHANNELS, REGIME_IDS, SEVERITIES, type CaseRecord } from '../../../../src-shared/domain/case';
import { stageOf } from '../../../../src-shared/domain/workflow';
import { recordCommunication } from '../../../../src-renderer/db/communications';
import { freshDb, intake, MANAGER, person, testRules } from './test-db';

const rules = testRules({ requiredChecklistItems: [] });
const officers = [person('u1', 'Priya Shah', 'officer'), person('u2', 'Sam Lee', 'officer')];
// Works on every case (an officer may only work their own, and may not assign or escalate).
const manager = person('m1', 'Morgan Manager', 'manager');
const categories = ['Charges and fees', 'Service', 'Payments'];
const clock: QueryClock = {
  now: '2026-04-15T12:00:00.000Z',
  dueSoonBefore: '2026-04-16T22:59:59.999Z',
  updateOwedBefore: '2026-02-10T00:00:00.000Z',
};

let db: RedressDB;
let all: CaseRecord[];
// Every third case, filled in once the cases exist: what a return's cell would drill into.
const DRILL_IDS: string[] = [];

beforeAll(async () => {
  db = freshDb();
  for (let i = 0; i < 48; i++) {
    // Several cases share a received instant, to prove paging keeps them apart.
    const received = new Date(Date.UTC(2026, 1, 1 + Math.floor(i / 3), 9 + (i % 2))).toISOString();
    const c = await createCase(
      db,
      intake(received, {
        complainant: { name: `Person ${i}` },
        channel: CHANNELS[i % CHANNELS.length]!,
        category: categories[i % 3]!,
        severity: SEVERITIES[i % 4]!,
        regime: REGIME_IDS[i % 6]!,
        product: ['Card', 'Loan', 'Mortgage', ''][i % 4]!,
      }),
      officers[i % 2]!,
      rules,
      new Date(received),
    );
    const now = new Date(Date.parse(received) + 3600_000);
    if (i % 5 === 1) await transitionCase(db, c.id, 'acknowledged', manager, rules, { now });
    if (i % 5 === 2)
      await transitionCase(db, c.id, 'withdrawn', manager, rules, { now, reason: 'Withdrawn.' });
    if (i % 7 === 0) await assignCase(db, c.id, null, manager, { reason: 'Back to the queue.' });
    if (i % 5 === 3)
      await recordFinding(
        db,
        c.id,
        { finding: i % 2 ? 'upheld' : 'not-upheld', rootCause: i % 3 ? 'Billing error' : 'Staff error' },
        manager,
      );
    if (i % 6 === 0)
      await setEscalation(db, c.id, { escalated: true, reason: 'Press.', owner: officers[1]! }, manager);
    // Updates sent (or only heard from the complainant) some days later: informedAt moves only on 'out'.
    if (i % 4 !== 3) {
      const at = new Date(Date.parse(received) + (i % 9) * 86_400_000).toISOString();
      await recordCommunication(
        db,
        c.id,
        {
          direction: i % 4 === 2 ? 'in' : 'out',
          channel: 'email',
          at,
          from: '',
          to: '',
          subject: 'Update',
          body: 'News.',
        },
        manager,
      );
    }
  }
  all = await db.cases.toArray();
  DRILL_IDS.push(...all.filter((_, i) => i % 3 === 0).map((c) => c.id));
});
afterAll(async () => {
  db.close();
  await db.delete();
});

/** The same query answered the slow, obvious way. */
function bruteForce(q: CaseQuery): CaseRecord[] {
  const rows = all.filter(
    (c) =>
      (q.status === undefined || c.status === q.status) &&
      (q.stage === undefined || stageOf(c.status) === q.stage) &&
      (q.category === undefined || c.category === q.category) &&
      (q.channel === undefined || c.channel === q.channel) &&
      (q.severity === undefined || c.severity === q.severity) &&
      (q.assigneeId === undefined || c.assigneeId === q.assigneeId) &&
      (q.regime === undefined || c.regime === q.regime) &&
      (q.escalated === undefined || !!c.escalation === q.escalated) &&
      (q.receivedFrom === undefined || c.receivedAt >= q.receivedFrom) &&
      (q.receivedTo === undefined || c.receivedAt <= q.receivedTo) &&
      (q.product === undefined || c.product === q.product) &&
      (q.rootCause === undefined || c.rootCause === q.rootCause) &&
      (q.open === undefined || c.open === q.open) &&
      (q.finding === undefined || c.finding === q.finding) &&
      (q.complainantKey === undefined || c.complainantKey === q.complainantKey) &&
      (q.drill === undefined || q.drill.ids.includes(c.id)) &&
      (q.due === undefined ||
        (c.nextDueAt !== null &&
          (q.due === 'overdue'
            ? c.nextDueAt < clock.now
            : c.nextDueAt >= clock.now && c.nextDueAt < clock.dueSoonBefore))) &&
      (q.informed === undefined || (c.open === 1 && c.informedAt < clock.updateOwedBefore)) &&
      (q.sort !== 'informed' || c.open === 1) &&
      (q.sort !== 'due' || q.informed !== undefined || c.nextDueAt !== null),
  );
  const cmp = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);
  if (q.informed || q.sort === 'informed')
    return rows.sort((a, b) => cmp(a.informedAt, b.informedAt) || cmp(a.id, b.id));
  if (q.sort === 'due') return rows.sort((a, b) => cmp(a.nextDueAt!, b.nextDueAt!) || cmp(a.id, b.id));
  if (q.sort === 'severity')
    return rows.sort(
      (a, b) => cmp(b.severityRank, a.severityRank) || cmp(b.receivedAt, a.receivedAt) || cmp(b.id, a.id),
    );
  return rows.sort((a, b) => cmp(b.receivedAt, a.receivedAt) || cmp(b.id, a.id));
}

async function everyPage(q: CaseQuery, pageSize = 7): Promise<CaseRecord[]> {
  const out: CaseRecord[] = [];
  let page = await queryCases(db, q, clock, MANAGER, null, pageSize);
  out.push(...page.rows);
  while (page.next) {
    page = await queryCases(db, q, clock, MANAGER, page.next, pageSize);
    out.push(...page.rows);
  }
  return out;
}

const queries: [string, CaseQuery][] = [
  ['everything, newest first', { sort: 'received' }],
  ['by status', { status: 'acknowledged', sort: 'received' }],
  ['by stage', { stage: 'review', sort: 'received' }],
  ['by category', { category: 'Payments', sort: 'received' }],
  ['by channel', { channel: 'letter', sort: 'received' }],
  ['by severity', { severity: 'critical', sort: 'received' }],
  ['by officer', { assigneeId: 'u2', sort: 'received' }],
  ['unassigned', { assigneeId: '', sort: 'received' }],
  ['by regime', { regime: 'uk-fca-psd', sort: 'received' }],
  ['escalated', { escalated: true, sort: 'received' }],
  [
    'received in a range',
    { receivedFrom: '2026-02-05T00:00:00.000Z', receivedTo: '2026-02-10T23:59:59.999Z', sort: 'received' },
  ],
  ['two filters', { category: 'Service', severity: 'high', sort: 'received' }],
  ['by product (dashboard)', { product: 'Loan', sort: 'received' }],
  ['without a product', { product: '', sort: 'received' }],
  ['by root cause, open only', { rootCause: 'Billing error', open: 1, sort: 'received' }],
  ['closed or withdrawn, by finding', { open: 0, sort: 'received' }],
  ['by finding', { finding: 'upheld', sort: 'received' }],
  ['by complainant', { complainantKey: 'person 7', sort: 'received' }],
  ['exactly these cases (a return’s cell)', { drill: { label: 'cell', ids: DRILL_IDS }, sort: 'received' }],
  ['these cases, open only', { drill: { label: 'cell', ids: DRILL_IDS }, open: 1, sort: 'due' }],
  ['a drill-down no longer kept', { drill: { label: '', ids: [] }, sort: 'received' }],
  [
    'officer, open, in a range',
    { assigneeId: 'u1', open: 1, receivedFrom: '2026-02-05T00:00:00.000Z', sort: 'received' },
  ],
  ['nearest deadline first', { sort: 'due' }],
  ['overdue', { due: 'overdue', sort: 'due' }],
  ['my work (officer, by deadline)', { assigneeId: 'u1', sort: 'due' }],
  ['my overdue', { assigneeId: 'u1', due: 'overdue', sort: 'due' }],
  ['update owed, longest without news first', { informed: 'owed', sort: 'informed' }],
  ['open cases, longest without news first', { sort: 'informed' }],
  ['one category, longest without news first', { category: 'Service', sort: 'informed' }],
  ['update owed, one officer', { informed: 'owed', assigneeId: 'u1', sort: 'received' }],
  ['update owed and overdue', { informed: 'owed', due: 'overdue', sort: 'due' }],
  ['most severe first', { sort: 'severity' }],
  ['one severity, most severe first', { severity: 'high', sort: 'severity' }],
  ['status with severity sort', { status: 'received', sort: 'severity' }],
];

describe('queryCases', () => {
  it('has data that exercises every filter', () => {
    expect(all).toHaveLength(48);
    expect(all.some((c) => c.status === 'withdrawn')).toBe(true);
    expect(all.some((c) => c.assigneeId === '')).toBe(true);
    expect(all.some((c) => c.escalation)).toBe(true);
    expect(bruteForce({ due: 'overdue', sort: 'due' }).length).toBeGreaterThan(0);
    expect(bruteForce({ rootCause: 'Billing error', open: 1, sort: 'received' }).length).toBeGreaterThan(0);
    expect(bruteForce({ finding: 'upheld', sort: 'received' }).length).toBeGreaterThan(0);
    const owed = bruteForce({ informed: 'owed', sort: 'received' });
    expect(owed.length).toBeGreaterThan(0);
    // Some open cases are owed nothing: an update went out after the limit.
    expect(owed.length).toBeLessThan(all.filter((c) => c.open === 1).length);
    expect(all.some((c) => c.informedAt > c.receivedAt)).toBe(true);
  });

  it.each(queries)(
    '%s: the same rows, in the same order, as a brute-force filter, across pages',
    async (_name, q) => {
      const expected = bruteForce(q).map((c) => c.reference);
      const got = (await everyPage(q)).map((c) => c.reference);
      expect(got).toEqual(expected);
    },
  );

  it('finds cases due soon (within the window, not yet overdue)', async () => {
    const soonClock: QueryClock = {
      ...clock,
      now: '2026-02-02T08:00:00.000Z',
      dueSoonBefore: '2026-02-03T23:59:59.999Z',
    };
    const page = await queryCases(db, { due: 'due-soon', sort: 'due' }, soonClock, MANAGER);
    expect(page.rows.length).toBeGreaterThan(0);
    for (const c of page.rows) {
      expect(c.nextDueAt! >= soonClock.now && c.nextDueAt! < soonClock.dueSoonBefore).toBe(true);
    }
  });

  it("lists an officer's complainants waiting for news, longest first, up to the limit", async () => {
    const expected = bruteForce({ informed: 'owed', assigneeId: 'u1', sort: 'informed' });
    expect(expected.length).toBeGreaterThan(3);
    const page = await updatesOwedFor(db, { id: 'u1', roles: ['officer'] }, clock.updateOwedBefore, 3);
    expect(page.rows.map((c) => c.reference)).toEqual(expected.slice(0, 3).map((c) => c.reference));
    expect(page.next).not.toBeNull();
  });

  it('loads cases by id in the order given, skipping ids that no longer exist', async () => {
    const [a, b] = [all[5]!, all[2]!];
    expect((await casesByIds(db, [a.id, 'gone', b.id])).map((c) => c.reference)).toEqual([
      a.reference,
      b.reference,
    ]);
  });

  it('finds a case by its reference however it was typed, and null when none matches', async () => {
    const c = all[7]!;
    expect((await caseByReference(db, ` ${c.reference.toLowerCase()} `, manager))?.id).toBe(c.id);
    expect(await caseByReference(db, 'CMP-1999-000001', manager)).toBeNull();
    expect(await caseByReference(db, '  ', manager)).toBeNull();
  });

  it('finds by reference only a case the person may see: a restricted one not given them is none', async () => {
    // Given to the officer who logged it, escalated to nobody: the other officer is no one it is given to.
    const c = (await db.cases.toArray()).find(
      (x) => !x.escalation && !x.restricted && x.assignee && x.assignee.id === x.createdBy.id,
    )!;
    const other = officers.find((o) => o.id !== c.assignee!.id)!;
    expect((await caseByReference(db, c.reference, other))?.id).toBe(c.id);
    await updateCase(db, c.id, MANAGER, 'restrict', () => ({ restricted: true }));
    expect(await caseByReference(db, c.reference, other)).toBeNull();
    expect((await caseByReference(db, c.reference, manager))?.id).toBe(c.id);
    // Someone with no case role (an administrator alone) finds no case at all.
    expect(
      await caseByReference(db, all[9]!.reference, person('a1', 'Ada Admin', 'administrator')),
    ).toBeNull();
    await updateCase(db, c.id, MANAGER, 'restrict', () => ({ restricted: false }));
  });
});
