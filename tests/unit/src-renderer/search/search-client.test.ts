import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedressDB } from '../../../../src-renderer/db/schema';
import type { SearchRequest, SearchResponse } from '../../../../src-renderer/search/protocol';
import {
  createCaseSearch,
  SearchUnavailableError,
  type CaseSearch,
} from '../../../../src-renderer/search/search-client';
import { caseRow } from './case-rows';

/** Stands in for `new Worker(...)`: messages are cloned and delivered asynchronously, like postMessage. */
class FakeWorker {
  onmessage: ((event: MessageEvent<SearchResponse>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  sent: SearchRequest[] = [];
  terminated = false;
  constructor(private readonly deliver: (request: SearchRequest) => void = () => undefined) {}
  postMessage(request: SearchRequest) {
    this.sent.push(structuredClone(request));
    setTimeout(() => this.deliver(structuredClone(request)));
  }
  reply(response: SearchResponse) {
    this.onmessage?.({ data: structuredClone(response) } as MessageEvent<SearchResponse>);
  }
  terminate() {
    this.terminated = true;
  }
}
const asWorker = (fake: FakeWorker) => fake as unknown as Worker;

describe('search client with the real worker module', () => {
  let search: CaseSearch;
  let db: RedressDB;
  const loadProgress: [number, number][] = [];

  beforeAll(async () => {
    // The worker opens the app's database by name; seed it first.
    db = new RedressDB();
    await db.cases.bulkPut(Array.from({ length: 5 }, (_, i) => caseRow(i + 1)));

    const worker = new FakeWorker((request) =>
      scope.onmessage?.({ data: request } as MessageEvent<SearchRequest>),
    );
    const scope: {
      onmessage: ((event: MessageEvent<SearchRequest>) => void) | null;
      postMessage: (r: SearchResponse) => void;
    } = {
      onmessage: null,
      postMessage: (response) => setTimeout(() => worker.reply(response)),
    };
    (globalThis as { self?: unknown }).self = scope;
    await import('../../../../src-renderer/search/search.worker');

    search = createCaseSearch(asWorker(worker));
    search.onLoadProgress((done, total) => loadProgress.push([done, total]));
  });
  afterAll(async () => {
    await search.flush();
    delete (globalThis as { self?: unknown }).self;
    db.close();
  });

  it('loads (here: builds) the index and reports progress', async () => {
    expect(await search.ready).toEqual({ source: 'rebuilt', count: 5, caughtUp: 0 });
    expect(loadProgress.at(-1)).toEqual([5, 5]);
  });

  it('searches, indexes new and changed cases, and removes cases', async () => {
    expect((await search.search('CMP-2026-000003'))[0]).toEqual({ id: 'case-0003', fields: ['reference'] });

    const added = caseRow(6, { description: 'Pension transfer delayed.' });
    await db.cases.put(added);
    await search.indexCases([added]);
    expect(await search.search('pension')).toEqual([{ id: 'case-0006', fields: ['description'] }]);

    await db.cases.delete('case-0006');
    await search.removeCases(['case-0006']);
    expect(await search.search('pension')).toEqual([]);
    expect((await search.search('zoe adams', 2)).map((h) => h.id)).toEqual(['case-0005', 'case-0003']);
  });

  it('rebuilds on request with progress', async () => {
    const progress: [number, number][] = [];
    await expect(search.rebuild((done, total) => progress.push([done, total]))).resolves.toBeUndefined();
    expect(progress).toEqual([
      [0, 5],
      [5, 5],
    ]);
    expect(await search.search('priya')).toHaveLength(2);
  });
});

describe('search client protocol', () => {
  it('matches replies to requests by id, whatever their order', async () => {
    const worker = new FakeWorker();
    const search = createCaseSearch(asWorker(worker));
    const first = search.search('a');
    const second = search.search('b', 5);
    await new Promise((r) => setTimeout(r));
    const [load, a, b] = worker.sent;
    expect(load).toEqual({ id: load!.id, type: 'load' });
    expect(b).toEqual({ id: b!.id, type: 'search', query: 'b', limit: 5 });
    worker.reply({ id: b!.id, kind: 'done', value: [{ id: 'B', fields: ['name'] }] });
    worker.reply({ id: a!.id, kind: 'done', value: [{ id: 'A', fields: ['description'] }] });
    expect(await first).toEqual([{ id: 'A', fields: ['description'] }]);
    expect(await second).toEqual([{ id: 'B', fields: ['name'] }]);
  });

  it('rejects a failed request with the worker’s error', async () => {
    const worker = new FakeWorker();
    const search = createCaseSearch(asWorker(worker));
    const result = search.search('x');
    await new Promise((r) => setTimeout(r));
    worker.reply({
      id: worker.sent[1]!.id,
      kind: 'failed',
      error: { name: 'DatabaseClosedError', message: 'closed' },
    });
    await expect(result).rejects.toMatchObject({ name: 'DatabaseClosedError', message: 'closed' });
  });

  it('sends nothing for empty batches', async () => {
    const worker = new FakeWorker();
    const search = createCaseSearch(asWorker(worker));
    await search.indexCases([]);
    await search.removeCases([]);
    expect(worker.sent.map((r) => r.type)).toEqual(['load']);
  });

  it('fails every call once the worker has failed or been disposed', async () => {
    const worker = new FakeWorker();
    const search = createCaseSearch(asWorker(worker));
    const pending = search.search('x');
    worker.onerror?.({
      message: 'Failed to load worker script',
      preventDefault: () => undefined,
    } as ErrorEvent);
    await expect(pending).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(search.ready).rejects.toThrow('Failed to load worker script');
    await expect(search.search('y')).rejects.toBeInstanceOf(SearchUnavailableError);

    const other = new FakeWorker();
    const disposed = createCaseSearch(asWorker(other));
    disposed.dispose();
    expect(other.terminated).toBe(true);
    await expect(disposed.search('z')).rejects.toThrow('shut down');
  });
});
