// English of the refusals the repositories throw (src-renderer/db), by the record they guard.
export const errorsEn = {
  caseNotFound: 'This case no longer exists.',
  linkedCaseMissing: 'A linked case no longer exists.',
  case: {
    unknownCategory: "“{{category}}” is not one of the office's categories.",
    unknownSubcategory: '“{{subcategory}}” is not a subcategory of {{category}}.',
    changedMeanwhile: 'Someone changed this case meanwhile. Look at the latest version and try again.',
    reassignReasonMissing: 'Give a reason for taking this case from {{name}}.',
    pauseReasonMissing: 'Say what the case is waiting for.',
    pauseClosed: 'A closed case has no clock to pause.',
    alreadyPaused: 'The clock is already paused.',
    notPaused: 'The clock is not paused.',
    restrictReasonMissing: 'Say why who may see this case changes.',
    anonymised: 'This case was anonymised: it can no longer be changed.',
  },
  email: {
    alreadyRecorded:
      '“{{subject}}” is already on this case (the same e-mail file is among its evidence): it was not recorded again.',
  },
  retention: {
    noCases: 'Choose at least one case.',
    nothingToFind: 'Enter a name, account reference, e-mail address or phone number.',
    recordNotFound: 'This disposal record no longer exists.',
    ledgerNotWritten_one:
      'The disposal was made, but {{count}} line of the disposal ledger could not be written ({{message}}). It waits on this computer and is written with the next disposal; until then, restoring an older backup would bring that case back.',
    ledgerNotWritten_other:
      'The disposal was made, but {{count}} lines of the disposal ledger could not be written ({{message}}). They wait on this computer and are written with the next disposal; until then, restoring an older backup would bring those cases back.',
  },
  resolution: {
    caseClosed: 'This case is closed. Reopen it to propose a resolution.',
    proposalNotFound: 'This proposal no longer exists.',
    managerOnly: 'Only a manager can decide on a resolution that needs approval.',
    decisionCommentMissing: 'Say why, so the officer knows what to change.',
    notAwaitingApproval: 'This proposal is not waiting for approval any more.',
    approvalNeeded: 'A manager must approve this proposal before it goes to the complainant.',
    revisionNeeded: 'Revise this proposal before it goes to the complainant.',
    alreadyProposed: 'This proposal has already been put to the complainant.',
    rejectionReasonMissing: 'Say why the complainant rejected it.',
    notYetProposed: 'Put the proposal to the complainant first.',
    answerAlreadyRecorded: 'The complainant’s answer is already recorded.',
    consultationAnswerMissing: 'Enter the answer.',
    consultationNotFound: 'This consultation no longer exists.',
  },
  followUp: {
    actionOutcomeMissing: 'Say what was done.',
    actionNotFound: 'This action no longer exists.',
    actionAlreadyDone: 'This action is already done.',
    dateMissing: 'Enter the follow-up date.',
    adjustReasonMissing: 'Say what must change in the resolution.',
    notStarted: 'Start the follow-up (Next step) before recording it.',
  },
  investigation: {
    caseClosed: 'This case is closed. Reopen it to change its investigation.',
    findingCaseClosed: 'This case is closed. Reopen it to change its finding.',
    planItemNotFound: 'This plan item no longer exists.',
    noteNotFound: 'This note no longer exists.',
    interviewNotFound: 'This interview no longer exists.',
    fileNotFound: 'This file no longer exists.',
    enquiryNotFound: 'This enquiry no longer exists.',
    noteUnchanged: 'The note is unchanged.',
    interviewUnchanged: 'Nothing has changed in this interview.',
    supersedeReasonMissing: 'Say why this file is superseded.',
    alreadySuperseded: 'This file is already marked superseded.',
    enquiryAlreadyAnswered: 'This enquiry already has its answer.',
    answerBeforeSent: 'The answer cannot come back before the enquiry was sent.',
    unknownRootCause: "“{{rootCause}}” is not one of the office's root causes.",
    similarToItself: 'A case cannot be similar to itself.',
    unknownReferences: 'There is no case with the reference {{references}}.',
  },
  improvement: {
    notFound: 'This improvement no longer exists.',
    changedMeanwhile: 'Someone changed this improvement meanwhile. Look at the latest version and try again.',
  },
  template: {
    nameMissing: 'Give the template a name.',
    kindMissing: 'Choose what the letter is for.',
    bodyMissing: 'Write the letter.',
    notFound: 'This template no longer exists.',
    /** A problem found in a letter's subject line (`problem` says where and what). */
    inSubject: 'Subject — {{problem}}',
  },
  demo: {
    /** Demo data asked of a live profile's database. */
    trainingOnly:
      'Demo data is only for training profiles: it would mix made-up complaints with real ones. Open the training profile to load it.',
  },
} as const;
