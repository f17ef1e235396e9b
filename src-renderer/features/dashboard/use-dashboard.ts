// The dashboard's reads: every question goes to the analytics worker, which answers from memory.
import { useEffect, useState } from 'react';
import type { DashboardFilters } from '../../../src-shared/analytics/aggregate';
import { getAnalytics } from '../../analytics/analytics-client';
import type { DashboardAnswer } from '../../analytics/fact-store';
import { useDataVersion } from '../../db/hooks';
import { useSettings } from '../../app/settings-context';
import { useViewer } from '../users/use-viewer';
import type { DashboardParams } from './dashboard-params';

export function useDashboardData(filters: DashboardFilters, params: DashboardParams) {
  const version = useDataVersion();
  const viewer = useViewer();
  const { emergingIssues, timeZone } = useSettings().settings;
  const [state, setState] = useState<{
    answer: DashboardAnswer | null;
    now: number | null;
    error: string | null;
    elapsedMs: number | null;
    /** The question the answer is for: while it differs, a newer answer is on its way. */
    answeredKey: string | null;
    /** The filters and split the shown answer was computed for: its links must use these. */
    answeredFor: { filters: DashboardFilters; stackBy: DashboardParams['stackBy'] } | null;
  }>({ answer: null, now: null, error: null, elapsedMs: null, answeredKey: null, answeredFor: null });
  const key = JSON.stringify([filters, params.granularity, params.stackBy, emergingIssues, timeZone]);
  const askedKey = `${key}#${version}#${viewer.id}`;

  useEffect(() => {
    if (version === undefined) return;
    let alive = true;
    const started = performance.now();
    const now = Date.now();
    getAnalytics()
      .query(
        {
          filters,
          options: { now, timeZone, granularity: params.granularity, stackBy: params.stackBy },
          emerging: emergingIssues,
        },
        viewer,
      )
      .then(
        (answer) => {
          if (alive)
            setState({
              answer,
              now,
              error: null,
              elapsedMs: performance.now() - started,
              answeredKey: askedKey,
              answeredFor: { filters, stackBy: params.stackBy },
            });
        },
        (e: Error) => {
          if (alive) setState((s) => ({ ...s, error: e.message, answeredKey: askedKey }));
        },
      );
    return () => {
      alive = false;
    };
    // `key` stands for filters and params.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version, viewer]);
  return { ...state, loading: state.answeredKey !== askedKey };
}

/** Distinct values of a fact (products, root causes, categories), most frequent first. */
export function useFactValues(field: 'product' | 'rootCause' | 'category'): string[] | undefined {
  const version = useDataVersion();
  const viewer = useViewer();
  const [values, setValues] = useState<string[]>();
  useEffect(() => {
    if (version === undefined) return;
    let alive = true;
    getAnalytics()
      .values(field, viewer)
      .then(
        (v) => alive && setValues(v),
        () => alive && setValues([]),
      );
    return () => {
      alive = false;
    };
  }, [field, version, viewer]);
  return values;
}
