import { describe, expect, it } from 'vitest';
import {
  defaultSecurityPolicy,
  SECURITY_EVENTS,
  type Account,
} from '../../../../../src-shared/domain/accounts';
import {
  accountChanges,
  addPersonSchema,
  editValuesOf,
  EditPersonSchema,
  personStatus,
  resetPasswordSchema,
  turnsOff,
} from '../../../../../src-renderer/features/accounts/people';
import i18n from '../../../../../src-renderer/i18n';

const NOW = new Date('2026-12-01T10:00:00Z');
const MISMATCH = 'The two passwords are not the same.';
const policy = defaultSecurityPolicy(); // 12 characters at least

const priya: Account = {
  id: '6f1c9a52-8a4e-4d0e-9b7a-2a1d3c4b5e6f',
  name: 'Priya Shah',
  roles: ['officer'],
  disabled: false,
  approvalLimit: null,
  createdAt: '2026-11-01T09:00:00.000Z',
  createdBy: null,
  failedAttempts: 0,
  lockedUntil: null,
  passwordChangedAt: '2026-11-01T09:00:00.000Z',
};

describe('personStatus', () => {
  it.each([
    ['an enabled account', {}, { kind: 'active' }],
    ['a turned-off account', { disabled: true }, { kind: 'off' }],
    ['a lock that has run out', { lockedUntil: '2026-12-01T09:59:00.000Z' }, { kind: 'active' }],
    [
      'a lock still running',
      { lockedUntil: '2026-12-01T10:15:00.000Z' },
      { kind: 'locked', until: new Date('2026-12-01T10:15:00.000Z') },
    ],
    [
      'a turned-off account that is also locked',
      { disabled: true, lockedUntil: '2026-12-01T10:15:00.000Z' },
      { kind: 'off' },
    ],
  ])('gives %s', (_what, change, expected) => {
    expect(personStatus({ ...priya, ...change }, NOW)).toEqual(expected);
  });
});

/** The first message per field of a failed parse, as the form shows them. */
function messages(result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) {
  const shown: Record<string, string> = {};
  for (const issue of result.error?.issues ?? []) shown[issue.path.join('.')] ??= issue.message;
  return shown;
}

describe('the Add a person form', () => {
  const schema = addPersonSchema(policy, MISMATCH);

  it('shows every problem at once, the password’s too while the name is missing', () => {
    const result = schema.safeParse({
      name: '',
      roles: [],
      approvalLimit: null,
      password: 'abc',
      confirm: 'abc',
    });
    expect(messages(result)).toEqual({
      name: 'Enter the person’s name.',
      roles: 'Give the person at least one role.',
      password: 'Use at least 12 characters: a few words you will remember make a good password.',
    });
  });

  it('says when the confirmation differs from a good password, beside the confirmation', () => {
    const result = schema.safeParse({
      name: '',
      roles: ['officer'],
      approvalLimit: null,
      password: 'tea kettle on the hill',
      confirm: 'tea kettle on the hil',
    });
    expect(messages(result)).toEqual({ name: 'Enter the person’s name.', confirm: MISMATCH });
  });

  it('asks for a password left empty', () => {
    const result = schema.safeParse({
      name: 'Priya Shah',
      roles: ['officer'],
      approvalLimit: null,
      password: '',
      confirm: '',
    });
    expect(messages(result)).toEqual({ password: 'Enter the password.' });
  });

  it('checks the password against the name typed', () => {
    const result = schema.safeParse({
      name: 'Priya Shah',
      roles: ['officer'],
      approvalLimit: null,
      password: 'priyashah123',
      confirm: 'priyashah123',
    });
    expect(messages(result)).toEqual({ password: 'Choose a password that is not your name.' });
  });

  it('gives roles in their usual order and the name trimmed', () => {
    const result = schema.parse({
      name: '  Priya Shah ',
      roles: ['manager', 'officer'],
      approvalLimit: 5000,
      password: 'tea kettle on the hill',
      confirm: 'tea kettle on the hill',
    });
    expect(result).toMatchObject({ name: 'Priya Shah', roles: ['officer', 'manager'], approvalLimit: 5000 });
  });
});

describe('the Reset password form', () => {
  it('checks the new password against the person’s name', () => {
    const schema = resetPasswordSchema('Priya Shah', policy, MISMATCH);
    expect(messages(schema.safeParse({ password: 'PriyaShah!!!!', confirm: 'PriyaShah!!!!' }))).toEqual({
      password: 'Choose a password that is not your name.',
    });
    expect(
      schema.safeParse({ password: 'tea kettle on the hill', confirm: 'tea kettle on the hill' }).success,
    ).toBe(true);
  });
});

describe('accountChanges', () => {
  const edit = (change: object) => EditPersonSchema.parse({ ...editValuesOf(priya), ...change });

  it('sends nothing when nothing changed', () => {
    expect(accountChanges(priya, edit({}))).toBeNull();
    expect(accountChanges(priya, edit({ name: ' Priya Shah ' }))).toBeNull();
  });

  it('sends only what changed', () => {
    expect(accountChanges(priya, edit({ roles: ['manager', 'officer'], approvalLimit: 2500 }))).toEqual({
      id: priya.id,
      roles: ['officer', 'manager'],
      approvalLimit: 2500,
    });
    expect(accountChanges(priya, edit({ name: 'Priya R. Shah' }))).toEqual({
      id: priya.id,
      name: 'Priya R. Shah',
    });
  });

  it('sends the team server’s version of the account with a change, and nothing when nothing changed', () => {
    const onServer = { ...priya, version: 7 };
    expect(accountChanges(onServer, edit({}))).toBeNull();
    expect(accountChanges(onServer, edit({ approvalLimit: 900 }))).toEqual({
      id: priya.id,
      approvalLimit: 900,
      version: 7,
    });
  });

  it('asks before turning someone off, not before turning them on again', () => {
    expect(turnsOff(accountChanges(priya, edit({ disabled: true })))).toBe(true);
    expect(turnsOff(accountChanges({ ...priya, disabled: true }, edit({ disabled: false })))).toBe(false);
    expect(turnsOff(null)).toBe(false);
  });
});

describe('security log wording', () => {
  it('names every kind of event in words', () => {
    for (const kind of SECURITY_EVENTS) {
      const label = i18n.t(`accounts.events.${kind}`);
      expect(label, kind).not.toBe(`accounts.events.${kind}`);
      expect(label, kind).toMatch(/^[A-Z][a-z]/);
    }
    expect(i18n.t('accounts.events.sign-in-failed')).toBe('Failed sign-in');
  });

  it('counts unreadable lines in words', () => {
    expect(i18n.t('accounts.log.unreadable', { count: 1, formattedCount: '1' })).toMatch(
      /^1 line of the security log/,
    );
    expect(i18n.t('accounts.log.unreadable', { count: 3, formattedCount: '3' })).toMatch(
      /^3 lines of the security log/,
    );
  });
});
