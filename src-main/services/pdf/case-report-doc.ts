// The case report as a pdfmake document definition: a pure function of validated input.
// Every chosen section is present; an empty one says "None recorded" rather than vanishing.
import type {
  CaseReportData,
  CaseReportOptions,
  CaseReportSection,
} from '../../../src-shared/ipc/channels/reports';
import type { sharedEn } from '../../../src-shared/i18n';
import { REDACTED } from '../../../src-shared/reports/redact';
import { t } from '../../i18n';
import {
  COLORS,
  archival,
  bookmarked,
  breakLongTokens,
  DEFAULT_STYLE,
  FONT_FAMILY,
  STYLES,
  fieldGrid,
  heading,
  makeFormatter,
  none,
  numbered,
  pageChrome,
  table,
  type Content,
  type DocDefinition,
  type Formatter,
} from './doc-kit';

type CaseReportEn = typeof sharedEn.pdf.caseReport;
/** A field label or column header. */
const label = (key: keyof CaseReportEn['label']) => t(`pdf.caseReport.label.${key}`);
/** A heading inside a section. */
const part = (key: keyof CaseReportEn['part']) => heading(t(`pdf.caseReport.part.${key}`), 3);

const sectionTitle = (id: CaseReportSection | 'audit') => t(`pdf.caseReport.section.${id}`);

const yesNo = (b: boolean) => t(b ? 'pdf.common.yes' : 'pdf.common.no');
const reasonLine = (reason: string) => t('pdf.common.reason', { reason });
const DEADLINE_COLOR = {
  met: COLORS.good,
  missed: COLORS.bad,
  pending: COLORS.muted,
  overdue: COLORS.bad,
  'not-needed': COLORS.muted,
};

/** Long text as paragraphs, so pdfmake can break a statement between pages. */
function paragraphs(text: string): Content {
  if (!text.trim()) return none(t('pdf.common.notGiven'));
  return { stack: text.split(/\n{2,}/).map((p) => ({ text: p, margin: [0, 0, 0, 4] })) };
}

type Builder = (d: CaseReportData, f: Formatter, options?: CaseReportOptions) => Content[];

const summary: Builder = (d, f) => [
  fieldGrid([
    [label('reference'), d.case.reference],
    [label('status'), d.case.status],
    [label('severity'), d.case.severity],
    [label('regime'), d.case.regime],
    [label('officer'), d.case.officer],
    [label('channel'), d.case.channel],
    [label('received'), f.dateTime(d.case.receivedAt)],
    [label('acknowledged'), f.dateTime(d.case.acknowledgedAt)],
    [label('closed'), f.dateTime(d.case.closedAt)],
    [label('escalation'), d.case.escalation],
  ]),
  part('deadlines'),
  table(
    [label('deadline'), label('due'), label('metBy'), label('outcome')],
    d.case.deadlines.map((dl) => [
      dl.label,
      f.dateTime(dl.due),
      dl.doneAt
        ? dl.metBy
          ? t('pdf.caseReport.doneBy', { at: f.dateTime(dl.doneAt), by: dl.metBy })
          : f.dateTime(dl.doneAt)
        : '—',
      { text: t(`pdf.caseReport.deadlineState.${dl.state}`), color: DEADLINE_COLOR[dl.state], bold: true },
    ]),
    ['*', 100, 150, 55],
  ),
];

const complainant: Builder = (d, _f, options) => [
  fieldGrid([
    [label('name'), d.complainant.name],
    [label('preferredContact'), d.complainant.preferredContact],
    [label('email'), d.complainant.email],
    [label('phone'), d.complainant.phone],
    [label('address'), d.complainant.address],
    [label('accountRef'), d.case.accountRef],
    [label('needs'), d.complainant.needs],
    [label('vulnerable'), options?.redact ? REDACTED : yesNo(d.complainant.vulnerable)],
    [label('consentToContact'), yesNo(d.complainant.consentToContact)],
  ]),
];

const complaint: Builder = (d) => [
  fieldGrid([
    [label('category'), d.case.category],
    [label('product'), d.case.product],
  ]),
  part('whatWeWereTold'),
  paragraphs(d.case.description),
  part('outcomeWanted'),
  paragraphs(d.case.desiredOutcome),
];

const timeline: Builder = (d, f) => [
  table(
    [label('when'), label('who'), label('what')],
    d.timeline.map((e) => [
      f.dateTime(e.at),
      e.actor,
      {
        stack: [
          { text: e.event, bold: true },
          ...(e.detail ? [{ text: e.detail }] : []),
          ...(e.reason ? [{ text: reasonLine(e.reason), style: 'muted' }] : []),
        ],
      },
    ]),
    [95, 95, '*'],
  ),
];

function interviewBlock(i: CaseReportData['investigation']['interviews'][number], n: number, f: Formatter) {
  const signed = i.signedOffBy
    ? t('pdf.caseReport.signedOffBy', { name: i.signedOffBy, at: f.dateTime(i.signedOffAt) })
    : t('pdf.caseReport.notSignedOff');
  return [
    heading(
      i.role
        ? t('pdf.caseReport.interviewWithRole', { n, name: i.interviewee, role: i.role })
        : t('pdf.caseReport.interview', { n, name: i.interviewee }),
      3,
    ),
    fieldGrid([
      [label('contact'), i.contact || '—'],
      [label('interviewer'), i.interviewer],
      [label('othersPresent'), i.othersPresent || '—'],
      [label('when'), f.dateTime(i.at)],
      [
        label('duration'),
        i.durationMinutes === null ? '—' : t('pdf.caseReport.minutes', { n: f.number(i.durationMinutes) }),
      ],
      [label('methodAndPlace'), [i.method, i.location].filter(Boolean).join(', ')],
      [label('consentGiven'), yesNo(i.consentGiven)],
      [label('noticeGiven'), yesNo(i.noticeGiven)],
      [label('status'), `${i.status}. ${signed}`],
    ]),
    { text: label('statement'), style: 'label' },
    paragraphs(i.statement),
    ...(i.keyPoints.length ? [{ text: label('keyPoints'), style: 'label' }, { ul: i.keyPoints }] : []),
    ...(i.followUpActions.length
      ? [{ text: label('followUpActions'), style: 'label' }, { ul: i.followUpActions }]
      : []),
    ...i.addenda.map((a, k) => ({
      stack: [
        { text: t('pdf.caseReport.addendum', { n: k + 1, by: a.by, at: f.dateTime(a.at) }), bold: true },
        { text: reasonLine(a.reason), style: 'muted' },
        paragraphs(a.text),
      ],
      margin: [10, 4, 0, 4],
    })),
  ];
}

const investigation: Builder = (d, f) => {
  const inv = d.investigation;
  return [
    part('plan'),
    table(
      [label('step'), label('owner'), label('due'), label('status')],
      inv.plan.map((p) => [p.step, p.owner, f.date(p.dueAt), p.status]),
      ['*', 90, 70, 60],
    ),
    part('notes'),
    ...(inv.notes.length
      ? inv.notes.map((n) => ({
          stack: [{ text: `${n.author}, ${f.dateTime(n.at)}`, style: 'label' }, paragraphs(n.text)],
          margin: [0, 0, 0, 4],
        }))
      : [none()]),
    part('interviews'),
    ...(inv.interviews.length ? inv.interviews.flatMap((i, n) => interviewBlock(i, n + 1, f)) : [none()]),
    part('enquiries'),
    table(
      [label('department'), label('question'), label('answer'), label('status')],
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
    [label('item'), label('added'), label('sha256')],
    d.evidence.map((e) => [
      {
        stack: [
          { text: e.superseded ? t('pdf.caseReport.superseded', { name: e.name }) : e.name, bold: true },
          { text: `${e.type || t('pdf.caseReport.file')}, ${f.bytes(e.size)}`, style: 'label' },
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
      [label('finding'), d.case.finding || t('pdf.common.notYetRecorded')],
      [label('rootCause'), d.case.rootCause || t('pdf.common.notYetRecorded')],
      ...(detail
        ? ([
            [label('recurrence'), detail.recurrence],
            [label('similarCases'), detail.similarCases.join(', ') || '—'],
          ] as [string, string][])
        : []),
    ]),
    ...(detail
      ? [
          { text: label('rationale'), style: 'label' },
          paragraphs(detail.rationale),
          { text: label('contributingFactors'), style: 'label' },
          paragraphs(detail.contributingFactors),
        ]
      : []),
  ];
};

const resolution: Builder = (d, f) => [
  part('summary'),
  paragraphs(d.resolution.summary),
  part('remedies'),
  table(
    [label('remedy'), label('amount'), label('rationale')],
    d.resolution.remedies.map((r) => [
      r.kind,
      r.amount === null ? '—' : f.money(r.amount, r.currency),
      r.rationale,
    ]),
    [110, 80, '*'],
  ),
  part('actions'),
  table(
    [label('action'), label('owner'), label('due'), label('done'), label('status')],
    d.resolution.actions.map((a) => [
      a.outcome
        ? { stack: [a.text, { text: t('pdf.caseReport.outcome', { outcome: a.outcome }), style: 'muted' }] }
        : a.text,
      a.owner,
      f.date(a.dueAt),
      f.date(a.doneAt),
      a.status,
    ]),
    ['*', 80, 60, 60, 55],
  ),
];

const approvals: Builder = (d, f) => [
  part('approvals'),
  table(
    [label('requestedBy'), label('approver'), label('decision'), label('comment'), label('when')],
    d.approvals.map((a) => [a.requestedBy, a.approver, a.decision, a.comment, f.dateTime(a.at)]),
    [75, 75, 60, '*', 80],
  ),
  part('consultations'),
  table(
    [label('with'), label('topic'), label('advice'), label('byWhen')],
    d.consultations.map((c) => [c.with, c.topic, c.advice, `${c.by}\n${f.dateTime(c.at)}`]),
    [75, 90, '*', 85],
  ),
];

const communications: Builder = (d, f) => [
  table(
    [label('when'), label('way'), label('fromTo'), label('message')],
    d.communications.map((c) => [
      f.dateTime(c.at),
      `${t(`pdf.caseReport.direction.${c.direction}`)}\n${c.channel}`,
      `${c.from}\n→ ${c.to}`,
      { stack: [{ text: c.subject, bold: true }, paragraphs(c.text)] },
    ]),
    [70, 50, 90, '*'],
  ),
];

const followUp: Builder = (d, f) => {
  const sat = d.followUp.satisfaction;
  return [
    part('satisfaction'),
    sat
      ? fieldGrid([
          [label('score'), String(sat.score)],
          [label('feelsResolved'), yesNo(sat.resolved)],
          [label('recorded'), f.dateTime(sat.at)],
        ])
      : none(),
    part('followUpContacts'),
    table(
      [label('when'), label('by'), label('outcome'), label('notes')],
      d.followUp.entries.map((e) => [f.dateTime(e.at), e.by, e.outcome, e.notes]),
      [80, 80, 90, '*'],
    ),
  ];
};

const audit: Builder = (d, f) => [
  {
    text: t('pdf.caseReport.auditIntro'),
    style: 'muted',
    margin: [0, 0, 0, 6],
  },
  table(
    [label('auditSeq'), label('when'), label('who'), label('what'), label('hash')],
    d.audit.map((a) => [
      { text: String(a.seq), noWrap: true },
      f.dateTime(a.at),
      breakLongTokens(a.actor),
      {
        stack: [
          { text: breakLongTokens(`${a.entity} · ${a.action}`), bold: true },
          ...(a.changes ? [{ text: breakLongTokens(a.changes), fontSize: 7.5 }] : []),
          ...(a.reason ? [{ text: breakLongTokens(reasonLine(a.reason)), style: 'muted' }] : []),
        ],
      },
      { text: a.hash.slice(0, 12), fontSize: 7, noWrap: true },
    ]),
    // The sequence number and the hash prefix never wrap: their columns fit them; the text
    // column takes the rest of the page, and long tokens in it break.
    ['auto', 62, 70, '*', 'auto'],
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
    { text: t('pdf.caseReport.title'), fontSize: 28, bold: true, color: COLORS.accent },
    { text: d.case.reference, fontSize: 18, margin: [0, 4, 0, 24] },
    fieldGrid([
      [label('title'), d.case.title],
      [label('complainant'), d.complainant.name],
      [label('status'), d.case.status],
      [label('received'), f.dateTime(d.case.receivedAt)],
      [label('generatedBy'), d.context.generatedBy],
      [label('generatedAt'), f.dateTime(d.context.generatedAt)],
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
            text: t('pdf.caseReport.redacted'),
            italics: true,
            margin: [0, 0, 0, 6],
          },
        ]
      : []),
    {
      text: t('pdf.caseReport.latestAuditHash', {
        hash: d.latestAuditHash || t('pdf.caseReport.noAuditEntriesYet'),
      }),
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

/** A heading listed in the table of contents, and bookmarked. */
const listed = (text: string, extra: Record<string, unknown> = {}): Content =>
  bookmarked(text, { tocItem: true, ...extra });

/** The table of contents on a page of its own after the cover: every listed heading with its page. */
function contents(): Content[] {
  const title = t('pdf.caseReport.contents');
  return [
    bookmarked(title, { pageBreak: 'before' }),
    {
      toc: {
        textStyle: { fontSize: 10 },
        numberStyle: { fontSize: 10 },
        textMargin: [0, 3, 0, 3],
      },
    },
  ];
}

/** A line to sign on, with what goes on it beneath. */
const signatureLine = (caption: string): Content => ({
  stack: [
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: 200, y2: 0, lineWidth: 0.6, lineColor: COLORS.ink }] },
    { text: caption, style: 'label', margin: [0, 2, 0, 0] },
  ],
  margin: [0, 26, 0, 0],
});

/**
 * Who prepared the report (the person exporting it, and when) and who approved the case's
 * decision: the manager of the latest approval, with its date, or lines to fill in by hand.
 */
function signOff(d: CaseReportData, f: Formatter): Content[] {
  const approval = d.approvals.filter((a) => a.approved).at(-1);
  const who = (name: string, at: string) =>
    t('pdf.caseReport.signOff.nameAndDate', { name, date: f.date(at) });
  const block = (title: string, person: Content): Content => ({
    stack: [
      { text: title, bold: true, margin: [0, 0, 0, 4] },
      person,
      signatureLine(t('pdf.caseReport.signOff.signature')),
      signatureLine(t('pdf.caseReport.signOff.date')),
    ],
  });
  return [
    {
      // Signed as one, heading and all: never split between pages. (The heading is not marked for
      // render.ts to move: a page break asked for inside an unbreakable block loses the block.)
      stack: [
        listed(t('pdf.caseReport.signOff.title'), { headlineLevel: undefined }),
        {
          columns: [
            block(t('pdf.caseReport.signOff.preparedBy'), who(d.context.generatedBy, d.context.generatedAt)),
            block(
              t('pdf.caseReport.signOff.approvedBy'),
              approval
                ? who(approval.approver, approval.at)
                : { text: t('pdf.caseReport.signOff.notApproved'), style: 'muted' },
            ),
          ],
          columnGap: 30,
          margin: [0, 6, 0, 0],
        },
      ],
      unbreakable: true,
    },
  ];
}

/**
 * The case report. `documentId` (from main, see document-id.ts) goes in every page's footer; a
 * case not yet closed is marked DRAFT across every page.
 */
export function caseReportDoc(
  d: CaseReportData,
  options: CaseReportOptions,
  documentId?: string,
): DocDefinition {
  const f = makeFormatter(d.context.locale, d.context.timeZone);
  const sections = orderedSections(options);
  const numberedSection = (id: CaseReportSection | 'audit', i: number): Content[] => [
    listed(numbered(i + 1, sectionTitle(id)), {
      pageBreak: i === 0 || id === 'audit' ? 'before' : undefined,
    }),
    ...(id === 'audit' ? audit(d, f) : BUILDERS[id](d, f, options)),
  ];
  const main = sections.filter((id) => id !== 'audit');
  // The sign-off closes the report itself; the audit appendix follows it.
  const body = [
    ...main.flatMap((id, i) => numberedSection(id, i)),
    ...signOff(d, f),
    ...(options.includeAudit ? numberedSection('audit', main.length) : []),
  ];
  const hash = d.latestAuditHash
    ? t('pdf.caseReport.auditHash', { hash: d.latestAuditHash })
    : t('pdf.caseReport.noAuditEntries');
  return {
    pageSize: 'A4',
    pageMargins: [40, 50, 40, 50],
    info: {
      title: t('pdf.caseReport.documentTitle', { reference: d.case.reference }),
      author: d.context.officeName,
      subject: d.case.title,
      creator: 'Redress',
    },
    ...archival(d.context.locale),
    ...pageChrome(
      d.context.officeName,
      [
        d.case.reference,
        d.confidentiality,
        ...(options.redact ? [t('pdf.caseReport.redactedMark')] : []),
      ].join(' · '),
      documentId ? [hash, t('pdf.caseReport.documentId', { id: documentId })] : hash,
    ),
    ...(d.case.closedAt === null && {
      watermark: {
        text: t('pdf.caseReport.draft'),
        color: COLORS.bad,
        opacity: 0.1,
        bold: true,
        fontSize: 110,
      },
    }),
    content: [...cover(d, f, options), ...contents(), ...body],
    keepHeadingsWithContent: true,
    styles: STYLES,
    defaultStyle: { ...DEFAULT_STYLE, font: FONT_FAMILY },
  };
}
