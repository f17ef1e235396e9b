import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../src-main/handlers';
import {
  CHANNEL_ACCESS,
  EXISTING_CHANNELS,
  authorize,
  guardExistingChannels,
} from '../../../../src-main/ipc/authorize';
import { dispatch } from '../../../../src-main/ipc/dispatch';
import { signedInHandlers } from '../services/accounts/fixtures';
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
  'app:disk-space': 'YYYY',
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
  'database:active': 'YYYY',
  'backup:status': 'NNYY',
  'backup:set-passphrase': 'NNNY',
  'backup:unlock': 'NNYY',
  'backup:configure': 'NNNY',
  'backup:add-file': 'NNNY',
  'backup:list': 'NNNY',
  'backup:begin': 'NNYY',
  'backup:chunk': 'NNYY',
  'backup:finish': 'NNYY',
  'backup:cancel': 'NNYY',
  'backup:verify': 'NNNY',
  'backup:restore-open': 'NNNY',
  'backup:restore-read': 'NNNY',
  'backup:restore-disposals': 'NNNY',
  'backup:restore-commit': 'NNNY',
  'backup:restore-cancel': 'NNNY',
  'training:demo-accounts': 'NNNY',
  'training:wipe': 'NNNY',
  'training:open': 'NNYY',
  'settings:problem': 'YYYY',
  'settings:use-last-good': 'NNNY',
  'settings:keep-defaults': 'NNNY',
  'evidence:dispose': 'NNYN',
  'disposals:record': 'NNYN',
  'disposals:status': 'NNYN',
  'anchor:checkpoint': 'NYYY',
  'anchor:read': 'NNYY',
  'database:census': 'NNYY',
  'database:start-empty': 'NNNY',
  'reminders:notify': 'NNYY',
  'email:import': 'NNYY',
  'email:save-letter': 'NNYY',
  'email:commit-staged': 'NNYY',
  'email:discard-staged': 'NNYY',
  'bundle:identity': 'NNYY',
  'bundle:export': 'NNYY',
  'bundle:upload-start': 'NNYY',
  'bundle:upload-chunk': 'NNYY',
  'bundle:upload-finish': 'NNYY',
  'bundle:trust': 'NNYY',
  'bundle:read': 'NNYY',
  'bundle:accept': 'NNYY',
  'bundle:cancel': 'NNYY',
  'bundle:sender-history': 'NNYY',
  'bundle:trusted-offices': 'NNYY',
  'bundle:revoke': 'NNNY',
  'sheets:upload-start': 'NNYY',
  'sheets:upload-chunk': 'NNYY',
  'sheets:upload-cancel': 'NNYY',
  'sheets:parse': 'NNYY',
  'sheets:rows': 'NNYY',
  'sheets:release': 'NNYY',
  'sheets:export': 'NNYY',
  'team:status': 'NNYY',
  'team:configure': 'NNNY',
  'team:test-connection': 'NNNY',
  'team:set-up-server': 'NNNY',
  'team:promote-accounts': 'NNNY',
  'team:connection-problem': 'YYYY',
  'team:repair-connection': 'YYYY',
  'team:sync-status': 'NYYY',
  'team:push': 'NYYY',
  'team:pull': 'NYYY',
  'team:wait-for-changes': 'NYYY',
  'team:reference-range': 'NYYY',
  'team:upload-evidence': 'NYYY',
  'team:trail-page': 'NNYY',
  'team:trail-payloads': 'NYYY',
  'team:hidden-cases': 'NYYY',
  'team:drop-evidence-copies': 'NYYY',
  'team:case-history': 'NYYY',
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

  it('say why: no session or a locked screen by their own codes, the rest as a permission error', () => {
    expect(authorize('evidence:verify', null)).toMatchObject({
      code: 'SIGNED_OUT',
      message: 'Sign in first.',
    });
    expect(authorize('evidence:verify', SESSIONS.locked)).toMatchObject({
      code: 'LOCKED',
      message: 'Redress is locked: enter your password to go on.',
    });
    expect(authorize('settings:set', SESSIONS.officer)).toMatchObject({
      code: 'PERMISSION',
      message: 'Only an administrator can do this.',
    });
  });

  // A new computer, before anyone has an account: restoring the office's backup is how its accounts
  // arrive. Everything else stays as it is for nobody signed in.
  const OPEN_TO_A_NEW_OFFICE: readonly Channel[] = [
    'backup:add-file',
    'backup:list',
    'backup:verify',
    'backup:restore-open',
    'backup:restore-read',
    'backup:restore-disposals',
    'backup:restore-commit',
    'backup:restore-cancel',
  ];
  it.each([...channels])('%s with no account yet', (channel) => {
    const expected = OPEN_TO_A_NEW_OFFICE.includes(channel) || MATRIX[channel][0] === 'Y';
    expect(authorize(channel, null, true) === null).toBe(expected);
    // Once an account exists, the same channels need an administrator again.
    expect(authorize(channel, null, false) === null).toBe(MATRIX[channel][0] === 'Y');
  });

  it('let only a manager remove evidence files, whatever else they are', () => {
    expect(authorize('evidence:dispose', as(['officer', 'investigator']))).toMatchObject({
      code: 'PERMISSION',
      message: 'Only a manager can do this.',
    });
    expect(authorize('evidence:dispose', as(['manager']))).toBeNull();
    // A ledger line has a restore dispose of a case again.
    expect(authorize('disposals:record', as(['officer', 'investigator']))).toMatchObject({
      code: 'PERMISSION',
    });
    expect(authorize('disposals:record', as(['manager']))).toBeNull();
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

  it('covers exactly the channels outside the accounts group', () => {
    expect(EXISTING_CHANNELS.some((c) => c.startsWith('auth:') || c.startsWith('accounts:'))).toBe(false);
    expect(EXISTING_CHANNELS).toEqual(expect.arrayContaining(['app:info', 'settings:set', 'letters:pdf']));
  });

  it('refuses by the rules before the handler runs, and leaves the accounts channels to their service', async () => {
    // Under a map whose own session (an administrator with every role) lets everything through.
    const base = await signedInHandlers(dataDir);
    let session: SessionState | null = null;
    const guarded = guardExistingChannels(base, () => session);
    expect(await dispatch(guarded, 'settings:set', { officeName: 'Harbour Bank' })).toEqual({
      ok: false,
      error: { code: 'SIGNED_OUT', message: 'Sign in first.' },
    });
    expect(await dispatch(guarded, 'app:info', undefined)).toMatchObject({ ok: true });
    session = SESSIONS.officer;
    expect(await dispatch(guarded, 'settings:set', { officeName: 'Harbour Bank' })).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION', message: 'Only an administrator can do this.' },
    });
    expect(await dispatch(guarded, 'evidence:verify', { hashes: [] })).toEqual({
      ok: true,
      value: { results: [] },
    });
    session = SESSIONS.locked;
    expect(await dispatch(guarded, 'evidence:verify', { hashes: [] })).toMatchObject({
      ok: false,
      error: { code: 'LOCKED' },
    });
    session = SESSIONS.administrator;
    expect(await dispatch(guarded, 'settings:set', { officeName: 'Harbour Bank' })).toMatchObject({
      ok: true,
    });
    expect(guarded['accounts:add']).toBe(base['accounts:add']);
    expect(guarded['auth:sign-in']).toBe(base['auth:sign-in']);
  });

  it('opens the backup list and restore to anyone while no account can sign in: none yet, or a damaged file', async () => {
    await dispatch(handlers, 'auth:setup', { name: 'Ada Admin', password: 'lantern river orchard' });
    await dispatch(handlers, 'auth:sign-out', undefined);
    expect(await dispatch(handlers, 'backup:list', undefined)).toMatchObject({
      ok: false,
      error: { code: 'SIGNED_OUT' },
    });
    await writeFile(join(dataDir, 'accounts.json'), '{ not json');
    expect(await dispatch(handlers, 'backup:list', undefined)).toMatchObject({ ok: true });
    expect(await dispatch(handlers, 'settings:set', { officeName: 'X' })).toMatchObject({
      ok: false,
      error: { code: 'SIGNED_OUT' },
    });
  });

  it('is on in the handler map both Electron and the harness serve: the session main holds decides', async () => {
    // No account yet: a new office may restore its backup before anyone can sign in.
    expect(await dispatch(handlers, 'backup:list', undefined)).toEqual({
      ok: true,
      value: { backups: [], unreadable: [], madeElsewhere: [] },
    });
    const refused = await dispatch(handlers, 'settings:set', { officeName: 'Harbour Bank' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SIGNED_OUT' } });
    expect(await dispatch(handlers, 'settings:get', undefined)).toMatchObject({ ok: true });
    const setup = await dispatch(handlers, 'auth:setup', {
      name: 'Ada Admin',
      password: 'lantern river orchard',
    });
    expect(setup).toMatchObject({ ok: true });
    expect(await dispatch(handlers, 'settings:set', { officeName: 'Harbour Bank' })).toMatchObject({
      ok: true,
    });
    await dispatch(handlers, 'auth:lock', undefined);
    expect(await dispatch(handlers, 'reports:choose-folder', undefined)).toMatchObject({
      ok: false,
      error: { code: 'LOCKED', message: 'Redress is locked: enter your password to go on.' },
    });
    await dispatch(handlers, 'auth:sign-out', undefined);
    expect(await dispatch(handlers, 'letters:pdf', {})).toMatchObject({ ok: false });
    expect(await dispatch(handlers, 'backup:list', undefined)).toMatchObject({
      ok: false,
      error: { code: 'SIGNED_OUT' },
    });
    expect((await dispatch(handlers, 'settings:get', undefined)) as unknown).toMatchObject({
      value: { officeName: 'Harbour Bank' },
    });
  });
});
