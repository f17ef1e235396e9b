// The returnFacts table follows the cases table: one small row per case (returnFactOf), written in
// the very transaction that writes the case. It is kept here, below Dexie's tables (a DBCore
// middleware), so every way a case is written (a repository's put, a modify, a bulk import, a
// restore, an upgrade after version 15) keeps its fact row, with no repository having to remember.
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, Middleware } from 'dexie';
import type { CaseRecord } from '../../src-shared/domain/case';
import { returnFactOf } from '../../src-shared/returns/period';

export const RETURN_FACTS = 'returnFacts';
const CASES = 'cases';

/** The fact rows to write for the cases a mutation wrote (those that failed wrote nothing). */
function written(req: DBCoreMutateRequest, res: DBCoreMutateResponse): CaseRecord[] {
  if (req.type !== 'add' && req.type !== 'put') return [];
  return (req.values as CaseRecord[]).filter((_, i) => !res.failures[i]);
}

async function follow(facts: DBCoreTable, req: DBCoreMutateRequest, res: DBCoreMutateResponse) {
  const { trans } = req;
  switch (req.type) {
    case 'add':
    case 'put': {
      const values = written(req, res).map((c) => returnFactOf(c));
      if (values.length) await facts.mutate({ trans, type: 'put', values });
      return;
    }
    case 'delete':
      await facts.mutate({ trans, type: 'delete', keys: req.keys });
      return;
    case 'deleteRange':
      // Both tables are keyed by the case id, so the same range names the same cases.
      await facts.mutate({ trans, type: 'deleteRange', range: req.range });
      return;
  }
}

/** Keeps returnFacts in step with cases (registered on every RedressDB). */
export const returnFactsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'returnFacts',
  create(down) {
    // A database older than version 15 (while it is upgraded) has no such table: nothing to keep.
    const present = down.schema.tables.some((t) => t.name === RETURN_FACTS);
    if (!present) return down;
    return {
      ...down,
      transaction(stores, mode, options) {
        const widened =
          mode === 'readwrite' && stores.includes(CASES) && !stores.includes(RETURN_FACTS)
            ? [...stores, RETURN_FACTS]
            : stores;
        return down.transaction(widened, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== CASES) return table;
        const facts = down.table(RETURN_FACTS);
        return {
          ...table,
          async mutate(req) {
            const res = await table.mutate(req);
            // An upgrade's transaction holds only the stores made so far: before version 15's
            // upgrade fills the table, there is no table to follow.
            const scope = (req.trans as unknown as IDBTransaction).objectStoreNames;
            if (!scope || scope.contains(RETURN_FACTS)) await follow(facts, req, res);
            return res;
          },
        };
      },
    };
  },
};
