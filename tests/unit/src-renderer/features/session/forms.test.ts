import { describe, expect, it } from 'vitest';
import { defaultSecurityPolicy } from '../../../../../src-shared/domain/accounts';
import {
  changePasswordFormSchema,
  setupFormSchema,
} from '../../../../../src-renderer/features/session/forms';
import { idleFor, isLockShortcut } from '../../../../../src-renderer/features/session/idle-lock';

const policy = defaultSecurityPolicy();
const messages = { mismatch: 'The two passwords are not the same.', same: 'Choose a new password.' };
const issues = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]);

describe('first-run setup form', () => {
  const base = {
    name: 'Zoë Ng',
    password: 'lantern harbour orchard',
    confirm: 'lantern harbour orchard',
    officer: false,
    investigator: false,
    manager: true,
  };

  it('gives the administrator the case roles ticked', () => {
    expect(setupFormSchema(policy, messages).parse(base)).toEqual({
      name: 'Zoë Ng',
      password: 'lantern harbour orchard',
      roles: ['manager'],
    });
  });

  it('refuses beside the field what main would refuse: short, common, the person’s name, not confirmed', () => {
    const check = (over: Partial<typeof base>) =>
      issues(setupFormSchema(policy, messages).safeParse({ ...base, ...over }));
    expect(check({ password: 'short', confirm: 'short' })[0]).toEqual([
      'password',
      expect.stringContaining('Use at least 12 characters'),
    ]);
    expect(check({ password: 'Password2024!', confirm: 'Password2024!' })[0]?.[0]).toBe('password');
    expect(
      check({
        name: 'Margarethe Andersén',
        password: 'margarethe andersen!',
        confirm: 'margarethe andersen!',
      }),
    ).toEqual([['password', 'Choose a password that is not your name.']]);
    expect(check({ confirm: 'lantern harbour orchard ' })).toEqual([['confirm', messages.mismatch]]);
    expect(check({ name: '   ' })[0]?.[0]).toBe('name');
  });
});

describe('change password form', () => {
  it('refuses the current password as the new one', () => {
    const schema = changePasswordFormSchema(policy, 'Priya Shah', messages);
    const same = schema.safeParse({
      current: 'lantern harbour orchard',
      password: 'lantern harbour orchard',
      confirm: 'lantern harbour orchard',
    });
    expect(issues(same)).toEqual([['password', messages.same]]);
  });
});

describe('the idle lock', () => {
  it('locks once the idle minutes have passed, not before', () => {
    expect(idleFor(0, 599_999, 600_000)).toBe(false);
    expect(idleFor(0, 600_000, 600_000)).toBe(true);
  });

  it('answers Ctrl+L and ⌘L, not Ctrl+Shift+L or a plain L', () => {
    const key = (over: Partial<KeyboardEvent>) => ({
      key: 'l',
      ctrlKey: false,
      metaKey: false,
      altKey: false,
      shiftKey: false,
      ...over,
    });
    expect(isLockShortcut(key({ ctrlKey: true }))).toBe(true);
    expect(isLockShortcut(key({ metaKey: true, key: 'L' }))).toBe(true);
    expect(isLockShortcut(key({ ctrlKey: true, shiftKey: true }))).toBe(false);
    expect(isLockShortcut(key({}))).toBe(false);
  });
});
