import { describe, expect, it } from 'vitest';
import {
  AccountNameSchema,
  ApprovalLimitSchema,
  DEFAULT_SECURITY_POLICY,
  PasswordInputSchema,
  RolesSchema,
  SecurityPolicyFieldsSchema,
  SecurityPolicySchema,
  accountNameTaken,
  afterFailedSignIn,
  findAccountByName,
  hasActiveAdministrator,
  lockedUntil,
  passwordProblem,
  tryAgainAfter,
} from '../../../../src-shared/domain/accounts';

const policy = { minPasswordLength: 12 };
const problem = (password: string, name = 'Jane Elizabeth Smith') =>
  passwordProblem(password, { name, policy });

describe('account input', () => {
  it('trims a name and refuses one that is empty, too long, has control characters or no letter', () => {
    expect(AccountNameSchema.parse('  Jane Smith ')).toBe('Jane Smith');
    expect(AccountNameSchema.safeParse('   ').error?.issues[0]?.message).toBe('Enter the person’s name.');
    expect(AccountNameSchema.safeParse('x'.repeat(201)).error?.issues[0]?.message).toBe(
      'Use at most 200 characters.',
    );
    expect(AccountNameSchema.safeParse('Jane\u0000Smith').success).toBe(false);
    expect(AccountNameSchema.safeParse('Jane\nSmith').success).toBe(false);
    expect(AccountNameSchema.safeParse('!!!').error?.issues[0]?.message).toBe(
      'Use at least one letter or digit.',
    );
    expect(AccountNameSchema.parse('Ngũgĩ wa Thiong’o')).toBe('Ngũgĩ wa Thiong’o');
  });

  it('takes one or more known roles, each once, in a fixed order', () => {
    expect(RolesSchema.parse(['manager', 'officer'])).toEqual(['officer', 'manager']);
    expect(RolesSchema.safeParse([]).error?.issues[0]?.message).toBe('Give the person at least one role.');
    expect(RolesSchema.safeParse(['officer', 'officer']).error?.issues[0]?.message).toBe(
      'Choose each role once.',
    );
    expect(RolesSchema.safeParse(['root']).success).toBe(false);
  });

  it('takes an approval limit of 0 or more, or none', () => {
    expect(ApprovalLimitSchema.parse(null)).toBeNull();
    expect(ApprovalLimitSchema.parse(0)).toBe(0);
    expect(ApprovalLimitSchema.parse(2500.5)).toBe(2500.5);
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY, 10_000_001, '100']) {
      expect(ApprovalLimitSchema.safeParse(bad).success, String(bad)).toBe(false);
    }
  });

  it('bounds a typed password at 1024 characters', () => {
    expect(PasswordInputSchema.safeParse('x'.repeat(1024)).success).toBe(true);
    expect(PasswordInputSchema.safeParse('x'.repeat(1025)).error?.issues[0]?.message).toBe(
      'Use at most 1024 characters.',
    );
    expect(PasswordInputSchema.safeParse('').success).toBe(false);
  });
});

describe('the security policy', () => {
  it('defaults to 12 characters, 5 attempts, 15 minutes locked and a 10-minute idle lock', () => {
    expect(DEFAULT_SECURITY_POLICY).toEqual({
      minPasswordLength: 12,
      lockoutAttempts: 5,
      lockoutMinutes: 15,
      idleLockMinutes: 10,
    });
    expect(SecurityPolicySchema.parse({ lockoutAttempts: 3 })).toEqual({
      ...DEFAULT_SECURITY_POLICY,
      lockoutAttempts: 3,
    });
  });

  it('refuses a minimum under 8 characters', () => {
    expect(
      SecurityPolicyFieldsSchema.partial().safeParse({ minPasswordLength: 6 }).error?.issues[0]?.message,
    ).toBe('Use 8 or more: shorter passwords are guessed too easily.');
  });
});

describe('a new password', () => {
  it.each([
    ['a long phrase of one’s own', 'tidal harbour lantern 42', null],
    ['exactly the minimum', 'kettle-plum9', null],
    ['non-Latin letters', 'ευχαριστώ πολύ φίλε', null],
  ])('is accepted: %s', (_why, password, expected) => {
    expect(problem(password)).toBe(expected);
  });

  it.each([
    ['too short', 'kettle-plum', /at least 12 characters/],
    ['the name', 'Jane Elizabeth Smith', /not your name/],
    ['the name without spaces or case', 'janeelizabethsmith', /not your name/],
    ['the name dressed with digits', 'JaneElizabethSmith2026!', /not your name/],
    ['the name, accents aside', 'Jåne Élizabeth Smïth', /not your name/],
    ['a common password', '123456789012', /too common/],
    ['a common word dressed up', 'Password2026!', /too common/],
    ['the app’s own name dressed up', 'Redress12345!', /too common/],
    ['one character repeated', 'aaaaaaaaaaaa', /too common/],
    ['a short piece repeated', 'abcabcabcabc', /too common/],
    ['a sequence', 'abcdefghijklm', /too common/],
    ['a falling sequence', '987654321098', /too common/],
    ['a keyboard walk', 'qwertyuiop123', /too common/],
    ['a control character', 'good phrase\u0000here', /letters, digits/],
  ])('is refused: %s', (_why, password, message) => {
    expect(problem(password)).toMatch(message);
  });

  it('counts characters, not UTF-16 units, and compares in NFKC', () => {
    // 12 emoji are 24 UTF-16 units but 12 characters.
    expect(problem('🐟🦀🐙🦑🐚🐠🐡🦈🐬🐳🦭🪼')).toBeNull();
    expect(problem('🐟🦀🐙🦑🐚🐠🐡🦈🐬🐳🦭')).toMatch(/at least 12/);
    // Full-width letters fold to ASCII: this is "password1234".
    expect(problem('ｐａｓｓｗｏｒｄ１２３４')).toMatch(/too common/);
  });

  it('follows the policy’s minimum', () => {
    expect(passwordProblem('kettle-plum9', { name: 'A B', policy: { minPasswordLength: 16 } })).toMatch(
      /at least 16/,
    );
  });
});

describe('names are unique, ignoring case, accents and spacing', () => {
  const accounts = [
    { id: '1', name: 'José Díaz' },
    { id: '2', name: 'Ann Lee' },
  ];
  it('finds an account by any spelling of its name', () => {
    expect(findAccountByName(accounts, '  jose   DIAZ ')?.id).toBe('1');
    expect(findAccountByName(accounts, 'Anne Lee')).toBeUndefined();
    expect(findAccountByName(accounts, '!!!')).toBeUndefined();
  });
  it('says a name is taken by another account, not by the one being renamed', () => {
    expect(accountNameTaken(accounts, 'ANN LEE')).toBe(true);
    expect(accountNameTaken(accounts, 'Ann Lee', '2')).toBe(false);
    expect(accountNameTaken(accounts, 'Ann Leigh')).toBe(false);
  });
  it('knows whether an enabled administrator is left', () => {
    expect(hasActiveAdministrator([{ roles: ['administrator'], disabled: true }])).toBe(false);
    expect(
      hasActiveAdministrator([
        { roles: ['officer'], disabled: false },
        { roles: ['manager', 'administrator'], disabled: false },
      ]),
    ).toBe(true);
  });
});

describe('lockout', () => {
  const at = new Date('2026-03-10T09:00:00Z');
  const rules = { lockoutAttempts: 5, lockoutMinutes: 15 };

  it('counts failures and locks on the fifth for 15 minutes, starting the count again', () => {
    let state = { failedAttempts: 0, lockedUntil: null as string | null };
    for (let i = 1; i <= 4; i++) {
      const next = afterFailedSignIn(state, rules, at);
      expect(next).toEqual({ failedAttempts: i, lockedUntil: null, lockedOut: false });
      state = next;
    }
    expect(afterFailedSignIn(state, rules, at)).toEqual({
      failedAttempts: 0,
      lockedUntil: '2026-03-10T09:15:00.000Z',
      lockedOut: true,
    });
  });

  it('is over when its time has come', () => {
    const locked = { failedAttempts: 0, lockedUntil: '2026-03-10T09:15:00.000Z' };
    expect(lockedUntil(locked, at)?.toISOString()).toBe('2026-03-10T09:15:00.000Z');
    expect(lockedUntil(locked, new Date('2026-03-10T09:15:00Z'))).toBeNull();
    // A failure after the lock ran out is the first of a new count.
    expect(afterFailedSignIn(locked, rules, new Date('2026-03-10T09:20:00Z'))).toMatchObject({
      failedAttempts: 1,
      lockedUntil: null,
    });
  });

  it.each([
    ['2026-03-10T09:15:00Z', '2026-03-10T09:00:00Z', 'Europe/London', '09:15'],
    ['2026-03-10T09:14:30Z', '2026-03-10T09:00:00Z', 'Europe/London', '09:15'],
    ['2026-03-10T09:15:00Z', '2026-03-10T09:00:00Z', 'Australia/Sydney', '20:15'],
    ['2026-03-11T00:05:00Z', '2026-03-10T23:50:00Z', 'UTC', '2026-03-11 00:05'],
  ])('says to try again after %s (now %s, %s) as %s', (until, now, zone, shown) => {
    expect(tryAgainAfter(new Date(until), new Date(now), zone)).toBe(shown);
  });
});
