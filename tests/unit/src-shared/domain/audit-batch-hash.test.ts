import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  chainAuditEntry,
  hashAuditPayload,
  hashAuditPayloads,
  verifyAuditChain,
  type AuditDraft,
} from '../../../../src-shared/domain/audit';

const draft = (i: number): AuditDraft => ({
  at: '2026-03-01T09:30:00.000Z',
  actor: { id: 'u-7', name: 'Đặng Thị Hương' },
  entity: 'case',
  entityId: `c-${i}`,
  caseId: `c-${i}`,
  action: 'create',
  changes: [
    { field: 'complainant', before: undefined, after: { name: `Ngũgĩ wa Thiong'o ${i}`, email: null } },
    { field: 'description', before: null, after: 'Charged twice — "again" 💳\n\ttabs, quotes \\ and 中文' },
    { field: 'deadlines', before: [], after: [{ kind: 'final', dueAt: '2026-04-26T23:59:59.999Z' }] },
  ],
  ...(i % 2 ? { reason: `Imported from légacy.csv, row ${i + 2}` } : {}),
});

describe('hashAuditPayloads', () => {
  it('gives exactly the commitments hashAuditPayload gives, one by one', async () => {
    const payloads = Array.from({ length: 40 }, (_, i) => ({ salt: `${i}`.padStart(32, 'a'), ...draft(i) }));
    expect(await hashAuditPayloads(payloads)).toEqual(payloads.map(hashAuditPayload));
  });

  it('makes chained entries that verify as entries hashed the old way', async () => {
    const drafts = Array.from({ length: 20 }, (_, i) => draft(i));
    const salts = drafts.map((_, i) => `${i}`.padStart(32, '0'));
    const hashes = await hashAuditPayloads(drafts.map((d, i) => ({ salt: salts[i]!, ...d })));
    let before = null as { seq: number; hash: string } | null;
    let after = null as { seq: number; hash: string } | null;
    const old = [];
    const fast = [];
    for (const [i, d] of drafts.entries()) {
      const a = chainAuditEntry(d, before, salts[i]);
      const b = chainAuditEntry(d, after, salts[i], hashes[i]);
      old.push(a);
      fast.push(b);
      before = a;
      after = b;
    }
    expect(fast).toEqual(old);
    expect(verifyAuditChain(fast).ok).toBe(true);
  });
});

describe('canonicalJson', () => {
  it('keeps the canonical form: keys in code-unit order, undefined left out, arrays as they are', () => {
    expect(
      canonicalJson({
        b: 1,
        a: [undefined, { z: null, y: undefined, Z: 'é' }],
        é: true,
        A: {},
        _: new Date(0),
      }),
    ).toBe('{"A":{},"_":{},"a":[null,{"Z":"é","z":null}],"b":1,"é":true}');
    expect(canonicalJson({ x: undefined })).toBe('{}');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
