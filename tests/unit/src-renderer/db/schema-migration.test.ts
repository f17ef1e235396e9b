import './dexie-export-import-env';
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import {
  caseAuditTrail,
  verifyStoredAuditChain,
  AUDIT_HEAD_KEY,
} from '../../../../src-renderer/db/audit-log';
import { exportDatabase, importDatabase } from '../../../../src-renderer/db/database-backup';
import { packsOf, settleReturnFacts } from '../../../../src-renderer/db/return-facts';
import { RedressDB, SCHEMA_VERSIONS, SYSTEM_ACTOR } from '../../../../src-renderer/db/schema';
import { factPackDay, FACTS_PER_PACK, packKey, returnFactOf } from '../../../../src-shared/returns/period';
import { returnFactPacksAndRecomputed, storedFact } from './test-db';
import {
  chainAuditEntry,
  eraseAuditPayload,
  GENESIS_HASH,
  hashAuditEntry,
  verifyAuditChain,
  type AuditEntry,
} from '../../../../src-shared/domain/audit';
import { openPersonKeyRange } from '../../../../src-shared/domain/complainant-match';
import { nextDeadlineDue } from '../../../../src-shared/domain/deadlines';
import 'fake-indexeddb/auto';

/** Opens a database exactly as an older release declared it. */
function openAsVersion(name: string, version: number): Dexie {
  const old = new Dexie(name);
  for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= version)) {
    const declared = old.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
  return old;
}

// Rows as version 1 wrote them. Later versions must open them with nothing lost.
const v1Case = {
  id: 'case-1',
  reference: 'CMP-2026-000001',
  status: 'received',
  complainant: { name: 'Ngũgĩ wa Thiong’o' },
  channel: 'letter',
  description: 'A letter that arrived late.',
  receivedAt: '2026-01-05T09:00:00.000Z',
  createdAt: '2026-01-05T09:00:00.000Z',
  createdBy: { id: 'u1', name: 'Priya Shah' },
  updatedAt: '2026-01-05T09:00:00.000Z',
};

// What version 2 added to every case (its upgrade fills it in for version 1 rows): a case as any
// later version stores it carries its regime, deadlines and dates.
const v2Case = {
  ...v1Case,
  regime: 'uk-fca-general',
  deadlines: {
    acknowledgeDue: '2026-01-06T23:59:59.999Z',
    finalResponseDue: '2026-03-02T23:59:59.999Z',
    summaryResolutionUntil: '2026-01-08T23:59:59.999Z',
  },
  nextDueAt: '2026-01-06T23:59:59.999Z',
  acknowledgedAt: null,
  closedAt: null,
  open: 1,
};
const caseAsStoredBy = (version: number) => (version === 1 ? v1Case : v2Case);

describe('schema versions', () => {
  it('are declared oldest first, each newer than the last', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(new RedressDB('redress-verno-check').verno).toBe(versions.at(-1));
  });

  it.each(SCHEMA_VERSIONS.map((v) => v.version))(
    'a database made by version %i opens with the current schema, its data and audit chain intact',
    async (version) => {
      const name = `redress-migrate-from-${version}`;
      const old = openAsVersion(name, version);
      const audit = chainAuditEntry(
        {
          at: v1Case.createdAt,
          actor: v1Case.createdBy,
          entity: 'case',
          entityId: v1Case.id,
          caseId: v1Case.id,
          action: 'create',
          changes: [],
        },
        null,
      );
      await old.transaction('rw', old.tables, async () => {
        await old.table('cases').add(caseAsStoredBy(version));
        await old.table('audit').add(audit);
        await old.table('counters').bulkPut([
          { key: 'ref:2026', value: 1 },
          { key: 'cases:total', value: 1 },
          { key: AUDIT_HEAD_KEY, value: 1, hash: audit.hash },
        ]);
      });
      old.close();

      const db = new RedressDB(name);
      await db.open();
      expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
      expect(await db.cases.get('case-1')).toMatchObject(caseAsStoredBy(version));
      expect(await db.cases.where('reference').equals('CMP-2026-000001').count()).toBe(1);
      expect(await caseAuditTrail(db, 'case-1')).toHaveLength(1);
      expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 1 });
      db.close();
      await db.delete();
    },
  );

  it('version 1 → 2 fills in what intake, workflow and deadlines need, and the case is queryable', async () => {
    const name = 'redress-migrate-v1-v2';
    const old = openAsVersion(name, 1);
    await old.table('cases').add(v1Case);
    old.close();
    const db = new RedressDB(name);
    const c = (await db.cases.get('case-1'))!;
    expect(c).toMatchObject({
      complainant: { name: 'Ngũgĩ wa Thiong’o', email: '', preferredContact: 'email', vulnerable: false },
      category: 'Other',
      severity: 'medium',
      severityRank: 2,
      regime: 'uk-fca-general',
      assignee: null,
      assigneeId: '',
      open: 1,
      complainantKey: 'ngugi wa thiong o',
      deadlines: { acknowledgeDue: '2026-01-06T09:00:00.000Z', finalResponseDue: '2026-03-02T09:00:00.000Z' },
      nextDueAt: '2026-01-06T09:00:00.000Z',
    });
    expect(
      await db.cases
        .where('[status+receivedAt+id]')
        .between(['received', Dexie.minKey, Dexie.minKey], ['received', [[]], [[]]])
        .count(),
    ).toBe(1);
    expect((await db.cases.toArray()).filter((c) => c.complainantKey === 'ngugi wa thiong o')).toHaveLength(
      1,
    );
    db.close();
    await db.delete();
  });

  it('version 3 drops the unused createdAt index and keeps every case', async () => {
    const name = 'redress-migrate-v2-v3';
    const old = openAsVersion(name, 1);
    await old.table('cases').add(v1Case);
    old.close();
    const db = new RedressDB(name);
    await db.open();
    expect(Object.keys(db.cases.schema.idxByName)).not.toContain('createdAt');
    expect(Object.keys(db.cases.schema.idxByName)).toContain('[open+nextDueAt+id]');
    expect(await db.cases.count()).toBe(1);
    db.close();
    await db.delete();
  });

  it('version 4 adds the investigation tables, each queryable by case, and keeps every case', async () => {
    const name = 'redress-migrate-v3-v4';
    const old = openAsVersion(name, 3);
    await old.table('cases').add(v2Case);
    old.close();
    const db = new RedressDB(name);
    await db.open();
    expect(await db.cases.count()).toBe(1);
    for (const table of [db.planItems, db.notes, db.interviews, db.enquiries]) {
      expect(Object.keys(table.schema.idxByName)).toContain('[caseId+createdAt]');
    }
    expect(Object.keys(db.evidence.schema.idxByName)).toEqual(
      expect.arrayContaining(['[caseId+addedAt]', 'sha256']),
    );
    await db.notes.add({
      id: 'n1',
      caseId: 'case-1',
      author: v1Case.createdBy,
      createdAt: '2026-01-06T09:00:00.000Z',
      editedAt: null,
      text: 'First note',
      pinned: false,
    });
    expect(
      await db.notes
        .where('[caseId+createdAt]')
        .between(['case-1', Dexie.minKey], ['case-1', Dexie.maxKey])
        .count(),
    ).toBe(1);
    db.close();
    await db.delete();
  });

  it('version 5 adds the letter, communication, resolution and follow-up tables, keeping every case', async () => {
    const name = 'redress-migrate-v3-v5';
    const old = openAsVersion(name, 3);
    await old.table('cases').add(v2Case);
    old.close();
    const db = new RedressDB(name);
    await db.open();
    expect(await db.cases.count()).toBe(1);
    for (const table of [
      'templates',
      'communications',
      'resolutions',
      'consultations',
      'actions',
      'followUps',
    ]) {
      expect(await db.table(table).count()).toBe(0);
    }
    expect(Object.keys(db.communications.schema.idxByName)).toContain('[caseId+direction+at]');
    expect(Object.keys(db.actions.schema.idxByName)).toContain('[ownerId+done+dueAt]');
    db.close();
    await db.delete();
  });

  it('version 6 adds the improvement register and the analytics snapshot, keeping every case', async () => {
    const name = 'redress-migrate-v3-v6';
    const old = openAsVersion(name, 3);
    await old.table('cases').add(v2Case);
    old.close();
    const db = new RedressDB(name);
    await db.open();
    expect(await db.cases.count()).toBe(1);
    expect(Object.keys(db.improvements.schema.idxByName)).toEqual(
      expect.arrayContaining(['status', 'updatedAt', 'caseIds']),
    );
    expect(db.improvements.schema.idxByName.caseIds!.multi).toBe(true);
    await db.analyticsSnapshot.put({ key: 'facts', version: 1, highWater: '', columns: null });
    expect(await db.analyticsSnapshot.count()).toBe(1);
    db.close();
    await db.delete();
  });

  it('version 7 sets informedAt from the latest outbound contact, else receipt, and indexes it', async () => {
    const name = 'redress-migrate-v6-v7';
    const old = openAsVersion(name, 6);
    // As version 6 stored them (open is what the index leads with).
    const told = v2Case;
    const untold = { ...v2Case, id: 'case-2', reference: 'CMP-2026-000002' };
    await old.table('cases').bulkAdd([told, untold]);
    const contact = (id: string, direction: 'in' | 'out', at: string) => ({
      id,
      caseId: 'case-1',
      direction,
      at,
    });
    await old.table('communications').bulkAdd([
      contact('m1', 'out', '2026-01-06T10:00:00.000Z'),
      contact('m2', 'out', '2026-01-20T10:00:00.000Z'),
      // Hearing from the complainant is not telling them anything.
      contact('m3', 'in', '2026-02-01T10:00:00.000Z'),
    ]);
    old.close();
    const db = new RedressDB(name);
    await db.open();
    expect((await db.cases.get('case-1'))!.informedAt).toBe('2026-01-20T10:00:00.000Z');
    expect((await db.cases.get('case-2'))!.informedAt).toBe(v1Case.receivedAt);
    const owed = await db.cases
      .where('[open+informedAt+id]')
      .between([1, Dexie.minKey, Dexie.minKey], [1, '2026-01-10T00:00:00.000Z', Dexie.minKey])
      .primaryKeys();
    expect(owed).toEqual(['case-2']);
    db.close();
    await db.delete();
  });

  it('version 8 gives each contact its letter kind from its template, and each case its response stamps from its log', async () => {
    const name = 'redress-migrate-v7-v8';
    const old = openAsVersion(name, 7);
    // PSD, received Mon 2 Mar 2026: acknowledge by Tue 3 Mar, final response by Mon 23 Mar, or by
    // Wed 22 Apr after a holding reply. Rows as version 7 stored them.
    const psd = {
      ...v2Case,
      receivedAt: '2026-03-02T10:00:00.000Z',
      regime: 'uk-fca-psd',
      deadlines: {
        acknowledgeDue: '2026-03-03T23:59:59.999Z',
        finalResponseDue: '2026-03-23T23:59:59.999Z',
        extendedFinalDue: '2026-04-22T22:59:59.999Z',
      },
      nextDueAt: '2026-03-23T23:59:59.999Z',
      acknowledgedAt: '2026-03-02T15:00:00.000Z',
      status: 'investigating',
    };
    const row = (id: string, over: Record<string, unknown> = {}) => ({
      ...psd,
      id,
      reference: `CMP-2026-${id.padStart(6, '0')}`,
      ...over,
    });
    const closed = { status: 'closed', open: 0, closedAt: '2026-03-20T10:00:00.000Z', nextDueAt: null };
    await old.table('cases').bulkAdd([
      row('1'), // a holding reply (two, in fact) and contacts that meet nothing
      row('2', closed), // closed after its final response, written from the office's own template
      row('3', closed), // closed before letters said what they were: its closure stands as the response
      row('4', { ...closed, status: 'withdrawn' }), // withdrawn: owed nothing, so nothing stands in
      // Closed by a summary resolution, under the FCA's general rules (the route PSD does not have).
      row('5', {
        ...closed,
        closedAt: '2026-03-04T10:00:00.000Z',
        regime: 'uk-fca-general',
        deadlines: {
          acknowledgeDue: '2026-03-03T23:59:59.999Z',
          finalResponseDue: '2026-04-27T22:59:59.999Z',
          summaryResolutionUntil: '2026-03-05T23:59:59.999Z',
        },
      }),
      row('6'), // nothing recorded
      // Marked acknowledged late, though the acknowledgement letter went out the same day.
      row('7', { acknowledgedAt: '2026-03-05T10:00:00.000Z' }),
    ]);
    const template = (key: string, kind: string) => ({ id: `t-${key}`, key, kind, version: 1, name: key });
    await old
      .table('templates')
      .bulkAdd([
        template('acknowledgement', 'acknowledgement'),
        template('holding', 'holding'),
        template('final', 'final'),
        template('summary-resolution', 'summary-resolution'),
        template('request-info', 'request-info'),
        template('our-final', 'final'),
      ]);
    const contact = (
      id: string,
      caseId: string,
      at: string,
      templateKey: string | null,
      direction = 'out',
    ) => ({
      id,
      caseId,
      direction,
      channel: 'letter',
      at,
      subject: 'Your complaint',
      body: 'Text.',
      template: templateKey ? { key: templateKey, version: 1, name: templateKey } : null,
    });
    await old.table('communications').bulkAdd([
      // Stored in an order that is not time order: the earliest still wins.
      contact('m1', '1', '2026-03-21T10:00:00.000Z', 'holding'),
      contact('m2', '1', '2026-03-20T10:00:00.000Z', 'holding'),
      contact('m3', '1', '2026-03-02T15:00:00.000Z', 'acknowledgement'),
      contact('m4', '1', '2026-03-09T10:00:00.000Z', 'request-info'),
      contact('m5', '1', '2026-03-10T10:00:00.000Z', null),
      contact('m6', '1', '2026-03-11T10:00:00.000Z', 'final', 'in'), // inbound: meets nothing
      contact('m7', '1', '2026-03-12T10:00:00.000Z', 'retired-template'),
      contact('m8', '2', '2026-03-19T10:00:00.000Z', 'our-final'),
      contact('m9', '5', '2026-03-04T09:00:00.000Z', 'summary-resolution'),
      contact('m10', '7', '2026-03-02T14:00:00.000Z', 'acknowledgement'),
    ]);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    const kinds = Object.fromEntries((await db.communications.toArray()).map((m) => [m.id, m.kind]));
    expect(kinds).toEqual({
      m1: 'holding-reply',
      m2: 'holding-reply',
      m3: 'acknowledgement',
      m4: 'other',
      m5: 'other',
      m6: 'final-response',
      m7: 'other',
      m8: 'final-response',
      m9: 'summary-resolution',
      m10: 'acknowledgement',
    });
    const stamps = Object.fromEntries(
      (await db.cases.toArray()).map((c) => [
        c.id,
        {
          acknowledgedAt: c.acknowledgedAt,
          holdingReplyAt: c.holdingReplyAt,
          finalResponseAt: c.finalResponseAt,
          summaryResolutionAt: c.summaryResolutionAt,
          nextDueAt: c.nextDueAt,
        },
      ]),
    );
    const ack = '2026-03-02T15:00:00.000Z';
    const none = {
      acknowledgedAt: ack,
      holdingReplyAt: null,
      finalResponseAt: null,
      summaryResolutionAt: null,
    };
    expect(stamps).toEqual({
      // The holding reply made the 35-business-day line the next one due.
      '1': { ...none, holdingReplyAt: '2026-03-20T10:00:00.000Z', nextDueAt: '2026-04-22T22:59:59.999Z' },
      '2': { ...none, finalResponseAt: '2026-03-19T10:00:00.000Z', nextDueAt: null },
      '3': { ...none, finalResponseAt: '2026-03-20T10:00:00.000Z', nextDueAt: null },
      '4': { ...none, nextDueAt: null },
      '5': { ...none, summaryResolutionAt: '2026-03-04T09:00:00.000Z', nextDueAt: null },
      '6': { ...none, nextDueAt: '2026-03-23T23:59:59.999Z' },
      '7': { ...none, acknowledgedAt: '2026-03-02T14:00:00.000Z', nextDueAt: '2026-03-23T23:59:59.999Z' },
    });
    // Every stored next due date is the one the deadline rules give.
    for (const c of await db.cases.toArray()) expect(c.nextDueAt).toBe(nextDeadlineDue(c));
    db.close();
    await db.delete();
  });

  it('version 9 indexes restricted cases sparsely: a case from before is unrestricted and out of it', async () => {
    const name = 'redress-migrate-v8-v9';
    const old = openAsVersion(name, 8);
    await old.table('cases').add(v2Case);
    old.close();
    const db = new RedressDB(name);
    await db.open();
    expect(Object.keys(db.cases.schema.idxByName)).toContain('restrictedKey');
    const c = (await db.cases.get('case-1'))!;
    expect(c.restricted ?? false).toBe(false);
    expect(await db.cases.where('restrictedKey').equals(1).count()).toBe(0);
    // A case marked restricted now is found through the index.
    await db.cases.put({
      ...c,
      id: 'case-2',
      reference: 'CMP-2026-000002',
      restricted: true,
      restrictedKey: 1,
    });
    expect(await db.cases.where('restrictedKey').equals(1).primaryKeys()).toEqual(['case-2']);
    db.close();
    await db.delete();
  });

  it('version 10 converts a format-1 trail to format 2 once, records the former head, and indexes closed cases for retention', async () => {
    const name = 'redress-migrate-v9-v10';
    const old = openAsVersion(name, 9);
    // Entries as format 1 wrote them: the hash covers the payload, old and new values included.
    const v1Entries: AuditEntry[] = [];
    for (const [i, after] of ['Ada Quill', 'Ada Quill-Byrne', 'closed'].entries()) {
      const body = {
        at: `2026-01-0${i + 5}T09:00:00.000Z`,
        actor: v1Case.createdBy,
        entity: 'case',
        entityId: v1Case.id,
        caseId: v1Case.id,
        action: i === 2 ? 'transition' : 'edit',
        changes: [{ field: i === 2 ? 'status' : 'complainant.name', before: null, after }],
        seq: i + 1,
        prevHash: v1Entries.at(-1)?.hash ?? GENESIS_HASH,
      };
      v1Entries.push({ ...body, hash: hashAuditEntry(body) });
    }
    const formerHead = v1Entries.at(-1)!;
    const closedCase = {
      ...v2Case,
      id: 'case-2',
      reference: 'CMP-2026-000002',
      status: 'closed',
      open: 0,
      closedAt: '2026-02-01T09:00:00.000Z',
    };
    await old.transaction('rw', old.tables, async () => {
      await old.table('cases').bulkAdd([v2Case, closedCase]);
      await old.table('audit').bulkAdd(v1Entries);
      await old.table('counters').put({ key: AUDIT_HEAD_KEY, value: formerHead.seq, hash: formerHead.hash });
    });
    expect(verifyAuditChain(v1Entries, { seq: 3, hash: formerHead.hash })).toMatchObject({ ok: true });
    old.close();

    const db = new RedressDB(name);
    await db.open();
    const trail = await db.audit.orderBy('seq').toArray();
    // Same content and order, each now with a salted payload commitment, plus the conversion's own entry.
    expect(trail.slice(0, 3).map((e) => [e.seq, e.changes, e.action])).toEqual(
      v1Entries.map((e) => [e.seq, e.changes, e.action]),
    );
    expect(trail.slice(0, 3).every((e) => /^[0-9a-f]{64}$/.test(e.payloadHash ?? ''))).toBe(true);
    expect(trail[3]).toMatchObject({
      seq: 4,
      action: 'audit-format',
      actor: SYSTEM_ACTOR,
      caseId: null,
      changes: [
        { field: 'headHash', before: formerHead.hash, after: trail[2]!.hash },
        { field: 'headSeq', before: 3, after: 3 },
        { field: 'converted', before: null, after: 3 },
      ],
    });
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 4 });
    // Now a payload can be erased and the chain still verifies (once accounted for).
    const erased = eraseAuditPayload(trail[0]!, { at: '2026-12-01T00:00:00.000Z', recordId: 'd1' });
    const accounting = chainAuditEntry(
      {
        at: '2026-12-01T00:00:00.000Z',
        actor: SYSTEM_ACTOR,
        entity: 'case',
        entityId: v1Case.id,
        caseId: v1Case.id,
        action: 'dispose-erasure',
        changes: [],
        erases: [1],
      },
      { seq: 4, hash: trail[3]!.hash },
    );
    await db.audit.bulkPut([erased, accounting]);
    await db.counters.put({ key: AUDIT_HEAD_KEY, value: 5, hash: accounting.hash });
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 5 });
    // Closed cases enter the retention index; open ones stay out of it.
    expect(await db.cases.get('case-2')).toMatchObject({ retentionFrom: '2026-02-01T09:00:00.000Z' });
    expect(
      await db.cases
        .where('[regime+retentionFrom+id]')
        .between(['uk-fca-general', ''], ['uk-fca-general', '\uffff'])
        .primaryKeys(),
    ).toEqual(['case-2']);
    expect(Object.keys(db.disposals.schema.idxByName)).toContain('[at+id]');
    db.close();
    await db.delete();
  });

  it('version 11 indexes every case by its complainant’s name, e-mail, phone and account, and an anonymised case by nothing', async () => {
    const name = 'redress-migrate-v10-v11';
    const old = openAsVersion(name, 10);
    const withContact = {
      ...v2Case,
      id: 'case-3',
      reference: 'CMP-2026-000003',
      complainant: { name: 'Zoë Đặng', email: ' Zoe.Dang@Example.org ', phone: '+44 7700 900123' },
      accountRef: '40-30-20 11223344',
    };
    const anonymised = {
      ...withContact,
      id: 'case-4',
      reference: 'CMP-2026-000004',
      anonymised: { at: '2026-06-01T00:00:00.000Z', recordId: 'd1' },
    };
    // A version 1 row: a name and nothing else.
    await old.table('cases').bulkAdd([v1Case, withContact, anonymised]);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    expect((await db.cases.get('case-1'))!.personKeys).toEqual(['n:ngugi wa thiong o']);
    expect((await db.cases.get('case-3'))!.personKeys).toEqual([
      'n:zoe dang',
      'e:zoe.dang@example.org',
      'p:700900123',
      'a:403020112233' + '44',
    ]);
    expect((await db.cases.get('case-4'))!.personKeys).toEqual([]);
    // The same person typed another way is found through the index.
    expect(
      await db.cases.where('personKeys').anyOf(['p:700900123', 'n:zoe dang']).distinct().primaryKeys(),
    ).toEqual(['case-3']);
    db.close();
    await db.delete();
  });

  it('version 13 indexes imported cases by their external reference, and the cases before it by nothing', async () => {
    const name = 'redress-migrate-v11-v13';
    const old = openAsVersion(name, 11);
    await old.table('cases').add(v2Case);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    await db.cases.add({
      ...v2Case,
      id: 'case-5',
      reference: 'CMP-2026-000005',
      externalRef: 'LEG-77',
    } as never);
    expect(await db.cases.where('externalRef').equals('LEG-77').primaryKeys()).toEqual(['case-5']);
    // The sparse index lists the imported case alone.
    expect(await db.cases.orderBy('externalRef').primaryKeys()).toEqual(['case-5']);
    expect(await db.cases.count()).toBe(2);
    db.close();
    await db.delete();
  });

  it('version 14 indexes each open case’s person keys with its receipt, newest first, and a closed case by none', async () => {
    const name = 'redress-migrate-v13-v14';
    const old = openAsVersion(name, 13);
    const person = { personKeys: ['n:zoe dang', 'p:700900123'] };
    await old.table('cases').bulkAdd([
      { ...v2Case, ...person },
      {
        ...v2Case,
        ...person,
        id: 'case-6',
        reference: 'CMP-2026-000006',
        receivedAt: '2026-02-01T09:00:00.000Z',
      },
      { ...v2Case, ...person, id: 'case-7', reference: 'CMP-2026-000007', status: 'closed', open: 0 },
    ]);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    expect((await db.cases.get('case-1'))!.openPersonKeys).toEqual([
      'n:zoe dang\u00012026-01-05T09:00:00.000Z',
      'p:700900123\u00012026-01-05T09:00:00.000Z',
    ]);
    expect((await db.cases.get('case-7'))!.openPersonKeys).toBeUndefined();
    const phone = openPersonKeyRange('p:700900123', '2026-01-01T00:00:00.000Z');
    expect(
      await db.cases
        .where('openPersonKeys')
        .between(...phone, true, true)
        .reverse()
        .primaryKeys(),
    ).toEqual(['case-6', 'case-1']);
    db.close();
    await db.delete();
  });

  // Cases as version 14 stored them: answered or not, with redress paid on some, more than a page.
  const v14Cases = Array.from({ length: 2503 }, (_, i) => ({
    ...v2Case,
    id: `case-${String(i).padStart(5, '0')}`,
    reference: `CMP-2026-${String(i + 1).padStart(6, '0')}`,
    receivedAt: new Date(Date.UTC(2025, 6, 1) + i * 3_600_000).toISOString(),
    status: i % 3 ? 'closed' : 'investigating',
    finding: i % 3 ? 'upheld' : null,
    finalResponseAt: i % 3 ? new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString() : null,
    summaryResolutionAt: null,
    returnData:
      i % 5 === 0
        ? {
            productId: 'credit-card',
            causeId: 'fees-charges',
            reportable: true,
            redress: [
              { type: 'refund', amount: 12.5, currency: 'GBP', paidOn: '2026-02-03' },
              { type: 'goodwill', amount: 20, currency: 'GBP', paidOn: '2026-02-03' },
            ],
          }
        : undefined,
  }));

  it('a database from before version 15 gets every case its return fact, found by when it can count and when redress was paid', async () => {
    const name = 'redress-migrate-v14-v15';
    const old = openAsVersion(name, 14);
    await old.table('cases').bulkAdd(v14Cases);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    expect(await db.returnFacts.count()).toBe(v14Cases.length);
    for (const c of [v14Cases[0]!, v14Cases[1]!, v14Cases[2500]!])
      expect(await storedFact(db, c.id)).toEqual(returnFactOf(c as never));
    expect(await db.returnFacts.get('case-00001')).toMatchObject({
      countsFrom: v14Cases[1]!.finalResponseAt,
      paidOn: [],
    });
    // Unanswered (the [countsFrom+id] index this counted by is gone since version 24).
    expect(await db.returnFacts.filter((f) => f.countsFrom === '').count()).toBe(835);
    expect(await db.returnFacts.where('paidOn').equals('2026-02-03').count()).toBe(501);
    // A case written after the upgrade keeps its fact in step.
    await db.cases.update('case-00000', { finalResponseAt: '2026-03-01T10:00:00.000Z' });
    expect((await db.returnFacts.get('case-00000'))!.countsFrom).toBe('2026-03-01T10:00:00.000Z');
    db.close();
    await db.delete();
  });

  it('version 17 writes the return facts of version 16 again, each with when it can count from', async () => {
    const name = 'redress-migrate-v16-v17';
    const old = openAsVersion(name, 16);
    const [answered, open] = [v14Cases[1]!, v14Cases[0]!];
    // Answered before it was received (a legacy import's dates): it counts from its receipt.
    const legacy = {
      ...answered,
      id: 'case-legacy',
      reference: 'CMP-2025-000099',
      finalResponseAt: '2025-06-01T10:00:00.000Z',
    };
    await old.table('cases').bulkAdd([answered, open, legacy]);
    await old
      .table('returnFacts')
      .bulkAdd(
        [answered, open, legacy].map((c) => ({ ...c, answeredAt: c.finalResponseAt ?? '', paidOn: [] })),
      );
    old.close();

    const db = new RedressDB(name);
    await db.open();
    for (const c of [answered, open, legacy])
      expect(await storedFact(db, c.id)).toEqual(returnFactOf(c as never));
    expect(await db.returnFacts.get('case-legacy')).not.toHaveProperty('answeredAt');
    // Answered, each from the later of its answer and its receipt.
    expect(
      (await db.returnFacts.toArray())
        .filter((f) => f.countsFrom >= answered.receivedAt)
        .sort((a, b) => a.countsFrom.localeCompare(b.countsFrom) || a.id.localeCompare(b.id))
        .map((f) => f.id),
    ).toEqual(['case-legacy', answered.id]);
    db.close();
    await db.delete();
  });

  it('versions 18 and 20 gather the return facts of version 17 into packs, and keep them with each write after', async () => {
    const name = 'redress-migrate-v17-v18';
    const old = openAsVersion(name, 17);
    await old.table('cases').bulkAdd(v14Cases);
    await old.table('returnFacts').bulkAdd(v14Cases.map((c) => returnFactOf(c as never)));
    old.close();

    const db = new RedressDB(name);
    await db.open();
    const { stored, recomputed } = await returnFactPacksAndRecomputed(db);
    expect(stored).toEqual(recomputed);
    // Unanswered cases by the day received (every third, hourly: 8 on the first day), the others
    // by the day they count from.
    const firstDay = async () =>
      (await db.returnFactPacks.get(packKey('0|2025-07-01', 0)))!.facts.map((f) => f.id);
    expect(await firstDay()).toHaveLength(8);
    expect(await firstDay()).toContain('case-00000');
    expect(stored.reduce((n, [, facts]) => n + facts.length, 0)).toBe(v14Cases.length);
    await db.cases.update('case-00000', { finalResponseAt: '2026-03-01T10:00:00.000Z' });
    expect(await firstDay()).toHaveLength(7);
    expect(await firstDay()).not.toContain('case-00000');
    expect((await db.returnFactPacks.get(packKey('1|2026-03-01', 0)))?.facts.map((f) => f.id)).toContain(
      'case-00000',
    );
    const after = await returnFactPacksAndRecomputed(db);
    expect(after.stored).toEqual(after.recomputed);
    db.close();
    await db.delete();
  }, 60_000);

  it('version 25 ends a complaint withdrawn before it was answered on its withdrawal, in its fact and its pack', async () => {
    const name = 'redress-migrate-v24-v25';
    const old = openAsVersion(name, 24);
    const withdrawn = {
      ...v14Cases[0]!,
      id: 'case-withdrawn',
      status: 'withdrawn',
      open: 0,
      closedAt: '2026-02-10T09:00:00.000Z',
    };
    const stillOpen = { ...v14Cases[3]!, closedAt: null };
    // As version 24 kept their facts: without closedAt, so the withdrawn one never ended.
    const asV24 = [withdrawn, stillOpen].map((c) => {
      const { closedAt: _, ...fact } = returnFactOf(c as never);
      return { ...fact, countsFrom: '' };
    });
    const { packs, placed } = packsOf(asV24);
    await old.table('cases').bulkAdd([withdrawn, stillOpen]);
    await old.table('returnFacts').bulkAdd(placed);
    await old.table('returnFactPacks').bulkAdd(packs);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    for (const c of [withdrawn, stillOpen])
      expect(await storedFact(db, c.id)).toEqual(returnFactOf(c as never));
    expect((await db.returnFacts.get('case-withdrawn'))!.countsFrom).toBe('2026-02-10T09:00:00.000Z');
    const { stored, recomputed } = await returnFactPacksAndRecomputed(db);
    expect(stored).toEqual(recomputed);
    expect((await db.returnFactPacks.get(packKey('1|2026-02-10', 0)))!.facts.map((f) => f.id)).toEqual([
      'case-withdrawn',
    ]);
    db.close();
    await db.delete();
  });

  it('a backup made by version 14 restores with a return fact for every case', async () => {
    const name = 'redress-backup-v14';
    const old = openAsVersion(name, 14);
    await old.table('cases').bulkAdd(v14Cases.slice(0, 40));
    const exported = await exportDatabase(old as RedressDB);
    old.close();
    await Dexie.delete(name);

    const target = 'redress-restored-from-v14';
    await importDatabase(target, exported.bytes);
    const db = new RedressDB(target);
    expect(await db.returnFacts.count()).toBe(40);
    expect(await storedFact(db, 'case-00005')).toEqual(returnFactOf(v14Cases[5] as never));
    // And a backup made now leaves the facts out: they are written again with each case restored.
    const again = await exportDatabase(db);
    expect(again.counts).not.toHaveProperty('returnFacts');
    db.close();
    await db.delete();
  });

  it('version 16 adds the team outbox, sync state and conflicts empty: a desk stays single-desk and sends nothing', async () => {
    const name = 'redress-migrate-v15-v16';
    const old = openAsVersion(name, 15);
    await old.table('cases').add(v2Case);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    expect([await db.outbox.count(), await db.syncState.count(), await db.conflicts.count()]).toEqual([
      0, 0, 0,
    ]);
    // A write after the upgrade is not recorded until team mode is switched on.
    await db.cases.update('case-1', { rootCause: 'Billing run' });
    expect(await db.outbox.count()).toBe(0);
    await db.syncState.put({ key: 'team-mode', on: true });
    await db.cases.update('case-1', { rootCause: 'Billing run charged twice' });
    const [entry] = await db.outbox.where('[kind+id]').equals(['cases', 'case-1']).toArray();
    expect(entry!.fields).toEqual({
      rootCause: { before: 'Billing run', after: 'Billing run charged twice' },
    });
    await db.conflicts.put({
      id: 'k-1',
      kind: 'cases',
      recordId: 'case-1',
      caseId: 'case-1',
      reason: 'field',
      fields: [],
      change: {},
      serverVersion: 2,
      serverData: null,
      at: '2026-12-01T10:00:00.000Z',
    });
    expect(await db.conflicts.where('caseId').equals('case-1').count()).toBe(1);
    db.close();
    await db.delete();
  });

  it('version 19 drops the trail’s unread caseId and at indexes: the chain, each case’s trail and a new entry are as before', async () => {
    const name = 'redress-migrate-v18-v19';
    const old = openAsVersion(name, 18);
    const drafts = [
      { caseId: 'case-1', action: 'create', at: '2026-03-01T09:00:00.000Z' },
      { caseId: 'case-2', action: 'create', at: '2026-03-01T09:05:00.000Z' },
      { caseId: 'case-1', action: 'note-add', at: '2026-03-02T11:30:00.000Z' },
      { caseId: null, action: 'settings-update', at: '2026-03-03T08:00:00.000Z' },
    ];
    const entries: AuditEntry[] = [];
    for (const d of drafts)
      entries.push(
        chainAuditEntry(
          {
            at: d.at,
            actor: { id: 'u1', name: 'Ngũgĩ wa Thiong’o' },
            entity: d.caseId ? 'case' : 'settings',
            entityId: d.caseId ?? 'office',
            caseId: d.caseId,
            action: d.action,
            changes: [{ field: 'status', before: null, after: 'received' }],
          },
          entries.at(-1) ?? null,
        ),
      );
    await old.table('audit').bulkAdd(entries);
    await old.table('counters').put({ key: AUDIT_HEAD_KEY, value: 4, hash: entries.at(-1)!.hash });
    old.close();

    const db = new RedressDB(name);
    await db.open();
    expect(Object.keys(db.audit.schema.idxByName).sort()).toEqual(['[caseId+seq]']);
    expect(await db.audit.toArray()).toEqual(entries);
    expect((await caseAuditTrail(db, 'case-1')).map((e) => e.seq)).toEqual([1, 3]);
    expect(await verifyStoredAuditChain(db)).toMatchObject({ ok: true, count: 4 });
    db.close();
    await db.delete();
  });

  it('version 21 drops the complainant and account key indexes no read used, and keeps every case with its keys', async () => {
    const name = 'redress-migrate-v20-v21';
    const old = openAsVersion(name, 20);
    await old
      .table('cases')
      .bulkAdd(
        v14Cases.slice(0, 50).map((c) => ({ ...c, complainantKey: 'dang thi mai', accountKey: '4929 0001' })),
      );
    expect(Object.keys(old.table('cases').schema.idxByName)).toContain('complainantKey');
    old.close();

    const db = new RedressDB(name);
    await db.open();
    const indexes = Object.keys(db.cases.schema.idxByName);
    expect(indexes).not.toContain('complainantKey');
    expect(indexes).not.toContain('accountKey');
    expect(indexes).toEqual(
      expect.arrayContaining(['[receivedAt+id]', 'personKeys', 'externalRef', 'openPersonKeys']),
    );
    expect(await db.cases.count()).toBe(50);
    expect(await db.cases.get('case-00007')).toMatchObject({
      complainantKey: 'dang thi mai',
      accountKey: '4929 0001',
    });
    db.close();
    await db.delete();
  });

  it('version 23 adds the trail packs, empty; the trail stays in rows, and a backup with packs restores them', async () => {
    const name = 'redress-migrate-v22-v23';
    const old = openAsVersion(name, 22);
    let link: { seq: number; hash: string } | null = null;
    const entries: AuditEntry[] = [];
    for (let i = 0; i < 6; i += 1) {
      const entry = chainAuditEntry(
        {
          at: `2026-11-0${i + 1}T09:00:00.000Z`,
          actor: { id: 'u1', name: 'Zoë Ølstad' },
          entity: 'case',
          entityId: 'case-1',
          caseId: 'case-1',
          action: 'update',
          changes: [{ field: 'rootCause', before: i ? `cause ${i - 1}` : null, after: `cause ${i}` }],
        },
        link,
      );
      entries.push(entry);
      link = { seq: entry.seq, hash: entry.hash };
    }
    await old.table('audit').bulkAdd(entries.slice(0, 3));
    await old.table('counters').put({ key: AUDIT_HEAD_KEY, value: 3, hash: entries[2]!.hash });
    old.close();

    const db = new RedressDB(name);
    await db.open();
    expect(await db.auditPacks.count()).toBe(0);
    expect(await db.audit.count()).toBe(3);
    expect((await verifyStoredAuditChain(db)).ok).toBe(true);
    // A joined desk's entries, packed after the rows, go into a backup and come back from it.
    await db.auditPacks.add({ seq: 4, last: 6, caseIds: ['case-1'], entries: entries.slice(3) });
    await db.counters.put({ key: AUDIT_HEAD_KEY, value: 6, hash: entries[5]!.hash });
    const exported = await exportDatabase(db);
    expect(exported.counts).toMatchObject({ audit: 3, auditPacks: 1 });
    db.close();
    await db.delete();
    const target = 'redress-restored-with-packs';
    await importDatabase(target, exported.bytes);
    const restored = new RedressDB(target);
    expect(await caseAuditTrail(restored, 'case-1')).toEqual(entries);
    expect(await verifyStoredAuditChain(restored)).toMatchObject({ ok: true, count: 6 });
    restored.close();
    await restored.delete();
  });

  it('version 24 drops the facts’ [countsFrom+id] index, and an import left owed before it settles', async () => {
    const name = 'redress-migrate-v23-v24';
    const old = openAsVersion(name, 23);
    // An import's batches stopped before settling, under version 23: the cases, owed, no facts.
    const cases = v14Cases.slice(0, 40);
    await old.table('cases').bulkAdd(cases);
    await old
      .table('returnFactsOwed')
      .add({ cases: cases.map((c) => [c.id, factPackDay(returnFactOf(c as never))]) });
    old.close();

    const db = new RedressDB(name);
    await db.open();
    expect(db.returnFacts.schema.indexes.map((i) => i.name)).toEqual(['paidOn']);
    expect(await settleReturnFacts(db)).toBe(40);
    expect(await db.returnFactsOwed.count()).toBe(0);
    const { stored, recomputed } = await returnFactPacksAndRecomputed(db);
    expect(stored).toEqual(recomputed);
    expect(await db.returnFacts.count()).toBe(40);
    expect(await db.returnFacts.where('paidOn').equals('2026-02-03').primaryKeys()).toEqual(
      cases.filter((c) => c.returnData).map((c) => c.id),
    );
    db.close();
    await db.delete();
  });

  it('version 22 adds the owed return facts, empty, and keeps every case', async () => {
    const name = 'redress-migrate-v21-v22';
    const old = openAsVersion(name, 21);
    const cases = v14Cases.slice(0, 20);
    await old.table('cases').bulkAdd(cases);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    expect(db.returnFactsOwed.schema.primKey.auto).toBe(true);
    expect(await db.returnFactsOwed.count()).toBe(0);
    // Nothing is owed from before: nothing to settle, every case kept.
    expect(await settleReturnFacts(db)).toBe(0);
    expect(await db.cases.count()).toBe(20);
    db.close();
    await db.delete();
  });

  it('version 20 splits a day’s return fact pack into numbered packs of a bounded size, each fact naming its pack', async () => {
    const name = 'redress-migrate-v19-v20';
    const old = openAsVersion(name, 19);
    // A legacy import stamped with its migration date: 450 cases received on one day, unanswered,
    // beside a few answered ones on other days (v14Cases from 1 July 2025, hourly).
    const migrated = Array.from({ length: 450 }, (_, i) => ({
      ...v14Cases[0]!,
      id: `legacy-${String(i).padStart(4, '0')}`,
      reference: `OLD-${String(i + 1).padStart(5, '0')}`,
      receivedAt: '2024-02-01T00:00:00.000Z',
    }));
    const others = v14Cases.slice(1, 30);
    const cases = [...migrated, ...others];
    await old.table('cases').bulkAdd(cases);
    const facts = cases.map((c) => returnFactOf(c as never));
    await old.table('returnFacts').bulkAdd(facts);
    // Version 19's packs: one row per day, however many facts the day has.
    const days = new Map<string, typeof facts>();
    for (const f of facts) {
      const day = (f.countsFrom === '' ? '0|' + f.receivedAt : '1|' + f.countsFrom).slice(0, 12);
      days.set(day, [...(days.get(day) ?? []), f]);
    }
    await old.table('returnFactPacks').bulkAdd([...days].map(([key, list]) => ({ key, facts: list })));
    expect((await old.table('returnFactPacks').get('0|2024-02-01')).facts).toHaveLength(450);
    old.close();

    const db = new RedressDB(name);
    await db.open();
    // Every fact in exactly one pack of its day, none over the bound, each naming its pack.
    const { stored, recomputed } = await returnFactPacksAndRecomputed(db);
    expect(stored).toEqual(recomputed);
    expect(await db.returnFactPacks.get('0|2024-02-01')).toBeUndefined();
    const legacyDay = await db.returnFactPacks.where('key').startsWith('0|2024-02-01#').toArray();
    expect(legacyDay.map((p) => [p.key, p.facts.length])).toEqual([
      [packKey('0|2024-02-01', 0), FACTS_PER_PACK],
      [packKey('0|2024-02-01', 1), FACTS_PER_PACK],
      [packKey('0|2024-02-01', 2), 450 - 2 * FACTS_PER_PACK],
    ]);
    expect((await db.returnFacts.get('legacy-0000'))?.pack).toBe(packKey('0|2024-02-01', 0));
    expect((await db.returnFacts.get('legacy-0449'))?.pack).toBe(packKey('0|2024-02-01', 2));

    // Written after: a case of that day answered leaves its pack; a new one goes in the last pack.
    await db.cases.update('legacy-0000', { finalResponseAt: '2024-03-01T10:00:00.000Z' });
    await db.cases.add({ ...migrated[0]!, id: 'legacy-0450', reference: 'OLD-00451' } as never);
    const after = await returnFactPacksAndRecomputed(db);
    expect(after.stored).toEqual(after.recomputed);
    expect((await db.returnFactPacks.get(packKey('0|2024-02-01', 0)))!.facts).toHaveLength(
      FACTS_PER_PACK - 1,
    );
    expect((await db.returnFacts.get('legacy-0450'))?.pack).toBe(packKey('0|2024-02-01', 2));
    expect((await db.returnFacts.get('legacy-0000'))?.pack).toBe(packKey('1|2024-03-01', 0));
    db.close();
    await db.delete();
  });
});
