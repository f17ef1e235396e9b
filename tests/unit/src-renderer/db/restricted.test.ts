import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { restrictedCases } from '../../../../src-renderer/db/case-visibility';
import { createCase, transitionCase } from '../../../../src-renderer/db/cases';
import { recordRestrictedView, setCaseRestricted } from '../../../../src-renderer/db/restricted';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import { PermissionError, ValidationError } from '../../../../src-shared/errors';
import { PRIYA, SAM } from './restricted-cases';
import { freshDb, intake, MANAGER, testRules } from './test-db';

const rules = testRules();
const received = '2026-03-02T10:00:00.000Z';
const later = new Date('2026-03-03T09:00:00Z');
const priya = PRIYA;

let db: RedressDB;
let c: CaseRecord;
beforeEach(async () => {
  db = freshDb();
  c = await createCase(db, intake(received), priya, rules, new Date(received));
});
afterEach(async () => {
  db.close();
  await db.delete();
});

const trail = async () => caseAuditTrail(db, c.id);

describe('setCaseRestricted', () => {
  it('lets a manager restrict a case, with the reason, in one audit entry naming only who did it', async () => {
    const saved = await setCaseRestricted(
      db,
      c.id,
      { restricted: true, reason: '  A complaint about a member of staff.  ' },
      MANAGER,
      later,
    );
    expect(saved.restricted).toBe(true);
    expect(await db.cases.get(c.id)).toMatchObject({ restricted: true, updatedAt: later.toISOString() });
    const entry = (await trail()).at(-1)!;
    expect(entry).toMatchObject({
      action: 'restrict',
      actor: { id: MANAGER.id, name: MANAGER.name },
      reason: 'A complaint about a member of staff.',
      changes: [{ field: 'restricted', before: false, after: true }],
    });
    expect(Object.keys(entry.actor)).toEqual(['id', 'name']);
    expect((await restrictedCases(db)).map((r) => r.id)).toEqual([c.id]);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('lifts a restriction the same way, and the case leaves the restricted index', async () => {
    await setCaseRestricted(db, c.id, { restricted: true, reason: 'Whistleblowing.' }, MANAGER, later);
    await setCaseRestricted(db, c.id, { restricted: false, reason: 'Investigation closed.' }, MANAGER, later);
    expect((await db.cases.get(c.id))!.restricted).toBe(false);
    expect((await db.cases.get(c.id))!.restrictedKey).toBeUndefined();
    expect(await restrictedCases(db)).toEqual([]);
    expect((await trail()).at(-1)).toMatchObject({
      action: 'unrestrict',
      reason: 'Investigation closed.',
      changes: [{ field: 'restricted', before: true, after: false }],
    });
  });

  it('refuses an officer, even on their own case, with the rule’s message, and writes nothing', async () => {
    const before = await trail();
    const refusal = setCaseRestricted(db, c.id, { restricted: true, reason: 'Mine.' }, PRIYA, later);
    await expect(refusal).rejects.toBeInstanceOf(PermissionError);
    await expect(refusal).rejects.toThrow('Only a manager can restrict who sees a case.');
    expect((await db.cases.get(c.id))!.restricted).toBe(false);
    expect(await trail()).toEqual(before);
  });

  it('asks for a reason', async () => {
    await expect(
      setCaseRestricted(db, c.id, { restricted: true, reason: '   ' }, MANAGER, later),
    ).rejects.toMatchObject({ constructor: ValidationError, field: 'reason' });
    expect(await restrictedCases(db)).toEqual([]);
  });

  it('keeps the mark through later changes to the case', async () => {
    await setCaseRestricted(db, c.id, { restricted: true, reason: 'Whistleblowing.' }, MANAGER, later);
    await transitionCase(db, c.id, 'acknowledged', priya, rules, { now: later });
    expect((await restrictedCases(db)).map((r) => r.id)).toEqual([c.id]);
  });
});

describe('restricting at intake', () => {
  it('stores the mark, lists the case as restricted and records it in the create entry', async () => {
    const r = await createCase(db, intake(received, { restricted: true }), priya, rules, new Date(received));
    expect(r.restricted).toBe(true);
    expect((await restrictedCases(db)).map((x) => x.id)).toEqual([r.id]);
    const [created] = await caseAuditTrail(db, r.id);
    expect(created!.changes).toContainEqual({ field: 'restricted', before: null, after: true });
    // An ordinary case is stored unrestricted and is not in the restricted index.
    expect((await db.cases.get(c.id))!.restricted).toBe(false);
  });
});

describe('recordRestrictedView', () => {
  it('writes a view entry for a restricted case, changing nothing on the case', async () => {
    await setCaseRestricted(db, c.id, { restricted: true, reason: 'Staff complaint.' }, MANAGER, later);
    const stored = await db.cases.get(c.id);
    const seen = new Date('2026-03-04T08:00:00Z');
    expect(await recordRestrictedView(db, c.id, PRIYA, seen)).toBe(true);
    expect(await recordRestrictedView(db, c.id, MANAGER, seen)).toBe(true);
    const views = (await trail()).filter((e) => e.action === 'view');
    expect(views).toEqual([
      expect.objectContaining({
        actor: { id: PRIYA.id, name: PRIYA.name },
        at: seen.toISOString(),
        changes: [],
      }),
      expect.objectContaining({ actor: { id: MANAGER.id, name: MANAGER.name } }),
    ]);
    expect(await db.cases.get(c.id)).toEqual(stored);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
  });

  it('writes nothing for a case that is not restricted', async () => {
    const before = await trail();
    expect(await recordRestrictedView(db, c.id, PRIYA)).toBe(false);
    expect(await trail()).toEqual(before);
  });

  it('refuses someone the case is hidden from, and a case that does not exist', async () => {
    await setCaseRestricted(db, c.id, { restricted: true, reason: 'Staff complaint.' }, MANAGER, later);
    await expect(recordRestrictedView(db, c.id, SAM)).rejects.toBeInstanceOf(PermissionError);
    // (Dexie wraps an error named NotFoundError in its own; the message stays.)
    await expect(recordRestrictedView(db, 'gone', PRIYA)).rejects.toThrow('This case no longer exists.');
    expect((await trail()).filter((e) => e.action === 'view')).toEqual([]);
  });
});
