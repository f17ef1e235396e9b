import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainAuditEntry,
  eraseAuditPayload,
  GENESIS_HASH,
  hashAuditEntry,
  hashAuditPayload,
  relinkAuditEntry,
  toPayloadFormat,
  verifyAuditChain,
  type AuditDraft,
  type AuditEntry,
  inTimeOrder,
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
    const { hash: _old, ...body } = { ...entries[1]!, action: 'view' };
    entries[1] = { ...body, hash: hashAuditEntry(body) };
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('detects an edited payload (old or new values, reason) through its salted commitment', () => {
    const entries = chain(3);
    entries[1] = { ...entries[1]!, changes: [{ field: 'status', before: null, after: 'closed' }] };
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({
      ok: false,
      brokenAt: 2,
      reason: 'Entry 2 was changed after it was written.',
    });
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

describe('erasing an entry’s personal payload', () => {
  const personal = (n: number): AuditDraft => ({
    ...draft(n),
    changes: [{ field: 'complainant.name', before: 'Ada Lovelace', after: 'Ada King' }],
    reason: 'Ada called to correct her name',
  });
  const mark = { at: '2026-12-01T10:00:00.000Z', recordId: 'd1' };

  /** Entries 1–2 personal, 3 the disposal entry naming `erases`. */
  function erasedChain(erases: number[]): AuditEntry[] {
    const first = chainAuditEntry(personal(1), null);
    const second = chainAuditEntry(personal(2), first);
    const disposal = chainAuditEntry({ ...draft(3), action: 'anonymise', erases }, second);
    return [eraseAuditPayload(first, mark), second, disposal];
  }

  it('leaves the chain verifying once a later entry names the erased one', () => {
    const entries = erasedChain([1]);
    expect(entries[0]).toMatchObject({ changes: [], erased: mark });
    expect(JSON.stringify(entries[0])).not.toMatch(/Ada/);
    expect(entries[0]).not.toHaveProperty('salt');
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: true, count: 3 });
  });

  it('refuses an erased entry no disposal entry accounts for', () => {
    const entries = erasedChain([]);
    expect(verifyAuditChain(entries, headOf(entries))).toEqual({
      ok: false,
      count: 3,
      brokenAt: 1,
      reason: "Entry 1's details were removed without a disposal record.",
    });
  });

  it('accepts an erased entry named by its commitment (a disposal made on another team desk), not by another', () => {
    const first = chainAuditEntry(personal(1), null);
    const second = chainAuditEntry(personal(2), first);
    const named = (payloads: string[]) => {
      const disposal = chainAuditEntry(
        { ...draft(3), action: 'dispose-erasure', erasesPayloads: payloads },
        second,
      );
      return [eraseAuditPayload(first, mark), second, disposal];
    };
    const ok = named([first.payloadHash!]);
    expect(verifyAuditChain(ok, headOf(ok))).toMatchObject({ ok: true, count: 3 });
    const wrong = named([second.payloadHash!]);
    expect(verifyAuditChain(wrong, headOf(wrong))).toMatchObject({ ok: false, brokenAt: 1 });
    // The list is part of the header: changing it breaks the disposal entry.
    const forged = named([first.payloadHash!]);
    forged[2] = { ...forged[2]!, erasesPayloads: [] };
    expect(verifyAuditChain(forged, headOf(forged))).toMatchObject({ ok: false, brokenAt: 3 });
  });

  it('refuses details written into an erased entry afterwards (outside every hash)', () => {
    for (const forged of [
      { changes: [{ field: 'finding', before: null, after: 'not-upheld' }] },
      { reason: 'Manager overruled' },
      { salt: 'ab'.repeat(16) },
    ]) {
      const entries = erasedChain([1]);
      entries[0] = { ...entries[0]!, ...forged };
      expect(verifyAuditChain(entries)).toMatchObject({ ok: false, brokenAt: 1 });
    }
  });

  it('still catches a changed header on an erased entry', () => {
    const entries = erasedChain([1]);
    entries[0] = { ...entries[0]!, actor: { id: 'u9', name: 'Mallory' } };
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: false, brokenAt: 1 });
  });

  it('refuses to erase a format-1 entry, whose hash covers its payload', () => {
    const body = { ...personal(1), seq: 1, prevHash: GENESIS_HASH };
    const v1 = { ...body, hash: hashAuditEntry(body) };
    expect(() => eraseAuditPayload(v1, mark)).toThrow(/format-2/);
  });
});

describe('format 1 and the conversion to format 2', () => {
  /** An entry as written before payload commitments: its hash covers everything. */
  const v1Chain = (length: number): AuditEntry[] => {
    const out: AuditEntry[] = [];
    for (let i = 1; i <= length; i++) {
      const body = { ...draft(i), seq: i, prevHash: out.at(-1)?.hash ?? GENESIS_HASH };
      out.push({ ...body, hash: hashAuditEntry(body) });
    }
    return out;
  };

  it('verifies format-1 entries as before, and catches an edited payload in them', () => {
    const entries = v1Chain(3);
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: true, count: 3 });
    entries[1] = { ...entries[1]!, changes: [] };
    expect(verifyAuditChain(entries, headOf(entries))).toMatchObject({ ok: false, brokenAt: 2 });
  });

  it('re-chains converted entries keeping their content and seq', () => {
    const old = v1Chain(3);
    const converted: AuditEntry[] = [];
    for (const e of old)
      converted.push(
        relinkAuditEntry(toPayloadFormat(e, 'ab'.repeat(16)), converted.at(-1)?.hash ?? GENESIS_HASH),
      );
    expect(converted.map((e) => [e.seq, e.changes, e.action])).toEqual(
      old.map((e) => [e.seq, e.changes, e.action]),
    );
    expect(converted[0]!.payloadHash).toBe(
      hashAuditPayload({ salt: 'ab'.repeat(16), changes: old[0]!.changes }),
    );
    expect(verifyAuditChain(converted, headOf(converted))).toMatchObject({ ok: true, count: 3 });
  });
});

describe('a history in time order', () => {
  it('orders by when each thing happened, keeping the trail order for the same moment and offsets', () => {
    // A case's history fetched after the case was given to this desk reaches the trail last.
    const trail = [
      { at: '2026-12-06T09:00:00.000Z', action: 'create' },
      { at: '2026-12-06T09:30:00.000Z', action: 'assign-to-officer' },
      { at: '2026-12-06T09:05:00.000Z', action: 'restrict' },
      { at: '2026-12-06T10:10:00+01:00', action: 'note-add' }, // 09:10Z, written on a desk an hour ahead
      { at: '2026-12-06T09:05:00.000Z', action: 'view' },
    ];
    expect(inTimeOrder(trail).map((e) => e.action)).toEqual([
      'create',
      'restrict',
      'view',
      'note-add',
      'assign-to-officer',
    ]);
    // A single desk's trail, already in time order, stays as it is.
    const inOrder = [trail[0]!, trail[2]!, trail[4]!, trail[1]!];
    expect(inTimeOrder(inOrder)).toEqual(inOrder);
  });
});
