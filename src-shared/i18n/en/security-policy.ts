// The names of the security policy's settings, as the Security settings card labels its fields and
// the security log names a change of them (one home for both).
export const securityPolicyEn = {
  minPasswordLength: 'Shortest password (characters)',
  lockoutAttempts: 'Failed sign-ins before an account locks',
  lockoutMinutes: 'Minutes an account stays locked',
  idleLockMinutes: 'Minutes without use before the screen locks',
} as const;
