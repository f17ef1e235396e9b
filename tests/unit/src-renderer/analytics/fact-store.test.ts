import { describe, expect, it } from 'vitest';
import { FactStore, TOTAL_KEY } from '../../../../src-renderer/analytics/fact-store';
import { decodeFacts, encodeFacts } from '../../../../src-renderer/analytics/snapshot';
import {
  CASES_TOTAL_KEY,
  createCase,
  recordFinding,
  transitionCase,
} from '../../../../src-renderer/db/cases';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { aggregateFromDb } from '../../../../src-renderer/features/reports/management-source';
import { FIXTURE } from '../../src-shared/analytics/fixture';
import { setCaseRestricted } from '../../../../src-renderer/db/restricted';
import type { ActingPerson } from '../../../../src-shared/domain/permissions';
import { ADA, IAN, PRIYA, SAM, plantRestricted } from '../db/restricted-cases';
import { useFreshDb, intake, MANAGER, person, testRules } from '../db/test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const rules = testRules();
const now = new Date('2026-03-20T12:00:00Z');
const query = {
  filters: { fromMs: Date.parse('2026-01-01T00:00:00Z'), toMs: now.getTime() },
  options: {
    now: now.getTime(),
    timeZone: 'Europe/London',
    granularity: 'month' as const,
    stackBy: 'category' as const,
  },
};

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

describe('snapshot encoding', () => {
  it('round-trips every fact exactly, nulls included', () => {
    expect(decodeFacts(encodeFacts(FIXTURE))).toEqual(FIXTURE);
  });
});

describe('FactStore', () => {
  it('gives the management report the same figures as reading every case record', async () => {
    const a = await createCase(db, intake('2026-01-12T10:00:00Z'), priya, rules, now);
    await createCase(db, intake('2026-02-02T10:00:00Z', { category: 'Service' }), priya, rules, now);
    await createCase(db, intake('2026-03-02T10:00:00Z'), priya, rules, now);
    await transitionCase(db, a.id, 'acknowledged', priya, rules, { now: new Date('2026-01-13T09:00:00Z') });
    await recordFinding(db, a.id, { finding: 'upheld', rootCause: 'Billing error' }, priya, now);
    await db.cases.update(a.id, {
      satisfaction: { score: 4, resolved: true, at: '2026-03-01T10:00:00.000Z' },
    });
    const params = {
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-03-31T23:59:59.999Z',
      now: now.toISOString(),
      timeZone: 'Europe/London',
      filters: {},
    };
    const store = new FactStore(db);
    await store.load();
    const fromFacts = store.management(params, MANAGER);
    expect(fromFacts).toEqual(await aggregateFromDb(db, params, MANAGER));
    expect(fromFacts.kpis.received).toBe(3);
    expect(store.management({ ...params, filters: { category: 'Service' } }, MANAGER).kpis.received).toBe(1);
  });

  it('reads the same case total the repository keeps', () => {
    expect(TOTAL_KEY).toBe(CASES_TOTAL_KEY);
  });

  it('builds from the cases, follows later writes, and reloads from its saved snapshot', async () => {
    const a = await createCase(db, intake('2026-02-02T10:00:00Z'), priya, rules, now);
    await createCase(db, intake('2026-03-02T10:00:00Z', { category: 'Service' }), priya, rules, now);

    const store = new FactStore(db, 10);
    expect(await store.load()).toEqual({ source: 'rebuilt', count: 2, caughtUp: 0 });
    expect(store.query(query, MANAGER).dashboard.total).toBe(2);

    // A case moves on and another arrives: the next refresh takes in exactly those.
    await transitionCase(db, a.id, 'acknowledged', priya, rules, { now: new Date('2026-03-20T12:00:01Z') });
    await createCase(db, intake('2026-03-10T10:00:00Z'), priya, rules, new Date('2026-03-20T12:00:02Z'));
    // (plus the case at the high-water mark itself, read again so none written in that millisecond is missed)
    expect(await store.refresh()).toBe(3);
    const d = store.query(query, MANAGER).dashboard;
    expect(d.total).toBe(3);
    expect(d.backlogByStage.find((s) => s.stage === 'acknowledge')!.count).toBe(3);
    expect(d.compliance.rows[1]!.ack).toEqual({ met: 0, total: 1 }); // February: acknowledged late

    await store.flush();
    const again = new FactStore(db);
    await recordFinding(
      db,
      a.id,
      { finding: 'upheld', rootCause: 'Billing error' },
      priya,
      new Date('2026-03-20T12:00:03Z'),
    );
    expect(await again.load()).toEqual({ source: 'saved', count: 3, caughtUp: 2 });
    expect(again.query(query, MANAGER).dashboard.pareto).toEqual([
      { rootCause: 'Billing error', count: 1, cumulativePct: 100 },
    ]);
    expect(again.values('category', MANAGER)).toEqual(['Charges and fees', 'Service']);
  });

  it('rebuilds when cases arrive behind its back with older update times (the demo seeder)', async () => {
    await createCase(db, intake('2026-02-02T10:00:00Z'), priya, rules, now);
    const store = new FactStore(db, 10);
    await store.load();
    // An import writing an old updatedAt is below the high-water mark; the counter gives it away.
    await createCase(db, intake('2026-01-02T10:00:00Z'), priya, rules, new Date('2026-01-02T10:00:00Z'));
    await store.refresh();
    expect(store.size).toBe(2);
  });
});

describe('FactStore for a person', () => {
  it('counts, charts and reports only the cases the asker may see, also from its saved snapshot', async () => {
    const planted = await plantRestricted(db);
    const store = new FactStore(db, 10);
    await store.load();
    const total = (s: FactStore, viewer: ActingPerson) => s.query(query, viewer).dashboard.total;
    expect(total(store, PRIYA)).toBe(6);
    expect(total(store, SAM)).toBe(7);
    expect(total(store, IAN)).toBe(4);
    expect(total(store, MANAGER)).toBe(8);
    expect(total(store, ADA)).toBe(0);
    // Sam's workload as Priya sees it: his two open cases and the one escalated to her, not the others.
    const workload = store.query(query, PRIYA).dashboard.workload;
    expect(workload.find((w) => w.assigneeId === SAM.id)).toMatchObject({ open: 3 });
    expect(workload.find((w) => w.assigneeId === PRIYA.id)).toMatchObject({ open: 3 });
    expect(store.values('category', ADA)).toEqual([]);

    const params = {
      from: '2026-03-01T00:00:00.000Z',
      to: '2026-03-31T23:59:59.999Z',
      now: now.toISOString(),
      timeZone: 'Europe/London',
      filters: {},
    };
    for (const viewer of [PRIYA, SAM, MANAGER]) {
      expect(store.management(params, viewer)).toEqual(await aggregateFromDb(db, params, viewer));
    }
    expect(store.management(params, PRIYA).kpis.received).toBe(6);

    // Restricting a case later reaches the dashboard with the next refresh, and the saved snapshot.
    const mine = planted.open.find((c) => c.assigneeId === PRIYA.id)!;
    await setCaseRestricted(db, mine.id, { restricted: true, reason: 'Whistleblowing.' }, MANAGER);
    await store.refresh();
    expect(total(store, SAM)).toBe(6);
    await store.flush();
    const again = new FactStore(db);
    expect(await again.load()).toMatchObject({ source: 'saved' });
    expect(total(again, SAM)).toBe(6);
    expect(total(again, PRIYA)).toBe(6); // her own case: she still sees it
  });
});
