// Strings of the audit anchor (the audit check in Settings) and of the screen shown when the case
// database lost its data without a word.
export const anchorEn = {
  check: {
    anchorOk_one:
      'It matches the {{formatted}} checkpoint kept outside the database (the newest: entry {{seq}}, {{date}}).',
    anchorOk_other:
      'It matches the {{formatted}} checkpoints kept outside the database (the newest: entry {{seq}}, {{date}}).',
    noCheckpoints: 'No checkpoints have been kept outside the database yet; they follow the next changes.',
    problemsTitle: 'The trail does not match what Redress recorded outside the database',
    chainOkButFindings: 'Each entry follows the one before it, but:',
    anchorUnavailable: 'The checkpoints kept outside the database could not be read: {{message}}',
    plainKey:
      'This computer’s key store is not available, so the key that seals the checkpoints is kept in a file only your account can read. Someone with access to that file could forge checkpoints.',
    findings: {
      emptied:
        'The audit trail is empty, but on {{date}} Redress recorded that it held {{anchoredSeq}} entries.',
      truncated:
        'The audit trail ends at entry {{lastSeq}}, but on {{date}} Redress recorded that it reached entry {{anchoredSeq}}: the newest {{missing}} entries were removed.',
      rewritten_one:
        'Entry {{seq}} is not the entry Redress recorded on {{date}}: the trail was edited and sealed again from that entry or before it.',
      rewritten_other:
        'Entry {{seq}} is not the entry Redress recorded on {{date}}: the trail was edited and sealed again from that entry or before it ({{count}} checkpoints do not match).',
      headMissing:
        'The record of the newest entry, kept beside the trail, was deleted (the trail holds {{lastSeq}} entries).',
      lineAltered_one:
        'Checkpoint {{line}} kept outside the database was edited, or a checkpoint before it was removed.',
      lineAltered_other:
        'Checkpoint {{line}} kept outside the database was edited, or a checkpoint before it was removed ({{count}} checkpoints do not check).',
      tailRemoved:
        'The newest checkpoints kept outside the database were removed: Redress wrote {{expected}}, {{found}} are left.',
      keyMissing:
        'The key that seals the checkpoints kept outside the database is missing, so they cannot be checked.',
      keyUnusable:
        'The key that seals the checkpoints kept outside the database cannot be unlocked on this computer, so they cannot be checked.',
      censusAltered: 'The record of the database’s size, kept outside the database, was edited.',
      rewriteRefused:
        'On {{date}} the audit trail went back to entry {{seq}} after Redress had recorded entry {{anchoredSeq}}: it was cut back or rewritten then.',
    },
  },
  closed: {
    title: 'The case database was closed',
    body: 'The browser inside Redress closed the case database, most likely because this computer’s disk is full. Nothing more can be saved until it is open again. What is on screen stays: free some disk space, then open the database again. Redress then checks that it still holds everything before you carry on.',
    open: 'Open the database again',
    opening: 'Opening…',
    stillClosed: 'It could not be opened: {{message}}',
  },
  loss: {
    title: 'The case database needs attention',
    empty_one:
      'Redress’s case database on this computer is empty, but on {{date}} it held {{formatted}} case.',
    empty_other:
      'Redress’s case database on this computer is empty, but on {{date}} it held {{formatted}} cases.',
    smaller:
      'Redress’s case database on this computer holds less than it did: on {{date}} it held {{knownCases}} cases and {{knownEntries}} audit entries; now it holds {{cases}} cases and {{entries}} audit entries.',
    replaced:
      'Redress’s case database on this computer is not the one it used before: on {{date}} that one held {{knownCases}} cases and {{knownEntries}} audit entries.',
    nothingChanged:
      'Nothing has been changed. Redress stopped here so that nothing new is written over data that may still be recovered.',
    restoreTitle: 'Restore from the latest backup',
    noRestore:
      'Restoring a backup is not available here. Contact your IT support: they may be able to restore Redress’s data folder from their own backup. Do not start with an empty database until they have looked.',
    askAdministrator:
      'Ask an administrator of Redress to restore the latest backup, and do not log complaints on this computer until then.',
    administrators: 'Administrators: {{names}}.',
    startEmpty: 'Start with an empty database',
    startEmptyIntro:
      'The cases that were here will not be shown again unless a backup is restored later. This is recorded in the security log with your name and reason.',
    reason: 'Why start with an empty database?',
    reasonHint: 'For example: new computer, the old data is kept by IT.',
    confirmWord: 'EMPTY',
    confirmLabel: 'Type {{word}} to confirm',
    confirm: 'Start with an empty database',
    starting: 'Starting…',
    signOut: 'Sign out',
    checking: 'Checking the case database…',
    checkFailed: 'Redress could not compare the case database with what it last saw: {{message}}',
  },
};
