// What the search worker does, apart from the worker glue, so it runs under vitest with
// fake-indexeddb: holds one CaseSearchIndex, keeps it in step with the cases table and persists it
// into the searchIndex table.
//
// Crash safety: the persisted index carries `indexedUpTo`, the newest updatedAt it contains. On
// load, cases updated since then (less a margin for clock and ordering slack) are re-indexed, so a
// crash between a case write and an index save loses nothing. A rebuild first deletes the meta
// row, so an interrupted rebuild is redone rather than trusted.
import type { CaseRecord } from '../../src-shared/domain/case';
import { viewScope } from '../../src-shared/domain/case-visibility';
import type { Actor } from '../../src-shared/domain/permissions';
import { hiddenRestrictedIds } from '../db/case-visibility';
import type { RedressDB, SearchIndexRow } from '../db/schema';
import { exposeToPage, withProgress } from '../workers/rpc';
import type { LoadSummary, RebuildProgress, RebuildSummary } from './protocol';
import { caseToSearchDoc, withPeople, type SearchDoc, type SearchHit } from './search-doc';
import { CaseSearchIndex } from './search-index';

export const META_KEY = 'meta';

export interface IndexMeta {
  /** ISO instant: every case updated at or before it was indexed (in its latest version). */
  indexedUpTo: string | null;
  count: number;
}

/** Case notes as one text per case id (notes arrive in a later feature). */
export type NotesLoader = (db: RedressDB, caseIds: readonly string[]) => Promise<ReadonlyMap<string, string>>;

/** Names of the people on each case that its row does not hold, per case id (none: absent). */
export type PeopleLoader = (
  db: RedressDB,
  caseIds: readonly string[],
) => Promise<ReadonlyMap<string, readonly string[]>>;

export interface SearchServiceOptions {
  /** Quiet time after the last change before the index is saved. */
  persistDelayMs?: number;
  /** Cases read per transaction when rebuilding or catching up. */
  pageSize?: number;
  /** How far before `indexedUpTo` the catch-up starts, for writes that committed out of order. */
  catchUpMarginMs?: number;
  /** After this many re-saves that changed no indexed text, save anyway to move `indexedUpTo` on. */
  maxUnsavedTouches?: number;
  /**
   * A save writes the whole index (tens of MB at 100,000 cases): after one that took t ms, the next
   * starts no sooner than this many times t after it ended, so however often changes come (an
   * import's batches, a second or less apart) saving takes at most about that fraction of the time.
   */
  saveSpacing?: number;
  /**
   * Quiet time before a save after an upsert that says more are coming (an import's batches): the
   * importer flushes once at its end, so the index (tens of MB) is not written again and again
   * while it grows; this is the fallback should the importer never flush (a closed window).
   */
  bulkQuietMs?: number;
  loadNotes?: NotesLoader;
  /** Names of people on each case kept outside its row (interviewers, interviewees). */
  loadPeople?: PeopleLoader;
  onError?: (error: unknown) => void;
}

type Progress = (progress: RebuildProgress) => void;

export class SearchService {
  readonly index = new CaseSearchIndex();
  private readonly persistDelayMs: number;
  private readonly pageSize: number;
  private readonly marginMs: number;
  private readonly maxUnsavedTouches: number;
  private readonly saveSpacing: number;
  private readonly bulkQuietMs: number;
  private readonly loadNotes: NotesLoader | undefined;
  private readonly loadPeople: PeopleLoader | undefined;
  private readonly onError: (error: unknown) => void;

  /** Every operation runs alone, in arrival order: the index is never read half-updated. */
  private queue: Promise<unknown> = Promise.resolve();
  private loaded = false;
  /** The index text differs from what is saved. */
  private dirty = false;
  /** Cases re-saved without a text change since the last save (only their timestamps moved). */
  private touches = 0;
  /** Set while (or after a failed) rebuild: a partial index must never be saved as complete. */
  private incomplete = false;
  private indexedUpTo: number | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the last save ended and how long it took (Date.now() milliseconds). */
  private lastSave = { endedAt: 0, tookMs: 0 };

  constructor(
    private readonly db: RedressDB,
    options: SearchServiceOptions = {},
  ) {
    this.persistDelayMs = options.persistDelayMs ?? 1000;
    this.pageSize = options.pageSize ?? 2000;
    this.marginMs = options.catchUpMarginMs ?? 5 * 60_000;
    this.maxUnsavedTouches = options.maxUnsavedTouches ?? 500;
    this.saveSpacing = options.saveSpacing ?? 10;
    this.bulkQuietMs = options.bulkQuietMs ?? 30_000;
    this.loadNotes = options.loadNotes;
    this.loadPeople = options.loadPeople;
    this.onError = options.onError ?? ((error) => console.warn('Search index:', error));
  }

  /** Reads the saved index and catches up with later case changes; rebuilds when there is none. */
  load(onProgress?: Progress): Promise<LoadSummary> {
    return this.exclusive(async () => {
      if (!this.loaded) {
        const saved = await this.readSaved();
        this.loaded = true;
        if (!saved) {
          const { count } = await this.rebuildNow(onProgress);
          return { source: 'rebuilt', count, caughtUp: 0 };
        }
        this.indexedUpTo = saved.indexedUpTo === null ? null : Date.parse(saved.indexedUpTo);
      }
      const caughtUp = await this.catchUp();
      return { source: 'saved', count: this.index.size, caughtUp };
    });
  }

  /**
   * Indexes cases just written (notes and people are added here when loaders are set). `more`:
   * further batches follow and the caller flushes after the last, so the save waits (bulkQuietMs).
   */
  upsert(docs: readonly SearchDoc[], more = false): Promise<void> {
    return this.exclusive(async () => {
      if (docs.length === 0) return;
      const ids = docs.map((d) => d.id);
      const [notes, people] = await Promise.all([
        this.loadNotes?.(this.db, ids) ?? null,
        this.loadPeople?.(this.db, ids) ?? null,
      ]);
      this.indexDocs(
        docs.map((d) =>
          withPeople(
            notes && d.notes === undefined ? { ...d, notes: notes.get(d.id) ?? '' } : d,
            people?.get(d.id),
          ),
        ),
        more,
      );
    });
  }

  remove(ids: readonly string[]): Promise<void> {
    return this.exclusive(async () => {
      this.removeNow(ids);
    });
  }

  /**
   * Ranked hits among the cases `viewer` may see. The restricted cases hidden from the viewer are
   * read afresh each time (a few, by their index), so a restriction counts from the moment it is
   * saved. Where the rules would hide unrestricted cases too ('each'), the caller's row check has
   * the last word. Nothing else is read here: the caller reads the rows anyway, and tells `remove`
   * of any case deleted behind the index's back (checking every hit here cost more than the search).
   */
  search(query: string, viewer: Actor, limit: number): Promise<SearchHit[]> {
    return this.exclusive(async () => {
      if (viewScope(viewer) === 'none') return [];
      // Writes that do not call upsert (an assignment, an escalation, an edit) are picked up here:
      // usually one key read and the newest case, since only cases changed since then are read.
      await this.catchUp(0);
      const hidden = viewScope(viewer) === 'all' ? undefined : await hiddenRestrictedIds(this.db, viewer);
      return this.index.search(query, limit, hidden);
    });
  }

  rebuild(onProgress?: Progress): Promise<RebuildSummary> {
    return this.exclusive(() => this.rebuildNow(onProgress));
  }

  /** Saves now if anything is unsaved. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    return this.exclusive(() => this.persist());
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** The saved meta after importing the saved chunks, or null when there is nothing usable. */
  private async readSaved(): Promise<IndexMeta | null> {
    const rows = await this.db.searchIndex.toArray();
    const metaRow = rows.find((r) => r.key === META_KEY);
    if (!metaRow) return null;
    try {
      const meta = JSON.parse(metaRow.data) as IndexMeta;
      if (meta.indexedUpTo !== null && Number.isNaN(Date.parse(meta.indexedUpTo)))
        throw new Error('Bad indexedUpTo');
      this.index.import(rows.filter((r) => r.key !== META_KEY));
      return meta;
    } catch (error) {
      // The saved index is only a cache of the cases table: unreadable means rebuild.
      this.onError(error);
      this.index.clear();
      return null;
    }
  }

  /** Indexes the cases changed since `marginMs` before the newest one indexed. */
  private async catchUp(marginMs = this.marginMs): Promise<number> {
    const from = this.indexedUpTo === null ? null : new Date(this.indexedUpTo - marginMs).toISOString();
    const ids = (
      from === null
        ? await this.db.cases.toCollection().primaryKeys()
        : await this.db.cases.where('updatedAt').aboveOrEqual(from).primaryKeys()
    ) as string[];
    let caughtUp = 0;
    for (let i = 0; i < ids.length; i += this.pageSize) {
      const records = await this.db.cases.bulkGet(ids.slice(i, i + this.pageSize));
      // Cases already indexed in this version (the margin re-reads some) are skipped.
      const newer = records.filter(
        (r): r is CaseRecord => r !== undefined && this.index.indexedAt(r.id) !== Date.parse(r.updatedAt),
      );
      await this.indexRecords(newer);
      caughtUp += newer.length;
    }
    return caughtUp;
  }

  private async rebuildNow(onProgress?: Progress): Promise<RebuildSummary> {
    this.incomplete = true;
    this.dirty = false;
    clearTimeout(this.timer);
    await this.db.searchIndex.delete(META_KEY);
    this.index.clear();
    this.indexedUpTo = null;

    const total = await this.db.cases.count();
    let done = 0;
    onProgress?.({ done, total });
    // Keyset paging on the primary key: every case exactly once, whatever its other fields hold.
    let last: string | undefined;
    for (;;) {
      const page =
        last === undefined
          ? await this.db.cases.orderBy(':id').limit(this.pageSize).toArray()
          : await this.db.cases.where(':id').above(last).limit(this.pageSize).toArray();
      if (page.length === 0) break;
      await this.indexRecords(page);
      last = page[page.length - 1]!.id;
      done += page.length;
      onProgress?.({ done, total: Math.max(total, done) });
    }
    this.incomplete = false;
    this.dirty = true;
    await this.persist();
    return { count: this.index.size };
  }

  private async indexRecords(records: readonly CaseRecord[]): Promise<void> {
    if (records.length === 0) return;
    const ids = records.map((r) => r.id);
    const [notes, people] = await Promise.all([
      this.loadNotes?.(this.db, ids) ?? null,
      this.loadPeople?.(this.db, ids) ?? null,
    ]);
    this.indexDocs(
      records.map((r) => withPeople(caseToSearchDoc(r, notes?.get(r.id)), people?.get(r.id))),
      false,
    );
  }

  private indexDocs(docs: readonly SearchDoc[], more: boolean): void {
    for (const doc of docs) {
      if (this.index.add(doc)) this.dirty = true;
      else this.touches += 1;
      const stamp = Date.parse(doc.updatedAt);
      if (!Number.isNaN(stamp) && (this.indexedUpTo === null || stamp > this.indexedUpTo))
        this.indexedUpTo = stamp;
    }
    // A status change re-saves a case without touching its text: no need to write the whole index
    // for that, the catch-up on load redoes it cheaply. Save after many, so the catch-up stays short.
    if (this.touches >= this.maxUnsavedTouches) this.dirty = true;
    this.schedulePersist(more);
  }

  private removeNow(ids: readonly string[]): void {
    for (const id of ids) if (this.index.remove(id)) this.dirty = true;
    this.schedulePersist(false);
  }

  private schedulePersist(more: boolean): void {
    if (!this.dirty) return;
    clearTimeout(this.timer);
    // Nothing is lost by waiting: a crash before the save costs a catch-up at the next load.
    const spaced = this.lastSave.endedAt + this.lastSave.tookMs * this.saveSpacing - Date.now();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.exclusive(() => this.persist()).catch(this.onError);
      },
      Math.max(this.persistDelayMs, spaced, more ? this.bulkQuietMs : 0),
    );
  }

  private async persist(): Promise<void> {
    if (!this.dirty || this.incomplete) return;
    const started = Date.now();
    const meta: IndexMeta = {
      indexedUpTo: this.indexedUpTo === null ? null : new Date(this.indexedUpTo).toISOString(),
      count: this.index.size,
    };
    const rows: SearchIndexRow[] = [...this.index.export(), { key: META_KEY, data: JSON.stringify(meta) }];
    // One transaction: a reader sees the old index or the new one, never a mix.
    await this.db.transaction('rw', this.db.searchIndex, async () => {
      await this.db.searchIndex.clear();
      await this.db.searchIndex.bulkPut(rows);
    });
    this.dirty = false;
    this.touches = 0;
    this.lastSave = { endedAt: Date.now(), tookMs: Math.max(1, Date.now() - started) };
  }
}

/** What an import worker may ask of the search worker over its own port: upserts only. */
export function indexerApi(service: SearchService) {
  return { upsert: (docs: SearchDoc[], more?: boolean) => service.upsert(docs, more) };
}
export type IndexerApi = ReturnType<typeof indexerApi>;

/**
 * What the search worker exposes to the page (search-client.ts calls it through workers/rpc.ts).
 * Progress callbacks come from the page and are released when their call ends.
 */
export function searchWorkerApi(service: SearchService) {
  return {
    load: (onProgress?: Progress) => withProgress(onProgress, (report) => service.load(report)),
    upsert: (docs: SearchDoc[], more?: boolean) => service.upsert(docs, more),
    /** Serves upserts on `port`: an import worker sends its batches' documents straight here. */
    acceptIndexer: (port: MessagePort) => exposeToPage(indexerApi(service), port),
    remove: (ids: string[]) => service.remove(ids),
    search: (query: string, viewer: Actor, limit: number) => service.search(query, viewer, limit),
    rebuild: (onProgress?: Progress) => withProgress(onProgress, (report) => service.rebuild(report)),
    flush: () => service.flush(),
  };
}
export type SearchWorkerApi = ReturnType<typeof searchWorkerApi>;
