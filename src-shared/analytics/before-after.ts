// Did the change work? Complaints of the linked root causes or categories in equal windows before
// and after the change date. The after window runs from the change to now (up to a cap), to the
// millisecond: counted in whole days, it ended at the last midnight and left out what came today.
import { DAY_MS } from './aggregate';
import type { CaseFact } from './facts';
import { periodKey } from './periods';

export interface BeforeAfterInput {
  rootCauses: readonly string[];
  categories: readonly string[];
  changeMs: number;
  now: number;
  /** The office's time zone: the months are its calendar months. */
  timeZone: string;
  maxWindowDays?: number;
}

export interface BeforeAfter {
  windowDays: number;
  before: number;
  after: number;
  /** Relative change after vs before, in %; null when there was nothing before. */
  changePct: number | null;
  /** Per calendar month of the whole span, with the side of the change each month's cases fell on. */
  months: { key: string; before: number; after: number }[];
  caseIdsAfter: string[];
}

export function beforeAfter(facts: readonly CaseFact[], input: BeforeAfterInput): BeforeAfter {
  const causes = new Set(input.rootCauses);
  const categories = new Set(input.categories);
  const span = Math.max(0, Math.min((input.maxWindowDays ?? 180) * DAY_MS, input.now - input.changeMs));
  const windowDays = Math.floor(span / DAY_MS);
  const from = input.changeMs - span;
  const to = input.changeMs + span;
  const months = new Map<string, { key: string; before: number; after: number }>();
  let before = 0;
  let after = 0;
  const caseIdsAfter: string[] = [];
  if (windowDays > 0) {
    for (const f of facts) {
      if (f.receivedMs < from || f.receivedMs > to) continue;
      if (!causes.has(f.rootCause) && !categories.has(f.category)) continue;
      const key = periodKey(f.receivedMs, 'month', input.timeZone);
      const m = months.get(key) ?? { key, before: 0, after: 0 };
      months.set(key, m);
      if (f.receivedMs < input.changeMs) {
        before += 1;
        m.before += 1;
      } else {
        after += 1;
        m.after += 1;
        caseIdsAfter.push(f.id);
      }
    }
  }
  return {
    windowDays,
    before,
    after,
    changePct: before ? Math.round(((after - before) / before) * 1000) / 10 : null,
    months: [...months.values()].sort((a, b) => a.key.localeCompare(b.key)),
    caseIdsAfter,
  };
}
