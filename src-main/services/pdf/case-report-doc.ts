// The case report as a pdfmake document definition: a pure function of validated input.
// Every chosen section is present; an empty one says "None recorded" rather than vanishing.
import type {
  CaseReportData,
  CaseReportOptions,
  CaseReportSection,
} from '../../../src-shared/ipc/channels/reports';
import {
  COLORS,
  DEFAULT_STYLE,
  FONT_FAMILY,
  STYLES,
  fieldGrid,
  heading,
  makeFormatter,
  none,
  pageChrome,
  table,
  type Content,
  type DocDefinition,
  type Formatter,
} from './doc-kit';

export const SECTION_TITLES: Record<CaseReportSection | 'audit', string> = {
  summary: 'Summary',
  complainant: 'Complainant',
  complaint: 'The complaint as received',
  timeline: 'Timeline',
  investigation: 'Investigation',
  evidence: 'Evidence',
  finding: 'Root cause and finding',
  resolution: 'Resolution',
  approvals: 'Approvals and consultations',
  communications: 'Communications',
  followUp: 'Follow-up and satisfaction',
  audit: 'Appendix: audit trail',
};

const yesNo = (b: boolean) => (b ? 'Yes' : 'No');
const DEADLINE_STATE = {
  met: 'Met',
  missed: 'Missed',
  pending: 'Pending',
  overdue: 'Overdue',
  'not-needed': 'Not needed',
} as const;
const DEADLINE_COLOR = {
  met: COLORS.good,
  missed: COLORS.bad,
  pending: COLORS.muted,
  overdue: COLORS.bad,
  'not-needed': COLORS.muted,
};

/** Long text as paragraphs, so pdfmake can break a statement between pages. */
function paragraphs(text: string): Content {
  if (!text.trim()) return none('Not given');
  return { stack: text.split(/\n{2,}/).map((p) => ({ text: p, margin: [0, 0, 0, 4] })) };
}

type Builder = (d: CaseReportData, f: Formatter) => Content[];

const summary: Builder = (d, f) => [
  fieldGrid([
    ['Reference', d.case.reference],
    ['Status', d.case.status],
    ['Severity', d.case.severity],
    ['Regulatory regime', d.case.regime],
    ['Case officer', d.case.officer],
    ['Channel', d.case.channel],
    ['Received', f.dateTime(d.case.receivedAt)],
    ['Acknowledged', f.dateTime(d.case.acknowledgedAt)],
    ['Closed', f.dateTime(d.case.closedAt)],
    ['Escalation', d.case.escalation],
  ]),
  heading('Deadlines', 3),
  table(
    ['Deadline', 'Due', 'Met by', 'Outcome'],
    d.case.deadlines.map((dl) => [
      dl.label,
      f.dateTime(dl.due),
      dl.doneAt ? `${f.dateTime(dl.doneAt)}${dl.metBy ? ` (${dl.metBy})` : ''}` : '—',
      { text: DEADLINE_STATE[dl.state], color: DEADLINE_COLOR[dl.state], bold: true },
    ]),
    ['*', 100, 150, 55],
  ),
];

const complainant: Builder = (d) => [
  fieldGrid([
    ['Name', d.complainant.name],
    ['Preferred contact', d.complainant.preferredContact],
    ['Email', d.complainant.email],
    ['Phone', d.complainant.phone],
    ['Address', d.complainant.address],
    ['Account or reference', d.case.accountRef],
    ['Needs and adjustments', d.complainant.needs],
    ['Vulnerable', yesNo(d.complainant.vulnerable)],
    ['Consents to contact', yesNo(d.complainant.consentToContact)],
  ]),
];

const complaint: Builder = (d) => [
  fieldGrid([
    ['Category', d.case.category],
    ['Product', d.case.product],
  ]),
  heading('What the complainant told us', 3),
  paragraphs(d.case.description),
  heading('Outcome the complainant wants', 3),
  paragraphs(d.case.desiredOutcome),
];

const timeline: Builder = (d, f) => [
  table(
    ['When', 'Who', 'What'],
    d.timeline.map((e) => [
      f.dateTime(e.at),
      e.actor,
      {
        stack: [
          { text: e.event, bold: true },
          ...(e.detail ? [{ text: e.detail }] : []),
          ...(e.reason ? [{ text: `Reason: ${e.reason}`, style: 'muted' }] : []),
        ],
      },
    ]),
    [95, 95, '*'],
  ),
];

function interviewBlock(i: CaseReportData['investigation']['interviews'][number], n: number, f: Formatter) {
  const signed = i.signedOffBy
    ? `Signed off by ${i.signedOffBy}, ${f.dateTime(i.signedOffAt)}`
    : 'Not signed off';
  return [
    heading(`Interview ${n}: ${i.interviewee}${i.role ? ` (${i.role})` : ''}`, 3),
    fieldGrid([
      ['Interviewer', i.interviewer],
      ['When', f.dateTime(i.at)],
      ['Duration', i.durationMinutes === null ? '—' : `${f.number(i.durationMinutes)} minutes`],
      ['Method and place', [i.method, i.location].filter(Boolean).join(', ')],
      ['Consent given', yesNo(i.consentGiven)],
      ['Status', `${i.status}. ${signed}`],
    ]),
    { text: 'Statement', style: 'label' },
    paragraphs(i.statement),
    ...(i.keyPoints.length ? [{ text: 'Key points', style: 'label' }, { ul: i.keyPoints }] : []),
    ...i.addenda.map((a, k) => ({
      stack: [
        { text: `Addendum ${k + 1} — ${a.by}, ${f.dateTime(a.at)}`, bold: true },
        { text: `Reason: ${a.reason}`, style: 'muted' },
        paragraphs(a.text),
      ],
      margin: [10, 4, 0, 4],
    })),
  ];
}

const investigation: Builder = (d, f) => {
  const inv = d.investigation;
  return [
    heading('Plan', 3),
    table(
      ['Step', 'Owner', 'Due', 'Status'],
      inv.plan.map((p) => [p.step, p.owner, f.date(p.dueAt), p.status]),
      ['*', 90, 70, 60],
    ),
    heading('Notes', 3),
    ...(inv.notes.length
      ? inv.notes.map((n) => ({
          stack: [{ text: `${n.author}, ${f.dateTime(n.at)}`, style: 'label' }, paragraphs(n.text)],
          margin: [0, 0, 0, 4],
        }))
      : [none()]),
    heading('Interviews', 3),
    ...(inv.interviews.length ? inv.interviews.flatMap((i, n) => interviewBlock(i, n + 1, f)) : [none()]),
    heading('Internal enquiries', 3),
    table(
      ['Department', 'Question', 'Answer', 'Status'],
      inv.enquiries.map((q) => [
        q.department,
        { stack: [q.question, { text: `${q.askedBy}, ${f.dateTime(q.askedAt)}`, style: 'label' }] },
        q.answer
          ? { stack: [q.answer, { text: `${q.answeredBy}, ${f.dateTime(q.answeredAt)}`, style: 'label' }] }
          : '—',
        q.status,
      ]),
      [80, '*', '*', 55],
    ),
  ];
};

const evidence: Builder = (d, f) => [
  table(
    ['Item', 'Added', 'SHA-256'],
    d.evidence.map((e) => [
      {
        stack: [
          { text: e.name + (e.superseded ? ' (superseded)' : ''), bold: true },
          { text: `${e.type || 'file'}, ${f.bytes(e.size)}`, style: 'label' },
          ...(e.description ? [{ text: e.description }] : []),
        ],
      },
      `${e.addedBy}\n${f.dateTime(e.addedAt)}`,
      { text: e.sha256, fontSize: 7, characterSpacing: 0 },
    ]),
    ['*', 95, 150],
  ),
];

const finding: Builder = (d) => {
  const detail = d.case.findingDetail;
  return [
    fieldGrid([
      ['Finding', d.case.finding || 'Not yet recorded'],
      ['Root cause', d.case.rootCause || 'Not yet recorded'],
      ...(detail
        ? ([
            ['Isolated or recurring', detail.recurrence],
            ['Similar cases', detail.similarCases.join(', ') || '—'],
          ] as [string, string][])
        : []),
    ]),
    ...(detail
      ? [
          { text: 'Rationale', style: 'label' },
          paragraphs(detail.rationale),
          { text: 'Contributing factors', style: 'label' },
          paragraphs(detail.contributingFactors),
        ]
      : []),
  ];
};

const resolution: Builder = (d, f) => [
  heading('Summary', 3),
  paragraphs(d.resolution.summary),
  heading('Remedies', 3),
  table(
    ['Remedy', 'Amount', 'Rationale'],
    d.resolution.remedies.map((r) => [
      r.kind,
      r.amount === null ? '—' : f.money(r.amount, r.currency),
      r.rationale,
    ]),
    [110, 80, '*'],
  ),
  heading('Actions', 3),
  table(
    ['Action', 'Owner', 'Due', 'Done', 'Status'],
    d.resolution.actions.map((a) => [
      a.outcome ? { stack: [a.text, { text: `Outcome: ${a.outcome}`, style: 'muted' }] } : a.text,
      a.owner,
      f.date(a.dueAt),
      f.date(a.doneAt),
      a.status,
    ]),
    ['*', 80, 60, 60, 55],
  ),
];

const approvals: Builder = (d, f) => [
  heading('Approvals', 3),
  table(
    ['Requested by', 'Approver', 'Decision', 'Comment', 'When'],
    d.approvals.map((a) => [a.requestedBy, a.approver, a.decision, a.comment, f.dateTime(a.at)]),
    [75, 75, 60, '*', 80],
  ),
  heading('Consultations', 3),
  table(
    ['With', 'Topic', 'Advice', 'By, when'],
    d.consultations.map((c) => [c.with, c.topic, c.advice, `${c.by}\n${f.dateTime(c.at)}`]),
    [75, 90, '*', 85],
  ),
];

const DIRECTION = { inbound: 'In', outbound: 'Out', internal: 'Internal' } as const;
const communications: Builder = (d, f) => [
  table(
    ['When', 'Way', 'From → to', 'Message'],
    d.communications.map((c) => [
      f.dateTime(c.at),
      `${DIRECTION[c.direction]}\n${c.channel}`,
      `${c.from}\n→ ${c.to}`,
      { stack: [{ text: c.subject, bold: true }, paragraphs(c.text)] },
    ]),
    [70, 50, 90, '*'],
  ),
];

const followUp: Builder = (d, f) => {
  const sat = d.followUp.satisfaction;
  return [
    heading('Satisfaction', 3),
    sat
      ? fieldGrid([
          ['Score (1 to 5)', String(sat.score)],
          ['Feels resolved', yesNo(sat.resolved)],
          ['Recorded', f.dateTime(sat.at)],
        ])
      : none(),
    heading('Follow-up contacts', 3),
    table(
      ['When', 'By', 'Outcome', 'Notes'],
      d.followUp.entries.map((e) => [f.dateTime(e.at), e.by, e.outcome, e.notes]),
      [80, 80, 90, '*'],
    ),
  ];
};

const audit: Builder = (d, f) => [
  {
    text: 'Every change to this case, oldest first. Each entry carries the hash of the one before it, so the chain can be checked against the case file.',
    style: 'muted',
    margin: [0, 0, 0, 6],
  },
  table(
    ['#', 'When', 'Who', 'What', 'Hash'],
    d.audit.map((a) => [
      String(a.seq),
      f.dateTime(a.at),
      a.actor,
      {
        stack: [
          { text: `${a.entity} · ${a.action}`, bold: true },
          ...(a.changes ? [{ text: a.changes, fontSize: 7.5 }] : []),
          ...(a.reason ? [{ text: `Reason: ${a.reason}`, style: 'muted' }] : []),
        ],
      },
      { text: a.hash.slice(0, 12), fontSize: 7 },
    ]),
    [24, 66, 74, '*', 58],
  ),
];

const BUILDERS: Record<CaseReportSection, Builder> = {
  summary,
  complainant,
  complaint,
  timeline,
  investigation,
  evidence,
  finding,
  resolution,
  approvals,
  communications,
  followUp,
};

function cover(d: CaseReportData, f: Formatter, options: CaseReportOptions): Content[] {
  return [
    { text: d.context.officeName, style: 'muted', margin: [0, 60, 0, 4] },
    { text: 'Case report', fontSize: 28, bold: true, color: COLORS.accent },
    { text: d.case.reference, fontSize: 18, margin: [0, 4, 0, 24] },
    fieldGrid([
      ['Title', d.case.title],
      ['Complainant', d.complainant.name],
      ['Status', d.case.status],
      ['Received', f.dateTime(d.case.receivedAt)],
      ['Generated by', d.context.generatedBy],
      ['Generated at', f.dateTime(d.context.generatedAt)],
    ]),
    {
      text: d.confidentiality.toUpperCase(),
      bold: true,
      color: COLORS.bad,
      fontSize: 12,
      margin: [0, 24, 0, 6],
    },
    ...(options.redact
      ? [
          {
            text: 'Personal data in this copy has been redacted for sharing.',
            italics: true,
            margin: [0, 0, 0, 6],
          },
        ]
      : []),
    {
      text: `Latest audit entry hash: ${d.latestAuditHash || 'no audit entries'}`,
      fontSize: 8,
      color: COLORS.muted,
    },
  ];
}

/** The chosen sections in the report's fixed order (the order the user ticked them does not matter). */
export function orderedSections(options: CaseReportOptions): (CaseReportSection | 'audit')[] {
  const chosen = new Set(options.sections);
  const list: (CaseReportSection | 'audit')[] = Object.keys(BUILDERS).filter((s) =>
    chosen.has(s as CaseReportSection),
  ) as CaseReportSection[];
  if (options.includeAudit) list.push('audit');
  return list;
}

export function caseReportDoc(d: CaseReportData, options: CaseReportOptions): DocDefinition {
  const f = makeFormatter(d.context.locale, d.context.timeZone);
  const sections = orderedSections(options);
  const body = sections.flatMap((id, i): Content[] => [
    heading(`${i + 1}. ${SECTION_TITLES[id]}`, 2, {
      pageBreak: i === 0 || id === 'audit' ? 'before' : undefined,
    }),
    ...(id === 'audit' ? audit(d, f) : BUILDERS[id](d, f)),
  ]);
  const hash = d.latestAuditHash ? `Audit hash ${d.latestAuditHash}` : 'No audit entries';
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: {
      title: `Case report ${d.case.reference}`,
      author: d.context.officeName,
      subject: d.case.title,
      creator: 'Redress',
    },
    ...pageChrome(d.context.officeName, `${d.case.reference} · ${d.confidentiality}`, hash),
    content: [...cover(d, f, options), ...body],
    keepHeadingsWithContent: true,
    styles: STYLES,
    defaultStyle: { ...DEFAULT_STYLE, font: FONT_FAMILY },
  };
}
