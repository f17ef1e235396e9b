import i18n from 'i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../../src-renderer/db/audit-log';
import { createCase, transitionCase } from '../../../../../src-renderer/db/cases';
import { recordReportExport } from '../../../../../src-renderer/db/reports';
import type { RedressDB } from '../../../../../src-renderer/db/schema';
import { gatherCaseReport } from '../../../../../src-renderer/features/reports/gather-case-report';
import { aggregateFromDb } from '../../../../../src-renderer/features/reports/management-source';
import { en } from '../../../../../src-renderer/i18n/en';
import { defaultSettings } from '../../../../../src-shared/domain/settings';
import { CaseReportDataSchema } from '../../../../../src-shared/ipc/channels/reports';
import { freshDb, intake, testRules } from '../../db/test-db';

const priya = { id: 'u1', name: 'Priya Shah' };
const rules = testRules();

beforeAll(async () => {
  await i18n.init({
    resources: { en: { translation: en } },
    lng: 'en',
    interpolation: { escapeValue: false },
  });
});

let db: RedressDB;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

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
    expect(data!.case.deadlines.map((d) => [d.label, d.state])).toEqual([
      ['Acknowledge by', 'met'],
      ['Final response by', 'overdue'],
    ]);
    expect(data!.timeline.map((e) => e.event)).toEqual(['Case logged', 'Status changed']);
    expect(data!.timeline[1]!.detail).toBe('Received → Acknowledged');
    expect(data!.audit).toHaveLength(2);
    expect(data!.latestAuditHash).toBe(data!.audit[1]!.hash);
    expect(data!.context.generatedBy).toBe('Tomasz Wójcik');
    // Sections whose tables are built on other branches are present and empty.
    expect(data!.evidence).toEqual([]);
    expect(data!.investigation.interviews).toEqual([]);
  });

  it('answers null for a case that does not exist', async () => {
    expect(
      await gatherCaseReport(db, 'nope', {
        settings: defaultSettings(),
        actorName: 'x',
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
    expect(trail.at(-1)).toMatchObject({ entity: 'case-report', action: 'report-export', actor: priya });
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
