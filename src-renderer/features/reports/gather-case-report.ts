// Gathers everything the case report shows from the case database, one small function per
// section, into the validated shape the main process renders (CaseReportData). Labels are
// translated here, so the PDF speaks the officer's words.
import type { TFunction } from 'i18next';
import { inTimeOrder, type AuditEntry } from '../../../src-shared/domain/audit';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject, may, visibleTo, type Actor } from '../../../src-shared/domain/permissions';
import { PermissionError } from '../../../src-shared/errors';
import type { Settings } from '../../../src-shared/domain/settings';
import type { CaseReportData } from '../../../src-shared/ipc/channels/reports';
import {
  activeDeadlines,
  deadlineLines,
  isOverdue,
  localDate,
  type DeadlineLine,
} from '../../../src-shared/domain/deadlines';
import { enquiryState, planItemOverdue } from '../../../src-shared/domain/investigation';
import { officeDayOf, officeTimeToInstant } from '../../../src-shared/domain/office-time';
import { caseAuditTrail } from '../../db/audit-log';
import { caseCommunications } from '../../db/communications';
import { caseActions } from '../../db/follow-up';
import { casesByIds } from '../../db/case-query';
import { rowsOfCase } from '../../db/investigation';
import { caseConsultations, caseResolutions, currentResolution } from '../../db/resolution';
import type { RedressDB } from '../../db/schema';
import { personalHistory } from '../../../src-shared/reports/personal-history';
import {
  caseRedactor,
  fieldsOnly,
  type Redactor,
  type RedactorOptions,
} from '../../../src-shared/reports/redact';
import { timelineEvent } from '../cases/Timeline';

type T = TFunction;
type Data = CaseReportData;

const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const REPORT_STATE: Record<DeadlineLine['outcome'], Data['case']['deadlines'][number]['state']> = {
  open: 'pending',
  overdue: 'overdue',
  met: 'met',
  missed: 'missed',
  'not-needed': 'not-needed',
};

export function gatherCase(c: CaseRecord, t: T, now: Date): Omit<Data['case'], 'findingDetail'> {
  const deadlines = deadlineLines(activeDeadlines(c, now)).map((line) => ({
    label: t(`case.deadlineLine.${line.key}`),
    due: line.dueAt,
    doneAt: line.metAt,
    metBy: line.metBy ? t(`letterKind.${line.metBy}`) : '',
    state: REPORT_STATE[line.outcome],
  }));
  return {
    reference: c.reference,
    title: c.subcategory ? `${c.category} / ${c.subcategory}` : c.category,
    status: t(`status.${c.status}`),
    severity: t(`severity.${c.severity}`),
    regime: t(`regime.${c.regime}`),
    officer: c.assignee?.name ?? t('case.unassigned'),
    channel: t(`channel.${c.channel}`),
    category: c.category,
    product: c.product,
    accountRef: c.accountRef,
    receivedAt: c.receivedAt,
    acknowledgedAt: c.acknowledgedAt,
    closedAt: c.closedAt,
    escalation: c.escalation ? `${c.escalation.owner.name}: ${c.escalation.reason}` : '',
    description: c.description,
    desiredOutcome: c.desiredOutcome,
    finding: c.finding ? t(`finding.${c.finding}`) : '',
    rootCause: c.rootCause,
    deadlines,
  };
}

export function gatherComplainant(c: CaseRecord, t: T): Data['complainant'] {
  const p = c.complainant;
  return {
    name: p.name,
    email: p.email,
    phone: p.phone,
    address: p.address,
    preferredContact: t(`contact.${p.preferredContact}`),
    needs: p.needs,
    vulnerable: p.vulnerable,
    consentToContact: p.consentToContact,
  };
}

/**
 * The timeline. For a redacted copy each value is redacted before the detail is shortened, so a
 * cut never leaves half a street behind where the whole would have been recognised.
 */
export function gatherTimeline(trail: AuditEntry[], t: T, redactor?: Redactor): Data['timeline'] {
  const redactValue = (v: unknown) => (typeof v === 'string' && redactor ? redactor.text(v, 'timeline') : v);
  return inTimeOrder(trail).map((original) => {
    const e = redactor
      ? {
          ...original,
          changes: original.changes.map((c) => ({
            ...c,
            before: redactValue(c.before),
            after: redactValue(c.after),
          })),
        }
      : original;
    const { label, detail } = timelineEvent(e, t);
    return {
      at: e.at,
      actor: e.actor.name,
      event: label,
      detail: clip(detail, 5000),
      reason: clip(e.reason ?? '', 5000),
    };
  });
}

/** The audit appendix; a redacted copy names the fields that changed, never their values. */
export function gatherAudit(trail: AuditEntry[], redact = false): Data['audit'] {
  return trail.map((e) => ({
    seq: e.seq,
    at: e.at,
    actor: e.actor.name,
    entity: e.entity,
    action: e.action,
    changes: redact
      ? fieldsOnly(e.changes.map((c) => `${c.field}: `).join('; '))
      : clip(
          e.changes
            .map((c) => `${c.field}: ${clip(show(c.before), 300)} → ${clip(show(c.after), 300)}`)
            .join('; '),
          20_000,
        ),
    reason: clip(e.reason ?? '', 5000),
    hash: e.hash,
  }));
}

const ISSUE_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A calendar day stays a day (the PDF shows it without a time); '' becomes null. */
const day = (d: string) => (ISSUE_DAY.test(d) ? d : d || null);

/** An interview's date and local time as an instant in the office's time zone (the day alone if no time). */
export function interviewAt(date: string, time: string, timeZone: string): string {
  return (time && officeTimeToInstant(`${date}T${time}`, timeZone)) || date;
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.replace(/^\s*[-*•]\s*/, '').trim())
    .filter(Boolean);

export async function gatherInvestigation(
  db: RedressDB,
  caseId: string,
  t: T,
  now: Date,
  timeZone: string,
): Promise<Data['investigation']> {
  const [plan, notes, interviews, enquiries] = await Promise.all([
    rowsOfCase(db.planItems, caseId),
    rowsOfCase(db.notes, caseId),
    rowsOfCase(db.interviews, caseId),
    rowsOfCase(db.enquiries, caseId),
  ]);
  const today = localDate(now, timeZone);
  return {
    plan: plan.map((p) => ({
      step: `${t(`investigation.plan.kind.${p.kind}`)}: ${p.text}`,
      owner: p.ownerName,
      dueAt: day(p.dueDate),
      status: p.done
        ? t('investigation.plan.doneBy', { name: p.done.by.name, date: officeDayOf(p.done.at, timeZone) })
        : planItemOverdue(p, today)
          ? t('investigation.overdue')
          : t('reports.case.open'),
    })),
    notes: notes.map((n) => ({
      at: n.createdAt,
      author: n.author.name,
      text: n.pinned ? `${t('investigation.notes.pinned')}. ${n.text}` : n.text,
    })),
    interviews: interviews.map((i) => ({
      interviewee: i.intervieweeName,
      role: i.intervieweeRole,
      contact: i.intervieweeContact,
      interviewer: i.interviewer,
      othersPresent: i.othersPresent,
      at: interviewAt(i.date, i.time, timeZone),
      durationMinutes: i.durationMinutes,
      method: t(`investigation.interviews.methods.${i.method}`),
      location: i.location,
      consentGiven: i.consentGiven,
      noticeGiven: i.noticeGiven,
      statement: i.statement,
      keyPoints: lines(i.keyPoints),
      followUpActions: lines(i.followUpActions),
      status: t(`investigation.interviews.status.${i.status}`),
      signedOffBy: i.signedOff?.by.name ?? null,
      signedOffAt: i.signedOff?.at ?? null,
      addenda: i.addenda.map((a) => ({ text: a.text, reason: a.reason, by: a.by.name, at: a.at })),
    })),
    enquiries: enquiries.map((q) => ({
      department: q.recipient,
      question: q.question,
      askedBy: q.createdBy.name,
      askedAt: q.sentDate,
      answer: q.answer?.answer ?? '',
      answeredBy: q.answer?.recordedBy.name ?? '',
      answeredAt: q.answer?.answeredDate ?? null,
      status: t(`investigation.enquiries.state.${enquiryState(q, today)}`),
    })),
  };
}

export async function gatherEvidence(
  db: RedressDB,
  caseId: string,
  t: T,
  timeZone: string,
): Promise<Data['evidence']> {
  const rows = await rowsOfCase(db.evidence, caseId, 'addedAt');
  return rows.map((e) => ({
    name: e.name,
    size: e.size,
    type: e.type,
    sha256: e.sha256,
    addedBy: e.addedBy.name,
    addedAt: e.addedAt,
    description: [
      e.description,
      e.superseded
        ? t('investigation.evidence.supersededBy', {
            name: e.superseded.by.name,
            date: officeDayOf(e.superseded.at, timeZone),
            reason: e.superseded.reason,
          })
        : '',
    ]
      .filter(Boolean)
      .join('\n'),
    superseded: !!e.superseded,
  }));
}

/** Rationale, contributing factors, recurrence and similar cases (by reference) behind the finding. */
export async function gatherFindingDetail(
  db: RedressDB,
  c: CaseRecord,
  t: T,
  viewer: Actor,
): Promise<Data['case']['findingDetail']> {
  const d = c.findingDetail;
  if (!d) return null;
  // A similar case the reader may not see is not named in their report.
  const similar = visibleTo(viewer, await casesByIds(db, d.similarCaseIds), caseSubject);
  return {
    rationale: d.rationale,
    contributingFactors: d.contributingFactors,
    recurrence: t(`investigation.rootCause.${d.recurrence}`),
    similarCases: similar.map((s) => s.reference),
  };
}

/** The current proposal (the newest) and the actions that carry it out. */
export async function gatherResolution(
  db: RedressDB,
  caseId: string,
  t: T,
  now: Date,
  timeZone: string,
): Promise<Data['resolution']> {
  const [current, actions] = await Promise.all([currentResolution(db, caseId), caseActions(db, caseId)]);
  const today = localDate(now, timeZone);
  return {
    summary: current
      ? `${current.summary}\n\n${t('reports.case.proposalState', { state: t(`resolution.proposal.state.${current.state}`) })}`
      : '',
    remedies: (current?.remedies ?? []).map((r) => ({
      kind: t(`resolution.remedy.${r.type}`),
      amount: r.amount,
      currency: r.currency,
      rationale: r.rationale,
    })),
    actions: actions.map((a) => ({
      text: a.title,
      owner: a.owner.name,
      dueAt: a.dueAt,
      doneAt: a.doneAt,
      status: a.done
        ? t('reports.case.done')
        : isOverdue(a.dueAt, false, today)
          ? t('resolution.actions.overdue')
          : t('reports.case.open'),
      outcome: a.outcome,
    })),
  };
}

/**
 * Every approval request, oldest first: decided ones with the manager's decision, pending ones as
 * waiting. Only the current (newest) proposal's approval signs the report off (`approved`): one
 * given to a proposal since replaced endorses a decision that no longer stands.
 */
export async function gatherApprovals(db: RedressDB, caseId: string, t: T): Promise<Data['approvals']> {
  const rows = (await caseResolutions(db, caseId)).reverse();
  const current = rows.at(-1);
  return rows
    .filter((r) => r.requestedAt || r.decision)
    .map((r) => ({
      requestedBy: r.createdBy.name,
      approver: r.decision?.by.name ?? '—',
      decision: r.decision
        ? t(`resolution.approval.outcome.${r.decision.outcome}`)
        : t('resolution.proposal.state.awaiting-approval'),
      approved: r === current && r.decision?.outcome === 'approved',
      comment: r.decision?.comment ?? '',
      at: r.decision?.at ?? r.requestedAt!,
    }));
}

export async function gatherConsultations(
  db: RedressDB,
  caseId: string,
  t: T,
): Promise<Data['consultations']> {
  const rows = await caseConsultations(db, caseId);
  return rows.map((c) => ({
    with: t(`resolution.consult.whom.${c.with}`),
    topic: c.question,
    advice: c.answer || t('resolution.consult.awaiting'),
    by: c.person,
    at: c.answeredAt ?? c.askedAt,
  }));
}

/** Every contact, oldest first, with the exact text stored. */
export async function gatherCommunications(
  db: RedressDB,
  caseId: string,
  t: T,
): Promise<Data['communications']> {
  const rows = (await caseCommunications(db, caseId)).reverse();
  return rows.map((c) => ({
    at: c.at,
    direction: c.direction === 'out' ? 'outbound' : 'inbound',
    channel: t(`resolution.comms.channels.${c.channel}`),
    from: c.from,
    to: c.to,
    subject: c.subject,
    text: c.body,
  }));
}

/** Follow-up checks (planned and recorded) and the latest satisfaction, which lives on the case. */
export async function gatherFollowUp(
  db: RedressDB,
  c: CaseRecord,
  t: T,
  timeZone: string,
): Promise<Data['followUp']> {
  const rows = await rowsOfCase(db.followUps, c.id);
  return {
    entries: rows.map((f) =>
      f.result
        ? {
            at: f.result.at,
            by: f.result.by.name,
            outcome: t('resolution.followUp.latest', {
              score: f.result.score,
              resolved: t(
                f.result.resolved ? 'resolution.followUp.resolvedYes' : 'resolution.followUp.resolvedNo',
              ),
              date: officeDayOf(f.result.at, timeZone),
            }),
            notes: f.result.comments,
          }
        : {
            at: f.dueAt,
            by: '—',
            outcome: t('resolution.followUp.scheduled', { date: f.dueAt }),
            notes: '',
          },
    ),
    satisfaction: c.satisfaction ?? null,
  };
}

export interface GatherContext {
  settings: Settings;
  actorName: string;
  /** Who the report is for: a case they may not see is refused, and cases it names are left out. */
  viewer: Actor;
  now: Date;
  t: T;
  /** Gathering for a redacted copy: values are redacted before anything is shortened. */
  redact?: boolean;
  /** The user's choice at review: terms added to redact and terms to show. */
  terms?: { added: string[]; kept: string[] };
  /** For the review before export: placeholders marked, hits collected. */
  review?: Pick<RedactorOptions, 'mark' | 'hits'>;
}

/** Everything for one case's report; null when the case does not exist. */
export async function gatherCaseReport(
  db: RedressDB,
  caseId: string,
  ctx: GatherContext,
): Promise<Data | null> {
  const record = await db.cases.get(caseId);
  if (!record) return null;
  const sees = may(ctx.viewer, 'case.view', { case: caseSubject(record) });
  if (!sees.ok) throw new PermissionError(sees.message);
  // Checked before main writes anything: a report is a disclosure, recorded on the case once saved.
  const exports = may(ctx.viewer, 'report.case-export', { case: caseSubject(record) });
  if (!exports.ok) throw new PermissionError(exports.message);
  const { t, now, settings } = ctx;
  const [
    findingDetail,
    trail,
    investigation,
    evidence,
    resolution,
    approvals,
    consultations,
    communications,
    followUp,
  ] = await Promise.all([
    gatherFindingDetail(db, record, t, ctx.viewer),
    caseAuditTrail(db, caseId),
    gatherInvestigation(db, caseId, t, now, settings.timeZone),
    gatherEvidence(db, caseId, t, settings.timeZone),
    gatherResolution(db, caseId, t, now, settings.timeZone),
    gatherApprovals(db, caseId, t),
    gatherConsultations(db, caseId, t),
    gatherCommunications(db, caseId, t),
    gatherFollowUp(db, record, t, settings.timeZone),
  ]);
  const data: Data = {
    context: {
      officeName: settings.officeName,
      locale: settings.locale,
      timeZone: settings.timeZone,
      generatedAt: now.toISOString(),
      generatedBy: ctx.actorName,
    },
    confidentiality: t('reports.case.confidential'),
    latestAuditHash: trail.at(-1)?.hash ?? '',
    case: { ...gatherCase(record, t, now), findingDetail },
    complainant: gatherComplainant(record, t),
    timeline: gatherTimeline(trail, t),
    investigation,
    evidence,
    resolution,
    approvals,
    consultations,
    communications,
    followUp,
    audit: gatherAudit(trail, ctx.redact),
    redaction: {
      history: personalHistory(trail),
      patterns: settings.redactionPatterns,
      added: ctx.terms?.added ?? [],
      kept: ctx.terms?.kept ?? [],
    },
  };
  return ctx.redact ? { ...data, timeline: gatherTimeline(trail, t, caseRedactor(data, ctx.review)) } : data;
}
