// The returnFacts table follows the cases table: one small row per case (returnFactOf), written in
// the very transaction that writes the case; and returnFactPacks holds the same facts gathered into
// one row per pack (factPackKey: a day of receipt while unanswered, else a day of countsFrom), which
// is what a return reads (return-cases.ts). Both are kept here, below Dexie's tables (a DBCore
// middleware), so every way a case is written (a repository's put, a modify, a bulk import, a
// restore, an upgrade after version 15) keeps its facts, with no repository having to remember.
import type {
  DBCore,
  Dexie,
  EntityTable,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  IndexableType,
  Middleware,
  Transaction,
} from 'dexie';
import type { CaseRecord } from '../../src-shared/domain/case';
import {
  factPackKey,
  returnFactOf,
  type ReturnFact,
  type ReturnFactPack,
} from '../../src-shared/returns/period';

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
  returnFacts: EntityTable<ReturnFact, 'id'>;
  returnFactPacks: EntityTable<ReturnFactPack, 'key'>;
};

/** Cases read (and facts written) per transaction by rebuildReturnFacts. */
const REBUILD_PAGE = 2000;

/**
 * Writes every case's fact again and gathers them into packs anew, `onProgress` told after each
 * page of cases. Facts of cases gone are dropped (the table is emptied first). A case written
 * meanwhile keeps its own fact: its page reads it in the transaction that writes the fact, and a
 * write after that is followed by the middleware; the packs are built from the facts in one
 * transaction.
 */
export async function rebuildReturnFacts(
  db: FactTables,
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  await db.returnFacts.clear();
  const total = await db.cases.count();
  let done = 0;
  let last: IndexableType | undefined;
  for (;;) {
    const page = await db.transaction('rw', db.cases, db.returnFacts, async () => {
      const cases = await (last === undefined ? db.cases.orderBy(':id') : db.cases.where(':id').above(last))
        .limit(REBUILD_PAGE)
        .toArray();
      await db.returnFacts.bulkPut(cases.map((c) => returnFactOf(c)));
      return cases;
    });
    if (!page.length) break;
    last = page.at(-1)!.id;
    done += page.length;
    onProgress?.(Math.min(done, total), Math.max(done, total));
  }
  await db.transaction('rw', db.returnFacts, db.returnFactPacks, async () => {
    const packs = packsOf(await db.returnFacts.toArray());
    await db.returnFactPacks.clear();
    for (let i = 0; i < packs.length; i += REBUILD_PAGE)
      await db.returnFactPacks.bulkPut(packs.slice(i, i + REBUILD_PAGE));
  });
}

/** The fact rows to write for the cases a mutation wrote (those that failed wrote nothing). */
function written(req: DBCoreMutateRequest, res: DBCoreMutateResponse): CaseRecord[] {
  if (req.type !== 'add' && req.type !== 'put') return [];
  return (req.values as CaseRecord[]).filter((_, i) => !res.failures[i]);
}

/** The packs `facts` make, each in the order given (used to build the table whole). */
export function packsOf(facts: Iterable<ReturnFact>): ReturnFactPack[] {
  const packs = new Map<string, ReturnFact[]>();
  for (const f of facts) {
    const key = factPackKey(f);
    const pack = packs.get(key);
    if (pack) pack.push(f);
    else packs.set(key, [f]);
  }
  return [...packs].map(([key, list]) => ({ key, facts: list }));
}

/**
 * Takes the facts `before` out of their packs and puts the facts `after` into theirs, in one read
 * and one write of the packs concerned (a pack left empty is deleted).
 */
async function repack(
  packs: DBCoreTable,
  trans: DBCoreTransaction,
  before: readonly ReturnFact[],
  after: readonly ReturnFact[],
) {
  const keys = [...new Set([...before, ...after].map((f) => factPackKey(f)))];
  if (!keys.length) return;
  const stored = (await packs.getMany({ trans, keys })) as (ReturnFactPack | undefined)[];
  const byKey = new Map(
    keys.map((key, i) => [key, new Map((stored[i]?.facts ?? []).map((f) => [f.id, f]))] as const),
  );
  for (const f of before) byKey.get(factPackKey(f))!.delete(f.id);
  for (const f of after) byKey.get(factPackKey(f))!.set(f.id, f);
  const values: ReturnFactPack[] = [];
  const empty: string[] = [];
  for (const [key, facts] of byKey) {
    if (facts.size) values.push({ key, facts: [...facts.values()] });
    else empty.push(key);
  }
  if (values.length) await packs.mutate({ trans, type: 'put', values });
  if (empty.length) await packs.mutate({ trans, type: 'delete', keys: empty });
}

async function follow(
  facts: DBCoreTable,
  packs: DBCoreTable | null,
  req: DBCoreMutateRequest,
  res: DBCoreMutateResponse,
) {
  const { trans } = req;
  // The facts the packs held before this write, and the ones they hold after it.
  let before: (ReturnFact | undefined)[] = [];
  let after: ReturnFact[] = [];
  switch (req.type) {
    case 'add':
    case 'put': {
      after = written(req, res).map((c) => returnFactOf(c));
      if (!after.length) return;
      if (packs) before = await facts.getMany({ trans, keys: after.map((f) => f.id) });
      await facts.mutate({ trans, type: 'put', values: after });
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
        ).result as ReturnFact[];
      await facts.mutate({ trans, type: 'deleteRange', range: req.range });
      break;
  }
  if (packs)
    await repack(
      packs,
      trans,
      before.filter((f): f is ReturnFact => !!f),
      after,
    );
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
