import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../src-main/handlers';
import {
  CHANNEL_ACCESS,
  ENFORCE_SESSION_ON_EXISTING_CHANNELS,
  EXISTING_CHANNELS,
  authorize,
  guardExistingChannels,
} from '../../../../src-main/ipc/authorize';
import { dispatch } from '../../../../src-main/ipc/dispatch';
import type { SessionState } from '../../../../src-main/services/accounts/auth';
import type { AccountRole } from '../../../../src-shared/domain/accounts';
import { channels, type Channel, type Handlers } from '../../../../src-shared/ipc/contract';

const as = (roles: AccountRole[], locked = false): SessionState => ({
  user: { id: 'u1', name: 'Some One', roles, approvalLimit: null },
  locked,
});
const SESSIONS = {
  nobody: null,
  locked: as(['administrator'], true),
  officer: as(['officer', 'investigator', 'manager']),
  administrator: as(['administrator']),
} as const;

// Who may call each channel: nobody signed in / a locked screen / an officer (or any non-administrator) /
// an administrator. Y = allowed.
const MATRIX: Record<Channel, `${'Y' | 'N'}${'Y' | 'N'}${'Y' | 'N'}${'Y' | 'N'}`> = {
  'app:info': 'YYYY',
  'settings:get': 'YYYY',
  'settings:set': 'NNNY',
  'evidence:upload-start': 'NNYY',
  'evidence:upload-chunk': 'NNYY',
  'evidence:upload-finish': 'NNYY',
  'evidence:upload-cancel': 'NNYY',
  'evidence:verify': 'NNYY',
  'evidence:open': 'NNYY',
  'reports:case-pdf': 'NNYY',
  'reports:management-pdf': 'NNYY',
  'reports:choose-folder': 'NNYY',
  'letters:pdf': 'NNYY',
  'auth:status': 'YYYY',
  'auth:setup': 'YYYY',
  'auth:sign-in': 'YYYY',
  'auth:sign-out': 'YYYY',
  'auth:lock': 'NYYY',
  'auth:unlock': 'NYYY',
  'accounts:list': 'NNYY',
  'accounts:add': 'NNNY',
  'accounts:update': 'NNNY',
  'accounts:reset-password': 'NNNY',
  'accounts:change-password': 'NNYY',
  'accounts:set-policy': 'NNNY',
  'accounts:security-log': 'NNNY',
};

describe('the access rules', () => {
  it('have one rule for every channel of the contract', () => {
    expect(Object.keys(CHANNEL_ACCESS).sort()).toEqual([...channels].sort());
    expect(Object.keys(MATRIX).sort()).toEqual([...channels].sort());
  });

  it.each(Object.entries(MATRIX) as [Channel, string][])('%s: %s', (channel, expected) => {
    const answers = Object.values(SESSIONS)
      .map((session) => (authorize(channel, session) === null ? 'Y' : 'N'))
      .join('');
    expect(answers).toBe(expected);
  });

  it('say why, as a permission error', () => {
    expect(authorize('evidence:verify', null)).toMatchObject({
      code: 'PERMISSION',
      message: 'Sign in first.',
    });
    expect(authorize('evidence:verify', SESSIONS.locked)).toMatchObject({
      code: 'PERMISSION',
      message: 'Redress is locked: enter your password to go on.',
    });
    expect(authorize('settings:set', SESSIONS.officer)).toMatchObject({
      code: 'PERMISSION',
      message: 'Only an administrator can do this.',
    });
  });

  it('count as administrator anyone who holds that role among others', () => {
    expect(authorize('settings:set', as(['manager', 'administrator']))).toBeNull();
  });
});

describe('enforcement on the channels that came before accounts', () => {
  let dataDir: string;
  let handlers: Handlers;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'redress-authorize-'));
    handlers = createHandlers({
      dataDir,
      appVersion: '1',
      runtime: 'harness',
      insecureScryptForTests: { ln: 4, r: 8, p: 1 },
    });
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('is off until the renderer can sign in, so the existing channels answer without a session', async () => {
    expect(ENFORCE_SESSION_ON_EXISTING_CHANNELS).toBe(false);
    expect(guardExistingChannels(handlers, () => null)).toBe(handlers);
    expect(await dispatch(handlers, 'settings:set', { officeName: 'Harbour Bank' })).toMatchObject({
      ok: true,
    });
  });

  it('covers exactly the channels outside the accounts group', () => {
    expect(EXISTING_CHANNELS.some((c) => c.startsWith('auth:') || c.startsWith('accounts:'))).toBe(false);
    expect(EXISTING_CHANNELS).toEqual(expect.arrayContaining(['app:info', 'settings:set', 'letters:pdf']));
  });

  it('when on, refuses by the rules before the handler runs, and leaves the accounts channels to their service', async () => {
    let session: SessionState | null = null;
    const guarded = guardExistingChannels(handlers, () => session, true);
    expect(await dispatch(guarded, 'settings:set', { officeName: 'Harbour Bank' })).toEqual({
      ok: false,
      error: { code: 'PERMISSION', message: 'Sign in first.' },
    });
    expect(await dispatch(guarded, 'app:info', undefined)).toMatchObject({ ok: true });
    session = SESSIONS.officer;
    expect(await dispatch(guarded, 'settings:set', { officeName: 'Harbour Bank' })).toMatchObject({
      ok: false,
      error: { message: 'Only an administrator can do this.' },
    });
    expect(await dispatch(guarded, 'evidence:verify', { hashes: [] })).toEqual({
      ok: true,
      value: { results: [] },
    });
    session = SESSIONS.locked;
    expect(await dispatch(guarded, 'evidence:verify', { hashes: [] })).toMatchObject({ ok: false });
    session = SESSIONS.administrator;
    expect(await dispatch(guarded, 'settings:set', { officeName: 'Harbour Bank' })).toMatchObject({
      ok: true,
    });
    expect((await dispatch(handlers, 'settings:get', undefined)) as unknown).toMatchObject({
      value: { officeName: 'Harbour Bank' },
    });
    expect(guarded['accounts:add']).toBe(handlers['accounts:add']);
    expect(guarded['auth:sign-in']).toBe(handlers['auth:sign-in']);
  });
});
