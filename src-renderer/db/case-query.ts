// Finding cases at 100,000 rows: each query walks one compound index in key order, newest or
// soonest first, and pages by key (never offset). Filters with no index of their own are applied
// to the rows the index yields, lazily, until the page is full; so are the cases hidden from the
// viewer (restricted ones), so that every page and count holds only what the viewer may see.
import Dexie, { type Collection, type IndexableType } from 'dexie';
import type {
  CaseRecord,
  ComplaintChannel,
  Finding,
  Severity,
  CaseRegimeId,
} from '../../src-shared/domain/case';
import { SEVERITY_RANK } from '../../src-shared/domain/case';
import { caseSubject, type Actor } from '../../src-shared/domain/permissions';
import { seesCase } from '../../src-shared/domain/case-visibility';
import { stageOf, type CaseStatus, type Stage } from '../../src-shared/domain/workflow';
import { caseViewFilter } from './case-visibility';
import type { RedressDB } from './schema';
import { openPersonKeyRange, receivedAtOfOpenKey } from '../../src-shared/domain/complainant-match';

/** The orders the list offers; 'informed' is open cases, longest without news from us first. */
export const CASE_SORTS = ['received', 'due', 'severity', 'informed'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

export interface CaseQuery {
  status?: CaseStatus;
  stage?: Stage;
  category?: string;
  channel?: ComplaintChannel;
  severity?: Severity;
  /** '' for unassigned cases. */
  assigneeId?: string;
  regime?: CaseRegimeId;
  escalated?: boolean;
  /** overdue: the next deadline has passed; due-soon: it falls before `dueSoonBefore`. */
  due?: 'overdue' | 'due-soon';
  /** owed: open, and the complainant has heard nothing from us since before `updateOwedBefore`. */
  informed?: 'owed';
  receivedFrom?: string;
  receivedTo?: string;
  /** Dashboard drill-downs: exact product, root cause, open/closed and finding. */
  product?: string;
  rootCause?: string;
  open?: 0 | 1;
  finding?: Finding;
  /** The normalised complainant name (matchKey), for "repeat complainants". */
  complainantKey?: string;
  /** Exactly these cases (a return's cell), and what they are in words. */
  drill?: CaseDrill;
  sort: CaseSort;
}

/** A drill-down to an exact set of cases; `label` says what was drilled into ('' when it is no longer known). */
export interface CaseDrill {
  label: string;
  ids: readonly string[];
}

/** Where the next page starts: the key of the last row shown. */
export type PageCursor = IndexableType[];

export interface QueryClock {
  now: string;
  /** End of the due-soon window (now + N business days), computed with the office calendar. */
  dueSoonBefore: string;
  /** A case informed before this instant owes the complainant an update (see updateOwedBefore). */
  updateOwedBefore: string;
}

interface Plan {
  index: string;
  lower: IndexableType[];
  upper: IndexableType[];
  reverse: boolean;
  keyOf: (c: CaseRecord) => IndexableType[];
  /** Which query fields the index range already enforces. */
  covered: Set<keyof CaseQuery>;
}

const MIN = Dexie.minKey as IndexableType;
// Dexie.maxKey is an array ([[]]); IndexedDB refuses the same array object twice in one key
// (its cycle check), so every use gets a fresh one.
const max = (): IndexableType => [[]];

/** Chooses the index for a query: the sort decides the key's tail, one equality filter its head. */
export function planQuery(q: CaseQuery, clock: QueryClock): Plan {
  const from = q.receivedFrom ?? MIN;
  const to = q.receivedTo ?? max();
  if (q.informed === 'owed' || q.sort === 'informed') {
    // Open cases, longest without news first. The owed limit is exclusive: a key ending in MIN stops before it.
    return {
      index: '[open+informedAt+id]',
      lower: [1, MIN, MIN],
      upper: q.informed ? [1, clock.updateOwedBefore, MIN] : [1, max(), max()],
      reverse: false,
      keyOf: (c) => [c.open, c.informedAt, c.id],
      covered: new Set(['informed']),
    };
  }
  if (q.sort === 'due' || q.due) {
    // Soonest deadline first; closed cases have none and are not in this view.
    const dueUpper = q.due === 'overdue' ? clock.now : q.due === 'due-soon' ? clock.dueSoonBefore : max();
    const dueLower = q.due === 'due-soon' ? clock.now : MIN;
    // The due limits are exclusive (nextDueAt < limit): ending the key with MIN stops before it.
    const dueTail = () => (q.due ? MIN : max());
    if (q.assigneeId !== undefined) {
      return {
        index: '[assigneeId+open+nextDueAt+id]',
        lower: [q.assigneeId, 1, dueLower, MIN],
        upper: [q.assigneeId, 1, dueUpper, dueTail()],
        reverse: false,
        keyOf: (c) => [c.assigneeId, c.open, c.nextDueAt ?? '', c.id],
        covered: new Set(['assigneeId', 'due']),
      };
    }
    return {
      index: '[open+nextDueAt+id]',
      lower: [1, dueLower, MIN],
      upper: [1, dueUpper, dueTail()],
      reverse: false,
      keyOf: (c) => [c.open, c.nextDueAt ?? '', c.id],
      covered: new Set(['due']),
    };
  }
  if (q.sort === 'severity') {
    const rank = q.severity ? SEVERITY_RANK[q.severity] : undefined;
    return {
      index: '[severityRank+receivedAt+id]',
      lower: [rank ?? MIN, MIN, MIN],
      upper: [rank ?? max(), max(), max()],
      reverse: true,
      keyOf: (c) => [c.severityRank, c.receivedAt, c.id],
      covered: new Set(rank ? ['severity'] : []),
    };
  }
  // Newest received first, led by the most selective equality filter given.
  const heads: [keyof CaseQuery, string, (c: CaseRecord) => IndexableType][] = [
    ['assigneeId', 'assigneeId', (c) => c.assigneeId],
    ['status', 'status', (c) => c.status],
    ['category', 'category', (c) => c.category],
    ['regime', 'regime', (c) => c.regime],
    ['channel', 'channel', (c) => c.channel],
    ['severity', 'severityRank', (c) => c.severityRank],
  ];
  for (const [field, column, get] of heads) {
    const value = q[field];
    if (value === undefined) continue;
    const head = field === 'severity' ? SEVERITY_RANK[value as Severity] : (value as IndexableType);
    return {
      index: `[${column}+receivedAt+id]`,
      lower: [head, from, MIN],
      upper: [head, to, max()],
      reverse: true,
      keyOf: (c) => [get(c), c.receivedAt, c.id],
      covered: new Set([field, 'receivedFrom', 'receivedTo']),
    };
  }
  return {
    index: '[receivedAt+id]',
    lower: [from, MIN],
    upper: [to, max()],
    reverse: true,
    keyOf: (c) => [c.receivedAt, c.id],
    covered: new Set(['receivedFrom', 'receivedTo']),
  };
}

/** The filters the index does not enforce, as one row predicate. */
export function residualFilter(
  q: CaseQuery,
  plan: Plan,
  clock: QueryClock,
): ((c: CaseRecord) => boolean) | null {
  const checks: ((c: CaseRecord) => boolean)[] = [];
  const need = (f: keyof CaseQuery) => q[f] !== undefined && !plan.covered.has(f);
  if (need('status')) checks.push((c) => c.status === q.status);
  if (need('stage')) checks.push((c) => stageOf(c.status) === q.stage);
  if (need('category')) checks.push((c) => c.category === q.category);
  if (need('channel')) checks.push((c) => c.channel === q.channel);
  if (need('severity')) checks.push((c) => c.severity === q.severity);
  if (need('assigneeId')) checks.push((c) => c.assigneeId === q.assigneeId);
  if (need('regime')) checks.push((c) => c.regime === q.regime);
  if (need('escalated')) checks.push((c) => !!c.escalation === q.escalated);
  if (need('receivedFrom')) checks.push((c) => c.receivedAt >= q.receivedFrom!);
  if (need('receivedTo')) checks.push((c) => c.receivedAt <= q.receivedTo!);
  if (need('product')) checks.push((c) => c.product === q.product);
  if (need('rootCause')) checks.push((c) => c.rootCause.trim() === q.rootCause);
  if (need('open')) checks.push((c) => c.open === q.open);
  if (need('finding')) checks.push((c) => c.finding === q.finding);
  if (need('complainantKey')) checks.push((c) => c.complainantKey === q.complainantKey);
  if (need('drill')) {
    const ids = new Set(q.drill!.ids);
    checks.push((c) => ids.has(c.id));
  }
  if (need('informed')) checks.push((c) => c.open === 1 && c.informedAt < clock.updateOwedBefore);
  if (need('due')) {
    if (q.due === 'overdue') checks.push((c) => c.nextDueAt !== null && c.nextDueAt < clock.now);
    else
      checks.push(
        (c) => c.nextDueAt !== null && c.nextDueAt >= clock.now && c.nextDueAt < clock.dueSoonBefore,
      );
  }
  return checks.length ? (c) => checks.every((check) => check(c)) : null;
}

/**
 * The ids of the cases in the index range a query's filters give (ordered as if newest first, so
 * that the sort chooses nothing), or null when no filter narrows the range. Keys only, no rows: a
 * search narrows its ranked matches to these before reading any row, so a filter with an index
 * costs a key scan, not a read of every matching case (the other filters then check the rows read).
 */
export async function caseIdsInFilterRange(
  db: RedressDB,
  q: CaseQuery,
  clock: QueryClock,
): Promise<Set<string> | null> {
  const byReceived = { ...q, sort: 'received' as const };
  const plan = planQuery(byReceived, clock);
  if (![...plan.covered].some((f) => byReceived[f] !== undefined)) return null;
  const keys = await db.cases.where(plan.index).between(plan.lower, plan.upper, true, true).primaryKeys();
  return new Set(keys);
}

export interface CasePage {
  rows: CaseRecord[];
  /** Pass back to get the next page; null at the end. */
  next: PageCursor | null;
}

/** One page of the cases `viewer` may see that match a query, starting after `cursor`. */
export async function queryCases(
  db: RedressDB,
  q: CaseQuery,
  clock: QueryClock,
  viewer: Actor,
  cursor: PageCursor | null = null,
  limit = 50,
): Promise<CasePage> {
  const view = await caseViewFilter(db, viewer);
  if (view === 'nothing') return { rows: [], next: null };
  const plan = planQuery(q, clock);
  const where = db.cases.where(plan.index);
  let collection: Collection<CaseRecord, string, unknown>;
  if (plan.reverse) {
    collection = where.between(plan.lower, cursor ?? plan.upper, true, !cursor).reverse();
  } else {
    collection = where.between(cursor ?? plan.lower, plan.upper, !cursor, true);
  }
  const residual = residualFilter(q, plan, clock);
  const filter = residual && view ? (c: CaseRecord) => residual(c) && view(c) : (residual ?? view);
  if (filter) collection = collection.filter(filter);
  const rows = await collection.limit(limit).toArray();
  const last = rows.at(-1);
  return { rows, next: rows.length === limit && last ? plan.keyOf(last) : null };
}

/** The cases with these ids that still exist, in the order given (search results keep their rank). */
export async function casesByIds(db: RedressDB, ids: readonly string[]): Promise<CaseRecord[]> {
  return (await db.cases.bulkGet([...ids])).filter((c): c is CaseRecord => c !== undefined);
}

/**
 * The cases holding any of these person keys (complainant-match.ts), at most `limit` of them, and
 * whether more matched. The keys are read first, then just those rows.
 */
export async function casesByPersonKeys(
  db: RedressDB,
  keys: readonly string[],
  limit: number,
): Promise<{ cases: CaseRecord[]; more: boolean }> {
  if (keys.length === 0) return { cases: [], more: false };
  // One transaction for the keys and the rows: each transaction is a round trip of its own, and
  // under load that was a good part of the complainant page's time.
  // One getAllKeys a key (anyOf walks a cursor, a round trip per matching entry), in the key order
  // anyOf would give.
  return db.transaction('r', db.cases, async () => {
    const perKey = await Promise.all(
      [...new Set(keys)].sort().map((key) => db.cases.where('personKeys').equals(key).primaryKeys()),
    );
    const ids = [...new Set(perKey.flat() as string[])];
    return { cases: await casesByIds(db, ids.slice(0, limit)), more: ids.length > limit };
  });
}

/** An open case as the openPersonKeys index lists it: its id and when it was received. */
export interface OpenCaseKey {
  id: string;
  receivedAt: string;
}

/**
 * The open cases holding this person key, received at or after `since`, newest first, at most
 * `limit` of them: read from the openPersonKeys index's keys alone, no row.
 */
export async function newestOpenCasesByPersonKey(
  db: RedressDB,
  key: string,
  since: string,
  limit: number,
): Promise<OpenCaseKey[]> {
  const [lower, upper] = openPersonKeyRange(key, since);
  const found: OpenCaseKey[] = [];
  await db.cases
    .where('openPersonKeys')
    .between(lower, upper, true, true)
    .reverse()
    .limit(limit)
    .eachKey((k, cursor) => {
      found.push({ id: cursor.primaryKey as string, receivedAt: receivedAtOfOpenKey(k as string) });
    });
  return found;
}

/**
 * The case with this reference (e.g. CMP-2026-000042) if `viewer` may see it, else null (as for a
 * reference no case has: a typed reference must not tell a hidden case is there). References are
 * stored upper-case.
 */
export async function caseByReference(
  db: RedressDB,
  reference: string,
  viewer: Actor,
): Promise<CaseRecord | null> {
  const ref = reference.trim().toUpperCase();
  const found = ref ? await db.cases.where('reference').equals(ref).first() : undefined;
  return found && seesCase(viewer, caseSubject(found)) ? found : null;
}

/** The viewer's own open cases that owe the complainant an update, longest without news first (My work). */
export function updatesOwedFor(
  db: RedressDB,
  viewer: Actor,
  updateOwedBefore: string,
  limit: number,
): Promise<CasePage> {
  // Only the owed limit takes part in this query; the deadline fields of the clock do not.
  const clock: QueryClock = { now: updateOwedBefore, dueSoonBefore: updateOwedBefore, updateOwedBefore };
  const q: CaseQuery = { informed: 'owed', assigneeId: viewer.id, sort: 'informed' };
  return queryCases(db, q, clock, viewer, null, limit);
}
