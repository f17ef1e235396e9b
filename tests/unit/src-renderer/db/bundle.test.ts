import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { planReceipt, readCasesForBundle, receiveCase } from '../../../../src-renderer/db/bundle';
import { countCases, createCase } from '../../../../src-renderer/db/cases';
import { addEvidence, addNote } from '../../../../src-renderer/db/investigation';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import type { BundleSender } from '../../../../src-shared/domain/bundle';
import { freshDb, intake, person, testRules } from './test-db';

// The full-text index lives in a worker the unit tests do not run.
vi.mock('../../../../src-renderer/db/search-sync', () => ({ indexCase: () => Promise.resolve() }));

const priya = person('u1', 'Priya Shah', 'officer');
const bea = person('u9', 'Bea Okafor', 'officer');
const rules = testRules();
const sender: BundleSender = {
  bundleId: '0b5e4a4e-9d7c-4a43-8f55-0c9f6a3c1d2e',
  office: 'North Office',
  signer: 'Priya Shah',
  fingerprint: 'ab12 '.repeat(15) + 'ab12',
  createdAt: '2026-03-10T09:00:00.000Z',
};
const SHA = 'a'.repeat(64);

let north: RedressDB;
let south: RedressDB;
beforeEach(() => {
  north = freshDb();
  south = freshDb();
});
afterEach(async () => {
  for (const db of [north, south]) {
    db.close();
    await db.delete();
  }
});

async function sentCase() {
  const c = await createCase(
    north,
    intake('2026-03-02T09:00:00Z'),
    priya,
    rules,
    new Date('2026-03-02T09:00:00Z'),
  );
  await addNote(north, c.id, { text: 'Called the branch.', pinned: false }, priya);
  await addEvidence(
    north,
    c.id,
    { name: 'statement.pdf', size: 12, type: 'application/pdf', sha256: SHA, description: '' },
    priya,
  );
  const [bundled] = await readCasesForBundle(north, [c.id], priya);
  return { c, bundled: bundled! };
}

describe('case bundles in the case database', () => {
  it('reads a case with its rows and its own audit entries', async () => {
    const { c, bundled } = await sentCase();
    expect(bundled.case).toMatchObject({ id: c.id, reference: c.reference });
    expect(bundled.rows.notes).toEqual([expect.objectContaining({ text: 'Called the branch.' })]);
    expect(bundled.rows.evidence).toEqual([expect.objectContaining({ sha256: SHA })]);
    expect(bundled.audit.map((e) => e.action)).toEqual(['create', expect.any(String), expect.any(String)]);
  });

  it('refuses to bundle a case the person may not export', async () => {
    const { c } = await sentCase();
    await expect(readCasesForBundle(north, [c.id], bea)).rejects.toMatchObject({ code: 'PERMISSION' });
  });

  it('writes a received case with its rows and one receipt entry chained into this office’s trail', async () => {
    const { c, bundled } = await sentCase();
    const now = new Date('2026-03-11T10:00:00Z');
    expect(await receiveCase(south, bundled, sender, bea, now)).toEqual({
      id: c.id,
      sentAs: c.reference,
      placement: 'as-sent',
      reference: c.reference,
    });
    const here = await south.cases.get(c.id);
    expect(here).toMatchObject({ reference: c.reference, assignee: { id: bea.id, name: bea.name } });
    expect(await south.notes.where('caseId').equals(c.id).count()).toBe(1);
    expect(await south.evidence.where('sha256').equals(SHA).count()).toBe(1);
    const trail = await caseAuditTrail(south, c.id);
    expect(trail).toHaveLength(1);
    expect(trail[0]).toMatchObject({ action: 'bundle-receive', actor: { id: bea.id } });
    expect(trail[0]!.changes).toContainEqual({ field: 'office', before: null, after: 'North Office' });
    expect((await verifyStoredAuditChain(south)).ok).toBe(true);
    expect(await countCases(south)).toBe(1);

    // The next case logged here is not given the received case's reference.
    const local = await createCase(south, intake('2026-03-11T09:00:00Z'), bea, rules, now);
    expect(local.reference).not.toBe(c.reference);
  });

  it('refuses a case already here and gives a taken reference a new one', async () => {
    const { c, bundled } = await sentCase();
    await receiveCase(south, bundled, sender, bea);
    expect(await planReceipt(south, [bundled])).toEqual([
      { id: c.id, sentAs: c.reference, placement: 'duplicate', reference: null },
    ]);
    expect(await receiveCase(south, bundled, sender, bea)).toMatchObject({
      placement: 'duplicate',
      reference: null,
    });

    const other = { ...bundled, case: { ...bundled.case, id: 'another-case' }, rows: {} };
    const result = await receiveCase(south, other, sender, bea, new Date('2026-05-01T09:00:00Z'));
    expect(result.placement).toBe('new-reference');
    expect(result.reference).toMatch(/^CMP-2026-\d{6}$/);
    expect(result.reference).not.toBe(c.reference);
    expect(await countCases(south)).toBe(2);
  });
});
