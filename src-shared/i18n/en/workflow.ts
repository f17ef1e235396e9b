// English of the case workflow (src-shared/domain/workflow.ts): status names, button verbs, the
// good-practice checklists and every reason a move is refused.
export const workflowEn = {
  status: {
    received: 'Received',
    acknowledged: 'Acknowledged',
    investigating: 'Investigating',
    'resolution-proposed': 'Resolution proposed',
    'resolution-accepted': 'Resolution accepted',
    'resolution-rejected': 'Resolution rejected',
    implementing: 'Implementing',
    'follow-up': 'Follow-up',
    closed: 'Closed',
    withdrawn: 'Withdrawn',
    reopened: 'Reopened',
  },
  /** Button verb for moving a case to a status. */
  transition: {
    received: 'Mark received',
    acknowledged: 'Acknowledge',
    investigating: 'Start investigation',
    'resolution-proposed': 'Propose resolution',
    'resolution-accepted': 'Record acceptance',
    'resolution-rejected': 'Record rejection',
    implementing: 'Start implementing',
    'follow-up': 'Start follow-up',
    closed: 'Close case',
    withdrawn: 'Mark withdrawn',
    reopened: 'Reopen',
  },
  /** Moves that read better than the plain verb of their target. */
  transitionSpecial: {
    closeBySummary: 'Close by summary resolution',
    reviseProposal: 'Revise proposal',
    adjustResolution: 'Adjust resolution',
  },
  checklist: {
    'confirm-receipt': {
      label: 'Confirm receipt',
      help: 'Tell the complainant the complaint has arrived and give them its reference number.',
    },
    'express-empathy': {
      label: 'Express empathy',
      help: 'Recognise how the matter has affected the complainant, without deciding fault before the facts are known.',
    },
    'outline-next-steps': {
      label: 'Outline next steps and the deadline',
      help: 'Say what happens next, who is handling the complaint and the date by which the complainant will have a response.',
    },
    'gather-records': {
      label: 'Gather records',
      help: 'Collect the documents, messages, call notes and account history that bear on the complaint.',
    },
    'interview-people': {
      label: 'Interview the people involved',
      help: 'Speak to the complainant and the staff involved, and note what each said.',
    },
    'find-root-cause': {
      label: 'Find the root cause',
      help: 'Work out why it happened, not only what happened, so the fix lasts.',
    },
    'document-findings': {
      label: 'Document findings',
      help: 'Write down what the evidence shows and whether the complaint is upheld.',
    },
    'evaluate-options': {
      label: 'Evaluate options',
      help: 'Weigh the possible remedies (apology, explanation, correction, refund, compensation) against what the complainant asked for and what is fair.',
    },
    'consult-stakeholders': {
      label: 'Consult stakeholders',
      help: 'Check the proposed remedy with the people who must approve it or carry it out.',
    },
    'communicate-outcome': {
      label: 'Communicate the outcome',
      help: 'Tell the complainant the decision, the reasons for it and what they can do if they are not satisfied.',
    },
    'carry-out-remedy': {
      label: 'Carry out the remedy',
      help: 'Do what was agreed (the correction, payment or change) and keep proof that it was done.',
    },
    'monitor-remedy': {
      label: 'Monitor the remedy',
      help: 'Check that the remedy took effect and that the problem has not come back.',
    },
    'follow-up-complainant': {
      label: 'Follow up with the complainant',
      help: 'Ask the complainant whether the matter is now resolved for them.',
    },
    'collect-feedback': {
      label: 'Collect feedback',
      help: 'Ask the complainant how well their complaint was handled.',
    },
    'record-lessons': {
      label: 'Record lessons learned',
      help: 'Note what the office will change so the same complaint does not arise again.',
    },
  },
  /** "<subject> can only be <moves>": how each status reads as the subject of that sentence… */
  caseThatIs: {
    received: 'A case that is Received',
    acknowledged: 'A case that is Acknowledged',
    investigating: 'A case under investigation',
    'resolution-proposed': 'A case with a proposed resolution',
    'resolution-accepted': 'A case whose resolution was accepted',
    'resolution-rejected': 'A case whose resolution was rejected',
    implementing: 'A case whose resolution is being implemented',
    'follow-up': 'A case in follow-up',
    closed: 'A case that is Closed',
    withdrawn: 'A case that is Withdrawn',
    reopened: 'A case that is Reopened',
  },
  /** …and each move as one of its <moves>. */
  movePhrase: {
    received: 'received',
    acknowledged: 'acknowledged',
    investigating: 'investigated',
    'resolution-proposed': 'given a proposed resolution',
    'resolution-accepted': 'marked accepted',
    'resolution-rejected': 'marked rejected',
    implementing: 'implemented',
    'follow-up': 'followed up',
    closed: 'closed',
    withdrawn: 'withdrawn',
    reopened: 'reopened',
  },
  movePhraseSummaryClose: 'closed by summary resolution',
  refusal: {
    unknownStatus: '“{{status}}” is not a case status Redress knows.',
    alreadyInStatus: 'This case is already “{{status}}”.',
    notAllowed: '{{subject}} can only be {{moves}}.',
    noSummaryRoute:
      'This regulatory regime has no summary-resolution route, so the case cannot be closed without an investigation. Start an investigation instead.',
    summaryWindowPassed:
      'The summary-resolution window has passed, so this case cannot be closed without an investigation. Start an investigation instead.',
    reasonToWithdraw: 'Give a reason for marking this case withdrawn.',
    reasonToReopen: 'Give a reason for reopening this case.',
    reasonToCloseBySummary: 'Describe the summary resolution before closing this case.',
    reasonToAdjust: 'Say why the complainant is not satisfied before adjusting the resolution.',
    reasonForChange: 'Give a reason for this change.',
    findingAndRootCauseMissing: 'Record the finding and the root cause before proposing a resolution.',
    findingMissing: 'Record the finding before proposing a resolution.',
    rootCauseMissing: 'Record the root cause before proposing a resolution.',
    /** `items` is a list of quoted checklist labels. */
    checklistUnticked: 'Tick {{items}} before moving on.',
    proposalMissing: 'Write the proposed resolution on the Resolution tab first.',
    proposalAwaitingApproval:
      'A manager must approve the proposed resolution first (see the Resolution tab).',
    proposalNotApproved:
      'The proposed resolution must be revised and approved first (see the Resolution tab).',
    escalated: 'This case is escalated. Clear the escalation (say how it was settled) before closing it.',
    followUpMissing: 'Record the follow-up with the complainant (Follow-up tab) before closing.',
    reasonToCloseUnsatisfied: 'Give the reason for closing although the complainant is not satisfied.',
    summaryResolutionNotSent:
      'Record the summary resolution communication sent to the complainant (Communications → Write a letter) before closing.',
    finalResponseNotSent:
      'Record the final response sent to the complainant (Communications → Write a letter) before closing.',
    escalationReasonMissing: 'Give a reason for escalating this case.',
    escalationOwnerMissing: 'Choose who will own the escalated case.',
  },
} as const;
