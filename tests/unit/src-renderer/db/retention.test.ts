import { describe, expect, it, vi } from 'vitest';
import { encodeFacts, SNAPSHOT_KEY, SNAPSHOT_VERSION } from '../../../../src-renderer/analytics/snapshot';
import { caseAuditTrail, verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { packEntries } from '../../../../src-renderer/db/audit-store';
import { CASES_TOTAL_KEY, createCase, transitionCase } from '../../../../src-renderer/db/cases';
import { recordCommunication } from '../../../../src-renderer/db/communications';
import { addEnquiry, addEvidence, addInterview, addNote } from '../../../../src-renderer/db/investigation';
import {
  disposeDueCases,
  eraseComplainant,
  findComplainantCases,
  getRetentionPolicy,
  listDisposals,
  listDueCases,
  setLegalHold,
  setRetentionPolicy,
} from '../../../../src-renderer/db/retention';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { formDraftKey, keepFormDraft, loadFormDraft } from '../../../../src-renderer/components/form-draft';
import { memoryStorage } from '../memory-storage';
import { toCaseFact } from '../../../../src-shared/analytics/facts';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import { emptyInterview } from '../../../../src-shared/domain/investigation';
import { defaultRetentionPolicy, erasedPseudonym } from '../../../../src-shared/domain/retention';
import { ConflictError, PermissionError, ValidationError } from '../../../../src-shared/errors';
import { useFreshDb, intake, MANAGER, person, testRules } from './test-db';

const rules = testRules();
const OFFICER = person('u1', 'Priya Shah', 'officer');
const ADMIN = person('a1', 'Ada Byrne', 'administrator');
const policy = defaultRetentionPolicy();

// What the erasure must leave nowhere: planted in the case, its children and its trail.
const NAME = 'Quintessa Marlowe-Fairweather';
const EMAIL = 'quintessa.mf@example.org';
const PHONE = '+44 7700 900 417';
const ACCOUNT = 'ACC-55119933';
const ADDRESS = '12 Analytical Row, Bath';
const PLANTED = [NAME, EMAIL, PHONE, ACCOUNT, ADDRESS, 'Marlowe'];

const HASH_A = 'a'.repeat(64);
const HASH_SHARED = 'b'.repeat(64);

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

/** A case of the planted person with a note, an interview, evidence, an enquiry and a letter, closed at `closedAt`. */
async function plantedCase(receivedAt: string, closedAt: string, evidence = HASH_A): Promise<CaseRecord> {
  const at = new Date(receivedAt);
  const c = await createCase(
    db,
    intake(receivedAt, {
      complainant: { name: NAME, email: EMAIL, phone: PHONE, address: ADDRESS, needs: 'Large print' },
      accountRef: ACCOUNT,
      // Product is typed freely: officers do write the person into it.
      product: `${NAME} joint account`,
      description: `${NAME} was charged twice on ${ACCOUNT}.`,
    }),
    OFFICER,
    rules,
    at,
  );
  await addNote(db, c.id, { text: `Called ${NAME} on ${PHONE}.`, pinned: false }, OFFICER, at);
  await addInterview(
    db,
    c.id,
    {
      ...emptyInterview('Priya Shah', receivedAt.slice(0, 10)),
      intervieweeName: NAME,
      statement: `I am ${NAME}.`,
    },
    OFFICER,
    at,
  );
  await addEvidence(
    db,
    c.id,
    {
      name: `${NAME} statement.pdf`,
      size: 10,
      type: 'application/pdf',
      sha256: evidence,
      description: ADDRESS,
    },
    OFFICER,
    at,
  );
  await addEnquiry(
    db,
    c.id,
    {
      recipient: 'Billing',
      question: `Why was ${ACCOUNT} charged twice?`,
      sentDate: receivedAt.slice(0, 10),
      dueDate: '',
    },
    OFFICER,
    at,
  );
  await recordCommunication(
    db,
    c.id,
    {
      direction: 'in',
      channel: 'email',
      at: receivedAt,
      from: EMAIL,
      to: 'complaints',
      subject: 'Complaint',
      body: `From ${NAME}`,
    },
    OFFICER,
    { now: at },
  );
  return transitionCase(db, c.id, 'withdrawn', OFFICER, rules, {
    reason: `${NAME} withdrew by phone`,
    now: new Date(closedAt),
  });
}

const files = () => ({ dispose: vi.fn(async (hashes: string[]) => ({ removed: hashes.length })) });

/** Every row of every table, as one lower-cased JSON text. */
async function everything(): Promise<string> {
  const parts = await Promise.all(db.tables.map(async (t) => JSON.stringify(await t.toArray())));
  return parts.join('\n').toLowerCase();
}

describe('retention policy', () => {
  it('defaults to three years for every regime; managers and administrators change it, audited', async () => {
    expect(await getRetentionPolicy(db)).toEqual(policy);
    const changed = { ...policy, 'us-cfpb': 5 };
    await setRetentionPolicy(db, changed, ADMIN);
    expect((await getRetentionPolicy(db))['us-cfpb']).toBe(5);
    const entry = (await db.audit.toArray()).at(-1)!;
    expect(entry).toMatchObject({
      action: 'retention-policy',
      changes: [{ field: 'us-cfpb', before: 3, after: 5 }],
    });
    await expect(setRetentionPolicy(db, policy, OFFICER)).rejects.toBeInstanceOf(PermissionError);
    await expect(setRetentionPolicy(db, { ...policy, 'us-cfpb': 0 }, MANAGER)).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('cases due for disposal', () => {
  it('lists closed cases past their retention oldest first, a page at a time, held ones as held', async () => {
    const now = new Date('2030-06-01T00:00:00Z');
    const old1 = await plantedCase('2026-01-05T10:00:00.000Z', '2026-02-01T10:00:00.000Z');
    const old2 = await plantedCase('2026-01-06T10:00:00.000Z', '2026-03-01T10:00:00.000Z');
    const old3 = await plantedCase('2026-01-07T10:00:00.000Z', '2026-04-01T10:00:00.000Z');
    await plantedCase('2026-01-08T10:00:00.000Z', '2028-01-01T10:00:00.000Z'); // kept until 2031
    await createCase(
      db,
      intake('2026-01-09T10:00:00.000Z'),
      OFFICER,
      rules,
      new Date('2026-01-09T10:00:00Z'),
    );
    await setLegalHold(db, old2.id, { hold: true, reason: 'Court claim 2029/17' }, MANAGER, now);

    const first = await listDueCases(db, policy, now, { limit: 2 });
    expect(first.rows.map((r) => [r.id, r.state])).toEqual([
      [old1.id, 'due'],
      [old2.id, 'held'],
    ]);
    expect(first.rows[0]).toMatchObject({
      closedAt: '2026-02-01T10:00:00.000Z',
      dueAt: '2029-02-01T10:00:00.000Z',
    });
    expect(first.rows[1]!.holdReason).toBe('Court claim 2029/17');
    const second = await listDueCases(db, policy, now, { after: first.next, limit: 2 });
    expect(second.rows.map((r) => r.id)).toEqual([old3.id]);
    expect(second.next).toBeNull();
    // A longer policy for the regime keeps them all.
    expect((await listDueCases(db, { ...policy, 'uk-fca-general': 10 }, now)).rows).toEqual([]);
  });
});

describe('cases due across regimes', () => {
  it('merges each regime’s own cut-off into one order, a page of one at a time', async () => {
    const now = new Date('2031-06-01T00:00:00Z');
    const closeAt = async (regime: 'uk-fca-general' | 'us-cfpb', received: string, closed: string) => {
      const c = await createCase(db, intake(received, { regime }), OFFICER, rules, new Date(received));
      return (
        await transitionCase(db, c.id, 'withdrawn', OFFICER, rules, { reason: 'x', now: new Date(closed) })
      ).id;
    };
    const a = await closeAt('us-cfpb', '2026-01-05T10:00:00.000Z', '2026-02-01T10:00:00.000Z');
    const b = await closeAt('uk-fca-general', '2026-01-06T10:00:00.000Z', '2026-03-01T10:00:00.000Z');
    const c = await closeAt('us-cfpb', '2026-01-07T10:00:00.000Z', '2026-04-01T10:00:00.000Z');
    await closeAt('uk-fca-general', '2026-01-08T10:00:00.000Z', '2029-01-01T10:00:00.000Z'); // kept until 2032
    const order: string[] = [];
    let after: [string, string] | null = null;
    do {
      const page = await listDueCases(db, { ...policy, 'us-cfpb': 5 }, now, { after, limit: 1 });
      order.push(...page.rows.map((r) => r.id));
      after = page.next;
    } while (after);
    expect(order).toEqual([a, b, c]);
    // With seven years for US CFPB, only the UK case is due.
    expect((await listDueCases(db, { ...policy, 'us-cfpb': 7 }, now)).rows.map((r) => r.id)).toEqual([b]);
  });
});

describe('legal hold', () => {
  it('is a manager’s, with a reason, audited; it blocks disposal until lifted', async () => {
    const now = new Date('2030-06-01T00:00:00Z');
    const c = await plantedCase('2026-01-05T10:00:00.000Z', '2026-02-01T10:00:00.000Z');
    await expect(
      setLegalHold(db, c.id, { hold: true, reason: 'Claim' }, OFFICER, now),
    ).rejects.toBeInstanceOf(PermissionError);
    await expect(setLegalHold(db, c.id, { hold: true, reason: ' ' }, MANAGER, now)).rejects.toBeInstanceOf(
      ValidationError,
    );
    await setLegalHold(db, c.id, { hold: true, reason: 'Claim 17' }, MANAGER, now);
    expect((await caseAuditTrail(db, c.id)).at(-1)).toMatchObject({
      action: 'legal-hold',
      reason: 'Claim 17',
    });

    const f = files();
    const blocked = await disposeDueCases(db, [c.id], MANAGER, policy, {
      method: 'delete',
      reason: 'Policy',
      files: f,
      now,
    });
    expect(blocked.record.counts.cases).toBe(0);
    expect(blocked.skipped).toEqual([
      { reference: c.reference, message: expect.stringMatching(/legal hold/) },
    ]);
    expect(await db.cases.get(c.id)).toBeDefined();
    await expect(
      eraseComplainant(db, [c.id], MANAGER, { reason: 'Request', files: f, now }),
    ).resolves.toMatchObject({
      skipped: [{ reference: c.reference }],
    });

    await setLegalHold(db, c.id, { hold: false, reason: 'Claim settled' }, MANAGER, now);
    const done = await disposeDueCases(db, [c.id], MANAGER, policy, {
      method: 'delete',
      reason: 'Policy',
      files: f,
      now,
    });
    expect(done.record.counts.cases).toBe(1);
  });
});

describe('disposal', () => {
  const now = new Date('2030-06-01T00:00:00Z');

  it('refuses anyone but a manager, a case not yet due, and a missing reason', async () => {
    const c = await plantedCase('2026-01-05T10:00:00.000Z', '2029-02-01T10:00:00.000Z');
    await expect(
      disposeDueCases(db, [c.id], OFFICER, policy, { method: 'delete', reason: 'x', files: files(), now }),
    ).rejects.toBeInstanceOf(PermissionError);
    await expect(
      disposeDueCases(db, [c.id], MANAGER, policy, { method: 'delete', reason: '', files: files(), now }),
    ).rejects.toBeInstanceOf(ValidationError);
    const early = await disposeDueCases(db, [c.id], MANAGER, policy, {
      method: 'delete',
      reason: 'x',
      files: files(),
      now,
    });
    expect(early.skipped[0]!.message).toMatch(/kept until 2032-02-01/);
  });

  it('deletes a case with every child row, erases its audit payloads, keeps the chain verifying and leaves a record', async () => {
    const c = await plantedCase('2026-01-05T10:00:00.000Z', '2026-02-01T10:00:00.000Z');
    const keep = await plantedCase('2026-01-06T10:00:00.000Z', '2029-01-01T10:00:00.000Z', HASH_SHARED);
    await db.evidence.add({
      ...(await db.evidence.filter((e) => e.caseId === keep.id).first())!,
      id: 'x',
      caseId: c.id,
      sha256: HASH_SHARED,
    });
    const f = files();
    const indexed: (string | null)[] = [];
    const out = await disposeDueCases(db, [c.id], MANAGER, policy, {
      method: 'delete',
      reason: 'Retention period ended',
      files: f,
      now,
      onCase: (_id, after) => void indexed.push(after?.id ?? null),
    });
    expect(indexed).toEqual([null]);
    expect(await db.cases.get(c.id)).toBeUndefined();
    for (const t of ['notes', 'interviews', 'evidence', 'enquiries', 'communications'] as const)
      expect(
        await db
          .table(t)
          .filter((r: { caseId: string }) => r.caseId === c.id)
          .count(),
      ).toBe(0);
    expect((await db.counters.get(CASES_TOTAL_KEY))!.value).toBe(1);
    // Only the file no other case uses goes.
    expect(f.dispose).toHaveBeenCalledWith([HASH_A]);
    expect(out.record).toMatchObject({
      method: 'delete',
      reason: 'Retention period ended',
      references: [c.reference],
      counts: { cases: 1, files: 1 },
      deletedPerRegime: { 'uk-fca-general': 1 },
      by: { id: MANAGER.id, name: MANAGER.name },
    });
    expect(out.record.finishedAt).not.toBeNull();
    expect(JSON.stringify(out.record)).not.toMatch(/Quintessa|example\.org/);
    const trail = await caseAuditTrail(db, c.id);
    expect(trail.at(-1)).toMatchObject({ action: 'dispose-delete', erases: expect.any(Array) });
    expect(trail.slice(0, -1).every((e) => e.erased?.recordId === out.record.id)).toBe(true);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    expect((await listDisposals(db)).rows.map((r) => r.id)).toEqual([out.record.id]);
  });

  it('anonymises a case keeping its statistics, and it leaves the due list', async () => {
    const c = await plantedCase('2026-01-05T10:00:00.000Z', '2026-02-01T10:00:00.000Z');
    await disposeDueCases(db, [c.id], MANAGER, policy, {
      method: 'anonymise',
      reason: 'Policy',
      files: files(),
      now,
    });
    const after = (await db.cases.get(c.id))!;
    expect(after).toMatchObject({
      complainant: { name: 'Anonymised', email: '', phone: '', address: '', needs: '' },
      accountRef: '',
      category: c.category,
      regime: c.regime,
      status: 'withdrawn',
      closedAt: c.closedAt,
      receivedAt: c.receivedAt,
    });
    expect(after.retentionFrom).toBeUndefined();
    expect((await listDueCases(db, policy, now)).rows).toEqual([]);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    await expect(
      setLegalHold(db, c.id, { hold: true, reason: 'Late claim' }, MANAGER, now),
    ).rejects.toBeInstanceOf(ConflictError);
    // Nor reopened: the write refuses it for the reason the case page gives.
    await expect(
      transitionCase(db, c.id, 'reopened', MANAGER, rules, { reason: 'Came back', now }),
    ).rejects.toThrow('This case was anonymised: it can no longer be changed.');
  });
});

describe('erasure request', () => {
  const now = new Date('2027-01-10T00:00:00Z');

  it('finds a person the way the complainant record does: letters like đ folded, a phone with or without +44', async () => {
    const received = '2026-03-01T10:00:00.000Z';
    const make = (complainant: object) =>
      createCase(db, intake(received, { complainant }), OFFICER, rules, new Date(received));
    const a = await make({
      name: 'Đorđe Kovačević',
      email: '',
      phone: '07700 900123',
      preferredContact: 'phone',
    });
    const b = await make({ name: 'Dorde Kovacevic', email: 'dk@example.org', phone: '' });
    const stranger = await make({
      name: 'Ada Quill',
      email: '',
      phone: '07700 900999',
      preferredContact: 'phone',
    });
    const ids = async (q: object) => (await findComplainantCases(db, q, MANAGER)).map((r) => r.id).sort();

    expect(await ids({ name: 'dorde  KOVACEVIC' })).toEqual([a.id, b.id].sort());
    expect(await ids({ phone: '+44 7700 900123' })).toEqual([a.id]);
    expect(await ids({ phone: '+44 7700 900123', email: 'DK@example.org ' })).toEqual([a.id, b.id].sort());
    expect(await ids({ name: 'Ada' })).not.toContain(stranger.id);
    // Two letters are initials and six digits an extension, not a person: nothing to look for, and it says so.
    for (const q of [{ name: 'Al' }, { phone: '900123' }])
      await expect(findComplainantCases(db, q, MANAGER)).rejects.toBeInstanceOf(ValidationError);
  });

  it('anonymises one person across all their cases, statistics kept, nothing personal left anywhere', async () => {
    const a = await plantedCase('2026-01-05T10:00:00.000Z', '2026-02-01T10:00:00.000Z');
    const b = await plantedCase('2026-05-05T10:00:00.000Z', '2026-06-01T10:00:00.000Z', HASH_SHARED);
    const other = await createCase(
      db,
      intake('2026-03-01T10:00:00.000Z'),
      OFFICER,
      rules,
      new Date('2026-03-01T10:00:00Z'),
    );
    const facts = [a, b, other].map((c) => toCaseFact(c));
    await db.analyticsSnapshot.put({
      key: SNAPSHOT_KEY,
      version: SNAPSHOT_VERSION,
      highWater: '',
      columns: encodeFacts(facts),
    });

    // Found by any one detail, typed another way.
    for (const q of [
      { name: ' quintessa  marlowe-fairweather' },
      { email: 'Quintessa.MF@example.org' },
      { phone: '447700900417' },
      { accountRef: 'acc 55119933' },
    ])
      expect((await findComplainantCases(db, q, MANAGER)).map((r) => r.id)).toEqual([a.id, b.id]);
    await expect(findComplainantCases(db, { name: NAME }, OFFICER)).rejects.toBeInstanceOf(PermissionError);

    const before = await everything();
    for (const v of PLANTED) expect(before).toContain(v.toLowerCase());

    // Drafts typed on the cases at this desk, by two people, and one on another case.
    vi.stubGlobal('localStorage', memoryStorage());
    const noteDraft = formDraftKey(OFFICER.id, a.id, 'note');
    keepFormDraft(noteDraft, { typed: { text: `Ring ${NAME} on ${PHONE}` }, base: null });
    keepFormDraft(formDraftKey(MANAGER.id, b.id, 'proposal'), { typed: { summary: NAME }, base: null });
    const otherDraft = formDraftKey(OFFICER.id, other.id, 'note');
    keepFormDraft(otherDraft, { typed: { text: 'Someone else' }, base: null });

    const f = files();
    const out = await eraseComplainant(db, [a.id, b.id], MANAGER, {
      reason: 'Erasure request received 2027-01-09',
      files: f,
      now,
    });
    expect(out.record).toMatchObject({
      method: 'erasure',
      counts: { cases: 2 },
      references: [a.reference, b.reference],
    });
    expect(f.dispose).toHaveBeenCalledWith([HASH_A, HASH_SHARED]);

    const after = await everything();
    for (const v of PLANTED) expect(after).not.toContain(v.toLowerCase());
    expect(localStorage.length).toBe(1);
    expect(loadFormDraft(otherDraft)?.typed).toEqual({ text: 'Someone else' });
    expect(loadFormDraft(noteDraft)).toBeNull();
    // The trail still verifies, and says who erased and why.
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    expect((await caseAuditTrail(db, a.id)).at(-1)).toMatchObject({
      action: 'dispose-erasure',
      actor: { id: MANAGER.id, name: MANAGER.name },
      reason: 'Erasure request received 2027-01-09',
    });
    // Statistics remain: both cases counted, still one person's two cases on the dashboard.
    const [ca, cb] = [(await db.cases.get(a.id))!, (await db.cases.get(b.id))!];
    expect(ca.complainantKey).toBe(erasedPseudonym(out.record.id));
    expect(cb.complainantKey).toBe(ca.complainantKey);
    expect((await db.counters.get(CASES_TOTAL_KEY))!.value).toBe(3);
    const snapshot = (await db.analyticsSnapshot.get(SNAPSHOT_KEY))!;
    expect(snapshot.columns!.count).toBe(3);
    expect(snapshot.columns!.dictionary).toContain(erasedPseudonym(out.record.id));
    // Nothing left to find.
    expect(await findComplainantCases(db, { name: NAME }, MANAGER)).toEqual([]);
  });
});

describe('a trail a team join stored packed (audit-store.ts)', () => {
  const now = new Date('2030-06-01T00:00:00Z');

  /** The trail as a joined desk holds it: every entry in packs, none in rows. */
  async function packTheTrail() {
    await db.transaction('rw', [db.audit, db.auditPacks], async () => {
      const entries = await db.audit.orderBy('seq').toArray();
      await db.audit.clear();
      await db.auditPacks.bulkAdd(packEntries(entries));
    });
  }

  it('is erased in its packs by a deletion and by an erasure, and still verifies', async () => {
    const gone = await plantedCase('2026-01-05T10:00:00.000Z', '2026-02-01T10:00:00.000Z');
    const erased = await plantedCase('2026-01-06T10:00:00.000Z', '2029-01-01T10:00:00.000Z', HASH_SHARED);
    await packTheTrail();
    expect(await db.audit.count()).toBe(0);
    const packed = async () => JSON.stringify(await db.auditPacks.toArray()).toLowerCase();
    for (const v of PLANTED) expect(await packed()).toContain(v.toLowerCase());

    await disposeDueCases(db, [gone.id], MANAGER, policy, {
      method: 'delete',
      reason: 'Policy',
      files: files(),
      now,
    });
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    const goneTrail = await caseAuditTrail(db, gone.id);
    expect(goneTrail.slice(0, -1).every((e) => e.erased)).toBe(true);
    expect(goneTrail.at(-1)).toMatchObject({ action: 'dispose-delete' });

    await eraseComplainant(db, [erased.id], MANAGER, { reason: 'Erasure request', files: files(), now });
    for (const v of PLANTED) expect(await everything()).not.toContain(v.toLowerCase());
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true });
    // The disposals' own entries are this desk's: rows after the packs.
    expect((await db.audit.toArray()).map((e) => e.action)).toEqual(['dispose-delete', 'dispose-erasure']);
  });
});
