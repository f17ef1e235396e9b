import { describe, expect, it } from 'vitest';
import {
  AUDIT_HEAD_KEY,
  caseAuditTrail,
  verifyStoredAuditChain,
} from '../../../../src-renderer/db/audit-log';
import { queryCases } from '../../../../src-renderer/db/case-query';
import { awaitingApproval } from '../../../../src-renderer/db/resolution';
import {
  CASES_OPEN_KEY,
  CASES_TOTAL_KEY,
  createCase,
  nextDueFor,
  statusCounterKey,
} from '../../../../src-renderer/db/cases';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { demoIds, demoUserId, seedDemoData } from '../../../../src-renderer/db/seed';
import { isTrainingDatabase } from '../../../../src-renderer/db/training-mark';
import { planDemoData } from '../../../../src-shared/demo/generate';
import type { AuditEntry } from '../../../../src-shared/domain/audit';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import { activeDeadlines } from '../../../../src-shared/domain/deadlines';
import { parseReference } from '../../../../src-shared/domain/reference';
import { CASE_STATUSES, stageOf, type CaseStatus } from '../../../../src-shared/domain/workflow';
import { freshDb, useFreshDb, intake, MANAGER, person, testRules } from './test-db';

const rules = testRules();
const now = new Date('2026-11-23T10:00:00Z');

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

const counter = async (key: string) => (await db.counters.get(key))?.value ?? 0;
const allCases = () => db.cases.toArray();

// Seeding writes hundreds of cases through fake-indexeddb: seconds, not milliseconds, on a busy machine.
describe('seedDemoData', { timeout: 30_000 }, () => {
  it('writes 300 complete cases whose counters, references and audit chain all agree', async () => {
    const progress: number[] = [];
    const result = await seedDemoData(db, {
      profile: 'training',
      count: 300,
      seed: 42,
      now,
      rules,
      chunkSize: 100,
      onProgress: (done) => progress.push(done),
    });
    expect(result.cases).toBe(300);
    expect(progress).toEqual([0, 100, 200, 300]);
    const cases = await allCases();
    expect(cases).toHaveLength(300);

    // Counters equal the real counts.
    expect(await counter(CASES_TOTAL_KEY)).toBe(300);
    expect(await counter(CASES_OPEN_KEY)).toBe(cases.filter((c) => c.open === 1).length);
    for (const status of CASE_STATUSES) {
      const real = cases.filter((c) => c.status === status).length;
      expect(real, `cases ${status}`).toBeGreaterThan(0);
      expect(await counter(statusCounterKey(status)), status).toBe(real);
    }

    // References: unique, and 1, 2, 3 … per year in the order the cases were logged.
    expect(new Set(cases.map((c) => c.reference)).size).toBe(300);
    const byYear = new Map<number, CaseRecord[]>();
    for (const c of cases) {
      const { year } = parseReference(c.reference)!;
      byYear.set(year, [...(byYear.get(year) ?? []), c]);
    }
    for (const [year, list] of byYear) {
      list.sort((a, b) => parseReference(a.reference)!.sequence - parseReference(b.reference)!.sequence);
      expect(list.map((c) => parseReference(c.reference)!.sequence)).toEqual(list.map((_, i) => i + 1));
      expect(list.map((c) => c.createdAt)).toEqual(list.map((c) => c.createdAt).sort());
      expect(await counter(`ref:${year}`)).toBe(list.length);
    }

    // The chain verifies, its head is the stored count, and entries are in time order.
    const verified = await verifyStoredAuditChain(db);
    expect(verified).toMatchObject({ ok: true });
    const audit = await db.audit.orderBy('seq').toArray();
    expect(verified.count).toBe(audit.length);
    expect(await counter(AUDIT_HEAD_KEY)).toBe(audit.length);
    expect(result.auditEntries + result.users.length).toBe(audit.length);
    expect(audit.map((e) => e.at)).toEqual(audit.map((e) => e.at).sort());
    expect(audit.length / 300).toBeGreaterThan(6);
  });

  it('stores records consistent with their status and their trail', async () => {
    await seedDemoData(db, {
      profile: 'training',
      count: 300,
      seed: 7,
      now,
      rules,
    });
    const cases = await allCases();
    const users = new Set((await db.users.toArray()).map((u) => u.id));
    const ids = new Set(cases.map((c) => c.id));
    for (const c of cases) {
      const closed = c.status === 'closed' || c.status === 'withdrawn';
      expect(c.open).toBe(closed ? 0 : 1);
      expect(c.closedAt === null).toBe(!closed);
      expect(c.nextDueAt).toBe(nextDueFor(c));
      expect(c.assigneeId).toBe(c.assignee?.id ?? '');
      if (c.assignee) expect(users.has(c.assignee.id)).toBe(true);
      expect(c.deadlines.acknowledgeDue > c.receivedAt).toBe(true);
      expect(
        c.receivedAt <= c.createdAt && c.createdAt <= c.updatedAt && c.updatedAt <= now.toISOString(),
      ).toBe(true);
      for (const id of c.relatedCaseIds) expect(ids.has(id)).toBe(true);
      // Past investigation means a finding, a root cause and the investigation checklist.
      if (
        ['resolve', 'implement'].includes(stageOf(c.status)) ||
        (c.status === 'closed' && c.checklist['carry-out-remedy'])
      ) {
        expect(c.finding, c.reference).not.toBeNull();
        expect(c.rootCause).not.toBe('');
        expect(c.checklist['gather-records']).toBeDefined();
      }
      if (c.status === 'acknowledged') expect(c.acknowledgedAt).not.toBeNull();
      if (c.slaPauses.some((p) => !p.to)) expect(c.open).toBe(1);
    }
    expect(cases.filter((c) => c.slaPauses.length > 0).length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.escalation).length).toBeGreaterThan(0);

    // A case's trail: logged first, then its changes, ending in its current status.
    const sample = cases.filter((_, i) => i % 15 === 0);
    for (const c of sample) {
      const trail = await caseAuditTrail(db, c.id);
      expect(trail[0]).toMatchObject({ action: 'create', at: c.createdAt });
      expect(trail[0]!.changes).toContainEqual({ field: 'reference', before: null, after: c.reference });
      const moves = trail.filter((e) => e.action === 'transition');
      const lastStatus = moves.at(-1)?.changes.find((ch) => ch.field === 'status')?.after ?? 'received';
      expect(lastStatus).toBe(c.status);
      expect(c.statusChangedAt).toBe(moves.at(-1)?.at ?? c.createdAt);
      expect(trail.at(-1)!.at).toBe(c.updatedAt);
    }
  });

  it('gives cases past investigation the proposal their history implies, and leaves some waiting for a manager', async () => {
    await seedDemoData(db, {
      profile: 'training',
      count: 300,
      seed: 42,
      now,
      rules,
      chunkSize: 100,
    });
    const cases = new Map((await allCases()).map((c) => [c.id, c]));
    const proposals = await db.resolutions.toArray();
    const proposedCases = new Set(
      (await db.audit.toArray())
        .filter(
          (e) =>
            e.action === 'transition' &&
            e.changes.some((ch) => ch.field === 'status' && ch.after === 'resolution-proposed'),
        )
        .map((e) => e.caseId),
    );
    expect(proposedCases.size).toBeGreaterThan(10);
    for (const caseId of proposedCases) {
      const sent = proposals.filter((p) => p.caseId === caseId && p.proposedAt);
      expect(sent.length, `case ${caseId}`).toBeGreaterThan(0);
    }
    for (const p of proposals) {
      const c = cases.get(p.caseId)!;
      expect(p.caseReference).toBe(c.reference);
      expect(p.createdAt > c.createdAt && p.updatedAt <= now.toISOString()).toBe(true);
      // Only an approved (or approval-free) proposal was put to the complainant.
      if (p.proposedAt) expect(['approved', 'approval-not-needed']).toContain(p.state);
    }
    // Accepted cases carry the complainant's acceptance on their proposal.
    const accepted = [...cases.values()].filter((c) => c.status === 'resolution-accepted');
    expect(accepted.length).toBeGreaterThan(0);
    for (const c of accepted) {
      const latest = proposals
        .filter((p) => p.caseId === c.id)
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
        .at(-1)!;
      expect(latest.response?.outcome).toBe('accepted');
    }
    // A manager in training has proposals to decide: cases under investigation, refunds above the threshold.
    const waiting = await awaitingApproval(db);
    expect(waiting.length).toBeGreaterThan(0);
    for (const p of waiting) {
      expect(cases.get(p.caseId)!.status).toBe('investigating');
      expect(p.approvalReasons.some((r) => r.rule === 'amount')).toBe(true);
    }
    // Every write is in the trail, and the chain still verifies.
    const trail = await caseAuditTrail(db, waiting[0]!.caseId);
    expect(trail.map((e) => e.action)).toContain('proposal-create');
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('stamps the response each case sent, records the follow-up before closing, and settles escalations first', async () => {
    await seedDemoData(db, {
      profile: 'training',
      count: 300,
      seed: 42,
      now,
      rules,
      chunkSize: 100,
    });
    const trails = new Map<string, AuditEntry[]>();
    for (const e of await db.audit.orderBy('seq').toArray())
      if (e.caseId) trails.set(e.caseId, [...(trails.get(e.caseId) ?? []), e]);
    const moves = (id: string) =>
      (trails.get(id) ?? []).flatMap((e) => {
        const status = e.changes.find((ch) => ch.field === 'status');
        return e.action === 'transition' && status
          ? [
              {
                from: status.before as CaseStatus,
                to: status.after as CaseStatus,
                at: e.at,
                reason: e.reason,
              },
            ]
          : [];
      });
    let summaryCloses = 0;
    let followUpCloses = 0;
    let unsatisfiedCloses = 0;
    for (const c of await allCases()) {
      const path = moves(c.id);
      // The outcome put to the complainant is the final response; a summary close its communication.
      expect(c.finalResponseAt ?? null, c.reference).toBe(
        path.find((m) => m.to === 'resolution-proposed')?.at ?? null,
      );
      const summary = path.find(
        (m) => m.to === 'closed' && (m.from === 'received' || m.from === 'acknowledged'),
      );
      expect(c.summaryResolutionAt ?? null, c.reference).toBe(summary?.at ?? null);
      if (summary) summaryCloses += 1;
      if (c.status === 'closed') {
        expect(c.finalResponseAt ?? c.summaryResolutionAt, c.reference).toBeTruthy();
        expect(c.escalation, c.reference).toBeNull();
        // Closing met the final response deadline only by the letter, never by the close itself.
        expect(activeDeadlines(c, now).final.metBy).not.toBeNull();
      }
      const satisfactions = (trails.get(c.id) ?? []).filter((e) => e.action === 'satisfaction');
      path.forEach((m, i) => {
        if (m.to !== 'closed' || m.from !== 'follow-up') return;
        followUpCloses += 1;
        const entered = path[i - 1]!.at;
        const answer = satisfactions.filter((e) => e.at >= entered && e.at <= m.at).at(-1);
        expect(answer, `${c.reference} closed from follow-up without one`).toBeDefined();
        const resolved = answer!.changes.find((ch) => ch.field === 'satisfaction.resolved')?.after;
        if (resolved === false) {
          unsatisfiedCloses += 1;
          expect(m.reason, c.reference).toMatch(/\S/);
        }
      });
    }
    expect(summaryCloses).toBeGreaterThan(0);
    expect(followUpCloses).toBeGreaterThan(20);
    expect(unsatisfiedCloses).toBeGreaterThan(0);
  });

  it('gives the same data for the same seed, and different data for another', async () => {
    await seedDemoData(db, {
      profile: 'training',
      count: 120,
      seed: 99,
      now,
      rules,
    });
    const other = freshDb();
    const third = freshDb();
    try {
      await seedDemoData(other, {
        profile: 'training',
        count: 120,
        seed: 99,
        now,
        rules,
      });
      await seedDemoData(third, {
        profile: 'training',
        count: 120,
        seed: 100,
        now,
        rules,
      });
      const strip = (list: CaseRecord[]) => list.sort((a, b) => (a.reference < b.reference ? -1 : 1));
      expect(strip(await other.cases.toArray())).toEqual(strip(await allCases()));
      expect((await other.counters.get(AUDIT_HEAD_KEY))?.hash).toBe(
        (await db.counters.get(AUDIT_HEAD_KEY))?.hash,
      );
      expect((await third.counters.get(AUDIT_HEAD_KEY))?.hash).not.toBe(
        (await db.counters.get(AUDIT_HEAD_KEY))?.hash,
      );
    } finally {
      for (const d of [other, third]) {
        d.close();
        await d.delete();
      }
    }
  });

  it('continues the counters and the chain of a database in use, and queries find the seeded cases', async () => {
    const officer = person('u1', 'Alex Officer', 'officer');
    const first = await createCase(
      db,
      intake('2026-11-20T09:00:00Z'),
      officer,
      rules,
      new Date('2026-11-20T09:05:00Z'),
    );
    await seedDemoData(db, {
      profile: 'training',
      count: 150,
      seed: 1,
      now,
      rules,
    });
    await seedDemoData(db, {
      profile: 'training',
      count: 150,
      seed: 1,
      now,
      rules,
    }); // a second load: new ids, no clash
    const cases = await allCases();
    expect(cases).toHaveLength(301);
    expect(new Set(cases.map((c) => c.reference)).size).toBe(301);
    expect(first.reference).toBe('CMP-2026-000001');
    expect(await counter(CASES_TOTAL_KEY)).toBe(301);
    expect(await db.users.count()).toBe(9);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });

    // A case logged afterwards takes the next number.
    const after = await createCase(db, intake('2026-11-23T09:00:00Z'), officer, rules, now);
    const in2026 = cases.filter((c) => c.reference.startsWith('CMP-2026-')).length;
    expect(parseReference(after.reference)!.sequence).toBe(in2026 + 1);

    // queryCases: newest first, and a filter finds exactly its cases, page by page.
    const clock = {
      now: now.toISOString(),
      dueSoonBefore: new Date(now.getTime() + 2 * 86_400_000).toISOString(),
      updateOwedBefore: new Date(now.getTime() - 5 * 86_400_000).toISOString(),
    };
    const page = await queryCases(db, { sort: 'received' }, clock, MANAGER);
    const newest = [...cases, after].sort((a, b) =>
      a.receivedAt < b.receivedAt ? 1 : a.receivedAt > b.receivedAt ? -1 : a.id < b.id ? 1 : -1,
    );
    expect(page.rows.map((c) => c.id)).toEqual(newest.slice(0, 50).map((c) => c.id));
    const mine = demoUserId('priya-shah');
    const found: CaseRecord[] = [];
    let cursor = null;
    do {
      const next = await queryCases(db, { sort: 'received', assigneeId: mine }, clock, MANAGER, cursor, 20);
      found.push(...next.rows);
      cursor = next.next;
    } while (cursor);
    expect(found.length).toBe(cases.filter((c) => c.assigneeId === mine).length);
    expect(found.length).toBeGreaterThan(0);
    const overdue = await queryCases(db, { sort: 'due', due: 'overdue' }, clock, MANAGER, null, 500);
    expect(overdue.rows.length).toBe(
      cases.filter((c) => c.nextDueAt !== null && c.nextDueAt < clock.now).length,
    );
    expect(overdue.rows.length).toBeGreaterThan(0);
    // Update owed: demo cases count each step as told to the complainant.
    const owed = await queryCases(db, { sort: 'received', informed: 'owed' }, clock, MANAGER, null, 500);
    expect(owed.rows.map((c) => c.id).sort()).toEqual(
      cases
        .filter((c) => c.open === 1 && c.informedAt < clock.updateOwedBefore)
        .map((c) => c.id)
        .sort(),
    );
  });

  it('stops between transactions when cancelled, leaving a consistent database', async () => {
    const controller = new AbortController();
    const run = seedDemoData(db, {
      profile: 'training',
      count: 400,
      seed: 5,
      now,
      rules,
      chunkSize: 100,
      signal: controller.signal,
      onProgress: (done) => done >= 100 && controller.abort(),
    });
    await expect(run).rejects.toThrow();
    const cases = await allCases();
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(cases.length).toBeLessThan(400);
    expect(await counter(CASES_TOTAL_KEY)).toBe(cases.length);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    // Every stored case has its whole trail, up to its last change and its proposals' last change.
    for (const c of cases.slice(0, 40)) {
      const trail = await caseAuditTrail(db, c.id);
      expect(trail.filter((e) => e.entity === 'case').at(-1)!.at).toBe(c.updatedAt);
      for (const r of await db.resolutions
        .where('[caseId+createdAt]')
        .between([c.id, ''], [c.id, '\uffff'])
        .toArray())
        expect(trail.filter((e) => e.entityId === r.id).at(-1)!.at).toBe(r.updatedAt);
    }
  });

  it('names the record and the reason when the database refuses one, and writes nothing of that chunk', async () => {
    // A case already holding the reference the seed will give its first case (without the counter).
    const plan = planDemoData({
      count: 20,
      seed: 42,
      now,
      taxonomy: rules.taxonomy,
      timeZone: 'Europe/London',
    });
    const year = new Date(plan.createdMs[plan.order[0]!]!).getFullYear();
    const taken = `CMP-${year}-000001`;
    await db.cases.add({ id: 'already-there', reference: taken } as CaseRecord);

    const run = seedDemoData(db, {
      profile: 'training',
      count: 20,
      seed: 42,
      now,
      rules,
      chunkSize: 10,
    });

    await expect(run).rejects.toThrow(
      new RegExp(`the cases table refused case ${taken} \\(id [0-9a-f-]{36}\\): .+`),
    );
    expect(await db.cases.count()).toBe(1);
    expect(await counter(CASES_TOTAL_KEY)).toBe(0);
  });
});

describe('seedDemoData outside a training profile', () => {
  it('refuses a live profile and writes nothing at all', async () => {
    const run = seedDemoData(db, { profile: 'live', count: 20, seed: 1, now, rules });
    await expect(run).rejects.toThrow('Demo data is only for training profiles');
    expect(await db.cases.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    expect(await db.counters.count()).toBe(0);
  });

  it('marks the database it seeds as a training database', async () => {
    expect(await isTrainingDatabase(db)).toBe(false);
    await seedDemoData(db, { profile: 'training', count: 5, seed: 1, now, rules });
    expect(await isTrainingDatabase(db)).toBe(true);
  });
});

// 100,000 cases through fake-indexeddb take far too long here, so the keys are checked where they
// are made: references and audit sequence numbers are counters, every id comes from demoIds.
describe('demoIds', { timeout: 120_000 }, () => {
  it('gives 100,000 cases and their proposals distinct ids, for seed 42 on an empty or a used database', () => {
    const count = 100_000;
    for (const headBefore of [0, 1234]) {
      const ids = demoIds(42, headBefore, count);
      const cases = new Set<string>();
      const proposals = new Set<string>();
      for (let index = 0; index < count; index++) {
        cases.add(ids.caseId(index));
        // A case has at most four proposals (first, after a rejection, an adjustment, after reopening).
        for (let n = 0; n < 4; n++) proposals.add(ids.proposalId(index, n));
      }
      expect(cases.size).toBe(count);
      expect(proposals.size).toBe(count * 4);
    }
  });
});
