// The ASIC IDR data report (RG 271, IDR data reporting data dictionary): one row per complaint open
// at any time in the period, with the dictionary's fields and codes, and a validation pass naming
// each row's missing or invalid fields so the officer can fix the case before lodging.
import type { BusinessCalendar } from '../domain/deadlines';
import type { Day } from '../domain/office-time';
import {
  asicOutcomeOf,
  type AsicIssue,
  type AsicOutcome,
  type AsicProduct,
  type ComplaintCause,
  type RegulatoryProduct,
} from '../domain/regulatory-codes';
import { REGIME_JURISDICTION } from '../domain/regime-fit';
import { inPeriod, isReportable, returnDays, type ReturnCase, type ReturnPeriod } from './period';

export interface AsicIdrRow {
  caseId: string;
  /** The complaint's unique identifier: the case reference. */
  complaintId: string;
  dateReceived: Day;
  complainantType: string;
  postcode: string;
  gender: string;
  ageBand: string;
  product: AsicProduct | '';
  issue: AsicIssue | '';
  /** At the period's end. */
  status: 'open' | 'closed';
  dateClosed: Day | '';
  /** Calendar days from receipt to the final answer; null while open. */
  daysToClose: number | null;
  outcome: AsicOutcome | '';
  /** Money paid by the period's end, per currency, as "AUD 120.50"; '' when none. */
  compensation: string;
  remedyTypes: string;
  referredToAfca: boolean;
}

export const ASIC_IDR_FIELDS = [
  'complaintId',
  'dateReceived',
  'complainantType',
  'postcode',
  'gender',
  'ageBand',
  'product',
  'issue',
  'status',
  'dateClosed',
  'daysToClose',
  'outcome',
  'compensation',
  'remedyTypes',
  'referredToAfca',
] as const satisfies readonly (keyof AsicIdrRow)[];

export type AsicProblem = { field: keyof AsicIdrRow; problem: 'missing' | 'invalid' };

export interface AsicRowProblems {
  caseId: string;
  complaintId: string;
  problems: AsicProblem[];
}

export interface AsicIdrOptions {
  products: readonly RegulatoryProduct[];
  causes: readonly ComplaintCause[];
  calendar: BusinessCalendar;
  /** Whether the office reports gender and age band (Settings); otherwise they stay blank. */
  reportDemographics: boolean;
}

/**
 * Whether a case belongs in the ASIC IDR report: reportable and under one of ASIC's RG 271
 * regimes. An FCA, CFPB or custom case is another regulator's business.
 */
export const countsInAsicIdr = (c: ReturnCase): boolean =>
  REGIME_JURISDICTION[c.regime]?.regulator === 'ASIC' && isReportable(c);

/**
 * Every complaint under the ASIC regimes (countsInAsicIdr) received by the period's end and not
 * ended before it began. A complaint withdrawn before it was answered is closed on the day it was
 * withdrawn (outcome withdrawn); one answered is closed on the day of its final response.
 */
export function asicIdrRows(
  cases: readonly ReturnCase[],
  period: ReturnPeriod,
  options: AsicIdrOptions,
): AsicIdrRow[] {
  const { calendar } = options;
  const productOf = new Map(options.products.map((p) => [p.id, p.asicProduct]));
  const issueOf = new Map(options.causes.map((c) => [c.id, c.asicIssue]));
  const rows: AsicIdrRow[] = [];
  for (const c of cases) {
    if (!countsInAsicIdr(c)) continue;
    const { received, ended } = returnDays(c, calendar);
    if (received > period.to || (ended !== null && ended < period.from)) continue;
    const closed = ended !== null && inPeriod(ended, period);
    const data = c.returnData;
    const paid = new Map<string, number>();
    const types = new Set<string>();
    for (const p of data?.redress ?? []) {
      if (p.paidOn > period.to) continue;
      paid.set(p.currency, Math.round(((paid.get(p.currency) ?? 0) + p.amount) * 100) / 100);
      types.add(p.type);
    }
    rows.push({
      caseId: c.id,
      complaintId: c.reference,
      dateReceived: received,
      complainantType: data?.complainantType ?? '',
      postcode: data?.postcode ?? '',
      gender: options.reportDemographics ? (data?.gender ?? '') : '',
      ageBand: options.reportDemographics ? (data?.ageBand ?? '') : '',
      product: productOf.get(data?.productId ?? '') ?? '',
      issue: issueOf.get(data?.causeId ?? '') ?? '',
      status: closed ? 'closed' : 'open',
      dateClosed: closed ? ended : '',
      daysToClose: closed ? calendar.calendarDaysBetween(received, ended) : null,
      outcome: closed ? (asicOutcomeOf(c) ?? '') : '',
      compensation: [...paid].map(([currency, amount]) => `${currency} ${amount.toFixed(2)}`).join('; '),
      remedyTypes: [...types].join('; '),
      // As it stood at the period's end: a report re-run later says the same.
      referredToAfca: !!data?.ombudsman && data.ombudsman.referredOn <= period.to,
    });
  }
  return rows.sort(
    (a, b) => a.dateReceived.localeCompare(b.dateReceived) || a.complaintId.localeCompare(b.complaintId),
  );
}

const AU_POSTCODE = /^\d{4}$/;

/** Each row with a field ASIC would refuse or that is not recorded, and which; rows without problems are left out. */
export function validateAsicIdr(
  rows: readonly AsicIdrRow[],
  options: Pick<AsicIdrOptions, 'reportDemographics'>,
): AsicRowProblems[] {
  const out: AsicRowProblems[] = [];
  for (const row of rows) {
    const problems: AsicProblem[] = [];
    const missing = (field: keyof AsicIdrRow) => problems.push({ field, problem: 'missing' });
    if (!row.complainantType) missing('complainantType');
    if (!row.postcode) missing('postcode');
    else if (!AU_POSTCODE.test(row.postcode)) problems.push({ field: 'postcode', problem: 'invalid' });
    if (options.reportDemographics) {
      if (!row.gender) missing('gender');
      if (!row.ageBand) missing('ageBand');
    }
    if (!row.product) missing('product');
    if (!row.issue) missing('issue');
    if (row.status === 'closed' && !row.outcome) missing('outcome');
    if (problems.length) out.push({ caseId: row.caseId, complaintId: row.complaintId, problems });
  }
  return out;
}
