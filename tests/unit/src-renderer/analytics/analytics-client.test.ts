import * as Comlink from 'comlink';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAnalytics } from '../../../../src-renderer/analytics/analytics-client';
import { FactStore } from '../../../../src-renderer/analytics/fact-store';
import { analyticsWorkerApi } from '../../../../src-renderer/analytics/handle';
import { createCase } from '../../../../src-renderer/db/cases';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { freshDb, intake, MANAGER, person, testRules } from '../db/test-db';
import { ChannelWorker } from '../workers/channel-worker';

const priya = person('u1', 'Priya Shah', 'officer');
const rules = testRules();
const now = new Date('2026-03-20T12:00:00Z');

let db: RedressDB;
let worker: ChannelWorker;
beforeEach(() => {
  db = freshDb();
  worker = new ChannelWorker();
});
afterEach(async () => {
  worker.close();
  db.close();
  await db.delete();
});

/** The worker side as analytics.worker.ts sets it up, serving the channel instead of a worker scope. */
function serve(store = new FactStore(db)) {
  Comlink.expose(analyticsWorkerApi(store, store.load()), worker.workerEnd);
  return createAnalytics(worker);
}

describe('analytics client', () => {
  it('answers from the worker’s facts, taking in cases written since the last answer', async () => {
    await createCase(db, intake('2026-02-02T10:00:00Z', { category: 'Service' }), priya, rules, now);
    const analytics = serve();
    expect(await analytics.load()).toMatchObject({ source: 'rebuilt', count: 1 });
    expect(await analytics.values('category', MANAGER)).toEqual(['Service']);

    await createCase(db, intake('2026-03-02T10:00:00Z', { category: 'Payments' }), priya, rules, now);
    expect([...(await analytics.values('category', MANAGER))].sort()).toEqual(['Payments', 'Service']);
  });

  it('passes on what went wrong in the worker, and fails every call once the worker has crashed', async () => {
    const store = new FactStore(db);
    store.values = () => {
      throw new RangeError('No such field.');
    };
    const analytics = serve(store);
    await expect(analytics.values('product', MANAGER)).rejects.toMatchObject({
      name: 'RangeError',
      message: 'No such field.',
    });

    worker.crash('out of memory');
    await expect(analytics.load()).rejects.toThrow("The dashboard's worker failed: out of memory");
  });
});
