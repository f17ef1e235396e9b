// Search, the complainant page and intake's repeat check, measured in the bench page the way the
// app runs them: search through the real worker (search-client.ts) and the Cases list's own
// search (searchCases), the complainant page's data (complainantCases, then complainantContacts) and findPossibleDuplicates.
// Search is also taken apart (worker round trip, index alone, rows), so a slow figure says where
// its time goes.
import { findPossibleDuplicates } from '../../../src-renderer/db/cases';
import {
  complainantCases,
  complainantContacts,
  type ComplainantCase,
} from '../../../src-renderer/db/complainants';
import type { RedressDB } from '../../../src-renderer/db/schema';
import { moreSearchResults, SEARCH_ALL, searchCaseIds } from '../../../src-renderer/db/search-sync';
import { getCaseSearch } from '../../../src-renderer/search/search-client';
import { CaseSearchIndex } from '../../../src-renderer/search/search-index';
import type { CaseRecord } from '../../../src-shared/domain/case';
import type { Rng } from '../../../src-shared/demo/rng';
import type { Actor } from '../../../src-shared/domain/permissions';

/** Times `fn` over warm-up plus measured runs; run i gets its index to vary its input. */
export type Timer = (runs: number, warmup: number, fn: (i: number) => Promise<unknown>) => Promise<number[]>;

export interface BenchContext {
  db: RedressDB;
  rng: Rng;
  runs: number;
  warmup: number;
  ids: readonly string[];
  viewer: Actor;
  time: Timer;
  samples: Record<string, number[] | null>;
  notes: string[];
}

const TEXT_QUERIES = [
  'refund',
  'Kelpie',
  'overdraft',
  'superannuation',
  'fingerprint',
  'Parramatta',
  'hotel',
  'wheelchair',
  'Brightside',
  'cashback',
  'storm damage',
  'passcode',
  'Łukasz',
  'late payment fee',
  'ombudsman',
  'Aurora Airlines',
];

const sorted = (values: readonly number[]) => [...values].sort((a, b) => a - b);
const at = (values: readonly number[], p: number) =>
  sorted(values)[Math.max(0, Math.ceil(p * values.length) - 1)] ?? NaN;
const summary = (values: readonly number[]) =>
  `median ${at(values, 0.5).toFixed(1)} ms, p95 ${at(values, 0.95).toFixed(1)} ms`;
const cycle = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
/** The three slowest runs with their steps' times, e.g. "refund: ids 80.1 + rows 3.2 ms". */
function slowest(runs: readonly ({ query: string } & Record<string, number | string>)[]): string {
  const total = (r: Record<string, number | string>) =>
    Object.values(r).reduce<number>((sum, v) => sum + (typeof v === 'number' ? v : 0), 0);
  return [...runs]
    .sort((a, b) => total(b) - total(a))
    .slice(0, 3)
    .map(
      ({ query, ...steps }) =>
        `${query}: ${Object.entries(steps)
          .map(([step, ms]) => `${step} ${Number(ms).toFixed(1)}`)
          .join(' + ')} ms`,
    )
    .join('; ');
}

/** Random cases, read whole. */
async function sampleCases(ctx: BenchContext, n: number): Promise<CaseRecord[]> {
  const picked = Array.from({ length: n }, () => ctx.rng.pick(ctx.ids));
  return (await ctx.db.cases.bulkGet(picked)).filter((c): c is CaseRecord => c !== undefined);
}

/** A phone number as someone else would type it: the same digits, spaced or international. */
function retypedPhone(phone: string, i: number): string {
  const digits = phone.replace(/\D/g, '');
  if (i % 3 === 0) return digits;
  if (i % 3 === 1 && digits.startsWith('0')) return `+44 ${digits.slice(1, 5)} ${digits.slice(5)}`;
  return digits.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/** The queries an officer types: text words, and identifiers of real cases written another way. */
async function searchQueries(ctx: BenchContext): Promise<string[]> {
  const cases = await sampleCases(ctx, 40);
  const identifiers: string[] = [];
  cases.forEach((c, i) => {
    if (i % 4 === 0 && c.complainant.phone) identifiers.push(retypedPhone(c.complainant.phone, i));
    if (i % 4 === 1 && c.accountRef) identifiers.push(c.accountRef.toLowerCase().replace(/[^a-z0-9]/g, ''));
    if (i % 4 === 2 && c.product) identifiers.push(c.product);
    if (i % 4 === 3 && c.assignee) identifiers.push(c.assignee.name);
  });
  // Text and identifier queries alternate, so both kinds are in every percentile.
  const queries: string[] = [];
  for (let i = 0; i < Math.max(TEXT_QUERIES.length, identifiers.length); i++) {
    if (i < TEXT_QUERIES.length) queries.push(TEXT_QUERIES[i]!);
    if (i < identifiers.length) queries.push(identifiers[i]!);
  }
  return queries;
}

export async function measureSearch(ctx: BenchContext): Promise<void> {
  const { db, runs, warmup, viewer, time, samples, notes } = ctx;
  const search = getCaseSearch();
  const started = performance.now();
  await search.rebuild();
  notes.push(
    `search.query: rebuilding the index over ${ctx.ids.length} cases took ${((performance.now() - started) / 1000).toFixed(1)} s.`,
  );
  await search.flush();
  const queries = await searchQueries(ctx);

  // What the Cases list waits for: the worker's ranked ids, then the rows it shows.
  // searchCases in its two steps, so the slowest runs say which step was slow.
  const sizes: number[] = [];
  const empty = new Set<string>();
  const parts: { query: string; ids: number; rows: number }[] = [];
  samples['search.query'] = await time(runs, warmup, async (i) => {
    const query = cycle(queries, i);
    const t0 = performance.now();
    const ids = await searchCaseIds(query, viewer, SEARCH_ALL);
    const t1 = performance.now();
    const { rows } = await moreSearchResults(db, ids, viewer);
    parts.push({ query, ids: t1 - t0, rows: performance.now() - t1 });
    sizes.push(rows.length);
    if (rows.length === 0) empty.add(query);
  });
  notes.push(`search.query, slowest runs: ${slowest(parts.slice(warmup))}.`);
  notes.push(
    `search.query: the Cases list's search (searchCases: up to 200 ranked ids from the worker, then the first page of 50 rows); rows per query ${Math.min(...sizes)}–${Math.max(...sizes)} over ${queries.length} queries (text words, and phone numbers, account references, products and staff names of real cases, retyped)` +
      (empty.size ? `; no match for: ${[...empty].join(', ')}.` : '.'),
  );

  // Where the time goes.
  const roundTrip = await time(runs, warmup, () => search.search('qqxqzv', viewer, 50));
  const worker = await time(runs, warmup, (i) => search.search(cycle(queries, i), viewer, 50));
  const hitIds = await Promise.all(
    queries.map(async (q) => (await search.search(q, viewer, 50)).map((h) => h.id)),
  );
  const rows = await time(runs, warmup, (i) => db.cases.bulkGet(cycle(hitIds, i)));
  const local = new CaseSearchIndex();
  local.import(await db.searchIndex.filter((r) => r.key !== 'meta').toArray());
  const indexAlone = await time(runs, warmup, async (i) => local.search(cycle(queries, i), 50));
  notes.push(
    `search.query, taken apart: a worker round trip with no match ${summary(roundTrip)}; the worker's answer (ids) ${summary(worker)}; the index alone (in the page) ${summary(indexAlone)}; reading 50 hit rows ${summary(rows)}.`,
  );
}

/** Cases whose complainant has several cases: the complainant page's realistic anchors. */
async function anchorsWithSeveralCases(ctx: BenchContext, wanted: number): Promise<CaseRecord[]> {
  const anchors: CaseRecord[] = [];
  for (let tries = 0; tries < 20 && anchors.length < wanted; tries++) {
    for (const c of await sampleCases(ctx, 50)) {
      const { cases } = await complainantCases(ctx.db, c, ctx.viewer);
      if (cases.length >= 3) anchors.push(c);
    }
  }
  return anchors.slice(0, wanted);
}

export async function measureComplainant(ctx: BenchContext): Promise<void> {
  const { db, runs, warmup, viewer, time, samples, notes } = ctx;
  const anchors = await anchorsWithSeveralCases(ctx, warmup + runs);
  if (anchors.length === 0) {
    samples['complainant.open'] = null;
    notes.push('complainant.open: no complainant with several cases in this data, so it was not measured.');
  } else {
    const shown: number[] = [];
    const parts: { query: string; anchor: number; cases: number }[] = [];
    const listed: ComplainantCase[][] = [];
    samples['complainant.open'] = await time(runs, warmup, async (i) => {
      // The page reads its case, then the person's details and cases (the contacts come after).
      const t0 = performance.now();
      const anchor = await db.cases.get(cycle(anchors, i).id);
      const t1 = performance.now();
      const { cases } = await complainantCases(db, anchor!, viewer);
      parts.push({ query: `${cases.length} cases`, anchor: t1 - t0, cases: performance.now() - t1 });
      shown.push(cases.length);
      listed.push(cases);
    });
    const contactCounts: number[] = [];
    const contacts = await time(runs, warmup, async (i) => {
      contactCounts.push((await complainantContacts(db, cycle(listed, i))).length);
    });
    notes.push(
      `complainant.open, slowest runs: ${slowest(parts.slice(warmup))}. The contacts section, read after the cases: ${summary(contacts)} (${Math.min(...contactCounts)}–${Math.max(...contactCounts)} contacts).`,
    );
    notes.push(
      `complainant.open: the complainant page's data up to its case list (the case, then every case of the same person it may show) for people with ${Math.min(...shown)}–${Math.max(...shown)} cases.`,
    );
  }

  // Typed at intake: a known person's name in lower case without accents, e-mail in capitals,
  // phone written another way; a third of them someone new.
  const people = await sampleCases(ctx, warmup + runs);
  const now = new Date();
  const found: number[] = [];
  samples['intake.repeatCheck'] = await time(runs, warmup, async (i) => {
    const c = cycle(people, i);
    const stranger = i % 3 === 2;
    const probe = {
      name: stranger
        ? `Quinn Abernathy-${i}`
        : c.complainant.name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase(),
      email: stranger ? `quinn${i}@example.org` : c.complainant.email.toUpperCase(),
      phone: stranger ? `07700 9${String(i).padStart(5, '0')}` : retypedPhone(c.complainant.phone, i),
      accountRef: '',
    };
    found.push((await findPossibleDuplicates(db, probe, viewer, now)).length);
  });
  notes.push(
    `intake.repeatCheck: findPossibleDuplicates for a name, e-mail and phone typed at intake (two in three of a known complainant, retyped); ${Math.min(...found)}–${Math.max(...found)} possible repeats shown.`,
  );
}
