import * as Comlink from 'comlink';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedressDB } from '../../../../src-renderer/db/schema';
import {
  createCaseSearch,
  SearchUnavailableError,
  type CaseSearch,
} from '../../../../src-renderer/search/search-client';
import type { SearchWorkerApi } from '../../../../src-renderer/search/search-service';
import { MANAGER } from '../db/test-db';
import { ChannelWorker } from '../workers/channel-worker';
import { caseRow } from './case-rows';

/** A worker side for the client's own behaviour: answers as the test says, and counts calls. */
function stubWorker(overrides: Partial<Record<keyof SearchWorkerApi, (...args: never[]) => unknown>> = {}) {
  const worker = new ChannelWorker();
  const calls: string[] = [];
  const api: Record<string, (...args: never[]) => unknown> = {
    load: async () => ({ source: 'saved', count: 0, caughtUp: 0 }),
    upsert: async () => undefined,
    remove: async () => undefined,
    search: async () => [],
    rebuild: async () => ({ count: 0 }),
    flush: async () => undefined,
    ...overrides,
  };
  Comlink.expose(
    Object.fromEntries(
      Object.entries(api).map(([name, fn]) => [
        name,
        (...args: never[]) => {
          calls.push(name);
          return fn(...args);
        },
      ]),
    ),
    worker.workerEnd,
  );
  return { worker, calls };
}

describe('search client with the real worker module', () => {
  let search: CaseSearch;
  let db: RedressDB;
  let worker: ChannelWorker;
  const loadProgress: [number, number][] = [];

  beforeAll(async () => {
    // The worker opens the app's database by name; seed it first.
    db = new RedressDB();
    await db.cases.bulkPut(Array.from({ length: 5 }, (_, i) => caseRow(i + 1)));

    worker = new ChannelWorker();
    // The worker module serves its global scope: here, the worker end of the channel.
    (globalThis as { self?: unknown }).self = worker.workerEnd;
    await import('../../../../src-renderer/search/search.worker');

    search = createCaseSearch(worker);
    search.onLoadProgress((done, total) => loadProgress.push([done, total]));
  });
  afterAll(async () => {
    await search.flush();
    delete (globalThis as { self?: unknown }).self;
    worker.close();
    db.close();
  });

  it('loads (here: builds) the index and reports progress', async () => {
    expect(await search.ready).toEqual({ source: 'rebuilt', count: 5, caughtUp: 0 });
    expect(loadProgress.at(-1)).toEqual([5, 5]);
  });

  it('searches, indexes new and changed cases, and removes cases', async () => {
    expect((await search.search('CMP-2026-000003', MANAGER))[0]).toEqual({
      id: 'case-0003',
      fields: ['reference'],
    });

    const added = caseRow(6, { description: 'Pension transfer delayed.' });
    await db.cases.put(added);
    await search.indexCases([added]);
    expect(await search.search('pension', MANAGER)).toEqual([{ id: 'case-0006', fields: ['description'] }]);

    await db.cases.delete('case-0006');
    await search.removeCases(['case-0006']);
    expect(await search.search('pension', MANAGER)).toEqual([]);
    expect((await search.search('zoe adams', MANAGER, 2)).map((h) => h.id)).toEqual([
      'case-0005',
      'case-0003',
    ]);
  });

  it('rebuilds on request with progress, all of it reported before the rebuild settles', async () => {
    const progress: [number, number][] = [];
    await expect(search.rebuild((done, total) => progress.push([done, total]))).resolves.toBeUndefined();
    expect(progress).toEqual([
      [0, 5],
      [5, 5],
    ]);
    expect(await search.search('priya', MANAGER)).toHaveLength(2);
  });
});

describe('search client calls', () => {
  it('gives each call its own answer, whatever order the worker answers in', async () => {
    let releaseFirst = () => {};
    const firstHeld = new Promise<void>((resolve) => (releaseFirst = resolve));
    const { worker } = stubWorker({
      search: async (query: string, _viewer: unknown, limit: number) => {
        if (query === 'a') await firstHeld;
        return [{ id: query.toUpperCase(), fields: [`limit ${limit}`] }];
      },
    });
    const search = createCaseSearch(worker);
    const first = search.search('a', MANAGER);
    const second = search.search('b', MANAGER, 5);
    expect(await second).toEqual([{ id: 'B', fields: ['limit 5'] }]);
    releaseFirst();
    expect(await first).toEqual([{ id: 'A', fields: ['limit 50'] }]);
    worker.close();
  });

  it('rejects a failed call with the worker’s error', async () => {
    const { worker } = stubWorker({
      search: async () => {
        throw Object.assign(new Error('closed'), { name: 'DatabaseClosedError' });
      },
    });
    const search = createCaseSearch(worker);
    await expect(search.search('x', MANAGER)).rejects.toMatchObject({
      name: 'DatabaseClosedError',
      message: 'closed',
    });
    worker.close();
  });

  it('sends nothing for empty batches', async () => {
    const { worker, calls } = stubWorker();
    const search = createCaseSearch(worker);
    await search.ready;
    await search.indexCases([]);
    await search.removeCases([]);
    await search.flush();
    expect(calls).toEqual(['load', 'flush']);
    worker.close();
  });

  it('fails every call once the worker has failed or been disposed', async () => {
    const { worker } = stubWorker({ load: () => new Promise(() => {}), search: () => new Promise(() => {}) });
    const search = createCaseSearch(worker);
    const pending = search.search('x', MANAGER);
    worker.crash('Failed to load worker script');
    await expect(pending).rejects.toBeInstanceOf(SearchUnavailableError);
    await expect(search.ready).rejects.toThrow('Failed to load worker script');
    await expect(search.search('y', MANAGER)).rejects.toBeInstanceOf(SearchUnavailableError);
    worker.close();

    const other = stubWorker().worker;
    const disposed = createCaseSearch(other);
    disposed.dispose();
    expect(other.terminated).toBe(true);
    await expect(disposed.search('z', MANAGER)).rejects.toThrow('shut down');
  });
});
