import { describe, expect, it } from 'vitest';
import { auditHeadSeq, caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { createCase } from '../../../../src-renderer/db/cases';
import {
  createImprovement,
  getImprovement,
  improvementsForCase,
  listImprovementsForReport,
  updateImprovement,
} from '../../../../src-renderer/db/improvements';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { emptyImprovement } from '../../../../src-shared/domain/improvements';
import { ValidationError } from '../../../../src-shared/errors';
import { useFreshDb, intake, person, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'manager');
const rules = testRules();
const now = new Date('2026-03-20T12:00:00Z');

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

describe('improvement register', () => {
  it('records an improvement with its audit entry and one entry on each linked case', async () => {
    expect(await auditHeadSeq(db)).toBe(0);
    const a = await createCase(db, intake('2026-03-01T10:00:00Z'), priya, rules, now);
    const b = await createCase(db, intake('2026-03-02T10:00:00Z'), priya, rules, now);
    const imp = await createImprovement(
      db,
      {
        ...emptyImprovement(),
        title: 'Fix duplicate billing',
        rootCauses: ['Billing error'],
        caseIds: [a.id, b.id, a.id],
        owner: priya,
        dueDate: '2026-04-30',
      },
      priya,
      now,
    );
    expect(imp.caseIds).toEqual([a.id, b.id]);
    expect(await getImprovement(db, imp.id)).toEqual(imp);
    expect(await getImprovement(db, 'no-such-id')).toBeNull();
    const trail = await caseAuditTrail(db, a.id);
    expect(trail.at(-1)).toMatchObject({
      entity: 'improvement',
      entityId: imp.id,
      action: 'improvement-link',
      changes: [{ field: 'improvement', before: null, after: 'Fix duplicate billing' }],
    });
    const own = await db.audit.where('caseId').equals(b.id).toArray();
    expect(own.map((e) => e.action)).toEqual(['create', 'improvement-link']);
    expect((await improvementsForCase(db, b.id)).map((i) => i.title)).toEqual(['Fix duplicate billing']);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    // What the live views follow: the newest entry's number, one per audited write.
    expect(await auditHeadSeq(db)).toBe(await db.audit.count());

    // Completing it and unlinking a case: one update entry, one unlink entry on that case.
    const done = await updateImprovement(
      db,
      imp.id,
      {
        ...imp,
        caseIds: [a.id],
        status: 'completed',
        changeMade: 'Bills deduplicated',
        changeDate: '2026-03-15',
      },
      priya,
      { now: new Date('2026-03-21T09:00:00Z'), expectedUpdatedAt: imp.updatedAt },
    );
    expect(done.status).toBe('completed');
    const all = await db.audit.toArray();
    const updates = all.filter((e) => e.entity === 'improvement' && e.action === 'update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.changes.map((c) => c.field)).toEqual(
      expect.arrayContaining(['status', 'changeMade', 'changeDate']),
    );
    expect((await caseAuditTrail(db, b.id)).at(-1)!.action).toBe('improvement-unlink');
    expect(await improvementsForCase(db, b.id)).toEqual([]);
  });

  it('refuses what cannot be right, writing nothing', async () => {
    await expect(
      createImprovement(db, { ...emptyImprovement(), title: ' ' }, priya, now),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      createImprovement(db, { ...emptyImprovement(), title: 'Done', status: 'completed' }, priya, now),
    ).rejects.toMatchObject({ field: 'changeMade' });
    await expect(
      createImprovement(db, { ...emptyImprovement(), title: 'Linked', caseIds: ['nope'] }, priya, now),
    ).rejects.toMatchObject({ field: 'caseIds' });
    expect(await db.improvements.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
  });

  it('gives the management report plain rows for the period', async () => {
    const a = await createCase(db, intake('2026-03-01T10:00:00Z'), priya, rules, now);
    await createImprovement(db, { ...emptyImprovement(), title: 'Later', dueDate: '2026-06-01' }, priya, now);
    await createImprovement(
      db,
      {
        ...emptyImprovement(),
        title: 'Sooner',
        dueDate: '2026-04-01',
        owner: priya,
        rootCauses: ['Billing error'],
        caseIds: [a.id],
      },
      priya,
      now,
    );
    await createImprovement(
      db,
      {
        ...emptyImprovement(),
        title: 'Old and done',
        status: 'completed',
        changeMade: 'x',
        changeDate: '2025-12-01',
      },
      priya,
      now,
    );
    expect(
      await listImprovementsForReport(
        db,
        {
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-03-31T23:59:59.999Z',
        },
        'Europe/London',
      ),
    ).toEqual([
      {
        title: 'Sooner',
        status: 'proposed',
        owner: 'Priya Shah',
        due: '2026-04-01',
        changeDate: '',
        rootCauses: ['Billing error'],
        caseCount: 1,
      },
      {
        title: 'Later',
        status: 'proposed',
        owner: '',
        due: '2026-06-01',
        changeDate: '',
        rootCauses: [],
        caseCount: 0,
      },
    ]);
    expect(
      await listImprovementsForReport(
        db,
        {
          from: '2026-01-01T00:00:00.000Z',
          to: '2026-03-01T00:00:00.000Z',
        },
        'Europe/London',
      ),
    ).toEqual([]);
  });
});
