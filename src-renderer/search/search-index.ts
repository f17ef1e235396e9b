// The full-text index over cases: FlexSearch 0.8 `Document`, held in memory (in the search worker)
// and persisted as exported chunks. No DOM, so it runs under vitest in Node.
//
// Sizes measured here at 100k synthetic cases (~650-character descriptions, Node 20 heap):
// - long fields (description, notes) tokenized "forward" (every prefix a key): 403 MB heap, 212 MB
//   export; whole-word ("strict"): 182 MB, 76 MB. So they are "strict", and their prefixes come
//   from a vocabulary of their words: "refu" also looks up "refund", "refunds", … (a bounded few).
// - short fields (reference, name) are "forward": "zo" finds Zoë, "CMP-2026-0001" finds as typed.
// - FlexSearch costs ~400 bytes per distinct key, so exact reference lookup ("000123", "123") uses
//   two plain Maps, not another field (a field with three keys per case cost ~140 MB). Phone numbers,
//   account references and reference-like tokens of the text ("TXN-88412") are nearly one key per
//   case too: they live in a plain Map as well (IdentifierTable), matched whole.
// - product and staff names: few distinct words, each on many cases. "forward" would store every
//   case under every prefix of every word (~50 ids a case); "strict" stores ~8, and their prefixes
//   come from the vocabulary as for the long fields.
import { Document, Encoder, type Id } from 'flexsearch';
import { formatReference } from '../../src-shared/domain/reference';
import {
  partialPhoneQuery,
  phoneIdentifier,
  phoneSuffixIdentifier,
  queryIdentifiers,
  referenceIdentifier,
  textIdentifiers,
} from '../../src-shared/search/identifiers';
import { foldText, tokenize } from '../../src-shared/search/text';
import { SEARCH_FIELDS, type SearchDoc, type SearchField, type SearchHit } from './search-doc';

export {
  SEARCH_FIELDS,
  caseToSearchDoc,
  type SearchDoc,
  type SearchField,
  type SearchHit,
} from './search-doc';

/** One piece of the exported index, stored as one row. */
export interface IndexChunk {
  key: string;
  data: string;
}

/** Bump when the index options or chunk layout change: an older persisted index is then rebuilt. */
export const INDEX_FORMAT = 3;

export class IndexFormatError extends Error {
  constructor(what: string) {
    super(`The saved search index is missing or unreadable (${what}).`);
    this.name = 'IndexFormatError';
  }
}

const RESOLUTION = 9;
/** A word in the reference or the complainant's name says more than one in the text. */
const WEIGHT: Record<IndexedField, number> = {
  reference: 8,
  name: 4,
  description: 1,
  notes: 1,
  product: 2,
  staff: 2,
};
const FIELD_BIT: Record<SearchField, number> = {
  reference: 1,
  name: 2,
  description: 4,
  notes: 8,
  product: 16,
  staff: 32,
  identifier: 64,
};
/** The fields FlexSearch holds; `identifier` is the IdentifierTable's. */
const INDEXED_FIELDS = ['reference', 'name', 'description', 'notes', 'product', 'staff'] as const;
type IndexedField = (typeof INDEXED_FIELDS)[number];
/** Fields whose prefixes come from the vocabulary (indexed whole words only). */
const WORD_FIELDS = ['description', 'notes', 'product', 'staff'] as const;
/** A text word that only begins with the query word counts less than the word itself. */
const PREFIX_FACTOR = 0.6;
/** An exact reference ("CMP-2026-000123", "000123", "123") ranks above any other match. */
const EXACT_REFERENCE_BONUS = 1000;
/** A phone number or account reference typed whole ranks above any text match. */
const IDENTIFIER_BONUS = 500;
const MAX_QUERY_WORDS = 8;
const NONE_HIDDEN: ReadonlySet<string> = new Set();
const MIN_PREFIX = 2;
const MAX_EXPANSIONS = 16;
/** No more expansions once a query word has about this many matches: enough to rank from. */
const EXPANSION_BUDGET = 200_000;

/** The document as FlexSearch sees it. A small number id, not the UUID: ids are repeated per word,
 * and UUIDs made the export ~6x larger. */
type IndexedDoc = {
  num: number;
  reference: string;
  name: string;
  description: string;
  notes: string;
  product: string;
  staff: string;
};
type Slots = ReadonlyArray<readonly Id[] | null | undefined>;

const compact = (text: string) => foldText(text).replace(/[^\p{L}\p{N}]+/gu, '');

/** A 53-bit hash (cyrb53) of the indexed text: re-saving a case without changing its text (a status
 * change, an assignment) then skips FlexSearch's update, which scans the whole index. */
function contentHash(doc: SearchDoc): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (const part of [
    doc.reference,
    doc.name,
    doc.description,
    doc.notes ?? '',
    doc.accountRef ?? '',
    doc.phone ?? '',
    doc.product ?? '',
    doc.staff ?? '',
  ]) {
    for (let i = 0; i <= part.length; i++) {
      // The position past the end mixes in a separator, so "ab"+"c" and "a"+"bc" differ.
      const code = i < part.length ? part.charCodeAt(i) : 0x1f;
      h1 = Math.imul(h1 ^ code, 2654435761);
      h2 = Math.imul(h2 ^ code, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The number at the end of a reference, without its zero padding: "cmp-2026-000123" → 123. */
function sequenceOf(reference: string): number | null {
  const digits = /(\d+)\D*$/.exec(reference)?.[1];
  const value = digits === undefined ? NaN : Number(digits);
  return Number.isSafeInteger(value) ? value : null;
}

/** What a query could name exactly: whole references ("CMP-2026-000123", "cmp 2026 123") as
 * compact keys, or the number of one ("000123", "123"). */
function exactReferenceQuery(
  query: string,
  words: readonly string[],
): { keys: string[]; sequence: number | null } {
  const full = compact(query);
  if (!/\d/.test(full)) return { keys: [], sequence: null };
  const keys = [full];
  // Typed without the zero padding: "CMP-2026-123" (the year has four digits, as formatReference makes it).
  const [prefix, year, number] = words.length === 3 ? words : [];
  if (prefix && /^\p{L}+$/u.test(prefix) && /^\d{4}$/.test(year ?? '') && /^\d+$/.test(number ?? '')) {
    const sequence = Number(number);
    if (Number.isSafeInteger(sequence) && sequence > 0) {
      keys.push(prefix + compact(formatReference(Number(year), sequence)).replace(/^\p{L}+/u, ''));
    }
  }
  return { keys, sequence: /^\d+$/.test(full) ? sequenceOf(full) : null };
}

/** Case numbers by key. Most keys name one case: it is then held as a bare number, not an array. */
class Postings<K> {
  private readonly map = new Map<K, number | number[]>();

  add(key: K, num: number): void {
    const held = this.map.get(key);
    if (held === undefined) this.map.set(key, num);
    else if (typeof held === 'number') {
      if (held !== num) this.map.set(key, [held, num]);
    } else if (!held.includes(num)) held.push(num);
  }

  delete(key: K, num: number): void {
    const held = this.map.get(key);
    if (held === num) this.map.delete(key);
    else if (Array.isArray(held)) {
      const left = held.filter((n) => n !== num);
      this.map.set(key, left.length === 1 ? left[0]! : left);
    }
  }

  get(key: K): readonly number[] {
    const held = this.map.get(key);
    return held === undefined ? [] : typeof held === 'number' ? [held] : held;
  }
}

/** Case numbers by compact reference and by sequence number (a sequence restarts each year). */
class ReferenceTable {
  private readonly byKey = new Map<string, number>();
  private readonly bySequence = new Postings<number>();

  add(reference: string, num: number): void {
    this.byKey.set(compact(reference), num);
    const sequence = sequenceOf(reference);
    if (sequence !== null) this.bySequence.add(sequence, num);
  }

  delete(reference: string, num: number): void {
    const key = compact(reference);
    if (this.byKey.get(key) === num) this.byKey.delete(key);
    const sequence = sequenceOf(reference);
    if (sequence !== null) this.bySequence.delete(sequence, num);
  }

  find(query: { keys: string[]; sequence: number | null }): number[] {
    const found = query.keys.map((k) => this.byKey.get(k)).filter((n): n is number => n !== undefined);
    if (query.sequence !== null) found.push(...this.bySequence.get(query.sequence));
    return [...new Set(found)];
  }
}

/** The identifier keys of a case (identifiers.ts), space-separated as they are saved. */
function identifiersOf(doc: SearchDoc): string {
  const keys = new Set([
    phoneIdentifier(doc.phone ?? ''),
    phoneSuffixIdentifier(doc.phone ?? ''),
    referenceIdentifier(doc.accountRef ?? ''),
    ...textIdentifiers(doc.description),
    ...(doc.notes ? textIdentifiers(doc.notes) : []),
  ]);
  keys.delete('');
  return [...keys].join(' ');
}

/** The words of the whole-word fields, counted, for prefix expansion. A removed or changed case's
 * words stay while the index is in memory (a stale word only costs an empty lookup); they are
 * dropped before the index is saved (CaseSearchIndex.export), so an erased person's words are not
 * kept on disk. */
class Vocabulary {
  private readonly counts = new Map<string, number>();
  /** Words by their first two characters, so a prefix scans one small bucket. */
  private readonly buckets = new Map<string, string[]>();

  add(word: string, times = 1): void {
    const count = this.counts.get(word);
    this.counts.set(word, (count ?? 0) + times);
    if (count !== undefined || word.length <= MIN_PREFIX) return;
    const key = word.slice(0, MIN_PREFIX);
    const bucket = this.buckets.get(key);
    if (bucket) bucket.push(word);
    else this.buckets.set(key, [word]);
  }

  count(word: string): number {
    return this.counts.get(word) ?? 0;
  }

  /** Drops the words `stillUsed` says no case holds any more; returns how many. */
  prune(stillUsed: (word: string) => boolean): number {
    let dropped = 0;
    for (const word of [...this.counts.keys()]) {
      if (stillUsed(word)) continue;
      this.counts.delete(word);
      dropped += 1;
      const key = word.slice(0, MIN_PREFIX);
      const bucket = this.buckets.get(key)?.filter((w) => w !== word);
      if (bucket?.length) this.buckets.set(key, bucket);
      else this.buckets.delete(key);
    }
    return dropped;
  }

  /** Longer words starting with `prefix`, most frequent first, within the budget. */
  expand(prefix: string): string[] {
    if (prefix.length < MIN_PREFIX) return [];
    const bucket = this.buckets.get(prefix.slice(0, MIN_PREFIX)) ?? [];
    const words = bucket.filter((w) => w.length > prefix.length && w.startsWith(prefix));
    words.sort((x, y) => this.count(y) - this.count(x));
    const chosen: string[] = [];
    let budget = EXPANSION_BUDGET - this.count(prefix);
    for (const word of words) {
      if (chosen.length === MAX_EXPANSIONS || budget <= 0) break;
      chosen.push(word);
      budget -= this.count(word);
    }
    return chosen;
  }

  toJSON(): [string, number][] {
    return [...this.counts];
  }

  static fromJSON(entries: unknown): Vocabulary {
    if (!Array.isArray(entries)) throw new IndexFormatError('vocabulary');
    const vocabulary = new Vocabulary();
    for (const [word, count] of entries as [string, number][]) vocabulary.add(word, count);
    return vocabulary;
  }
}

function createDocument(): Document<IndexedDoc> {
  // Folding (case, accents, ø/ł/ß…) is the function the highlighter uses. numeric: false keeps
  // "000123" one word (the default splits digits into triples); dedupe: false keeps "100023" and
  // "10023" apart (the default collapses repeated letters).
  const encoder = new Encoder({ normalize: foldText, numeric: false, dedupe: false });
  const short = { tokenize: 'forward', encoder, resolution: RESOLUTION } as const;
  const long = { tokenize: 'strict', encoder, resolution: RESOLUTION } as const;
  return new Document<IndexedDoc>({
    document: {
      id: 'num',
      index: [
        { field: 'reference', ...short },
        { field: 'name', ...short },
        { field: 'description', ...long },
        { field: 'notes', ...long },
        { field: 'product', ...long },
        { field: 'staff', ...long },
      ],
    },
  });
}

interface Source {
  bit: number;
  weight: number;
  slots: Slots;
}

interface Score {
  score: number;
  fields: number;
}

export class CaseSearchIndex {
  private doc = createDocument();
  private vocabulary = new Vocabulary();
  private referenceTable = new ReferenceTable();
  private identifierTable = new Postings<string>();
  /** By number: the case id (null once removed), its reference, its identifier keys, updatedAt
   * (epoch ms), text hash. */
  private ids: (string | null)[] = [null];
  private refs: string[] = [''];
  private idents: string[] = [''];
  private stamps: number[] = [0];
  private hashes: number[] = [0];
  private nums = new Map<string, number>();
  /** A case was removed or its text replaced: the vocabulary may hold words no case has now. */
  private staleWords = false;

  get size(): number {
    return this.nums.size;
  }

  has(id: string): boolean {
    return this.nums.has(id);
  }

  /** The updatedAt (epoch ms) of the indexed version of a case. */
  indexedAt(id: string): number | undefined {
    const num = this.nums.get(id);
    return num === undefined ? undefined : this.stamps[num];
  }

  /** Adds a case, or replaces what was indexed for it; false when its text had not changed. */
  add(doc: SearchDoc): boolean {
    const known = this.nums.get(doc.id);
    const num = known ?? this.ids.length;
    const hash = contentHash(doc);
    this.stamps[num] = Date.parse(doc.updatedAt) || 0;
    if (known !== undefined && this.hashes[num] === hash) return false;
    this.hashes[num] = hash;
    const indexed: IndexedDoc = {
      num,
      reference: doc.reference,
      name: doc.name,
      description: doc.description,
      notes: doc.notes ?? '',
      product: doc.product ?? '',
      staff: doc.staff ?? '',
    };
    if (known === undefined) {
      this.ids.push(doc.id);
      this.nums.set(doc.id, num);
      this.doc.add(indexed);
    } else {
      this.forgetKeys(num);
      this.doc.update(indexed);
      this.staleWords = true;
    }
    this.refs[num] = doc.reference;
    this.idents[num] = identifiersOf(doc);
    this.learnKeys(num);
    for (const text of [doc.description, doc.notes, doc.product, doc.staff]) {
      if (text) for (const word of tokenize(text)) this.vocabulary.add(word);
    }
    return true;
  }

  update(doc: SearchDoc): boolean {
    return this.add(doc);
  }

  /** Removes a case; false when it was not indexed. */
  remove(id: string): boolean {
    const num = this.nums.get(id);
    if (num === undefined) return false;
    this.doc.remove(num);
    this.forgetKeys(num);
    this.nums.delete(id);
    this.ids[num] = null;
    this.refs[num] = '';
    this.idents[num] = '';
    this.stamps[num] = 0;
    this.hashes[num] = 0;
    this.staleWords = true;
    return true;
  }

  clear(): void {
    this.doc = createDocument();
    this.vocabulary = new Vocabulary();
    this.referenceTable = new ReferenceTable();
    this.identifierTable = new Postings<string>();
    this.ids = [null];
    this.refs = [''];
    this.idents = [''];
    this.stamps = [0];
    this.hashes = [0];
    this.nums = new Map();
    this.staleWords = false;
  }

  /** Words of the vocabulary no indexed case holds any more, dropped; returns how many. */
  pruneVocabulary(): number {
    this.staleWords = false;
    return this.vocabulary.prune((word) => WORD_FIELDS.some((field) => this.slots(field, word).length > 0));
  }

  /**
   * Cases matching every word of the query (each word in any field, as a whole word or a prefix),
   * best first: an exact reference, then more and weightier fields, then the most recently changed.
   * Cases in `hidden` (restricted ones the searcher may not see) are passed over, so they neither
   * show nor take a place in the `limit`.
   */
  search(query: string, limit = 50, hidden: ReadonlySet<string> = NONE_HIDDEN): SearchHit[] {
    const words = tokenize(query).slice(0, MAX_QUERY_WORDS);
    if (words.length === 0 || limit <= 0) return [];

    const perWord = words.map((word) => {
      const sources = this.sourcesFor(word);
      const size = sources.reduce((n, s) => n + s.slots.reduce((m, ids) => m + (ids?.length ?? 0), 0), 0);
      return { sources, size };
    });
    // Rarest word first: each later word then only checks the candidates left.
    perWord.sort((x, y) => x.size - y.size);
    let results: Map<number, Score> | null = null;
    for (const { sources } of perWord) {
      results = this.score(sources, results);
      if (results.size === 0) break;
    }
    results ??= new Map();

    for (const num of this.referenceTable.find(exactReferenceQuery(query, words))) {
      const hit = results.get(num) ?? { score: 0, fields: 0 };
      hit.score += EXACT_REFERENCE_BONUS;
      hit.fields |= FIELD_BIT.reference;
      results.set(num, hit);
    }
    const named = (num: number) => {
      const hit = results.get(num) ?? { score: 0, fields: 0 };
      if (!(hit.fields & FIELD_BIT.identifier)) hit.score += IDENTIFIER_BONUS;
      hit.fields |= FIELD_BIT.identifier;
      results.set(num, hit);
    };
    for (const key of queryIdentifiers(query)) for (const num of this.identifierTable.get(key)) named(num);
    // The end of a phone number: its last six digits are the key, the rest is checked on its number.
    const partial = partialPhoneQuery(query);
    for (const num of partial ? this.identifierTable.get(partial.key) : []) {
      const keys = this.idents[num]?.split(' ') ?? [];
      if (keys.some((k) => k.startsWith('p:') && k.endsWith(partial!.digits))) named(num);
    }
    return this.top(results, limit, hidden);
  }

  /** The index as chunks to store; `import` reads them back in any order. */
  export(): IndexChunk[] {
    if (this.staleWords) this.pruneVocabulary();
    const chunks: IndexChunk[] = [
      { key: 'search:format', data: JSON.stringify(INDEX_FORMAT) },
      {
        key: 'search:cases',
        data: JSON.stringify({
          ids: this.ids,
          refs: this.refs,
          idents: this.idents,
          stamps: this.stamps,
          hashes: this.hashes,
        }),
      },
      { key: 'search:vocabulary', data: JSON.stringify(this.vocabulary) },
    ];
    this.doc.export((key, data) => {
      chunks.push({ key: `fs:${key}`, data });
    });
    return chunks;
  }

  /** Replaces the contents with an exported index; throws IndexFormatError if it cannot be used. */
  import(chunks: Iterable<IndexChunk>): void {
    const byKey = new Map<string, string>();
    for (const chunk of chunks) byKey.set(chunk.key, chunk.data);
    if (byKey.get('search:format') !== JSON.stringify(INDEX_FORMAT)) throw new IndexFormatError('format');
    const parse = (key: string): unknown => {
      try {
        return JSON.parse(byKey.get(key) ?? '');
      } catch {
        throw new IndexFormatError(key);
      }
    };
    const { ids, refs, idents, stamps, hashes } = parse('search:cases') as Record<string, unknown>;
    const columns = [ids, refs, idents, stamps, hashes];
    if (!columns.every((c) => Array.isArray(c) && c.length === (ids as unknown[]).length)) {
      throw new IndexFormatError('cases');
    }
    const vocabulary = Vocabulary.fromJSON(parse('search:vocabulary'));
    const doc = createDocument();
    for (const [key, data] of byKey) {
      if (key.startsWith('fs:')) doc.import(key.slice(3), data);
    }

    this.clear();
    this.doc = doc;
    this.vocabulary = vocabulary;
    this.ids = ids as (string | null)[];
    this.refs = refs as string[];
    this.idents = (idents as (string | null)[]).map((k) => k ?? '');
    this.stamps = (stamps as (number | null)[]).map((s) => s ?? 0);
    this.hashes = (hashes as (number | null)[]).map((h) => h ?? 0);
    this.ids.forEach((id, num) => {
      if (typeof id !== 'string') return;
      this.nums.set(id, num);
      this.learnKeys(num);
    });
  }

  /** Files a case's reference and identifiers in the plain tables. */
  private learnKeys(num: number): void {
    this.referenceTable.add(this.refs[num]!, num);
    for (const key of this.idents[num]!.split(' ')) if (key) this.identifierTable.add(key, num);
  }

  private forgetKeys(num: number): void {
    this.referenceTable.delete(this.refs[num]!, num);
    for (const key of this.idents[num]!.split(' ')) if (key) this.identifierTable.delete(key, num);
  }

  /** FlexSearch's unresolved result for one word in one field: ids grouped by relevance slot. */
  private slots(field: IndexedField, word: string): Slots {
    const found = this.doc.search(word, { field, resolve: false }) as unknown as { result?: Slots };
    return found.result ?? [];
  }

  private sourcesFor(word: string): Source[] {
    const sources: Source[] = [];
    for (const field of INDEXED_FIELDS) {
      const slots = this.slots(field, word);
      if (slots.length) sources.push({ bit: FIELD_BIT[field], weight: WEIGHT[field], slots });
    }
    // Prefixes in the whole-word fields (reference and name are indexed by prefix already), after
    // the whole word so that a case matching both counts the whole word.
    for (const longer of this.vocabulary.expand(word)) {
      for (const field of WORD_FIELDS) {
        const slots = this.slots(field, longer);
        if (slots.length)
          sources.push({ bit: FIELD_BIT[field], weight: WEIGHT[field] * PREFIX_FACTOR, slots });
      }
    }
    return sources;
  }

  /** Scores one query word; with `previous`, keeps only the cases that matched the earlier words. */
  private score(sources: readonly Source[], previous: Map<number, Score> | null): Map<number, Score> {
    const next = new Map<number, Score>();
    for (const source of sources) {
      source.slots.forEach((ids, slot) => {
        if (!ids) return;
        // Lower slots hold words nearer the start of the field.
        const value = source.weight * (1 - slot / (2 * RESOLUTION));
        for (const id of ids) {
          const num = id as number;
          if (previous && !previous.has(num)) continue;
          const hit = next.get(num);
          if (!hit) next.set(num, { score: value, fields: source.bit });
          else if (!(hit.fields & source.bit)) {
            // Each field counts once per query word.
            hit.score += value;
            hit.fields |= source.bit;
          }
        }
      });
    }
    if (previous) {
      for (const [num, hit] of next) {
        const before = previous.get(num)!;
        hit.score += before.score;
        hit.fields |= before.fields;
      }
    }
    return next;
  }

  /** The best `limit` hits, without sorting every candidate (a common word matches most cases). */
  private top(results: Map<number, Score>, limit: number, hidden: ReadonlySet<string>): SearchHit[] {
    // Negative when a ranks before b.
    const order = (a: [number, Score], b: [number, Score]) =>
      b[1].score - a[1].score || (this.stamps[b[0]] ?? 0) - (this.stamps[a[0]] ?? 0) || b[0] - a[0];
    const best: [number, Score][] = [];
    if (results.size <= limit) {
      // Every match is asked for (the Cases list's search): one sort, not an insertion per match.
      for (const entry of results) {
        const id = this.ids[entry[0]];
        if (id != null && !hidden.has(id)) best.push(entry);
      }
      best.sort(order);
      return this.hits(best);
    }
    for (const entry of results) {
      const id = this.ids[entry[0]];
      if (id == null || hidden.has(id)) continue;
      if (best.length === limit && order(entry, best[limit - 1]!) >= 0) continue;
      let lo = 0;
      let hi = best.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (order(best[mid]!, entry) <= 0) lo = mid + 1;
        else hi = mid;
      }
      best.splice(lo, 0, entry);
      if (best.length > limit) best.pop();
    }
    return this.hits(best);
  }

  private hits(best: readonly [number, Score][]): SearchHit[] {
    return best.map(([num, hit]) => ({
      id: this.ids[num]!,
      fields: SEARCH_FIELDS.filter((f) => hit.fields & FIELD_BIT[f]),
    }));
  }
}
