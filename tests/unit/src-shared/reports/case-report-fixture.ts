// A full case report input with every section filled, Unicode names and a statement long enough
// to break across pages. `scale` multiplies the repeated parts (for the 30-page bench).
import type { CaseReportData } from '../../../../src-shared/ipc/channels/reports';

export const PERSONAL = {
  complainant: 'Zoë Łukasz-Đặng',
  email: 'zoe.dang@example.org',
  phone: '+44 7700 900123',
  address: '12 Rue des Étoiles\nManchester M1 2AB',
  account: '40302011223344',
  witness: 'Ngũgĩ wa Thiong’o',
  witness2: 'Siobhán Ó Briain',
  officer: 'Priya Shah',
  manager: 'Tomasz Wójcik',
} as const;

const statementParagraph = (i: number) =>
  `Paragraph ${i + 1}. ${PERSONAL.witness} explained that the transfer request reached the branch on the Monday and was logged against account ${PERSONAL.account}. The complainant, ${PERSONAL.complainant}, telephoned twice that week from ${PERSONAL.phone} and was told the payment was on its way, which was not true at the time. Staff did not escalate the delay to the payments team because the queue tool showed the item as processed.`;

export function caseReportFixture(scale = 1): CaseReportData {
  const at = (day: number, hour = 10) => new Date(Date.UTC(2026, 2, 2 + day, hour, 30)).toISOString();
  const audit = Array.from({ length: 12 * scale }, (_, i) => ({
    seq: i + 1,
    at: at(i % 40, 9 + (i % 8)),
    actor: i % 3 === 0 ? PERSONAL.manager : PERSONAL.officer,
    entity: i % 4 === 0 ? 'interview' : 'case',
    action: i === 0 ? 'create' : 'update',
    changes: i === 0 ? `complainant.name: — → ${PERSONAL.complainant}` : `status: received → acknowledged`,
    reason: i % 5 === 0 ? 'Requested by the complainant' : '',
    hash: (i + 1).toString(16).padStart(64, 'a'),
  }));
  return {
    context: {
      officeName: 'Northern Ombudsman Liaison Office',
      locale: 'en-GB',
      timeZone: 'Europe/London',
      generatedAt: '2026-04-20T09:00:00.000Z',
      generatedBy: PERSONAL.manager,
    },
    confidentiality: 'Confidential',
    latestAuditHash: audit.at(-1)!.hash,
    case: {
      reference: 'CMP-2026-000042',
      title: 'Payments / Delayed transfer',
      status: 'Closed',
      severity: 'High',
      regime: 'UK FCA — general (8 weeks)',
      officer: PERSONAL.officer,
      channel: 'Email',
      category: 'Payments',
      product: 'Current account',
      accountRef: PERSONAL.account,
      receivedAt: at(0),
      acknowledgedAt: at(1),
      closedAt: at(30),
      escalation: '',
      description: `I am ${PERSONAL.complainant}. My transfer from account ${PERSONAL.account} was delayed for nine days and I missed my rent. Contact me at ${PERSONAL.email}.`,
      desiredOutcome: 'Refund of the late fee and an apology.',
      finding: 'Upheld',
      rootCause: 'Process failure: the queue tool marked stuck payments as processed.',
      findingDetail: {
        rationale: 'The payment sat in the retry queue for nine days.',
        contributingFactors: 'No alert on the batch job.',
        recurrence: 'Recurring',
        similarCases: ['CMP-2026-000007'],
      },
      deadlines: [
        {
          label: 'Acknowledge by',
          due: at(1, 17),
          doneAt: at(1),
          metBy: 'acknowledgement',
          state: 'met',
        },
        {
          label: 'Final response by',
          due: at(56, 17),
          doneAt: at(30),
          metBy: 'final response',
          state: 'met',
        },
      ],
    },
    complainant: {
      name: PERSONAL.complainant,
      email: PERSONAL.email,
      phone: PERSONAL.phone,
      address: PERSONAL.address,
      preferredContact: 'Email',
      needs: 'Large print letters',
      vulnerable: true,
      consentToContact: true,
    },
    timeline: audit.map((a) => ({
      at: a.at,
      actor: a.actor,
      event: 'Case updated',
      detail: a.changes,
      reason: a.reason,
    })),
    investigation: {
      plan: [{ step: 'Pull the payment logs', owner: PERSONAL.officer, dueAt: at(5), status: 'Done' }],
      notes: Array.from({ length: 3 * scale }, (_, i) => ({
        at: at(2 + (i % 20)),
        author: PERSONAL.officer,
        text: `Note ${i + 1}: spoke to ${PERSONAL.witness2} in payments about the queue.`,
      })),
      interviews: [
        {
          interviewee: PERSONAL.witness,
          role: 'Branch adviser',
          contact: PERSONAL.phone,
          interviewer: PERSONAL.officer,
          othersPresent: PERSONAL.witness2,
          at: at(4),
          durationMinutes: 45,
          method: 'In person',
          location: 'Manchester branch',
          consentGiven: true,
          noticeGiven: true,
          statement: Array.from({ length: 8 * scale }, (_, i) => statementParagraph(i)).join('\n\n'),
          keyPoints: ['Queue tool showed the payment as processed', 'No escalation was made'],
          followUpActions: ['Ask the payments team for the queue log'],
          status: 'Signed off',
          signedOffBy: PERSONAL.manager,
          signedOffAt: at(6),
          addenda: [
            {
              text: 'The second call was on the Thursday, not the Wednesday.',
              reason: 'Correction',
              by: PERSONAL.officer,
              at: at(7),
            },
          ],
        },
      ],
      enquiries: [
        {
          department: 'Payments operations',
          question: 'Why did the payment stay in the queue?',
          askedBy: PERSONAL.officer,
          askedAt: at(3),
          answer: 'A batch job failed and was not alerted.',
          answeredBy: PERSONAL.witness2,
          answeredAt: at(5),
          status: 'Answered',
        },
      ],
    },
    evidence: Array.from({ length: 2 * scale }, (_, i) => ({
      name: `bank-statement-${i + 1}.pdf`,
      size: 48_213 + i,
      type: 'application/pdf',
      sha256: `${i.toString(16)}f3a9c2e1d4b5a6978877665544332211ffeeddccbbaa99887766554433221100`.slice(
        0,
        64,
      ),
      addedBy: PERSONAL.officer,
      addedAt: at(3),
      description: 'Statement showing the delayed debit',
      superseded: i === 1,
    })),
    resolution: {
      summary: 'We uphold the complaint, refund the late fee and pay for the distress caused.',
      remedies: [
        { kind: 'Refund', amount: 35, currency: 'GBP', rationale: 'Late rent fee charged by the landlord' },
        {
          kind: 'Distress and inconvenience',
          amount: 150,
          currency: 'GBP',
          rationale: 'Nine days without funds',
        },
      ],
      actions: [
        {
          text: 'Add an alert to the batch job',
          owner: PERSONAL.manager,
          dueAt: at(40),
          doneAt: null,
          status: 'In progress',
          outcome: '',
        },
      ],
    },
    approvals: [
      {
        requestedBy: PERSONAL.officer,
        approver: PERSONAL.manager,
        decision: 'Approved',
        approved: true,
        comment: 'Fair outcome',
        at: at(28),
      },
    ],
    consultations: [
      {
        with: 'Legal',
        topic: 'Redress amount',
        advice: 'In line with guidance.',
        by: PERSONAL.officer,
        at: at(27),
      },
    ],
    communications: Array.from({ length: 2 * scale }, (_, i) => ({
      at: at(1 + i),
      direction: i % 2 ? ('inbound' as const) : ('outbound' as const),
      channel: 'Email',
      from: i % 2 ? PERSONAL.email : PERSONAL.officer,
      to: i % 2 ? PERSONAL.officer : PERSONAL.email,
      subject: i ? 'Re: your complaint' : 'We have received your complaint',
      text: `Dear ${PERSONAL.complainant}, thank you for your message.`,
    })),
    followUp: {
      entries: [
        { at: at(45), by: PERSONAL.officer, outcome: 'Called', notes: 'Satisfied with the outcome.' },
      ],
      satisfaction: { score: 4, resolved: true, at: at(45) },
    },
    audit,
  };
}

/** The same case with nothing recorded beyond intake: every optional section is empty. */
export function emptyCaseReportFixture(): CaseReportData {
  const full = caseReportFixture();
  return {
    ...full,
    investigation: { plan: [], notes: [], interviews: [], enquiries: [] },
    evidence: [],
    resolution: { summary: '', remedies: [], actions: [] },
    approvals: [],
    consultations: [],
    communications: [],
    followUp: { entries: [], satisfaction: null },
  };
}
