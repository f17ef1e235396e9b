// The accounts and session channels through `dispatch`, as the renderer will call them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { authorize } from '../../../../../src-main/ipc/authorize';
import { dispatch } from '../../../../../src-main/ipc/dispatch';
import type { SessionState } from '../../../../../src-main/services/accounts/auth';
import { accountsChannels, type AccountsChannel } from '../../../../../src-shared/ipc/channels/accounts';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import { ADMIN, OFFICER, handlersFor, removeDataDir, tempDataDir } from './fixtures';

let dataDir: string;
let handlers: Handlers;
beforeEach(async () => {
  dataDir = await tempDataDir();
  handlers = handlersFor(dataDir);
});
afterEach(() => removeDataDir(dataDir));

const call = (channel: string, input?: unknown) => dispatch(handlers, channel, input);
async function value<T = unknown>(channel: string, input?: unknown): Promise<T> {
  const result = await call(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** An administrator and an officer; nobody signed in. Returns the officer's id. */
async function office(): Promise<string> {
  await value('auth:setup', ADMIN);
  const officer = await value<{ id: string }>('accounts:add', { ...OFFICER, roles: ['officer'] });
  await value('auth:sign-out');
  return officer.id;
}

describe('the session channels', () => {
  it('walk from first run to signed in, locked, unlocked and signed out', async () => {
    expect(await value('auth:status')).toEqual({
      setUp: false,
      user: null,
      locked: false,
      policy: { minPasswordLength: 12, lockoutAttempts: 5, lockoutMinutes: 15, idleLockMinutes: 10 },
    });
    expect(await value('auth:setup', { name: '  Ada Admin ', password: ADMIN.password })).toMatchObject({
      setUp: true,
      user: { name: 'Ada Admin', roles: ['administrator'], approvalLimit: null },
    });
    expect(await value('auth:lock')).toMatchObject({ locked: true, user: { name: 'Ada Admin' } });
    expect(await call('accounts:list')).toEqual({
      ok: false,
      error: { code: 'LOCKED', message: 'Redress is locked: enter your password to go on.' },
    });
    expect(await value('auth:unlock', { password: ADMIN.password })).toMatchObject({ locked: false });
    expect(await value('auth:sign-out')).toMatchObject({ user: null, locked: false });
    expect(await value('auth:sign-in', { name: 'ada admin', password: ADMIN.password })).toMatchObject({
      user: { name: 'Ada Admin' },
    });
  });

  it('answer a wrong name and a wrong password alike', async () => {
    await office();
    const wrongPassword = await call('auth:sign-in', { name: OFFICER.name, password: 'not it at all' });
    const wrongName = await call('auth:sign-in', { name: 'No Such Person', password: OFFICER.password });
    const expected = {
      ok: false,
      error: { code: 'PERMISSION', message: 'The name or password is not right.' },
    };
    expect(wrongPassword).toEqual(expected);
    expect(wrongName).toEqual(expected);
  });

  it('refuse a second setup', async () => {
    await office();
    expect(await call('auth:setup', { name: 'Eve Intruder', password: 'quiet river stones' })).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: 'Redress is already set up: ask an administrator to add you.' },
    });
  });

  it('say the accounts file is damaged, without a path, and leave it be', async () => {
    await writeFile(join(dataDir, 'accounts.json'), '{"version":1,"accounts":[{"id":');
    for (const channel of ['auth:status', 'auth:setup'] as const) {
      const result = await call(channel, channel === 'auth:setup' ? ADMIN : undefined);
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'IO', message: expect.stringMatching(/damaged/) },
      });
      if (!result.ok) expect(result.error.message).not.toContain(dataDir);
    }
  });
});

describe('the accounts channels', () => {
  it('let an administrator add, list, change, reset and read the log; others only list', async () => {
    const officerId = await office();
    await value('auth:sign-in', ADMIN);
    const added = await value<{ id: string }>('accounts:add', {
      name: 'Ian Investigator',
      roles: ['manager', 'investigator'],
      password: 'amber lamp forest',
      approvalLimit: 750,
    });
    expect(added).toMatchObject({
      roles: ['investigator', 'manager'],
      approvalLimit: 750,
      createdBy: expect.any(String),
    });
    expect(added).not.toHaveProperty('passwordHash');
    expect(await value('accounts:update', { id: officerId, approvalLimit: 100, unlock: true })).toMatchObject(
      {
        approvalLimit: 100,
      },
    );
    await value('accounts:reset-password', { id: officerId, password: 'seven silver gulls' });
    expect(await value('accounts:set-policy', { idleLockMinutes: 5 })).toMatchObject({ idleLockMinutes: 5 });
    const log = await value<{ entries: { event: string }[]; total: number }>('accounts:security-log', {
      limit: 3,
    });
    expect(log.entries.map((e) => e.event)).toEqual([
      'policy-changed',
      'password-reset',
      'approval-limit-changed',
    ]);
    const full = await value<{ view: string; accounts: object[] }>('accounts:list');
    expect(full.view).toBe('full');
    expect(JSON.stringify(full)).not.toMatch(/passwordHash|\$scrypt\$/);

    await value('auth:sign-in', { name: OFFICER.name, password: 'seven silver gulls' });
    const summary = await value<{ view: string; accounts: object[] }>('accounts:list');
    expect(summary.view).toBe('summary');
    expect(Object.keys(summary.accounts[0]!).sort()).toEqual(['disabled', 'id', 'name', 'roles']);
    expect(
      await call('accounts:add', {
        name: 'Sly Officer',
        roles: ['administrator'],
        password: 'amber lamp forest',
      }),
    ).toEqual({ ok: false, error: { code: 'PERMISSION', message: 'Only an administrator can add people.' } });
    expect(
      await value('accounts:change-password', { current: 'seven silver gulls', next: 'violet orchard bell' }),
    ).toEqual({ changed: true });
  });

  it('keep the field an input error is about', async () => {
    const officerId = await office();
    await value('auth:sign-in', ADMIN);
    const cases: [string, unknown, string | undefined, RegExp][] = [
      ['auth:setup', { name: 'A\u0000B', password: ADMIN.password }, 'name', /letters, digits/],
      [
        'accounts:add',
        { name: 'Ann Lee', roles: ['root'], password: 'amber lamp forest' },
        'roles.0',
        /role/,
      ],
      [
        'accounts:add',
        { name: 'Ann Lee', roles: ['officer'], password: 'password1234' },
        'password',
        /too common/,
      ],
      ['accounts:add', { name: 'Ann Lee', roles: ['officer'], password: 'short' }, 'password', /at least 12/],
      [
        'accounts:add',
        { name: 'OLU officer', roles: ['officer'], password: 'amber lamp forest' },
        'name',
        /already has/,
      ],
      [
        'accounts:add',
        { ...OFFICER, name: 'Ann Lee', roles: ['officer'], approvalLimit: -5 },
        'approvalLimit',
        /0 or more/,
      ],
      ['accounts:update', { id: officerId, roles: [] }, 'roles', /at least one role/],
      ['accounts:update', { id: officerId, disabled: 'yes' }, 'disabled', /turned off/],
      [
        'accounts:update',
        { id: officerId, isAdmin: true },
        undefined,
        /^This call does not take "isAdmin"\.$/,
      ],
      [
        'accounts:set-policy',
        JSON.parse(`{"__proto__": {"x": 1}, "${'k'.repeat(5000)}": 1}`),
        undefined,
        /^This call does not take "__proto__", "k{40}…"\.$/,
      ],
      ['accounts:reset-password', { id: officerId, password: 'Olu Officer!' }, 'password', /not your name/],
      [
        'accounts:change-password',
        { current: ADMIN.password, next: ADMIN.password },
        'next',
        /a new password/,
      ],
      [
        'accounts:change-password',
        { current: 'not my password', next: 'violet orchard bell' },
        'current',
        /current/,
      ],
      ['accounts:security-log', { offset: -1 }, 'offset', /0 or more/],
      ['accounts:set-policy', { lockoutMinutes: 1.5 }, 'lockoutMinutes', /whole number/],
    ];
    for (const [channel, input, field, message] of cases) {
      const result = await call(channel, input);
      expect(result.ok, `${channel} ${JSON.stringify(input)}`).toBe(false);
      if (result.ok) continue;
      expect(result.error.field, `${channel} ${JSON.stringify(input)}`).toBe(field);
      expect(result.error.message).toMatch(message);
      expect(['VALIDATION', 'CONFLICT']).toContain(result.error.code);
    }
  });

  it('say there is no such account', async () => {
    await office();
    await value('auth:sign-in', ADMIN);
    expect(
      await call('accounts:update', { id: '0b5c3a52-8f4e-4d6b-9a51-2c7e8f1d3b60', disabled: true }),
    ).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'There is no such account.' },
    });
  });
});

describe('the access rules and the accounts service agree', () => {
  // A call that would succeed if the session allowed it, for each channel of the group.
  const validInput = (officerId: string, password: string): Record<AccountsChannel, unknown> => ({
    'auth:status': undefined,
    'auth:setup': { name: 'Eve Intruder', password: 'quiet river stones' },
    'auth:sign-in': OFFICER,
    'auth:sign-out': undefined,
    'auth:lock': undefined,
    'auth:unlock': { password },
    'accounts:list': undefined,
    'accounts:add': { name: 'Ian Investigator', roles: ['investigator'], password: 'amber lamp forest' },
    'accounts:update': { id: officerId, approvalLimit: 5 },
    'accounts:reset-password': { id: officerId, password: 'seven silver gulls' },
    'accounts:change-password': { current: password, next: 'violet orchard bell' },
    'accounts:set-policy': { idleLockMinutes: 5 },
    'accounts:security-log': {},
  });
  const states = {
    nobody: async () => ADMIN.password,
    locked: async () => {
      await value('auth:sign-in', ADMIN);
      await value('auth:lock');
      return ADMIN.password;
    },
    officer: async () => {
      await value('auth:sign-in', OFFICER);
      return OFFICER.password;
    },
    administrator: async () => {
      await value('auth:sign-in', ADMIN);
      return ADMIN.password;
    },
  };
  const rows = (Object.keys(accountsChannels) as AccountsChannel[]).flatMap((channel) =>
    (Object.keys(states) as (keyof typeof states)[]).map((state) => [channel, state] as const),
  );

  it.each(rows)('%s with %s signed in', async (channel, state) => {
    const officerId = await office();
    const password = await states[state]();
    const status = await value<{ user: SessionState['user'] | null; locked: boolean }>('auth:status');
    const session = status.user ? { user: status.user, locked: status.locked } : null;
    const refusal = authorize(channel, session);
    const result = await call(channel, validInput(officerId, password)[channel]);
    if (refusal) {
      expect(result).toMatchObject({ ok: false, error: { code: refusal.code } });
    } else if (!result.ok) {
      expect(['PERMISSION', 'SIGNED_OUT', 'LOCKED'], result.error.message).not.toContain(result.error.code);
    }
  });
});
