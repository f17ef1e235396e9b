import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { META_KEY, SearchService, type IndexMeta } from '../../../../src-renderer/search/search-service';
import { setCaseRestricted } from '../../../../src-renderer/db/restricted';
import type { ActingPerson } from '../../../../src-shared/domain/permissions';
import { ADA, IAN, PRIYA, SAM, plantRestricted } from '../db/restricted-cases';
import { freshDb, MANAGER } from '../db/test-db';
import { caseRow } from './case-rows';
import { interviewPeople } from '../../../../src-renderer/search/case-people';
import { caseToSearchDoc } from '../../../../src-renderer/search/search-doc';
import { emptyInterview, type InterviewRecord } from '../../../../src-shared/domain/investigation';

let db: RedressDB;
const services: SearchService[] = [];
const quiet = { onError: () => undefined };
const start = (options = {}) => {
  const service = new SearchService(db, { persistDelayMs: 10, ...quiet, ...options });
  services.push(service);
  return service;
};
const ids = async (service: SearchService, query: string) =>
  (await service.search(query, MANAGER, 50)).map((h) => h.id);
const meta = async () => {
  const row = await db.searchIndex.get(META_KEY);
  return row ? (JSON.parse(row.data) as IndexMeta) : undefined;
};
const until = async (check: () => Promise<boolean>) => {
  for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await check()).toBe(true);
};

beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  for (const s of services.splice(0)) s.dispose();
  db.close();
  await db.delete();
});

describe('SearchService', () => {
  it('builds the index on first load when none is saved, page by page, and saves it', async () => {
    await db.cases.bulkPut(Array.from({ length: 25 }, (_, i) => caseRow(i + 1)));
    const progress: [number, number][] = [];
    const service = start({ pageSize: 10 });

    const summary = await service.load(({ done, total }) => progress.push([done, total]));

    expect(summary).toEqual({ source: 'rebuilt', count: 25, caughtUp: 0 });
    expect(progress).toEqual([
      [0, 25],
      [10, 25],
      [20, 25],
      [25, 25],
    ]);
    expect(await meta()).toEqual({ indexedUpTo: caseRow(25).updatedAt, count: 25 });
    expect((await ids(service, 'CMP-2026-000007'))[0]).toBe('case-0007');
  });

  it('starts empty on an empty database', async () => {
    const service = start();
    expect(await service.load()).toEqual({ source: 'rebuilt', count: 0, caughtUp: 0 });
    expect(await service.search('anything', MANAGER, 10)).toEqual([]);
    expect(await meta()).toEqual({ indexedUpTo: null, count: 0 });
  });

  it('reads the saved index back and catches up with cases changed after it was saved', async () => {
    await db.cases.bulkPut(Array.from({ length: 12 }, (_, i) => caseRow(i + 1)));
    await start().load();

    // Written while the index was not told (a crash between the case write and the index save).
    await db.cases.put(caseRow(13, { description: 'Pension transfer delayed.' }));
    await db.cases.put(
      caseRow(2, { description: 'Mortgage holiday refused.', updatedAt: '2026-06-01T00:00:00.000Z' }),
    );

    const later = start();
    const summary = await later.load();
    expect(summary).toEqual({ source: 'saved', count: 13, caughtUp: 2 });
    expect(await ids(later, 'pension')).toEqual(['case-0013']);
    expect(await ids(later, 'mortgage')).toEqual(['case-0002']);
    expect(await ids(later, 'charged')).not.toContain('case-0002');

    // Saved again after the catch-up: a third start has nothing to redo.
    await later.flush();
    expect((await meta())?.indexedUpTo).toBe('2026-06-01T00:00:00.000Z');
    expect(await start().load()).toEqual({ source: 'saved', count: 13, caughtUp: 0 });
  });

  it('indexes and removes cases on request and saves after a quiet moment', async () => {
    const service = start();
    await service.load();
    const row = caseRow(1, { description: 'Card declined abroad.', updatedAt: '2026-03-01T10:00:00.000Z' });
    await db.cases.put(row);
    await service.upsert([
      {
        id: row.id,
        reference: row.reference,
        name: 'Zoë',
        description: row.description,
        updatedAt: row.updatedAt,
      },
    ]);
    expect(await ids(service, 'declined')).toEqual([row.id]);
    await until(async () => (await meta())?.count === 1);
    expect((await meta())?.indexedUpTo).toBe('2026-03-01T10:00:00.000Z');

    await db.cases.delete(row.id);
    await service.remove([row.id]);
    expect(await ids(service, 'declined')).toEqual([]);
    await until(async () => (await meta())?.count === 0);
  });

  it('waits for the flush while an import says more batches follow, then saves once', async () => {
    const service = start({ bulkQuietMs: 10_000_000 });
    await service.load();
    for (const n of [1, 2, 3]) {
      const row = caseRow(n, { description: `Imported complaint ${n} — “direct debit” missed.` });
      await db.cases.put(row);
      await service.upsert([caseToSearchDoc(row)], true);
      // Longer than the usual quiet moment (10 ms here): an ordinary upsert would be saved by now.
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(await ids(service, 'debit')).toHaveLength(3);
    expect((await meta())?.count ?? 0).toBe(0);
    // The importer's flush after its last batch saves the whole index at once.
    await service.flush();
    expect((await meta())?.count).toBe(3);

    // Without the flush (the window closed mid-import), the long quiet still saves it.
    const fallback = start({ bulkQuietMs: 50 });
    await fallback.load();
    const row = caseRow(4, { description: 'Imported complaint 4.' });
    await db.cases.put(row);
    await fallback.upsert([caseToSearchDoc(row)], true);
    await until(async () => (await meta())?.count === 4);
  });

  it('spaces its saves by what the last one cost, so a stream of changes is not saved after each', async () => {
    await db.cases.bulkPut([caseRow(1), caseRow(2)]);
    // Saves ten million times as long as the last one took apart: none follows the load's save.
    const service = start({ saveSpacing: 10_000_000 });
    await service.load();
    expect((await meta())?.count).toBe(2);
    for (const n of [3, 4, 5]) {
      const row = caseRow(n, { description: `Standing order ${n} missed.` });
      await db.cases.put(row);
      await service.upsert([caseToSearchDoc(row)]);
      await new Promise((r) => setTimeout(r, 30));
    }
    expect(await ids(service, 'standing')).toHaveLength(3);
    expect((await meta())?.count).toBe(2);
    // Nothing is lost meanwhile: a new start catches up with the cases the saved index lacks…
    const reader = start({ persistDelayMs: 10_000_000 });
    expect(await reader.load()).toMatchObject({ source: 'saved', count: 5, caughtUp: 3 });
    expect((await meta())?.count).toBe(2);
    // …and a flush (the app closing) saves at once.
    await service.flush();
    expect((await meta())?.count).toBe(5);
  });

  it('does not rewrite the saved index when a case is re-saved with the same text', async () => {
    await db.cases.bulkPut([caseRow(1), caseRow(2)]);
    const service = start();
    await service.load();
    const before = await db.searchIndex.get(META_KEY);
    const touched = caseRow(1, { updatedAt: '2026-05-01T00:00:00.000Z' });
    await db.cases.put(touched);
    await service.upsert([
      {
        id: touched.id,
        reference: touched.reference,
        name: touched.complainant.name,
        description: touched.description,
        updatedAt: touched.updatedAt,
      },
    ]);
    await new Promise((r) => setTimeout(r, 50));
    expect(await db.searchIndex.get(META_KEY)).toEqual(before);
    // The next start re-reads it cheaply (its text is unchanged) and moves the mark on.
    const later = start();
    expect(await later.load()).toMatchObject({ source: 'saved', caughtUp: 1 });
  });

  it('answers from the index alone; a case deleted behind its back goes once the caller reports it', async () => {
    await db.cases.bulkPut([caseRow(1), caseRow(3)]);
    const service = start();
    await service.load();
    await db.cases.delete('case-0001');
    expect(await ids(service, 'zoe')).toEqual(['case-0003', 'case-0001']);
    await service.remove(['case-0001']);
    expect(await ids(service, 'zoe')).toEqual(['case-0003']);
    expect(service.index.has('case-0001')).toBe(false);
  });

  it('picks up a case changed without an upsert (an assignment) at the next search', async () => {
    await db.cases.bulkPut([caseRow(1), caseRow(2)]);
    const service = start();
    await service.load();
    expect(await ids(service, 'severine')).toEqual([]);
    await db.cases.put(
      caseRow(2, {
        assignee: { id: 'u7', name: 'Séverine Brûlé' },
        updatedAt: '2026-02-01T00:00:00.000Z',
      }),
    );
    expect(await service.search('severine', MANAGER, 50)).toEqual([{ id: 'case-0002', fields: ['staff'] }]);
  });

  it('rebuilds when the saved index cannot be read', async () => {
    await db.cases.bulkPut([caseRow(1), caseRow(2)]);
    await start().load();
    await db.searchIndex.put({ key: 'search:cases', data: '{not json' });
    const errors: unknown[] = [];
    const later = start({ onError: (e: unknown) => errors.push(e) });
    expect(await later.load()).toEqual({ source: 'rebuilt', count: 2, caughtUp: 0 });
    expect(errors).toHaveLength(1);
    expect(await ids(later, 'priya')).toEqual(['case-0002']);
  });

  it('never saves a half-built index, so an interrupted rebuild is redone', async () => {
    await db.cases.bulkPut(Array.from({ length: 6 }, (_, i) => caseRow(i + 1)));
    await start().load();
    expect(await meta()).toBeDefined();

    let pages = 0;
    const failing = start({
      pageSize: 2,
      loadNotes: async () => {
        pages += 1;
        if (pages === 2) throw new Error('disk gone');
        return new Map<string, string>();
      },
    });
    await failing.load();
    await expect(failing.rebuild()).rejects.toThrow('disk gone');
    expect(await meta()).toBeUndefined();
    await failing.upsert([
      {
        id: 'x',
        reference: 'CMP-2026-999999',
        name: 'X',
        description: 'y',
        updatedAt: '2026-09-01T00:00:00.000Z',
      },
    ]);
    await failing.flush();
    expect(await meta()).toBeUndefined();

    expect(await start().load()).toEqual({ source: 'rebuilt', count: 6, caughtUp: 0 });
  });

  it('indexes notes from the notes loader', async () => {
    await db.cases.bulkPut([caseRow(1), caseRow(2)]);
    const notes = new Map([['case-0002', 'Called the ombudsman.']]);
    const service = start({
      loadNotes: async (_db: RedressDB, caseIds: readonly string[]) =>
        new Map(caseIds.filter((id) => notes.has(id)).map((id) => [id, notes.get(id)!])),
    });
    await service.load();
    expect(await service.search('ombudsman', MANAGER, 5)).toEqual([{ id: 'case-0002', fields: ['notes'] }]);

    notes.set('case-0001', 'Ombudsman wrote back.');
    const row = caseRow(1, { updatedAt: '2026-04-01T00:00:00.000Z' });
    await db.cases.put(row);
    await service.upsert([
      {
        id: row.id,
        reference: row.reference,
        name: row.complainant.name,
        description: row.description,
        updatedAt: row.updatedAt,
      },
    ]);
    expect((await ids(service, 'ombudsman')).sort()).toEqual(['case-0001', 'case-0002']);
  });
});

describe('SearchService for a person', () => {
  it('finds only the cases the searcher may see, still filling the limit', async () => {
    const planted = await plantRestricted(db);
    const service = start();
    await service.load();
    const found = async (viewer: ActingPerson, limit = 50) =>
      (await service.search('branch manager', viewer, limit)).map((h) => h.id).sort();
    const priyaSees = [...planted.open, planted.escalatedToPriya, planted.priyasOwn].map((c) => c.id);
    expect(await found(PRIYA)).toEqual(priyaSees.sort());
    expect(await found(MANAGER)).toEqual(planted.all.map((c) => c.id).sort());
    expect(await found(IAN)).toEqual(planted.open.map((c) => c.id).sort());
    expect(await found(ADA)).toEqual([]);
    // The cases hidden from her take no place in the limit: six asked for, six of hers found.
    expect(await found(PRIYA, 6)).toHaveLength(6);
  });

  it('finds a restricted case by its phone, account or transaction reference only for those who may see it', async () => {
    const planted = await plantRestricted(db);
    const secret = planted.othersRestricted;
    await db.cases.put({
      ...secret,
      complainant: { ...secret.complainant, phone: '+44 7700 900555' },
      accountRef: 'ACC-7788-1234',
      description: `${secret.description} Transfer TXN-55123 bounced.`,
    });
    const service = start();
    await service.load();
    const found = async (query: string, viewer: ActingPerson) =>
      (await service.search(query, viewer, 50)).map((h) => h.id);
    for (const query of ['07700 900555', 'acc77881234', 'txn55123']) {
      expect(await found(query, MANAGER), query).toEqual([secret.id]);
      expect(await found(query, SAM), query).toEqual([secret.id]);
      expect(await found(query, PRIYA), query).toEqual([]);
    }
  });

  it('hides a case from the moment it is restricted, without re-indexing it', async () => {
    const planted = await plantRestricted(db);
    const service = start();
    await service.load();
    const mine = planted.open.find((c) => c.assigneeId === PRIYA.id)!;
    await setCaseRestricted(db, mine.id, { restricted: true, reason: 'Whistleblowing.' }, MANAGER);
    const samFinds = (await service.search(mine.reference, SAM, 50)).map((h) => h.id);
    expect(samFinds).not.toContain(mine.id);
    expect((await service.search(mine.reference, PRIYA, 50))[0]!.id).toBe(mine.id);
  });
});

describe('SearchService with the people of interviews', () => {
  const interview = (
    caseId: string,
    n: number,
    interviewer: string,
    intervieweeName: string,
  ): InterviewRecord => ({
    ...emptyInterview(interviewer, '2026-03-12'),
    intervieweeName,
    id: `interview-${n}`,
    caseId,
    createdAt: `2026-03-12T1${n}:00:00.000Z`,
    createdBy: { id: 'u3', name: 'Ian Okafor' },
    updatedAt: `2026-03-12T1${n}:00:00.000Z`,
    status: 'draft',
    signedOff: null,
    addenda: [],
  });

  it('finds a case by who conducted or gave its interviews, keeping restricted cases hidden', async () => {
    const planted = await plantRestricted(db);
    const [visible] = planted.open;
    await db.interviews.bulkPut([
      interview(visible!.id, 1, '  Siobhán Ní Bhraonáin ', 'Dr. Łukasz Wróbel'),
      interview(visible!.id, 2, 'Siobhán Ní Bhraonáin', 'Zoë Adams'),
      interview(planted.othersRestricted.id, 3, 'Siobhan Ni Bhraonain', 'Marta Kowalczyk-Öztürk'),
    ]);
    const service = start({ loadPeople: interviewPeople });
    await service.load();
    const found = async (query: string, viewer: ActingPerson) =>
      (await service.search(query, viewer, 50)).map((h) => h.id).sort();

    // The interviewer and the interviewee, typed without accents, in part or in capitals.
    expect(await found('siobhan bhraonain', PRIYA)).toEqual([visible!.id]);
    expect(await found('LUKASZ wrob', PRIYA)).toEqual([visible!.id]);
    expect(await service.search('wróbel', PRIYA, 5)).toEqual([{ id: visible!.id, fields: ['staff'] }]);
    // The restricted case's interview names it to those who may see it, to no one else.
    expect(await found('kowalczyk', PRIYA)).toEqual([]);
    expect(await found('kowalczyk', IAN)).toEqual([]);
    expect(await found('siobhan', MANAGER)).toEqual([visible!.id, planted.othersRestricted.id].sort());
    expect(await found('kowalczyk', SAM)).toEqual([planted.othersRestricted.id]);
  });

  it('takes in an interview recorded later when its case is indexed again', async () => {
    const planted = await plantRestricted(db);
    const service = start({ loadPeople: interviewPeople });
    await service.load();
    const target = planted.open[1]!;
    expect(await service.search('Adebayo', MANAGER, 5)).toEqual([]);

    await db.interviews.put(interview(target.id, 4, 'Ian Okafor', 'Folasade Adebayo'));
    await service.upsert([caseToSearchDoc(target)]);
    expect((await service.search('adebayo', MANAGER, 5)).map((h) => h.id)).toEqual([target.id]);
    // The staff on the case stay found too.
    expect((await service.search('sam lee', MANAGER, 50)).map((h) => h.id)).toContain(target.id);
  });
});
