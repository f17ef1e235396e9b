import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AUDIT_HEAD_KEY, appendAudit, caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { countCases, createCase, listCasesNewestFirst } from '../../../../src-renderer/db/cases';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { ValidationError } from '../../../../src-shared/errors';
import { freshDb } from './test-db';

const actor = { id: 'u1', name: 'Priya Shah' };
const input = (name = 'Zoë Adams') => ({ complainant: { name }, channel: 'email' as const, description: 'Charged twice.' });

let db: RedressDB;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  db.close();
  await db.delete();
});

describe('createCase', () => {
  it('stores the case, its audit entry and the counters together', async () => {
    const now = new Date('2026-03-04T09:30:00Z');
    const record = await createCase(db, input(), actor, now);
    expect(record).toMatchObject({
      reference: 'CMP-2026-000001',
      status: 'received',
      complainant: { name: 'Zoë Adams' },
      receivedAt: '2026-03-04T09:30:00.000Z',
      createdBy: actor,
    });
    expect(await db.cases.get(record.id)).toEqual(record);
    const trail = await caseAuditTrail(db, record.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ actor, entity: 'case', action: 'create', caseId: record.id });
    expect(trail[0]!.changes).toContainEqual({ field: 'reference', before: null, after: 'CMP-2026-000001' });
    expect(await countCases(db)).toBe(1);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 1 });
  });

  it('numbers cases sequentially per year', async () => {
    const refs = [];
    for (const when of ['2026-12-31T10:00:00Z', '2026-12-31T11:00:00Z', '2027-01-02T10:00:00Z']) {
      refs.push((await createCase(db, input(), actor, new Date(when))).reference);
    }
    expect(refs).toEqual(['CMP-2026-000001', 'CMP-2026-000002', 'CMP-2027-000001']);
  });

  it('writes nothing, and burns no reference, when the audit entry cannot be written', async () => {
    const diskFull = () => {
      throw new Error('disk full');
    };
    db.audit.hook('creating', diskFull);
    await expect(createCase(db, input(), actor)).rejects.toThrow('disk full');
    db.audit.hook('creating').unsubscribe(diskFull);

    expect(await db.cases.count()).toBe(0);
    expect(await db.audit.count()).toBe(0);
    expect(await countCases(db)).toBe(0);
    expect((await createCase(db, input(), actor, new Date('2026-05-01T00:00:00Z'))).reference).toBe('CMP-2026-000001');
  });

  it('writes no audit entry when the case itself cannot be written', async () => {
    const quotaExceeded = () => {
      throw new Error('quota exceeded');
    };
    db.cases.hook('creating', quotaExceeded);
    await expect(createCase(db, input(), actor)).rejects.toThrow('quota exceeded');
    db.cases.hook('creating').unsubscribe(quotaExceeded);
    expect(await db.audit.count()).toBe(0);
    expect(await db.counters.get(AUDIT_HEAD_KEY)).toBeUndefined();
  });

  it('refuses invalid input with the field to blame, before touching the database', async () => {
    const error = await createCase(db, { ...input(), complainant: { name: '  ' } }, actor).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('complainant.name');
    expect(await db.cases.count()).toBe(0);
  });

  it('refuses to append an audit entry outside the transaction of its change', async () => {
    await expect(
      appendAudit(db, { at: '', actor, entity: 'case', entityId: 'x', caseId: 'x', action: 'update', changes: [] }),
    ).rejects.toThrow('inside the transaction');
  });
});

describe('listCasesNewestFirst', () => {
  it('pages newest first with keyset paging, keeping cases received in the same instant apart', async () => {
    const same = new Date('2026-01-01T00:00:00Z');
    for (let i = 0; i < 5; i++) await createCase(db, input(`Person ${i}`), actor, same);
    await createCase(db, input('Latest'), actor, new Date('2026-02-01T00:00:00Z'));

    const first = await listCasesNewestFirst(db, undefined, 2);
    expect(first[0]!.complainant.name).toBe('Latest');
    const second = await listCasesNewestFirst(db, first.at(-1), 2);
    const third = await listCasesNewestFirst(db, second.at(-1), 2);
    const all = [...first, ...second, ...third];
    expect(new Set(all.map((c) => c.id)).size).toBe(6);
    expect(await listCasesNewestFirst(db, third.at(-1), 2)).toEqual([]);
  });
});
