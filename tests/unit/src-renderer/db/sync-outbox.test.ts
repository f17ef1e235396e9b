import { describe, expect, it } from 'vitest';
import { verifyStoredAuditChain } from '../../../../src-renderer/db/audit-log';
import { createCase, updateCase } from '../../../../src-renderer/db/cases';
import { addNote } from '../../../../src-renderer/db/investigation';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { applyingServerChanges, versionKey } from '../../../../src-renderer/db/sync-outbox';
import { setTeamMode } from '../../../../src-renderer/db/sync-replica';
import { useFreshDb, intake, person, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const rules = testRules();
const at = (iso: string) => new Date(iso);

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

describe('the team outbox', () => {
  it('records nothing in single-desk mode', async () => {
    await createCase(db, intake('2026-03-04T09:30:00Z'), priya, rules, at('2026-03-04T09:30:00Z'));
    expect(await db.outbox.count()).toBe(0);
  });

  it('records a new case, its audit entry and an edit with the right top-level before and after, in order', async () => {
    await setTeamMode(db, true, 'desk-a');
    const created = await createCase(
      db,
      intake('2026-03-04T09:30:00Z', { complainant: { name: 'Ngũgĩ Wa Thiong’o' } }),
      priya,
      rules,
      at('2026-03-04T09:30:00Z'),
    );
    await db.syncState.put({ key: versionKey('cases', created.id), version: 3 });
    await updateCase(db, created.id, priya, 'finding', () => ({ rootCause: 'Billing run charged twice' }), {
      now: at('2026-03-05T10:00:00Z'),
    });

    const entries = await db.outbox.orderBy('seq').toArray();
    expect(entries.map((e) => e.kind)).toEqual(['cases', 'audit', 'cases', 'audit']);
    const [create, createAudit, edit] = entries;
    expect(create).toMatchObject({ id: created.id, baseVersion: 0, caseId: created.id });
    expect(create!.fields.complainant).toEqual({ before: null, after: created.complainant });
    // In team mode without a range from the server yet, the desk's fallback reference (reference.ts).
    expect(create!.fields.reference).toEqual({ before: null, after: 'CMP-2026-DDESKA-0001' });
    // The audit entry goes by its salt, with everything the server needs to link it.
    const trail = await db.audit.orderBy('seq').toArray();
    expect(createAudit!.id).toBe(trail[0]!.salt);
    expect(createAudit!.fields.action).toEqual({ before: null, after: 'create' });
    // An edit: only the fields that changed, top level (a nested object whole), on the version known.
    expect(edit!.baseVersion).toBe(3);
    expect(edit!.fields.rootCause).toEqual({ before: '', after: 'Billing run charged twice' });
    expect(edit!.fields.updatedAt).toEqual({
      before: created.updatedAt,
      after: '2026-03-05T10:00:00.000Z',
    });
    expect(edit!.fields.complainant).toBeUndefined();
    expect(edit!.fields.reference).toBeUndefined();
    expect(new Set(entries.map((e) => e.idempotencyKey)).size).toBe(4);
  });

  it('records nothing for a transaction that rolled back', async () => {
    await setTeamMode(db, true, 'desk-a');
    const created = await createCase(
      db,
      intake('2026-03-04T09:30:00Z'),
      priya,
      rules,
      at('2026-03-04T09:30:00Z'),
    );
    await db.outbox.clear();
    await expect(
      db.transaction('rw', [db.cases, db.notes], async () => {
        await db.cases.update(created.id, { rootCause: 'Half-written' });
        await db.notes.add({
          id: 'note-1',
          caseId: created.id,
          text: 'Rang the complainant',
          pinned: false,
          author: { id: 'u1', name: 'Priya Shah' },
          createdAt: '2026-03-05T10:00:00.000Z',
          editedAt: null,
        });
        throw new Error('The disk is full');
      }),
    ).rejects.toThrow('The disk is full');
    expect(await db.outbox.count()).toBe(0);
    expect((await db.cases.get(created.id))!.rootCause).toBe('');
  });

  it('records nothing for a write that applies what was pulled, and records a deletion as one', async () => {
    await setTeamMode(db, true, 'desk-a');
    const created = await createCase(
      db,
      intake('2026-03-04T09:30:00Z'),
      priya,
      rules,
      at('2026-03-04T09:30:00Z'),
    );
    const note = await addNote(db, created.id, { text: 'Asked for statements', pinned: false }, priya);
    await db.outbox.clear();
    await db.transaction('rw', [db.cases], async (tx) => {
      applyingServerChanges(tx);
      await db.cases.update(created.id, { rootCause: 'From desk B' });
    });
    expect(await db.outbox.count()).toBe(0);

    await db.notes.delete(note.id);
    const [deletion] = await db.outbox.toArray();
    expect(deletion).toMatchObject({ kind: 'notes', id: note.id, caseId: created.id });
    expect(deletion!.fields.syncDeleted).toEqual({ before: null, after: true });
    expect(deletion!.fields.text).toEqual({ before: 'Asked for statements', after: null });
    // The local trail is untouched by any of this.
    expect((await verifyStoredAuditChain(db)).ok).toBe(true);
  });
});
