// Messages between the renderer (analytics-client.ts) and the analytics worker: each request has an
// id and is answered once, with `done` or `failed`.
import type { BeforeAfter, BeforeAfterInput } from '../../src-shared/analytics/before-after';
import type { ManagementFigures, ManagementParams } from '../../src-shared/reports/management';
import type { DashboardAnswer, DashboardQuery, FactStoreStatus } from './fact-store';

export interface AnalyticsCalls {
  load: { input: null; output: FactStoreStatus };
  query: { input: DashboardQuery; output: DashboardAnswer };
  beforeAfter: { input: BeforeAfterInput; output: BeforeAfter };
  management: { input: ManagementParams; output: ManagementFigures };
  values: { input: 'product' | 'rootCause' | 'category'; output: string[] };
  rebuild: { input: null; output: number };
  /** Saves the projection now rather than after the usual quiet second. */
  flush: { input: null; output: null };
}
export type AnalyticsCall = keyof AnalyticsCalls;

export interface AnalyticsRequest {
  id: number;
  call: AnalyticsCall;
  input: unknown;
}

export type AnalyticsResponse =
  | { id: number; kind: 'done'; value: unknown }
  | { id: number; kind: 'failed'; error: { name: string; message: string } };
