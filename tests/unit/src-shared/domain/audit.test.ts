import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainAuditEntry,
  GENESIS_HASH,
  hashAuditEntry,
  verifyAuditChain,
  type AuditDraft,
  type AuditEntry,
} from '../../../../src-shared/domain/audit';

const actor = { id: 'u1', name: 'Priya Shah' };
const draft = (n: number): AuditDraft => ({
  at: `2026-11-0${n}T10:00:00.000Z`,
  actor,
  entity: 'case',
  entityId: `c${n}`,
  caseId: `c${n}`,
  action: 'create',
  changes: [{ field: 'status', before: null, after: 'received' }],
});

function chain(length: number): AuditEntry[] {
  const entries: AuditEntry[] = [];
  for (let i = 1; i <= length; i++) entries.push(chainAuditEntry(draft(i), entries.at(-1) ?? null));
  return entries;
}
const headOf = (entries: AuditEntry[]) => ({ seq: entries.at(-1)!.seq, hash: entries.at(-1)!.hash });

describe('audit chain', () => {
  it('links each entry to the one before, starting from the genesis hash', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0]!.prevHash).toBe(GENESIS_HASH);
    expect(entries[1]!.prevHash).toBe(entries[0]!.hash);
    expect(entries[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(verifyAuditChain(entries, headOf(entries))).toEqual({
      ok: true,
      count: 3,
      headHash: entries[2]!.hash,
    });
  });

  it('hashes the same content the same way whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    const [entry] = chain(1);
    const { hash, ...body } = entry!;
    const reordered = Object.fromEntries(Object.entries(body).reverse()) as typeof body;
    expect(hashAuditEntry(reordered)).toBe(hash);
  });

  it('accepts an empty trail with no head', () => {
    expect(verifyAuditChain([], null)).toEqual({ ok: true, count: 0, headHash: GENESIS_HASH });
  });

  it('detects an edited entry', () => {
    const entries = chain(4);
    entries[1] = { ...entries[1]!, actor: { id: 'u2', name: 'Someone Else' } };
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'Entry 2 was changed after it was written.',
    });
  });

  it('detects an edited entry whose hash was recomputed (the next link breaks)', () => {
    const entries = chain(4);
    const { hash: _old, ...body } = { ...entries[1]!, changes: [] };
    entries[1] = { ...body, hash: hashAuditEntry(body) };
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects a removed entry', () => {
    const entries = chain(4);
    const head = headOf(entries);
    entries.splice(1, 1);
    expect(verifyAuditChain(entries, head)).toMatchObject({
      ok: false,
      brokenAt: 3,
      reason: 'Entry 2 is missing or out of order.',
    });
  });

  it('detects removal of the newest entries through the head kept beside the trail', () => {
    const entries = chain(4);
    const head = headOf(entries);
    expect(verifyAuditChain(entries.slice(0, 3), head)).toMatchObject({ ok: false, brokenAt: 4 });
  });

  it('detects reordered entries', () => {
    const entries = chain(4);
    [entries[1], entries[2]] = [entries[2]!, entries[1]!];
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects an inserted entry', () => {
    const entries = chain(4);
    const forged = chainAuditEntry(draft(9), { seq: 2, hash: entries[1]!.hash });
    entries.splice(2, 0, forged);
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: false, brokenAt: 3 });
  });
});
