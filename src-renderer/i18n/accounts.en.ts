// Strings of "People and access": the office's accounts, its security settings and its security log.
import type { AccountRole, SecurityEventKind } from '../../src-shared/domain/accounts';
import { sharedEn } from '../../src-shared/i18n';

export const accountsEn = {
  nav: 'People and access',
  title: 'People and access',
  subtitle: 'Who may sign in to Redress, what each person may do, and the office’s security rules.',
  refusedTitle: 'People and access is for administrators',
  loadFailed: 'Redress could not load the people of the office: {{message}}',
  add: 'Add a person',
  you: '(you)',
  people: {
    heading: 'People',
    onTeamServer:
      'These accounts are kept on the team server: what you change here applies on every desk, from each person’s next sign-in. Turning someone off signs them out everywhere.',
    label: 'People who may sign in',
    name: 'Name',
    roles: 'Roles',
    approvalLimit: 'Approval limit',
    status: 'Status',
    passwordChanged: 'Password last changed',
    actions: 'Actions',
    noApprovals: 'No personal limit',
    edit: 'Edit',
    editLabel: 'Edit {{name}}',
    resetPassword: 'Reset password',
    resetPasswordLabel: 'Reset password for {{name}}',
  },
  status: {
    active: 'Active',
    off: 'Turned off',
    locked: 'Locked until {{time}}',
  },
  roleHelp: {
    officer: 'Logs complaints and works the cases that are theirs: letters, investigation, proposed remedy.',
    investigator: 'Records the investigation of the cases assigned to them.',
    manager:
      'Sees every case; assigns, escalates and restricts cases; approves remedies; runs management reports.',
    administrator:
      'Manages people, security, settings and templates. Sees no cases unless they also hold another role.',
  } satisfies Record<AccountRole, string>,
  fields: {
    name: 'Name',
    nameHelp: 'As colleagues know them; the name is also what they type to sign in.',
    roles: 'Roles',
    approvalLimit: 'Approval limit ({{currency}})',
    approvalLimitHelp:
      'For managers: the largest remedy this person may approve. Leave it empty for no personal limit (the office’s approval rules still apply).',
    initialPassword: 'Initial password',
    initialPasswordHelp:
      'At least {{min}} characters. Give it to them in person; they should change it once they have signed in.',
    newPassword: 'New password',
    newPasswordHelp: 'At least {{min}} characters.',
    turnedOff: 'Turned off',
    turnedOffHelp:
      'A turned-off person cannot sign in. Their name stays in the history; nobody is ever deleted.',
  },
  addDialog: {
    title: 'Add a person',
    submit: 'Add',
    added: '{{name}} can now sign in.',
  },
  editDialog: {
    title: 'Edit {{name}}',
    submit: 'Save',
    saved: 'Changes to {{name}} saved.',
    lockedUntil: 'Locked after too many failed sign-ins, until {{time}}.',
    unlock: 'Unlock',
    unlocked: '{{name}} can sign in again.',
    confirmOffTitle: 'Turn off {{name}}?',
    confirmOffBody:
      '{{name}} will no longer be able to sign in. Their name stays on their cases and in the history, and you can turn the account back on later.',
    confirmOff: 'Turn off',
  },
  resetDialog: {
    title: 'Reset the password of {{name}}',
    intro:
      'Give {{name}} the new password in person. They should change it to one of their own once they have signed in.',
    submit: 'Reset password',
    done: 'The password of {{name}} was reset.',
  },
  policy: {
    title: 'Security settings',
    intro:
      'Rules for every account: how long passwords must be, when failed sign-ins lock an account, and when an unattended screen locks.',
    onTeamServer:
      'These rules are kept on the team server and apply on every desk: each desk takes them up at its next sign-in or unlock.',
    // The fields' labels, shared with the security log's words for a change of them (main).
    ...sharedEn.securityPolicy,
    minPasswordLengthHelp: 'Applies to new passwords; long passphrases beat complicated short ones.',
  },
  log: {
    title: 'Security log',
    intro:
      'Sign-ins, lockouts and every change to an account, newest first. Nothing is ever removed from it.',
    label: 'Security log',
    time: 'Time',
    event: 'Event',
    who: 'Who',
    whose: 'Whose account',
    detail: 'Detail',
    nobody: 'Not signed in',
    empty: 'Nothing has been logged yet.',
    unreadable_one:
      '{{formattedCount}} line of the security log could not be read (for example one half-written when the power went off). It is left as it is.',
    unreadable_other:
      '{{formattedCount}} lines of the security log could not be read (for example one half-written when the power went off). They are left as they are.',
    loadFailed: 'Redress could not read the security log: {{message}}',
    rowsPerPage: 'Lines per page',
    shown: '{{from}}–{{to}} of {{total}}',
    firstPage: 'First page',
    lastPage: 'Last page',
    nextPage: 'Next page',
    previousPage: 'Previous page',
  },
  events: {
    setup: 'First administrator set up',
    'sign-in': 'Signed in',
    'sign-in-failed': 'Failed sign-in',
    'locked-out': 'Locked out',
    lock: 'Screen locked',
    unlock: 'Screen unlocked',
    'unlock-failed': 'Failed unlock',
    'sign-out': 'Signed out',
    'account-added': 'Person added',
    renamed: 'Renamed',
    'roles-changed': 'Roles changed',
    'approval-limit-changed': 'Approval limit changed',
    disabled: 'Turned off',
    enabled: 'Turned on again',
    'unlocked-by-administrator': 'Unlocked by an administrator',
    'password-reset': 'Password reset',
    'password-changed': 'Password changed',
    'policy-changed': 'Security settings changed',
    'audit-rewrite-refused': 'Audit trail cut back or rewritten',
    'disposal-ledger-set-aside': 'Disposal ledger found altered and set aside',
    'database-started-empty': 'Case database started empty',
    'bundle-sender-trusted': 'Office trusted to send case bundles',
    'bundle-sender-revoked': 'Office no longer trusted to send case bundles',
    'team-connection-mended': 'Team server connection mended at the sign-in screen',
  } satisfies Record<SecurityEventKind, string>,
};
