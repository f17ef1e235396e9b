// The slim projection of a case the dashboard works on: only the fields a chart or a filter needs,
// with instants as epoch milliseconds so aggregation never parses a date.
import type { CaseRecord, CaseRegimeId, ComplaintChannel, Finding, Severity } from '../domain/case';
import type { CaseStatus } from '../domain/workflow';

export interface CaseFact {
  id: string;
  receivedMs: number;
  acknowledgedMs: number | null;
  closedMs: number | null;
  /** Regulatory acknowledgement deadline. */
  ackDueMs: number;
  /** Regulatory final-response deadline (the extended one when it was extended). */
  finalDueMs: number;
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
}

const ms = (iso: string | null | undefined): number | null => (iso ? Date.parse(iso) : null);

export function toCaseFact(c: CaseRecord): CaseFact {
  return {
    id: c.id,
    receivedMs: Date.parse(c.receivedAt),
    acknowledgedMs: ms(c.acknowledgedAt),
    closedMs: ms(c.closedAt),
    ackDueMs: Date.parse(c.deadlines.acknowledgeDue),
    finalDueMs: Date.parse(c.deadlines.extendedFinalDue ?? c.deadlines.finalResponseDue),
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
  };
}
