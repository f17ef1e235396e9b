// Each way of tampering with the trail that the chain alone verifies as intact, done to a real
// (fake-indexeddb) database, and caught by comparing with main's checkpoints.
import { describe, expect, it } from 'vitest';
import {
  AUDIT_HEAD_KEY,
  appendAudit,
  auditHead,
  verifyStoredAuditChain,
} from '../../../../src-renderer/db/audit-log';
import {
  databaseCensus,
  ensureGeneration,
  GENERATION_KEY,
} from '../../../../src-renderer/db/database-census';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { chainAuditEntry, type AuditDraft } from '../../../../src-shared/domain/audit';
import type { AnchorRead, Checkpoint } from '../../../../src-shared/domain/audit-anchor';
import { useFreshDb } from './test-db';

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

const draft = (n: number): AuditDraft => ({
  at: `2026-03-02T09:${String(n).padStart(2, '0')}:00.000Z`,
  actor: { id: 'u1', name: 'Priya Shah' },
  entity: 'case',
  entityId: `c${n}`,
  caseId: `c${n}`,
  action: 'create',
  changes: [{ field: 'status', before: null, after: 'received' }],
});

async function write(from: number, to: number) {
  for (let n = from; n <= to; n++) {
    await db.transaction('rw', [db.audit, db.counters], () => appendAudit(db, draft(n)));
  }
}

/** What main's anchor would hold after checkpoints at these moments. */
const anchorOf = (checkpoints: Checkpoint[]): AnchorRead => ({
  checkpoints,
  lines: checkpoints.length,
  problems: [],
  keyProtection: 'key-store',
});

/** A trail of 10 entries, anchored at entry 4 and at entry 10 (the head). */
async function anchoredTrail(): Promise<AnchorRead> {
  const checkpoints: Checkpoint[] = [];
  await write(1, 4);
  checkpoints.push({ ...(await auditHead(db))!, at: '2026-03-02T09:05:00.000Z' });
  await write(5, 10);
  checkpoints.push({ ...(await auditHead(db))!, at: '2026-03-02T09:11:00.000Z' });
  return anchorOf(checkpoints);
}

describe('verifyStoredAuditChain against the anchor', () => {
  it('an untouched trail matches its checkpoints', async () => {
    const anchor = await anchoredTrail();
    expect(await verifyStoredAuditChain(db, anchor)).toMatchObject({ ok: true, count: 10, findings: [] });
  });

  it('cutting the tail and moving the head counter back: the chain holds, the anchor says what is missing', async () => {
    const anchor = await anchoredTrail();
    await db.audit.where('seq').above(7).delete();
    const entry7 = (await db.audit.get(7))!;
    await db.counters.put({ key: AUDIT_HEAD_KEY, value: 7, hash: entry7.hash });
    const check = await verifyStoredAuditChain(db, anchor);
    expect(check.chain).toMatchObject({ ok: true, count: 7 });
    expect(check.ok).toBe(false);
    expect(check.findings).toEqual([
      { kind: 'truncated', lastSeq: 7, anchoredSeq: 10, anchoredAt: '2026-03-02T09:11:00.000Z' },
    ]);
  });

  it('deleting the head row', async () => {
    const anchor = await anchoredTrail();
    await db.counters.delete(AUDIT_HEAD_KEY);
    const check = await verifyStoredAuditChain(db, anchor);
    expect(check.chain.ok).toBe(true);
    expect(check.findings).toEqual([{ kind: 'head-missing', lastSeq: 10 }]);
    // Without the anchor too: entries without their head row is wrong by itself.
    expect((await verifyStoredAuditChain(db)).findings).toEqual([{ kind: 'head-missing', lastSeq: 10 }]);
  });

  it('editing an entry and re-hashing everything after it with chainAuditEntry', async () => {
    const anchor = await anchoredTrail();
    const entries = await db.audit.orderBy('seq').toArray();
    // The entries before the edit stay as they were (re-chaining them would draw new salts).
    const kept = entries.find((entry) => entry.seq === 5)!;
    let head: { seq: number; hash: string } | null = { seq: kept.seq, hash: kept.hash };
    const rewritten = entries
      .filter((entry) => entry.seq >= 6)
      .map((entry) => {
        const { seq: _seq, prevHash: _prev, hash: _hash, ...body } = entry;
        const changed = entry.seq === 6 ? { ...body, reason: 'Quietly changed' } : body;
        const next = chainAuditEntry(changed, head);
        head = { seq: next.seq, hash: next.hash };
        return next;
      });
    await db.audit.bulkPut(rewritten);
    await db.counters.put({ key: AUDIT_HEAD_KEY, value: head!.seq, hash: head!.hash });
    const check = await verifyStoredAuditChain(db, anchor);
    expect(check.chain).toMatchObject({ ok: true, count: 10 });
    // Entry 4's checkpoint still matches (the edit came after it); entry 10's does not.
    expect(check.findings).toEqual([
      { kind: 'rewritten', seq: 10, anchoredAt: '2026-03-02T09:11:00.000Z', count: 1 },
    ]);
  });

  it('emptying the trail (and its head row)', async () => {
    const anchor = await anchoredTrail();
    await db.audit.clear();
    await db.counters.delete(AUDIT_HEAD_KEY);
    const check = await verifyStoredAuditChain(db, anchor);
    expect(check.chain).toMatchObject({ ok: true, count: 0 });
    expect(check.findings).toEqual([
      { kind: 'emptied', anchoredSeq: 10, anchoredAt: '2026-03-02T09:11:00.000Z' },
    ]);
  });

  it('passes on what main found wrong with the anchor itself', async () => {
    const anchor = await anchoredTrail();
    const check = await verifyStoredAuditChain(db, {
      ...anchor,
      problems: [{ kind: 'tail-removed', expected: 3, found: 2 }],
    });
    expect(check.findings).toEqual([
      { kind: 'anchor-problem', problem: { kind: 'tail-removed', expected: 3, found: 2 } },
    ]);
  });
});

describe('the database census', () => {
  it('makes a generation id on first use and keeps it', async () => {
    const id = await ensureGeneration(db, new Date('2026-03-02T09:00:00Z'));
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await ensureGeneration(db)).toBe(id);
    expect(await db.counters.get(GENERATION_KEY)).toEqual({
      key: GENERATION_KEY,
      value: Date.parse('2026-03-02T09:00:00Z'),
      id,
    });
  });

  it('counts the newest audit seq even when the head row was deleted', async () => {
    await write(1, 3);
    await db.counters.delete(AUDIT_HEAD_KEY);
    expect(await databaseCensus(db)).toMatchObject({ cases: 0, auditSeq: 3 });
  });
});
