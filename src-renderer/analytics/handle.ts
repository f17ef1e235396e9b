// What the worker does for each call; kept apart from the worker file so tests can drive it directly.
import type { FactStore } from './fact-store';
import type { AnalyticsCall, AnalyticsCalls } from './protocol';

export async function handleAnalyticsCall<C extends AnalyticsCall>(
  store: FactStore,
  ready: Promise<unknown>,
  call: C,
  input: AnalyticsCalls[C]['input'],
): Promise<AnalyticsCalls[C]['output']> {
  const status = await ready;
  const handlers: {
    [K in AnalyticsCall]: (input: AnalyticsCalls[K]['input']) => Promise<AnalyticsCalls[K]['output']>;
  } = {
    load: async () => status as AnalyticsCalls['load']['output'],
    // Every answer starts by taking in cases changed since the last one.
    query: async (q) => {
      await store.refresh();
      return store.query(q);
    },
    beforeAfter: async (q) => {
      await store.refresh();
      return store.beforeAfter(q);
    },
    management: async (params) => {
      await store.refresh();
      return store.management(params);
    },
    values: async (field) => {
      await store.refresh();
      return store.values(field);
    },
    rebuild: () => store.rebuild(),
    flush: async () => {
      await store.flush();
      return null;
    },
  };
  return (handlers[call] as (i: unknown) => Promise<AnalyticsCalls[C]['output']>)(input);
}
