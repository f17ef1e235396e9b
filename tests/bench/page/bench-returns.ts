// The FCA complaints return over every seeded case, as the Returns screen produces it: the slim
// read of the return facts that can count in the half-year (returnCases), then the figures (fcaReturn).
import type { CaseRules } from '../../../src-renderer/db/cases';
import { returnCases } from '../../../src-renderer/db/return-cases';
import { getDb } from '../../../src-renderer/db/schema';
import { officeDayOf } from '../../../src-shared/domain/office-time';
import type { ActingPerson } from '../../../src-shared/domain/permissions';
import type { Settings } from '../../../src-shared/domain/settings';
import { fcaReturn } from '../../../src-shared/returns/fca-return';
import { halfYears, type ReturnPeriod } from '../../../src-shared/returns/period';

/** The half-year of the returns year that holds `today`: its end is after every seeded case. */
function currentHalfYear(settings: Settings, rules: CaseRules, today: string): ReturnPeriod {
  const year = Number(today.slice(0, 4));
  const starts = today >= `${year}-${settings.reportingPeriodStart}` ? year : year - 1;
  const halves = halfYears(settings.reportingPeriodStart, starts, rules.calendar);
  return halves.find((h) => h.from <= today && today <= h.to) ?? halves[1];
}

/**
 * Milliseconds per run of the whole return (read and figures); a note splits the last run into
 * the read and the figures and says how many cases were read and counted.
 */
export async function measureFcaReturn(
  runs: number,
  settings: Settings,
  rules: CaseRules,
  by: ActingPerson,
  notes: string[],
): Promise<number[]> {
  const period = currentHalfYear(settings, rules, officeDayOf(new Date().toISOString(), settings.timeZone));
  const options = {
    products: settings.regulatoryProducts,
    causes: settings.complaintCauses,
    calendar: rules.calendar,
  };
  const out: number[] = [];
  let last = { readMs: 0, figuresMs: 0, read: 0, opened: 0 };
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const cases = await returnCases(getDb(), by, period, settings.timeZone, () => undefined);
    const read = performance.now();
    const figures = fcaReturn(cases, period, options);
    const done = performance.now();
    out.push(done - started);
    last = {
      readMs: read - started,
      figuresMs: done - read,
      read: cases.length,
      opened: figures.total.opened.count,
    };
  }
  notes.push(
    `returns.fca: ${period.from} to ${period.to}; of the last run, ${last.readMs.toFixed(0)} ms reading ${last.read} return facts (returnCases) and ${last.figuresMs.toFixed(0)} ms computing the figures (${last.opened} opened in the period).`,
  );
  return out;
}
