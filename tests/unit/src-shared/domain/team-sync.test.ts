import { describe, expect, it } from 'vitest';
import {
  DISPOSED_CASE_CODE,
  DELETED_FIELD,
  erasureEdits,
  fieldEdits,
  isAppendOnly,
  mergeChange,
  refusalMessage,
  sameValue,
  SIGN_OFF_STALE,
  SIGN_OFF_STALE_CODE,
  SIGNED_OFF_CODE,
  SIGNED_OFF_REFUSED,
  SyncChangeSchema,
  type RecordData,
  type ServerRecord,
  type SyncChange,
} from '../../../../src-shared/domain/team-sync';
import { may } from '../../../../src-shared/domain/permissions';
import { interviewContentHash } from '../../../../src-shared/domain/investigation';

const change = (over: Partial<SyncChange>): SyncChange => ({
  idempotencyKey: 'desk-a:000001',
  kind: 'cases',
  id: 'case-1',
  baseVersion: 1,
  fields: { status: { before: 'open', after: 'investigating' } },
  actor: { id: 'u-1', name: 'Zoë Adeyemi-Ó Briain' },
  at: '2026-11-30T09:15:00.000Z',
  ...over,
});

const server = (version: number, data: Record<string, unknown>): ServerRecord => ({ version, data });
const CASE = {
  status: 'open',
  assigneeId: 'u-1',
  complainant: { name: 'Đặng Thị Hoa', email: 'hoa@example.vn' },
};

describe('mergeChange', () => {
  it('creates a record the server does not have', () => {
    const created = change({ baseVersion: 0, fields: { status: { before: null, after: 'open' } } });
    expect(mergeChange(null, created)).toEqual({ ok: true, data: { status: 'open' } });
  });

  it('applies a change made on the version the server holds', () => {
    expect(mergeChange(server(1, CASE), change({}))).toEqual({
      ok: true,
      data: { ...CASE, status: 'investigating' },
    });
  });

  it.each([
    ['a different field, still as the desk saw it', { assigneeId: { before: 'u-1', after: 'u-7' } }, true],
    [
      'a nested value equal whatever its key order',
      {
        complainant: {
          before: { email: 'hoa@example.vn', name: 'Đặng Thị Hoa' },
          after: { name: 'Đặng Thị Hoa', email: 'new@example.vn' },
        },
      },
      true,
    ],
    [
      'the same field, already holding what the desk wrote',
      { status: { before: 'open', after: 'investigating' } },
      true,
    ],
    [
      'the same field, changed to something else meanwhile',
      { status: { before: 'open', after: 'closed' } },
      false,
    ],
    [
      'a field that was missing then and set meanwhile',
      { rootCause: { before: null, after: 'Training' } },
      false,
    ],
  ])('behind the server, editing %s: merges = %s', (_what, fields, merges) => {
    // The server is at version 2: another desk moved status open → investigating and set rootCause.
    const current = server(2, { ...CASE, status: 'investigating', rootCause: 'Process' });
    const outcome = mergeChange(current, change({ baseVersion: 1, fields }));
    expect(outcome.ok).toBe(merges);
    if (!outcome.ok && 'reason' in outcome) {
      expect(outcome.reason).toBe('field');
      const [field] = Object.keys(fields);
      expect(outcome.conflicts).toEqual([
        { field, yours: fields[field as keyof typeof fields], server: current.data[field!] },
      ]);
    }
  });

  it('refuses the whole change when one of its fields conflicts, naming only that field', () => {
    const current = server(2, { ...CASE, status: 'closed' });
    const outcome = mergeChange(
      current,
      change({
        fields: {
          status: { before: 'open', after: 'investigating' },
          assigneeId: { before: 'u-1', after: 'u-2' },
        },
      }),
    );
    expect(outcome).toEqual({
      ok: false,
      reason: 'field',
      conflicts: [{ field: 'status', yours: { before: 'open', after: 'investigating' }, server: 'closed' }],
    });
  });

  it('checks what the desk saw even at the version the server holds: a copy told of a version it never pulled is stale', () => {
    // Desk B gave the case to u-9 (version 2); desk A's push of a status change merged over it
    // (version 3), and A was told 3 before it pulled B's owner. A then gives the case to u-7.
    const held = server(3, { ...CASE, status: 'investigating', assigneeId: 'u-9' });
    const stale = change({ baseVersion: 3, fields: { assigneeId: { before: 'u-1', after: 'u-7' } } });
    expect(mergeChange(held, stale)).toEqual({
      ok: false,
      reason: 'field',
      conflicts: [{ field: 'assigneeId', yours: { before: 'u-1', after: 'u-7' }, server: 'u-9' }],
    });
    // From a copy that holds what the server does, the same edit goes in.
    const fresh = change({ baseVersion: 3, fields: { assigneeId: { before: 'u-9', after: 'u-7' } } });
    expect(mergeChange(held, fresh)).toMatchObject({ ok: true, data: { assigneeId: 'u-7' } });
  });

  it('refuses a version the server never gave', () => {
    expect(mergeChange(server(1, CASE), change({ baseVersion: 3 }))).toMatchObject({
      ok: false,
      reason: 'unknown-version',
    });
    expect(mergeChange(null, change({ baseVersion: 1 }))).toMatchObject({
      ok: false,
      reason: 'unknown-version',
    });
  });

  it('never changes an append-only record once written', () => {
    expect(isAppendOnly('communications')).toBe(true);
    expect(isAppendOnly('notes')).toBe(false);
    expect(isAppendOnly('cases')).toBe(false);
    const note = change({
      kind: 'communications',
      baseVersion: 0,
      fields: { text: { before: null, after: 'Called back' } },
    });
    expect(mergeChange(null, note).ok).toBe(true);
    expect(mergeChange(server(1, { text: 'Called back' }), note)).toMatchObject({
      ok: false,
      reason: 'append-only',
    });
  });
});

describe('a signed-off interview on the server', () => {
  const A = { id: 'u-1', name: 'Zoë Adeyemi-Ó Briain' };
  const B = { id: 'u-2', name: 'Seán Ó Ceallaigh' };
  const addendum = (id: string, by = A) => ({ id, text: `Addendum ${id}`, reason: 'Typo', by, at: 'x' });
  // Version 1 was the draft both desks had; desk A's sign-off made version 2.
  const signedOff = server(2, {
    caseId: 'case-1',
    statement: 'I was charged twice — “in October”.',
    status: 'signed-off',
    signedOff: { by: A, at: '2026-11-30T10:00:00.000Z' },
    addenda: [addendum('a1')],
    updatedAt: '2026-11-30T10:00:00.000Z',
  });
  const edit = (fields: SyncChange['fields'], over: Partial<SyncChange> = {}) =>
    change({ kind: 'interviews', id: 'int-1', baseVersion: 1, fields, ...over });
  const refused = { ok: false, refusal: { code: SIGNED_OFF_CODE, message: SIGNED_OFF_REFUSED } };

  it('refuses an earlier offline edit of the statement, though the field still holds what the desk saw', () => {
    const statement = { before: signedOff.data.statement, after: 'I was charged three times.' };
    const late = { before: '2026-11-30T09:00:00.000Z', after: '2026-11-30T11:00:00.000Z' };
    expect(mergeChange(signedOff, edit({ statement, updatedAt: late }))).toEqual(refused);
    // Even from a desk that is up to date, and the draft on the server takes the same edit.
    expect(mergeChange(signedOff, edit({ statement }, { baseVersion: 2 }))).toEqual(refused);
    const draft = server(1, { ...signedOff.data, status: 'draft', signedOff: null });
    expect(mergeChange(draft, edit({ statement })).ok).toBe(true);
  });

  it('refuses a second sign-off, and an addendum dropped or rewritten', () => {
    const signOff = edit({
      status: { before: 'draft', after: 'signed-off' },
      signedOff: { before: null, after: { by: B, at: '2026-11-30T10:05:00.000Z' } },
    });
    expect(mergeChange(signedOff, signOff)).toEqual(refused);
    const dropped = edit({ addenda: { before: [addendum('a1')], after: [] } }, { baseVersion: 2 });
    expect(mergeChange(signedOff, dropped)).toEqual(refused);
    const rewritten = { ...addendum('a1'), text: 'Something else' };
    const changed = edit({ addenda: { before: [addendum('a1')], after: [rewritten] } }, { baseVersion: 2 });
    expect(mergeChange(signedOff, changed)).toEqual(refused);
  });

  it('refuses a sign-off of a statement another desk changed before it arrived; takes one of the statement it holds', () => {
    const seen = { ...signedOff.data, status: 'draft', signedOff: null, statement: 'I was charged twice.' };
    const signOff = (agreed: RecordData) =>
      edit({
        status: { before: 'draft', after: 'signed-off' },
        signedOff: {
          before: null,
          after: { by: A, at: '2026-11-30T10:05:00.000Z', contentHash: interviewContentHash(agreed) },
        },
      });
    // Desk B's edit reached the server first (version 2): desk A agreed to the text before it.
    const edited = server(2, { ...seen, statement: 'I was charged three times.' });
    expect(mergeChange(edited, signOff(seen))).toEqual({
      ok: false,
      refusal: { code: SIGN_OFF_STALE_CODE, message: SIGN_OFF_STALE },
    });
    // The same sign-off of the text the server holds is taken (other fields moved on meanwhile are no
    // part of what was agreed).
    const moved = server(2, { ...seen, updatedAt: '2026-11-30T10:01:00.000Z' });
    expect(mergeChange(moved, signOff(seen)).ok).toBe(true);
    // A sign-off made before the fingerprint was kept stands, as it did.
    const unchecked = edit({ status: { before: 'draft', after: 'signed-off' } });
    expect(mergeChange(edited, unchecked).ok).toBe(true);
  });

  it('appends addenda from two desks, and lets a disposal erase it', () => {
    // Desk B saw a1 and adds b1 while desk A added a2 (version 3).
    const current = server(3, {
      ...signedOff.data,
      addenda: [addendum('a1'), addendum('a2')],
    });
    const added = edit(
      { addenda: { before: [addendum('a1')], after: [addendum('a1'), addendum('b1', B)] } },
      { baseVersion: 2 },
    );
    expect(mergeChange(current, added)).toEqual({
      ok: true,
      data: { ...current.data, addenda: [addendum('a1'), addendum('a2'), addendum('b1', B)] },
    });
    const erase = edit(
      { statement: { before: null, after: '' }, addenda: { before: null, after: [] } },
      { erasure: true },
    );
    expect(mergeChange(current, erase)).toMatchObject({ ok: true, data: { statement: '', addenda: [] } });
  });
});

describe('SyncChangeSchema', () => {
  it('accepts a well-formed change and refuses field names that could reach an object prototype', () => {
    expect(SyncChangeSchema.safeParse(change({})).success).toBe(true);
    const bad = SyncChangeSchema.safeParse(
      change({ fields: JSON.parse('{"__proto__": {"before": null, "after": 1}}') as SyncChange['fields'] }),
    );
    expect(bad.success).toBe(false);
    expect(SyncChangeSchema.safeParse(change({ fields: {} })).success).toBe(false);
    expect(SyncChangeSchema.safeParse(change({ at: 'yesterday' })).success).toBe(false);
  });

  it('treats a missing value and null as the same', () => {
    expect(sameValue(undefined, null)).toBe(true);
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue(0, null)).toBe(false);
  });
});

describe('two desks moving the bookkeeping instants', () => {
  it('keeps none later than the server allows: a desk whose clock runs fast cannot pin a case’s activity in the future', () => {
    const current = server(1, { status: 'received', lastActivityAt: '2026-12-01T10:00:00.000Z' });
    const fast = change({
      fields: {
        status: { before: 'received', after: 'investigating' },
        // The desk's clock is a year ahead.
        lastActivityAt: { before: '2026-12-01T10:00:00.000Z', after: '2027-12-01T10:00:00.000Z' },
      },
    });
    const latest = '2026-12-01T10:35:00.000Z';
    expect(mergeChange(current, fast, latest)).toEqual({
      ok: true,
      data: { status: 'investigating', lastActivityAt: latest },
    });
    // Within what the server allows, the desk's instant stands as it wrote it.
    const onTime = change({
      fields: { lastActivityAt: { before: '2026-12-01T10:00:00.000Z', after: '2026-12-01T10:31:00.000Z' } },
    });
    expect(mergeChange(current, onTime, latest)).toMatchObject({
      data: { lastActivityAt: '2026-12-01T10:31:00.000Z' },
    });
  });

  it('is no conflict: the later updatedAt stands, while a real field still conflicts', () => {
    const current = server(2, {
      rootCause: 'Billing run',
      status: 'received',
      updatedAt: '2026-12-01T10:05:00.000Z',
    });
    const mine = change({
      baseVersion: 1,
      fields: {
        status: { before: 'received', after: 'investigating' },
        updatedAt: { before: '2026-12-01T09:00:00.000Z', after: '2026-12-01T10:00:00.000Z' },
      },
    });
    expect(mergeChange(current, mine)).toEqual({
      ok: true,
      data: { rootCause: 'Billing run', status: 'investigating', updatedAt: '2026-12-01T10:05:00.000Z' },
    });
    const clash = change({
      baseVersion: 1,
      fields: { ...mine.fields, rootCause: { before: '', after: 'Keyed twice' } },
    });
    expect(mergeChange(current, clash)).toMatchObject({ ok: false, conflicts: [{ field: 'rootCause' }] });
  });
});

describe('fieldEdits', () => {
  it('sends every field of a new record, only the changed top-level fields of an edit, and marks a deletion', () => {
    expect(fieldEdits(null, { id: 'c1', rootCause: '', closedAt: null })).toEqual({
      id: { before: null, after: 'c1' },
      rootCause: { before: null, after: '' },
      closedAt: { before: null, after: null },
    });
    expect(
      fieldEdits(
        { id: 'c1', complainant: { name: 'Zoë' }, tags: ['a'] },
        { id: 'c1', complainant: { name: 'Zoë Ädams' }, tags: ['a'] },
      ),
    ).toEqual({ complainant: { before: { name: 'Zoë' }, after: { name: 'Zoë Ädams' } } });
    expect(fieldEdits({ id: 'n1', text: 'Rang' }, null)).toEqual({
      id: { before: 'n1', after: null },
      text: { before: 'Rang', after: null },
      [DELETED_FIELD]: { before: null, after: true },
    });
  });
});

describe('a disposal’s changes (erasureEdits)', () => {
  const note = { id: 'n-1', caseId: 'case-1', text: 'Rang Đặng Thị Hoa at home', pinned: false };

  it('send a deleted record as its trace only: the delete mark and its case, no value it held', () => {
    expect(erasureEdits(note, null)).toEqual({
      caseId: { before: null, after: 'case-1' },
      [DELETED_FIELD]: { before: null, after: true },
    });
  });

  it('send an anonymised record’s stripped values without the values they replaced', () => {
    const edits = erasureEdits(CASE, { ...CASE, complainant: { name: 'erased', email: '' } });
    expect(edits).toEqual({ complainant: { before: null, after: { name: 'erased', email: '' } } });
    expect(JSON.stringify(edits)).not.toMatch(/Hoa/);
  });

  it('stand over another desk’s edit made meanwhile, and leave nothing of a deleted record on the server', () => {
    const current = server(3, { ...CASE, complainant: { name: 'Đặng Thị Hoa', email: 'new@example.vn' } });
    const anonymise = change({
      baseVersion: 2,
      erasure: true,
      fields: erasureEdits(CASE, { ...CASE, complainant: { name: 'erased', email: '' } }),
    });
    expect(mergeChange(current, anonymise)).toEqual({
      ok: true,
      data: { ...CASE, complainant: { name: 'erased', email: '' } },
    });
    // The same change without the mark is a conflict (its before values are not what it saw).
    expect(mergeChange(current, { ...anonymise, erasure: undefined })).toMatchObject({
      ok: false,
      reason: 'field',
    });
    const deletion = change({
      kind: 'notes',
      id: 'n-1',
      baseVersion: 1,
      erasure: true,
      fields: erasureEdits(note, null),
    });
    expect(mergeChange(server(2, note), deletion)).toEqual({
      ok: true,
      data: { caseId: 'case-1', [DELETED_FIELD]: true },
    });
  });
});

describe('the words of a change the server refused (refusalMessage)', () => {
  const london = { locale: 'en-GB', timeZone: 'Europe/London' };
  const berlin = { locale: 'de-DE', timeZone: 'Europe/Berlin' };
  const overLimit = {
    code: 'over-limit',
    message:
      'This remedy (GBP 1,750.00) is above your approval limit of GBP 500.00; a manager with a higher limit must approve it.',
    figures: { currency: 'GBP', amount: 1750, limit: 500 },
  };

  it('words an over-limit refusal from its figures, the money in the office’s locale', () => {
    expect(refusalMessage(overLimit, london)).toBe(
      'This remedy (£1,750.00) is above your approval limit of £500.00; a manager with a higher limit must approve it.',
    );
    // A locale with a comma for decimals and the symbol after (no-break spaces, as Intl writes them).
    expect(refusalMessage(overLimit, berlin)).toBe(
      'This remedy (1.750,00\u00a0£) is above your approval limit of 500,00\u00a0£; a manager with a higher limit must approve it.',
    );
  });

  it('says what the desk’s own check says for the same approval', () => {
    const desk = may({ id: 'u-lead', roles: ['manager'], approvalLimit: 500 }, 'proposal.approve', {
      proposal: {
        createdById: 'u-officer',
        editedByIds: [],
        totals: [{ amount: 1750, currency: 'GBP' }],
      },
      locale: 'en-GB',
    });
    expect(desk).toMatchObject({
      ok: false,
      code: 'over-limit',
      message: refusalMessage(overLimit, london),
    });
  });

  it('keeps the server’s words for any other refusal, or one without figures', () => {
    const signedOut = {
      code: 'signed-out',
      message: 'The team server could not tell who approved this proposal.',
    };
    expect(refusalMessage(signedOut, berlin)).toBe(signedOut.message);
    expect(refusalMessage({ ...overLimit, figures: undefined }, london)).toBe(overLimit.message);
  });

  it('dates a disposal on the office’s calendar, not the computer’s nor UTC', () => {
    // 22:30 UTC on 4 December is already 5 December in Sydney, and still 4 December in London.
    const disposed = {
      code: DISPOSED_CASE_CODE,
      message: '',
      disposed: {
        caseId: 'case-1',
        disposal: 'dispose-erasure',
        recordId: 'disp-1',
        at: '2026-12-04T22:30:00.000Z',
      },
    };
    expect(refusalMessage(disposed, { locale: 'en-AU', timeZone: 'Australia/Sydney' })).toMatch(
      /^This case was disposed of under the retention policy on 5 Dec 2026; your change was not kept/,
    );
    expect(refusalMessage(disposed, london)).toContain('on 4 Dec 2026;');
  });
});
