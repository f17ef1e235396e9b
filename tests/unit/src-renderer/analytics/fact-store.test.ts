import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
import { freshDb, intake, person, testRules } from '../db/test-db';

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
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

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
    const fromFacts = store.management(params);
    expect(fromFacts).toEqual(await aggregateFromDb(db, params));
    expect(fromFacts.kpis.received).toBe(3);
    expect(store.management({ ...params, filters: { category: 'Service' } }).kpis.received).toBe(1);
  });

  it('reads the same case total the repository keeps', () => {
    expect(TOTAL_KEY).toBe(CASES_TOTAL_KEY);
  });

  it('builds from the cases, follows later writes, and reloads from its saved snapshot', async () => {
    const a = await createCase(db, intake('2026-02-02T10:00:00Z'), priya, rules, now);
    await createCase(db, intake('2026-03-02T10:00:00Z', { category: 'Service' }), priya, rules, now);

    const store = new FactStore(db, 10);
    expect(await store.load()).toEqual({ source: 'rebuilt', count: 2, caughtUp: 0 });
    expect(store.query(query).dashboard.total).toBe(2);

    // A case moves on and another arrives: the next refresh takes in exactly those.
    await transitionCase(db, a.id, 'acknowledged', priya, rules, { now: new Date('2026-03-20T12:00:01Z') });
    await createCase(db, intake('2026-03-10T10:00:00Z'), priya, rules, new Date('2026-03-20T12:00:02Z'));
    // (plus the case at the high-water mark itself, read again so none written in that millisecond is missed)
    expect(await store.refresh()).toBe(3);
    const d = store.query(query).dashboard;
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
    expect(again.query(query).dashboard.pareto).toEqual([
      { rootCause: 'Billing error', count: 1, cumulativePct: 100 },
    ]);
    expect(again.values('category')).toEqual(['Charges and fees', 'Service']);
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
