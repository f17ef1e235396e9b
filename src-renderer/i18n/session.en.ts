// Strings of first-run setup, sign-in, the lock screen and the signed-in person's menu.
export const sessionEn = {
  setupTitle: 'Set up Redress',
  setupIntro:
    'You are the first person here, so you become the administrator: you add the rest of the team, their roles and their passwords.',
  yourName: 'Your name',
  password: 'Password',
  newPassword: 'New password',
  confirmPassword: 'Type the new password again',
  currentPassword: 'Current password',
  passwordHint: 'At least {{count}} characters. A few words you will remember make a good password.',
  mismatch: 'The two passwords are not the same.',
  samePassword: 'Choose a new password, not the one you have now.',
  alsoHandles: 'I also handle complaints as',
  setUp: 'Set up and sign in',
  settingUp: 'Setting up…',
  signInTitle: 'Sign in',
  signInIntro: 'Everything you do in Redress is recorded under your name.',
  signIn: 'Sign in',
  signingIn: 'Signing in…',
  lockedTitle: 'Redress is locked',
  lockedIntro: '{{name}} is signed in. Enter your password to go on where you left off.',
  // The team server locked the desk: the account turned off there, or the session ended there.
  lockedTurnedOff:
    'The account of {{name}} was turned off on the team server, so Redress cannot be unlocked here.',
  lockedTurnedOffNext:
    'Ask an administrator if you need it again: once it is turned on, this screen asks for your password. Or sign out, so that someone else can sign in on this desk.',
  lockedSessionEnded:
    'The team server ended the session of {{name}}: signed out there, or the password was reset or changed on another desk.',
  lockedSessionEndedNext:
    'Enter your password to go on where you left off (the new one, if it was reset or changed). Nothing you typed is lost.',
  unlock: 'Unlock',
  signOutInstead: 'Sign out instead',
  signOutTitle: 'Sign out?',
  signOutLosesWork: 'Anything typed but not yet saved on the screen behind this one will be lost.',
  signOut: 'Sign out',
  lock: 'Lock',
  lockShortcut: 'Ctrl+L',
  changePassword: 'Change password',
  passwordChanged: 'Your password has been changed.',
  problemTitle: 'Redress cannot start',
  tryAgain: 'Try again',
  directoryFailed: 'The list of people could not be read: {{reason}}',
};
