// The trail stored in rows and in a join's packs at once (audit-store.ts): every reader sees one
// trail in seq order, the check finds a changed or missing packed entry as it does a row, and a
// rewrite (an erasure) lands where the entry is.
import { describe, expect, it } from 'vitest';
import { appendAudits, caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import {
  AUDIT_PACK_SIZE,
  entriesAt,
  lastStoredSeq,
  storedTrailPages,
  storeRewrittenEntries,
} from '../../../../src-renderer/db/audit-store';
import { createCase, updateCase } from '../../../../src-renderer/db/cases';
import { newestAuditSeq } from '../../../../src-renderer/db/database-census';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { eraseAuditPayload, type AuditEntry } from '../../../../src-shared/domain/audit';
import { intake, person, testRules, useFreshDb } from './test-db';

const rules = testRules();
const OFFICER = person('u1', 'Priya Shah', 'officer');
const at = new Date('2026-11-30T09:15:00Z');

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

async function wholeTrail(pageSize: number, after = 0): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  for await (const page of storedTrailPages(db, pageSize, after)) {
    expect(page.length).toBeLessThanOrEqual(pageSize);
    entries.push(...page);
  }
  return entries;
}

/**
 * A desk whose trail is in both: two cases logged here (rows), then a join's 300 entries for 30
 * other cases appended packed (two packs), then another case and an edit logged here (rows).
 */
async function mixedTrail() {
  const before = await createCase(db, intake('2026-11-30T09:15:00Z'), OFFICER, rules, at);
  await updateCase(db, before.id, OFFICER, 'finding', () => ({ rootCause: 'Fee charged twice' }));
  const joined = Array.from({ length: 30 }, (_, i) => `joined-case-${String(i).padStart(2, '0')}`);
  const drafts = joined.flatMap((caseId, i) =>
    Array.from({ length: 10 }, (_, k) => ({
      at: new Date(Date.UTC(2026, 10, 1 + (k % 20), 9, i)).toISOString(),
      actor: { id: 'u9', name: 'Đặng Thị Hoa' },
      entity: 'case',
      entityId: caseId,
      caseId,
      action: 'case-updated',
      changes: [{ field: 'description', before: `“draft ${k}”`, after: `Rang back re: ${caseId} — ${k}` }],
    })),
  );
  // Interleaved as a real office's trail is: each pack names many cases.
  drafts.sort((a, b) => a.at.localeCompare(b.at) || a.caseId.localeCompare(b.caseId));
  await db.transaction('rw', [db.audit, db.auditPacks, db.counters], () =>
    appendAudits(db, drafts, undefined, { packed: true }),
  );
  const after = await createCase(db, intake('2026-11-30T09:20:00Z'), OFFICER, rules, at);
  await updateCase(db, after.id, OFFICER, 'finding', () => ({ rootCause: 'Letter to an old address' }));
  return { before, after, joined };
}

describe('a trail stored in rows and packs', () => {
  it('is read as one trail in seq order, by page, from any point, by case, and checks out', async () => {
    const { before, joined } = await mixedTrail();
    const rows = await db.audit.count();
    expect(await db.auditPacks.count()).toBe(Math.ceil(300 / AUDIT_PACK_SIZE));
    const total = rows + 300;

    for (const pageSize of [1, 7, AUDIT_PACK_SIZE, 5000])
      expect((await wholeTrail(pageSize)).map((e) => e.seq)).toEqual(
        Array.from({ length: total }, (_, i) => i + 1),
      );
    // From inside a pack, from a pack's last entry, from a row.
    for (const after of [5, AUDIT_PACK_SIZE + 2, 2])
      expect((await wholeTrail(13, after)).map((e) => e.seq)).toEqual(
        Array.from({ length: total - after }, (_, i) => after + i + 1),
      );

    expect(await lastStoredSeq(db)).toBe(total);
    expect(await newestAuditSeq(db)).toBe(total);
    const check = await verifyStoredAuditChain(db);
    expect(check).toMatchObject({ ok: true, count: total });

    // A joined case's trail: its ten entries, in order, out of two packs.
    const trail = await caseAuditTrail(db, joined[7]!);
    expect(trail).toHaveLength(10);
    expect(trail.map((e) => e.seq)).toEqual([...trail.map((e) => e.seq)].sort((a, b) => a - b));
    expect(trail.every((e) => e.caseId === joined[7])).toBe(true);
    // A case logged here is untouched by the packs around it.
    expect((await caseAuditTrail(db, before.id)).map((e) => e.action)).toEqual(['create', 'finding']);

    const seqs = [1, 3, AUDIT_PACK_SIZE + 2, total];
    const found = await entriesAt(db, seqs);
    expect([...found.keys()].sort((a, b) => a - b)).toEqual(seqs);
    const whole = await wholeTrail(5000);
    for (const seq of seqs) expect(found.get(seq)?.hash).toBe(whole[seq - 1]!.hash);
  });

  it('finds a packed entry changed, a pack taken out, and a pack put in twice', async () => {
    await mixedTrail();
    const [first] = await db.auditPacks.orderBy('seq').toArray();
    const changed = structuredClone(first!);
    changed.entries[4]!.changes = [{ field: 'description', before: null, after: 'Nothing happened' }];
    await db.auditPacks.put(changed);
    expect(await verifyStoredAuditChain(db)).toMatchObject({
      ok: false,
      chain: {
        brokenAt: first!.entries[4]!.seq,
        reason: expect.stringMatching(/changed after it was written/),
      },
    });

    await db.auditPacks.delete(first!.seq);
    expect(await verifyStoredAuditChain(db)).toMatchObject({
      ok: false,
      chain: { brokenAt: expect.any(Number), reason: expect.stringMatching(/missing or out of order/) },
    });

    // The same entries stored again as rows beside their pack come twice, and are seen.
    await db.auditPacks.put(first!);
    await db.audit.bulkAdd(first!.entries.slice(0, 2));
    expect((await verifyStoredAuditChain(db)).ok).toBe(false);
  });

  it('stores a rewritten entry where it is: its row, or its pack', async () => {
    const { before, joined } = await mixedTrail();
    const packed = (await caseAuditTrail(db, joined[3]!)).slice(0, 3);
    const row = (await caseAuditTrail(db, before.id))[1]!;
    const erased = [...packed, row].map((e) =>
      eraseAuditPayload(e, { at: at.toISOString(), recordId: 'disposal-1' }),
    );
    const counts = [await db.audit.count(), await db.auditPacks.count()];
    await db.transaction('rw', [db.audit, db.auditPacks], () => storeRewrittenEntries(db, erased));
    expect([await db.audit.count(), await db.auditPacks.count()]).toEqual(counts);
    const now = await entriesAt(
      db,
      erased.map((e) => e.seq),
    );
    for (const e of erased) expect(now.get(e.seq)).toEqual(e);
    expect(now.get(packed[0]!.seq)?.changes).toEqual([]);
    // Erased and not yet named by a later entry: the check says so (retention's disposal names them).
    expect((await verifyStoredAuditChain(db)).ok).toBe(false);
  });
});
