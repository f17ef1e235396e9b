// Keeps every case's slim facts in memory for the dashboard (it runs in the analytics worker).
// Start-up reads the saved snapshot (one row) and catches up from the updatedAt index; with no usable
// snapshot it reads the cases once in keyset pages. Queries then filter and aggregate in memory, so a
// filter change never touches the database. Every answer counts only the cases the asker may see
// (a restricted case only for its assignee, its escalation owner and managers).
import {
  createManagementAggregator,
  projectFact,
  type ManagementFigures,
  type ManagementParams,
} from '../../src-shared/reports/management';
import {
  computeDashboard,
  type Dashboard,
  type DashboardFilters,
  type DashboardOptions,
} from '../../src-shared/analytics/aggregate';
import {
  beforeAfter,
  type BeforeAfter,
  type BeforeAfterInput,
} from '../../src-shared/analytics/before-after';
import {
  DEFAULT_EMERGING_SETTINGS,
  detectEmerging,
  emergingOptions,
  type EmergingIssue,
  type EmergingSettings,
} from '../../src-shared/analytics/emerging';
import { factSubject, toCaseFact, type CaseFact } from '../../src-shared/analytics/facts';
import type { CaseRecord } from '../../src-shared/domain/case';
import { viewCheck } from '../../src-shared/domain/case-visibility';
import type { Actor } from '../../src-shared/domain/permissions';
import type { RedressDB } from '../db/schema';
import { decodeFacts, encodeFacts, SNAPSHOT_KEY, SNAPSHOT_VERSION } from './snapshot';

const PAGE = 2000;
/**
 * cases.ts's CASES_TOTAL_KEY, spelled out: importing the case repository would pull the deadline
 * rules and holiday tables into the worker and slow its start (a test checks the two agree).
 */
export const TOTAL_KEY = 'cases:total';

export interface FactStoreStatus {
  source: 'saved' | 'rebuilt';
  count: number;
  caughtUp: number;
}

export interface DashboardQuery {
  filters: DashboardFilters;
  options: DashboardOptions;
  /** The office's emerging-issue settings; the defaults when absent. */
  emerging?: EmergingSettings;
}

export interface DashboardAnswer {
  dashboard: Dashboard;
  emerging: EmergingIssue[];
}

/** Flags from the latest 7 and 28 days, one per value (the stronger), strongest first. */
export function emergingBoth(
  facts: readonly CaseFact[],
  now: number,
  settings: EmergingSettings = DEFAULT_EMERGING_SETTINGS,
): EmergingIssue[] {
  const best = new Map<string, EmergingIssue>();
  for (const windowDays of [7, 28]) {
    for (const issue of detectEmerging(facts, emergingOptions(settings, now, windowDays))) {
      const key = `${issue.dimension}:${issue.value}`;
      const seen = best.get(key);
      if (!seen || issue.pValue < seen.pValue) best.set(key, issue);
    }
  }
  return [...best.values()].sort((a, b) => a.pValue - b.pValue || b.count - a.count);
}

export class FactStore {
  private facts: CaseFact[] = [];
  private position = new Map<string, number>();
  private highWater = '';
  private queue: Promise<unknown> = Promise.resolve();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly db: RedressDB,
    private readonly saveDelayMs = 1000,
  ) {}

  /** Runs `task` after every earlier one: loads, catch-ups and saves never interleave. */
  private serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  get size(): number {
    return this.facts.length;
  }

  load(): Promise<FactStoreStatus> {
    return this.serial(async () => {
      const row = await this.db.analyticsSnapshot.get(SNAPSHOT_KEY);
      if (row?.version === SNAPSHOT_VERSION && row.columns) {
        this.replace(decodeFacts(row.columns), row.highWater);
        const caughtUp = await this.catchUp();
        if (await this.countMatches()) return { source: 'saved', count: this.facts.length, caughtUp };
      }
      await this.readAll();
      this.scheduleSave();
      return { source: 'rebuilt', count: this.facts.length, caughtUp: 0 };
    });
  }

  /** Takes in cases changed since the last look; rebuilds if cases appeared or went behind its back. */
  refresh(): Promise<number> {
    return this.serial(async () => {
      const n = await this.catchUp();
      if (!(await this.countMatches())) {
        await this.readAll();
        this.scheduleSave();
        return this.facts.length;
      }
      if (n) this.scheduleSave();
      return n;
    });
  }

  rebuild(): Promise<number> {
    return this.serial(async () => {
      await this.readAll();
      await this.saveNow();
      return this.facts.length;
    });
  }

  query(q: DashboardQuery, viewer: Actor): DashboardAnswer {
    const { fromMs: _from, toMs: _to, ...dimensions } = q.filters;
    const sameDimensions = this.visible(viewer).filter(
      (f) =>
        (dimensions.category === undefined || f.category === dimensions.category) &&
        (dimensions.channel === undefined || f.channel === dimensions.channel) &&
        (dimensions.product === undefined || f.product === dimensions.product) &&
        (dimensions.severity === undefined || f.severity === dimensions.severity) &&
        (dimensions.regime === undefined || f.regime === dimensions.regime) &&
        (dimensions.assigneeId === undefined || f.assigneeId === dimensions.assigneeId),
    );
    return {
      dashboard: computeDashboard(sameDimensions, q.filters, q.options),
      // Emerging issues always look at the latest week and the latest four weeks, whatever the range.
      emerging: emergingBoth(sameDimensions, q.options.now, q.emerging),
    };
  }

  /** The management report's figures, from the facts already in memory. */
  management(params: ManagementParams, viewer: Actor): ManagementFigures {
    const agg = createManagementAggregator(params);
    const toMs = Date.parse(params.to);
    for (const f of this.visible(viewer)) if (f.receivedMs <= toMs) agg.add(projectFact(f));
    return agg.finish();
  }

  beforeAfter(input: BeforeAfterInput, viewer: Actor): BeforeAfter {
    return beforeAfter(this.visible(viewer), input);
  }

  /** Distinct non-empty values of a text fact, most frequent first (for pickers). */
  values(field: 'product' | 'rootCause' | 'category', viewer: Actor): string[] {
    const counts = new Map<string, number>();
    for (const f of this.visible(viewer)) if (f[field]) counts.set(f[field], (counts.get(f[field]) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  }

  flush(): Promise<void> {
    return this.serial(() => this.saveNow());
  }

  /** The facts of the cases this person may see. */
  private visible(viewer: Actor): readonly CaseFact[] {
    const sees = viewCheck(viewer, factSubject, (f) => f.restricted);
    return sees ? this.facts.filter(sees) : this.facts;
  }

  private replace(facts: CaseFact[], highWater: string) {
    this.facts = facts;
    this.position = new Map(facts.map((f, i) => [f.id, i]));
    this.highWater = highWater;
  }

  private upsert(records: readonly CaseRecord[]) {
    for (const r of records) {
      const fact = toCaseFact(r);
      const at = this.position.get(r.id);
      if (at === undefined) {
        this.position.set(r.id, this.facts.length);
        this.facts.push(fact);
      } else {
        this.facts[at] = fact;
      }
      if (r.updatedAt > this.highWater) this.highWater = r.updatedAt;
    }
  }

  private async catchUp(): Promise<number> {
    // aboveOrEqual: a case written in the same millisecond as the high-water mark is not missed.
    const changed = await this.db.cases.where('updatedAt').aboveOrEqual(this.highWater).toArray();
    this.upsert(changed);
    return changed.length;
  }

  private async countMatches(): Promise<boolean> {
    const total = (await this.db.counters.get(TOTAL_KEY))?.value ?? 0;
    return total === this.facts.length;
  }

  private async readAll() {
    this.replace([], '');
    let last: string | undefined;
    for (;;) {
      const where = this.db.cases.where(':id');
      const page = await (last === undefined ? where.above('') : where.above(last)).limit(PAGE).toArray();
      this.upsert(page);
      if (page.length < PAGE) break;
      last = page.at(-1)!.id;
    }
  }

  private scheduleSave() {
    clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => void this.flush().catch(() => undefined), this.saveDelayMs);
  }

  private async saveNow() {
    clearTimeout(this.saveTimer);
    await this.db.analyticsSnapshot.put({
      key: SNAPSHOT_KEY,
      version: SNAPSHOT_VERSION,
      highWater: this.highWater,
      columns: encodeFacts(this.facts),
    });
  }
}
