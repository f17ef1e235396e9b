// What the analytics worker exposes to the page (analytics-client.ts calls it through
// workers/rpc.ts); kept apart from the worker file so tests can drive it directly.
import type { BeforeAfterInput } from '../../src-shared/analytics/before-after';
import type { Actor } from '../../src-shared/domain/permissions';
import type { ManagementParams } from '../../src-shared/reports/management';
import type { DashboardQuery, FactStore, FactStoreStatus } from './fact-store';

export function analyticsWorkerApi(store: FactStore, ready: Promise<FactStoreStatus>) {
  // Every answer waits for the saved projection, then takes in cases changed since the last one.
  const fresh = async () => {
    await ready;
    await store.refresh();
  };
  return {
    load: () => ready,
    // Each answer is for one person: it counts only the cases they may see.
    query: async (q: DashboardQuery, viewer: Actor) => {
      await fresh();
      return store.query(q, viewer);
    },
    beforeAfter: async (q: BeforeAfterInput, viewer: Actor) => {
      await fresh();
      return store.beforeAfter(q, viewer);
    },
    management: async (params: ManagementParams, viewer: Actor) => {
      await fresh();
      return store.management(params, viewer);
    },
    values: async (field: 'product' | 'rootCause' | 'category', viewer: Actor) => {
      await fresh();
      return store.values(field, viewer);
    },
    rebuild: async () => {
      await ready;
      return store.rebuild();
    },
    /** Saves the projection now rather than after the usual quiet second. */
    flush: async () => {
      await ready;
      await store.flush();
    },
  };
}
export type AnalyticsWorkerApi = ReturnType<typeof analyticsWorkerApi>;
