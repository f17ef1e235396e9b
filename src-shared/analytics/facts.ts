// The slim projection of a case the dashboard works on: only the fields a chart or a filter needs,
// with instants as epoch milliseconds so aggregation never parses a date.
import type { CaseRecord, CaseRegimeId, ComplaintChannel, Finding, Severity } from '../domain/case';
import { acknowledgedOnTime, activeDeadlines, keptOnTime } from '../domain/deadlines';
import type { CaseSubject } from '../domain/permissions';
import type { CaseStatus } from '../domain/workflow';

export interface CaseFact {
  id: string;
  receivedMs: number;
  acknowledgedMs: number | null;
  closedMs: number | null;
  /** Regulatory acknowledgement deadline, and when it was met (deadlines.ts activeDeadlines). */
  ackDueMs: number;
  ackMetMs: number | null;
  /** The final-response deadline in force (the extended one only after a holding reply), and when it was met. */
  finalDueMs: number;
  finalMetMs: number | null;
  /** The nearest deadline still to meet; null once closed. */
  nextDueMs: number | null;
  status: CaseStatus;
  open: boolean;
  category: string;
  subcategory: string;
  channel: ComplaintChannel;
  product: string;
  severity: Severity;
  regime: CaseRegimeId;
  assigneeId: string;
  rootCause: string;
  finding: Finding | null;
  /** Satisfaction score at follow-up, 1-5, and when it was given. */
  satisfaction: number | null;
  satisfactionMs: number | null;
  reopened: boolean;
  complainantKey: string;
  /** Who may see the case (permissions.ts case.view): restricted, escalated to, logged by ('' for none). */
  restricted: boolean;
  escalationOwnerId: string;
  createdById: string;
}

const EPOCH = new Date(0);
const ms = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

export function toCaseFact(c: CaseRecord): CaseFact {
  // Which line is in force and what met it does not depend on the clock.
  const live = activeDeadlines(c, EPOCH);
  return {
    id: c.id,
    receivedMs: Date.parse(c.receivedAt),
    acknowledgedMs: ms(c.acknowledgedAt),
    closedMs: ms(c.closedAt),
    ackDueMs: Date.parse(live.acknowledge.dueAt),
    ackMetMs: ms(live.acknowledge.metAt),
    finalDueMs: Date.parse(live.final.dueAt),
    finalMetMs: ms(live.final.metAt),
    nextDueMs: ms(c.nextDueAt),
    status: c.status,
    open: c.open === 1,
    category: c.category,
    subcategory: c.subcategory,
    channel: c.channel,
    product: c.product,
    severity: c.severity,
    regime: c.regime,
    assigneeId: c.assigneeId,
    rootCause: c.rootCause.trim(),
    finding: c.finding,
    satisfaction: c.satisfaction?.score ?? null,
    satisfactionMs: ms(c.satisfaction?.at),
    reopened: (c.reopenCount ?? 0) > 0 || c.status === 'reopened',
    complainantKey: c.complainantKey,
    restricted: c.restricted ?? false,
    escalationOwnerId: c.escalation?.owner.id ?? '',
    createdById: c.createdBy.id,
  };
}

/** What the case rules need to know about the case behind a fact. */
export const factSubject = (f: CaseFact): CaseSubject => ({
  assigneeId: f.assigneeId,
  escalationOwnerId: f.escalationOwnerId || null,
  createdById: f.createdById || null,
  restricted: f.restricted,
});

/**
 * A deadline's outcome from a fact, as deadlines.ts keptOnTime judges it: true met on time,
 * false missed or overdue, null not known yet (still open) or not needed (withdrawn first).
 */
export function factOutcome(
  dueMs: number,
  metMs: number | null,
  status: CaseStatus,
  now: number,
): boolean | null {
  return keptOnTime(dueMs, metMs, now, status === 'withdrawn');
}

/** "Acknowledged on time" for a fact (deadlines.ts acknowledgedOnTime, shared with the management report). */
export const factAcknowledgedOnTime = (f: CaseFact, now: number): boolean | null =>
  acknowledgedOnTime(f.ackDueMs, f.ackMetMs, now, f.status === 'withdrawn');
