// The returnFacts table follows the cases table: one small row per case (returnFactOf), written in
// the very transaction that writes the case; and returnFactPacks holds the same facts gathered into
// packs: a day's facts (factPackDay: a day of receipt while unanswered, else a day of countsFrom) in
// numbered packs of at most FACTS_PER_PACK, which is what a return reads (return-cases.ts). Each
// fact row names the pack holding it (`pack`), so a write reads and rewrites only the packs its
// cases are in, and new facts go to their day's last pack, however many cases share that day (an
// import leaves its facts owed and places them once at its end: see below). Both are kept here, below Dexie's tables (a
// DBCore middleware), so every way a case is written (a repository's put, a modify, a bulk import,
// a restore, an upgrade after version 15) keeps its facts, with no repository having to remember.
import type {
  DBCore,
  Dexie,
  EntityTable,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreRangeType,
  DBCoreTable,
  DBCoreTransaction,
  IndexableType,
  Middleware,
  Transaction,
} from 'dexie';
import type { CaseRecord } from '../../src-shared/domain/case';
import {
  factPackDay,
  FACTS_PER_PACK,
  packKey,
  packOfKey,
  PACK_NUMBER_MARK,
  returnFactOf,
  type ReturnFact,
  type ReturnFactPack,
} from '../../src-shared/returns/period';

/** A return fact as the returnFacts table keeps it: with the key of the pack that holds it. */
export interface StoredReturnFact extends ReturnFact {
  pack: string;
}

/** The fact as the returns read it (without where it is kept). */
export function factOf(row: ReturnFact | StoredReturnFact): ReturnFact {
  if (!('pack' in row)) return row;
  const { pack: _, ...fact } = row;
  return fact;
}

export const RETURN_FACTS = 'returnFacts';
export const RETURN_FACT_PACKS = 'returnFactPacks';
const CASES = 'cases';

/** Transactions (by their IndexedDB transaction) whose case writes leave the facts to rebuildReturnFacts. */
const deferred = new WeakSet<object>();

/**
 * Marks the running transaction's case writes as not followed by their facts: a team join writes
 * a hundred thousand cases page by page, and rebuilds the facts and packs once at its end
 * (rebuildReturnFacts) instead of rewriting the same packs with every page. Call it first thing
 * inside `db.transaction(...)`.
 */
export function deferReturnFacts(tx: Transaction): void {
  deferred.add(tx.idbtrans);
}

/** The tables rebuildReturnFacts uses: a RedressDB, named by shape (schema.ts imports this module). */
type FactTables = Dexie & {
  cases: EntityTable<CaseRecord, 'id'>;
  returnFacts: EntityTable<StoredReturnFact, 'id'>;
  returnFactPacks: EntityTable<ReturnFactPack, 'key'>;
};

/** Cases read (and facts written) per transaction by rebuildReturnFacts. */
const REBUILD_PAGE = 2000;

/** A day's last pack as placing goes on: its number, and how many facts it holds. */
interface PackEnd {
  n: number;
  size: number;
}

/** The key of the pack a new fact of `day` goes in: its day's last one, or a new one after it when full. */
function placeAtEnd(ends: Map<string, PackEnd>, day: string): string {
  let end = ends.get(day);
  if (!end) ends.set(day, (end = { n: 0, size: 0 }));
  else if (end.size >= FACTS_PER_PACK) {
    end.n += 1;
    end.size = 0;
  }
  end.size += 1;
  return packKey(day, end.n);
}

/**
 * The packs `facts` make, placed in the order given (FACTS_PER_PACK to a pack, a day's packs
 * numbered from 0), and each fact with the key of its pack: how the packs are built whole.
 */
export function packsOf(facts: Iterable<ReturnFact | StoredReturnFact>): {
  packs: ReturnFactPack[];
  placed: StoredReturnFact[];
} {
  const ends = new Map<string, PackEnd>();
  const packs = new Map<string, ReturnFact[]>();
  const placed: StoredReturnFact[] = [];
  for (const row of facts) {
    const fact = factOf(row);
    const key = placeAtEnd(ends, factPackDay(fact));
    placed.push({ ...fact, pack: key });
    const pack = packs.get(key);
    if (pack) pack.push(fact);
    else packs.set(key, [fact]);
  }
  return { packs: [...packs].map(([key, list]) => ({ key, facts: list })), placed };
}

/**
 * Writes every case's fact again and gathers them into packs anew, `onProgress` told after each
 * page of cases. Facts of cases gone are dropped (the table is emptied first). A case written
 * meanwhile keeps its own fact: its page reads it in the transaction that writes the fact, and a
 * write after that is followed by the middleware; the packs are built from the facts in one
 * transaction, placed as the pages placed them (in id order), so only a fact written meanwhile is
 * written again with its pack.
 */
export async function rebuildReturnFacts(
  db: FactTables,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  await db.returnFacts.clear();
  const total = await db.cases.count();
  const ends = new Map<string, PackEnd>();
  let done = 0;
  let last: IndexableType | undefined;
  for (;;) {
    const page = await db.transaction('rw', db.cases, db.returnFacts, async () => {
      const cases = await (last === undefined ? db.cases.orderBy(':id') : db.cases.where(':id').above(last))
        .limit(REBUILD_PAGE)
        .toArray();
      await db.returnFacts.bulkPut(
        cases.map((c) => {
          const fact = returnFactOf(c);
          return { ...fact, pack: placeAtEnd(ends, factPackDay(fact)) };
        }),
      );
      return cases;
    });
    if (!page.length) break;
    last = page.at(-1)!.id;
    done += page.length;
    onProgress?.(Math.min(done, total), Math.max(done, total));
  }
  await db.transaction('rw', db.returnFacts, db.returnFactPacks, async () => {
    const stored = await db.returnFacts.toArray();
    const { packs, placed } = packsOf(stored);
    const moved = placed.filter((f, i) => f.pack !== stored[i]!.pack);
    await db.returnFactPacks.clear();
    for (let i = 0; i < packs.length; i += REBUILD_PAGE)
      await db.returnFactPacks.bulkPut(packs.slice(i, i + REBUILD_PAGE));
    for (let i = 0; i < moved.length; i += REBUILD_PAGE)
      await db.returnFacts.bulkPut(moved.slice(i, i + REBUILD_PAGE));
  });
}

/** The fact rows to write for the cases a mutation wrote (those that failed wrote nothing). */
function written(req: DBCoreMutateRequest, res: DBCoreMutateResponse): CaseRecord[] {
  if (req.type !== 'add' && req.type !== 'put') return [];
  return (req.values as CaseRecord[]).filter((_, i) => !res.failures[i]);
}

/** DBCoreRangeType.Range (a const enum, which an isolated module cannot name as a value). */
const RANGE = 2 as DBCoreRangeType;

/** Every pack key of `day`, as a DBCore key range. */
const packsOfDay = (day: string) => ({
  type: RANGE,
  lower: day + PACK_NUMBER_MARK,
  upper: day + PACK_NUMBER_MARK + '\uffff',
  lowerOpen: false,
  upperOpen: false,
});

/** The key of `day`'s last pack, if it has one. */
async function lastPackOf(packs: DBCoreTable, trans: DBCoreTransaction, day: string) {
  const { result } = await packs.query({
    trans,
    values: false,
    limit: 1,
    direction: 'prev',
    query: { index: packs.schema.primaryKey, range: packsOfDay(day) },
  });
  return result[0] as string | undefined;
}

/**
 * The pack holding a stored fact that does not name it (none should: every way a fact is written
 * names its pack), found among its day's packs: so that it never stays counted twice.
 */
async function packHolding(packs: DBCoreTable, trans: DBCoreTransaction, fact: ReturnFact) {
  const { result } = await packs.query({
    trans,
    values: true,
    query: { index: packs.schema.primaryKey, range: packsOfDay(factPackDay(fact)) },
  });
  return (result as ReturnFactPack[]).find((p) => p.facts.some((f) => f.id === fact.id))?.key;
}

/**
 * Takes the facts `before` out of their packs and puts the facts `after` into theirs, in one read
 * and one write of the packs concerned (a pack left empty is deleted): a fact that stays on its day
 * stays in its pack; one new to a day goes in that day's last pack, or a new one after it when
 * that is full. Gives the facts `after` with the pack each is now in.
 */
async function repack(
  packs: DBCoreTable,
  trans: DBCoreTransaction,
  before: readonly (ReturnFact | StoredReturnFact)[],
  after: readonly ReturnFact[],
): Promise<StoredReturnFact[]> {
  const was = new Map<string, string | undefined>();
  for (const f of before) was.set(f.id, 'pack' in f && f.pack ? f.pack : await packHolding(packs, trans, f));
  const kept = new Map<string, string>();
  const added = new Map<string, ReturnFact[]>();
  for (const f of after) {
    const from = was.get(f.id);
    const day = factPackDay(f);
    if (from && packOfKey(from).day === day) kept.set(f.id, from);
    else if (added.has(day)) added.get(day)!.push(f);
    else added.set(day, [f]);
  }
  const days = [...added.keys()];
  const lastKeys = await Promise.all(days.map((day) => lastPackOf(packs, trans, day)));
  const keys = [...new Set([...was.values(), ...kept.values(), ...lastKeys])].filter(
    (key): key is string => !!key,
  );
  const stored = keys.length
    ? ((await packs.getMany({ trans, keys })) as (ReturnFactPack | undefined)[])
    : [];
  const byKey = new Map(
    keys.map((key, i) => [key, new Map((stored[i]?.facts ?? []).map((f) => [f.id, f]))] as const),
  );
  for (const [id, key] of was) if (key && kept.get(id) !== key) byKey.get(key)!.delete(id);
  const placed: StoredReturnFact[] = [];
  for (const f of after) {
    const key = kept.get(f.id);
    if (key === undefined) continue;
    byKey.get(key)!.set(f.id, f);
    placed.push({ ...f, pack: key });
  }
  days.forEach((day, i) => {
    const lastKey = lastKeys[i];
    const end = { n: lastKey ? packOfKey(lastKey).n : 0, size: lastKey ? byKey.get(lastKey)!.size : 0 };
    const ends = new Map([[day, end]]);
    for (const f of added.get(day)!) {
      const key = placeAtEnd(ends, day);
      let pack = byKey.get(key);
      if (!pack) byKey.set(key, (pack = new Map()));
      pack.set(f.id, f);
      placed.push({ ...f, pack: key });
    }
  });
  const values: ReturnFactPack[] = [];
  const empty: string[] = [];
  for (const [key, facts] of byKey) {
    if (facts.size) values.push({ key, facts: [...facts.values()] });
    else if (keys.includes(key)) empty.push(key);
  }
  if (values.length) await packs.mutate({ trans, type: 'put', values });
  if (empty.length) await packs.mutate({ trans, type: 'delete', keys: empty });
  return placed;
}

/** The last fact of each id in `facts` (a put may name a case twice: the last write stands). */
function lastOfEach(facts: readonly ReturnFact[]): ReturnFact[] {
  return [...new Map(facts.map((f) => [f.id, f])).values()];
}

async function follow(
  facts: DBCoreTable,
  packs: DBCoreTable | null,
  req: DBCoreMutateRequest,
  res: DBCoreMutateResponse,
) {
  const { trans } = req;
  // The facts the packs held before this write, and the ones they hold after it.
  let before: (ReturnFact | StoredReturnFact | undefined)[] = [];
  let after: ReturnFact[] = [];
  switch (req.type) {
    case 'add':
    case 'put': {
      after = lastOfEach(written(req, res).map((c) => returnFactOf(c)));
      if (!after.length) return;
      if (packs) before = await facts.getMany({ trans, keys: after.map((f) => f.id) });
      break;
    }
    case 'delete':
      if (packs) before = await facts.getMany({ trans, keys: req.keys });
      await facts.mutate({ trans, type: 'delete', keys: req.keys });
      break;
    case 'deleteRange':
      // Both tables are keyed by the case id, so the same range names the same cases.
      if (packs)
        before = (
          await facts.query({
            trans,
            values: true,
            query: { index: facts.schema.primaryKey, range: req.range },
          })
        ).result as StoredReturnFact[];
      await facts.mutate({ trans, type: 'deleteRange', range: req.range });
      break;
  }
  await place(facts, packs, trans, before, after);
}

/** Puts the facts `after` in their packs (taking the facts `before` out of theirs) and stores them. */
async function place(
  facts: DBCoreTable,
  packs: DBCoreTable | null,
  trans: DBCoreTransaction,
  before: readonly (ReturnFact | StoredReturnFact | undefined)[],
  after: readonly ReturnFact[],
) {
  // Without the packs (an upgrade before they exist) the facts go in without one: the upgrade that
  // makes the packs places every fact.
  const placed = packs
    ? await repack(
        packs,
        trans,
        before.filter((f): f is ReturnFact | StoredReturnFact => !!f),
        after,
      )
    : after;
  if (placed.length) await facts.mutate({ trans, type: 'put', values: placed });
}

// ── Facts owed by an import ──────────────────────────────────────────────────────────────────
// Placing facts batch by batch rewrites, with every batch, the last pack of every day the batch
// touches: a legacy file's dates spread over years put a batch's 500 cases on hundreds of days, so
// each batch rewrote hundreds of packs (most of an import's writes). An import's batches instead
// leave their facts owed, naming the cases and their days in a row written in the batch's own
// transaction; settleReturnFacts then places them all in day order, each day's packs written about
// once. The returns settle before they read (return-cases.ts), so a crash between the two costs a
// slower first return, never a wrong one.

/** One import batch's cases whose facts are not yet placed, with each one's pack day. */
export interface OwedReturnFacts {
  seq?: number;
  /** [case id, factPackDay of its fact when it was written] */
  cases: [string, string][];
}

type OwingTables = FactTables & { returnFactsOwed: EntityTable<OwedReturnFacts, 'seq'> };

/**
 * Inside the transaction that writes new cases (call deferReturnFacts first thing in it): records
 * that their facts are owed, to be placed by settleReturnFacts.
 */
export async function oweReturnFacts(db: OwingTables, cases: readonly CaseRecord[]): Promise<void> {
  if (!cases.length) return;
  await db.returnFactsOwed.add({ cases: cases.map((c) => [c.id, factPackDay(returnFactOf(c))]) });
}

/** Cases whose facts are placed per transaction by settleReturnFacts. */
const SETTLE_PAGE = 2000;

/**
 * Places every owed fact, in day order a page of cases per transaction: each page reads its cases
 * again (a case edited since its import is placed as it is now) and the facts already stored for
 * them (one placed meanwhile moves, never doubles), so settling twice, or after a crash midway,
 * places each fact once. The owed rows read are deleted last. Gives the number of cases settled.
 */
export async function settleReturnFacts(
  db: OwingTables,
  onProgress?: (done: number, total: number) => void,
): Promise<number> {
  const owed = await db.returnFactsOwed.toArray();
  if (!owed.length) return 0;
  const byDay = [...new Map(owed.flatMap((o) => o.cases)).entries()].sort((a, b) =>
    a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0,
  );
  const ids = byDay.map(([id]) => id);
  onProgress?.(0, ids.length);
  const tables = [db.cases, db.returnFacts, db.returnFactPacks];
  for (let i = 0; i < ids.length; i += SETTLE_PAGE) {
    const page = ids.slice(i, i + SETTLE_PAGE);
    await db.transaction('rw', tables, async (tx) => {
      const trans = tx.idbtrans as unknown as DBCoreTransaction;
      const facts = db.core.table(RETURN_FACTS);
      const packs = db.core.table(RETURN_FACT_PACKS);
      const cases = await db.cases.bulkGet(page);
      const gone = page.filter((_, j) => !cases[j]);
      const before = await facts.getMany({ trans, keys: page });
      if (gone.length) await facts.mutate({ trans, type: 'delete', keys: gone });
      const after = cases.flatMap((c) => (c ? [returnFactOf(c)] : []));
      await place(facts, packs, trans, before, after);
    });
    onProgress?.(Math.min(i + SETTLE_PAGE, ids.length), ids.length);
  }
  await db.returnFactsOwed.bulkDelete(owed.map((o) => o.seq!));
  return ids.length;
}

/** Keeps returnFacts and returnFactPacks in step with cases (registered on every RedressDB). */
export const returnFactsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'returnFacts',
  create(down) {
    // A database older than version 15 (while it is upgraded) has no such table: nothing to keep.
    const has = (name: string) => down.schema.tables.some((t) => t.name === name);
    if (!has(RETURN_FACTS)) return down;
    const followed = has(RETURN_FACT_PACKS) ? [RETURN_FACTS, RETURN_FACT_PACKS] : [RETURN_FACTS];
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.includes(CASES)
            ? [...stores, ...followed.filter((name) => !stores.includes(name))]
            : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== CASES) return table;
        const facts = down.table(RETURN_FACTS);
        const packs = followed.length > 1 ? down.table(RETURN_FACT_PACKS) : null;
        return {
          ...table,
          async mutate(req) {
            const res = await table.mutate(req);
            // An upgrade's transaction holds only the stores made so far: before version 15's
            // upgrade fills the facts (and 18's the packs), there is no table to follow.
            const scope = (req.trans as unknown as IDBTransaction).objectStoreNames;
            if (deferred.has(req.trans)) return res;
            if (!scope || scope.contains(RETURN_FACTS))
              await follow(
                facts,
                packs && (!scope || scope.contains(RETURN_FACT_PACKS)) ? packs : null,
                req,
                res,
              );
            return res;
          },
        };
      },
    };
  },
};
