// Gathers everything the case report shows from the case database, one small function per
// section, into the validated shape the main process renders (CaseReportData). Labels are
// translated here, so the PDF speaks the officer's words.
import type { TFunction } from 'i18next';
import type { AuditEntry } from '../../../src-shared/domain/audit';
import type { CaseRecord } from '../../../src-shared/domain/case';
import type { Settings } from '../../../src-shared/domain/settings';
import type { CaseReportData } from '../../../src-shared/ipc/channels/reports';
import { caseAuditTrail } from '../../db/audit-log';
import type { RedressDB } from '../../db/schema';
import { summary as timelineDetail } from '../cases/Timeline';

type T = TFunction;
type Data = CaseReportData;

const show = (v: unknown) =>
  v === null || v === undefined || v === '' ? '—' : typeof v === 'string' ? v : JSON.stringify(v);
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function deadlineRow(
  label: string,
  due: string,
  doneAt: string | null,
  now: Date,
): Data['case']['deadlines'][number] {
  const state = doneAt ? (doneAt <= due ? 'met' : 'missed') : now.toISOString() > due ? 'overdue' : 'pending';
  return { label, due, doneAt, state };
}

export function gatherCase(c: CaseRecord, t: T, now: Date): Data['case'] {
  const d = c.deadlines;
  const deadlines = [
    deadlineRow(t('case.acknowledgeDue'), d.acknowledgeDue, c.acknowledgedAt, now),
    deadlineRow(t('case.finalResponseDue'), d.finalResponseDue, c.closedAt, now),
    ...(d.extendedFinalDue
      ? [deadlineRow(t('case.extendedFinalDue'), d.extendedFinalDue, c.closedAt, now)]
      : []),
  ];
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

export function gatherTimeline(trail: AuditEntry[], t: T): Data['timeline'] {
  return trail.map((e) => ({
    at: e.at,
    actor: e.actor.name,
    event: t(`case.action.${e.action}`, { defaultValue: e.action }),
    detail: clip(timelineDetail(e, t), 5000),
    reason: clip(e.reason ?? '', 5000),
  }));
}

export function gatherAudit(trail: AuditEntry[]): Data['audit'] {
  return trail.map((e) => ({
    seq: e.seq,
    at: e.at,
    actor: e.actor.name,
    entity: e.entity,
    action: e.action,
    changes: clip(
      e.changes
        .map((c) => `${c.field}: ${clip(show(c.before), 300)} → ${clip(show(c.after), 300)}`)
        .join('; '),
      20_000,
    ),
    reason: clip(e.reason ?? '', 5000),
    hash: e.hash,
  }));
}

// Filled in when the investigation workspace merges: plan steps, notes, interviews, enquiries.
export async function gatherInvestigation(_db: RedressDB, _caseId: string): Promise<Data['investigation']> {
  return { plan: [], notes: [], interviews: [], enquiries: [] };
}

// Filled in when evidence (attachments with SHA-256) merges.
export async function gatherEvidence(_db: RedressDB, _caseId: string): Promise<Data['evidence']> {
  return [];
}

// Filled in when resolutions (remedies, actions) merge.
export async function gatherResolution(_db: RedressDB, _caseId: string): Promise<Data['resolution']> {
  return { summary: '', remedies: [], actions: [] };
}

// Filled in when approvals merge.
export async function gatherApprovals(_db: RedressDB, _caseId: string): Promise<Data['approvals']> {
  return [];
}

// Filled in when consultations merge.
export async function gatherConsultations(_db: RedressDB, _caseId: string): Promise<Data['consultations']> {
  return [];
}

// Filled in when communications merge.
export async function gatherCommunications(_db: RedressDB, _caseId: string): Promise<Data['communications']> {
  return [];
}

/** The satisfaction check lives on the case today; follow-up contacts are filled in when follow-up merges. */
export async function gatherFollowUp(_db: RedressDB, c: CaseRecord): Promise<Data['followUp']> {
  return { entries: [], satisfaction: c.satisfaction ?? null };
}

export interface GatherContext {
  settings: Settings;
  actorName: string;
  now: Date;
  t: T;
}

/** Everything for one case's report; null when the case does not exist. */
export async function gatherCaseReport(
  db: RedressDB,
  caseId: string,
  ctx: GatherContext,
): Promise<Data | null> {
  const record = await db.cases.get(caseId);
  if (!record) return null;
  const { t, now, settings } = ctx;
  const [trail, investigation, evidence, resolution, approvals, consultations, communications, followUp] =
    await Promise.all([
      caseAuditTrail(db, caseId),
      gatherInvestigation(db, caseId),
      gatherEvidence(db, caseId),
      gatherResolution(db, caseId),
      gatherApprovals(db, caseId),
      gatherConsultations(db, caseId),
      gatherCommunications(db, caseId),
      gatherFollowUp(db, record),
    ]);
  return {
    context: {
      officeName: settings.officeName,
      locale: settings.locale,
      timeZone: settings.timeZone,
      generatedAt: now.toISOString(),
      generatedBy: ctx.actorName,
    },
    confidentiality: t('reports.case.confidential'),
    latestAuditHash: trail.at(-1)?.hash ?? '',
    case: gatherCase(record, t, now),
    complainant: gatherComplainant(record, t),
    timeline: gatherTimeline(trail, t),
    investigation,
    evidence,
    resolution,
    approvals,
    consultations,
    communications,
    followUp,
    audit: gatherAudit(trail),
  };
}
