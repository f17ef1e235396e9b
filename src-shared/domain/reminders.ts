// What needs an officer now: the rule for every reminder in one place. A case they own or that was
// escalated to them reminds them of its acknowledgement due today (or overdue), its final response
// (or, where the regime allows more time after one, its holding reply) due within the office's
// "due soon" window, and an update the complainant is owed; their internal enquiries and
// implementation actions remind them once past due. Deadlines come from deadlines.ts alone.
import type { CaseRecord } from './case';
import {
  activeDeadlines,
  dueSoonWindowEnd,
  hasExtendedFinal,
  isOverdue,
  type BusinessCalendar,
} from './deadlines';
import type { ActionRecord } from './follow-up';
import type { Enquiry } from './investigation';

export const REMINDER_KINDS = [
  'acknowledge',
  'holding',
  'final',
  'update-owed',
  'enquiry',
  'action',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

export interface Reminder {
  /** Stable while the reminder stands: a notification is shown once per key. */
  key: string;
  kind: ReminderKind;
  caseId: string;
  reference: string;
  /** An instant (deadlines) or a calendar day (enquiries, actions). */
  due: string;
  overdue: boolean;
  /** The enquiry's recipient or the action's title. */
  detail: string;
  /** The case is escalated to the person reminded (not assigned to them). */
  escalated: boolean;
}

export type ReminderCase = Pick<
  CaseRecord,
  | 'id'
  | 'reference'
  | 'status'
  | 'regime'
  | 'deadlines'
  | 'closedAt'
  | 'open'
  | 'informedAt'
  | 'assigneeId'
  | 'escalation'
  | 'acknowledgedAt'
  | 'holdingReplyAt'
  | 'finalResponseAt'
  | 'summaryResolutionAt'
>;

export interface ReminderClock {
  now: Date;
  /** Today in the office's time zone (yyyy-mm-dd). */
  today: string;
  calendar: BusinessCalendar;
  /** Settings → "due soon" window, in business days. */
  dueSoonBusinessDays: number;
  /** An open case owes an update when its informedAt is before this (deadlines.ts updateOwedBefore). */
  updateOwedBefore: string;
}

const pending = (outcome: string) => outcome === 'open' || outcome === 'overdue';

/** The reminders one open case gives the person it is assigned or escalated to. */
export function caseReminders(c: ReminderCase, meId: string, clock: ReminderClock): Reminder[] {
  if (c.open !== 1) return [];
  const escalated = c.assigneeId !== meId && c.escalation?.owner.id === meId;
  const base = { caseId: c.id, reference: c.reference, detail: '', escalated };
  const out: Reminder[] = [];
  const lines = activeDeadlines(c, clock.now);
  const ack = lines.acknowledge;
  if (pending(ack.outcome) && clock.calendar.localDay(ack.dueAt) <= clock.today)
    out.push({
      ...base,
      key: `acknowledge:${c.id}`,
      kind: 'acknowledge',
      due: ack.dueAt,
      overdue: ack.outcome === 'overdue',
    });
  const final = lines.final;
  if (
    pending(final.outcome) &&
    final.dueAt < dueSoonWindowEnd(clock.now, clock.calendar, clock.dueSoonBusinessDays)
  ) {
    // Before the extended line is live, a holding reply by this date keeps the case in time.
    const kind = hasExtendedFinal(c.regime) && final.key === 'final' ? 'holding' : 'final';
    out.push({
      ...base,
      key: `${kind}:${c.id}:${final.dueAt}`,
      kind,
      due: final.dueAt,
      overdue: final.outcome === 'overdue',
    });
  }
  if (c.informedAt < clock.updateOwedBefore)
    out.push({
      ...base,
      key: `update-owed:${c.id}:${c.informedAt}`,
      kind: 'update-owed',
      due: c.informedAt,
      overdue: true,
    });
  return out;
}

/** An unanswered enquiry past its due date, on a case the person looks after. */
export function enquiryReminders(
  enquiries: readonly Pick<Enquiry, 'id' | 'caseId' | 'recipient' | 'dueDate' | 'answer'>[],
  cases: ReadonlyMap<string, { reference: string; escalated: boolean }>,
  today: string,
): Reminder[] {
  return enquiries.flatMap((q) => {
    const c = cases.get(q.caseId);
    if (!c || !isOverdue(q.dueDate, !!q.answer, today)) return [];
    return [
      {
        key: `enquiry:${q.id}`,
        kind: 'enquiry' as const,
        caseId: q.caseId,
        reference: c.reference,
        due: q.dueDate,
        overdue: true,
        detail: q.recipient,
        escalated: c.escalated,
      },
    ];
  });
}

/** The person's own implementation actions past their due date. */
export function actionReminders(
  actions: readonly Pick<ActionRecord, 'id' | 'caseId' | 'caseReference' | 'title' | 'dueAt' | 'done'>[],
  today: string,
): Reminder[] {
  return actions
    .filter((a) => isOverdue(a.dueAt, a.done === 1, today))
    .map((a) => ({
      key: `action:${a.id}`,
      kind: 'action' as const,
      caseId: a.caseId,
      reference: a.caseReference,
      due: a.dueAt,
      overdue: true,
      detail: a.title,
      escalated: false,
    }));
}

/** Overdue first, then soonest due; kinds in REMINDER_KINDS order break ties. */
export function sortReminders(list: readonly Reminder[]): Reminder[] {
  const rank = (r: Reminder) => REMINDER_KINDS.indexOf(r.kind);
  return [...list].sort(
    (a, b) =>
      Number(b.overdue) - Number(a.overdue) ||
      (a.due < b.due ? -1 : a.due > b.due ? 1 : 0) ||
      rank(a) - rank(b) ||
      a.reference.localeCompare(b.reference),
  );
}
