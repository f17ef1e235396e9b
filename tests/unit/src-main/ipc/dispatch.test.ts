import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { combine } from '../../../../src-main/handlers';
import { signedInHandlers } from '../services/accounts/fixtures';
import { dispatch } from '../../../../src-main/ipc/dispatch';
import { AppError, INTERNAL_MESSAGE, NotFoundError, ValidationError } from '../../../../src-shared/errors';
import { channels, type Channel, type Handlers } from '../../../../src-shared/ipc/contract';

let dataDir: string;
let handlers: Handlers;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-dispatch-'));
  handlers = await signedInHandlers(dataDir, '1.2.3');
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

// For every channel: one payload of the wrong shape, and the field the error must name.
const badInputs: Record<Channel, { input: unknown; field: string | undefined }> = {
  'app:info': { input: { unexpected: true }, field: undefined },
  'app:disk-space': { input: 'all of them', field: undefined },
  'settings:get': { input: 42, field: undefined },
  'settings:set': { input: { officeName: 7 }, field: 'officeName' },
  'evidence:upload-start': { input: { name: '', size: 10 }, field: 'name' },
  'evidence:upload-chunk': { input: { uploadId: 'x', offset: 0, data: 'AA==' }, field: 'uploadId' },
  'evidence:upload-finish': { input: {}, field: 'uploadId' },
  'evidence:upload-cancel': { input: { uploadId: 5 }, field: 'uploadId' },
  'evidence:verify': { input: { hashes: ['../../etc/passwd'] }, field: 'hashes.0' },
  'evidence:open': { input: { sha256: '../settings.json', name: 'a.txt' }, field: 'sha256' },
  'reports:case-pdf': {
    input: { data: {}, options: {}, destination: { kind: 'ask' } },
    field: 'data.context',
  },
  'reports:management-pdf': { input: { data: null }, field: 'data' },
  'reports:choose-folder': { input: 'x', field: undefined },
  'letters:pdf': { input: { data: {}, destination: { kind: 'nowhere' } }, field: 'data.letterhead' },
  'auth:status': { input: { user: 'me' }, field: undefined },
  'auth:setup': { input: { name: '  ', password: 'tidal harbour lantern' }, field: 'name' },
  'auth:sign-in': { input: { name: 'Ada Admin', password: '' }, field: 'password' },
  'auth:sign-out': { input: null, field: undefined },
  'auth:lock': { input: 'now', field: undefined },
  'auth:unlock': { input: { password: 12 }, field: 'password' },
  'accounts:list': { input: [], field: undefined },
  'accounts:add': {
    input: { name: 'Ann Lee', roles: [], password: 'tidal harbour lantern' },
    field: 'roles',
  },
  'accounts:update': { input: { id: '../accounts.json' }, field: 'id' },
  'accounts:reset-password': {
    input: { id: '0b5c3a52-8f4e-4d6b-9a51-2c7e8f1d3b60', password: 'x'.repeat(1025) },
    field: 'password',
  },
  'accounts:change-password': { input: { current: 'old words here', next: 5 }, field: 'next' },
  'accounts:set-policy': { input: { minPasswordLength: 4 }, field: 'minPasswordLength' },
  'accounts:security-log': { input: { limit: 0 }, field: 'limit' },
  'database:active': { input: { name: 'other' }, field: undefined },
  'backup:status': { input: 1, field: undefined },
  'backup:set-passphrase': { input: { passphrase: 'x'.repeat(1025) }, field: 'passphrase' },
  'backup:unlock': { input: { passphrase: 7 }, field: 'passphrase' },
  'backup:configure': { input: { keepCount: 0 }, field: 'keepCount' },
  'backup:add-file': { input: { path: '/etc/passwd' }, field: undefined },
  'backup:list': { input: true, field: undefined },
  'backup:begin': {
    input: { reason: 'whim', schemaVersion: 9, counts: {}, auditHead: null, databaseBytes: 0 },
    field: 'reason',
  },
  'backup:chunk': {
    input: { backupId: '0b5c3a52-8f4e-4d6b-9a51-2c7e8f1d3b60', offset: -1, data: 'AA==' },
    field: 'offset',
  },
  'backup:finish': { input: { backupId: 'x', databaseSha256: 'a'.repeat(64) }, field: 'backupId' },
  'backup:cancel': { input: {}, field: 'backupId' },
  'backup:verify': { input: { file: '../settings.json' }, field: 'file' },
  'backup:restore-open': { input: { file: '/tmp/x.redressbackup' }, field: 'file' },
  'backup:restore-read': {
    input: { restoreId: '0b5c3a52-8f4e-4d6b-9a51-2c7e8f1d3b60', offset: 1.5 },
    field: 'offset',
  },
  'backup:restore-disposals': {
    input: { restoreId: '0b5c3a52-8f4e-4d6b-9a51-2c7e8f1d3b60', offset: -1 },
    field: 'offset',
  },
  'backup:restore-commit': { input: { restoreId: 42 }, field: 'restoreId' },
  'backup:restore-cancel': { input: { restoreId: '' }, field: 'restoreId' },
  'training:demo-accounts': { input: { count: 5 }, field: undefined },
  'training:wipe': { input: { everything: true }, field: undefined },
  'training:open': { input: 1, field: undefined },
  'settings:problem': { input: 'now', field: undefined },
  'settings:use-last-good': { input: { from: 'yesterday' }, field: undefined },
  'settings:keep-defaults': { input: [], field: undefined },
  'evidence:dispose': { input: { hashes: ['../settings.json'] }, field: 'hashes.0' },
  'disposals:status': { input: { all: true }, field: undefined },
  'disposals:record': {
    input: {
      entries: [
        {
          kind: 'case',
          recordId: 'r1',
          at: '2026-12-01T10:00:00.000Z',
          by: { id: 'u1', name: 'M' },
          method: 'shred',
          caseId: 'c1',
          reference: 'C-1',
        },
      ],
    },
    field: 'entries.0.method',
  },
  'anchor:checkpoint': {
    input: { generation: '0b5e4a4e-9d7c-4a43-8f55-0c9f6a3c1d2e', cases: 1, seq: 0, hash: 'f'.repeat(64) },
    field: 'seq',
  },
  'anchor:read': { input: { all: true }, field: undefined },
  'database:census': { input: { generation: 'x', cases: 0, auditSeq: 0 }, field: 'generation' },
  'database:start-empty': {
    input: {
      generation: '0b5e4a4e-9d7c-4a43-8f55-0c9f6a3c1d2e',
      cases: 0,
      auditSeq: 0,
      reason: 'x',
      confirmed: true,
    },
    field: 'reason',
  },
  'reminders:notify': { input: { title: '', body: 'Due today' }, field: 'title' },
  'email:import': { input: { name: 'statement.pdf', data: 'AA==' }, field: 'name' },
  'email:commit-staged': { input: { sha256s: ['not a hash'] }, field: 'sha256s.0' },
  'email:discard-staged': { input: { session: '../evidence' }, field: 'session' },
  'email:save-letter': { input: { data: {}, to: 'not an address', fileName: 'x' }, field: 'data.letterhead' },
  'bundle:identity': { input: { fingerprint: 'x' }, field: undefined },
  'bundle:export': { input: { cases: [] }, field: 'cases' },
  'bundle:upload-start': { input: { name: 'a.redressbundle', size: 0 }, field: 'size' },
  'bundle:upload-chunk': { input: { uploadId: 'x', offset: 0, data: 'AA==' }, field: 'uploadId' },
  'bundle:upload-finish': { input: {}, field: 'uploadId' },
  'bundle:trust': { input: { importId: 7 }, field: 'importId' },
  'bundle:read': { input: { importId: 'nope' }, field: 'importId' },
  'bundle:accept': { input: { importId: '0b5e4a4e-9d7c-4a43-8f55-0c9f6a3c1d2e', cases: {} }, field: 'cases' },
  'bundle:cancel': { input: {}, field: 'importId' },
  'bundle:sender-history': { input: { caseId: '' }, field: 'caseId' },
  'bundle:trusted-offices': { input: { unexpected: true }, field: undefined },
  'bundle:revoke': { input: { fingerprint: '' }, field: 'fingerprint' },
  'sheets:upload-start': { input: { name: 'complaints.pdf', size: 2_000 }, field: 'name' },
  'sheets:upload-chunk': {
    input: { uploadId: '0b5e4a4e-9d7c-4a43-8f55-0c9f6a3c1d2e', offset: 0, data: 'not base64!' },
    field: 'data',
  },
  'sheets:upload-cancel': { input: { uploadId: 'x' }, field: 'uploadId' },
  'sheets:parse': { input: { uploadId: 'nope' }, field: 'uploadId' },
  'sheets:rows': {
    input: { handle: '0b5e4a4e-9d7c-4a43-8f55-0c9f6a3c1d2e', offset: 0, limit: 100_000 },
    field: 'limit',
  },
  'sheets:release': { input: { handle: 'not-a-handle' }, field: 'handle' },
  'sheets:export': {
    input: { fileName: 'x', format: 'ods', title: 'Cases', columns: ['A'], rows: [] },
    field: 'format',
  },
  'team:status': { input: { host: 'db' }, field: undefined },
  'team:configure': {
    input: { host: 'db.office.lan', port: 70000, database: 'redress', user: 'desk' },
    field: 'port',
  },
  'team:test-connection': {
    input: { host: '', port: 5432, database: 'redress', user: 'desk' },
    field: 'host',
  },
  'team:set-up-server': {
    input: {
      host: 'db.office.lan',
      port: 5432,
      database: 'redress',
      user: 'desk',
      ownerUser: 'redress_owner',
      ownerPassword: '',
    },
    field: 'ownerPassword',
  },
  'team:promote-accounts': { input: { force: true }, field: undefined },
  'team:connection-problem': { input: { fix: true }, field: undefined },
  'team:repair-connection': {
    input: { password: 's3cret', connection: { host: 'evil server', port: 5432, database: 'r', user: 'u' } },
    field: 'connection.host',
  },
  'team:sync-status': { input: { deskId: 'x' }, field: undefined },
  'team:push': { input: { changes: 'all of them' }, field: 'changes' },
  'team:pull': { input: { sinceSeq: -1, limit: 10 }, field: 'sinceSeq' },
  'team:wait-for-changes': { input: { afterSeq: 0, timeoutMs: 600_000 }, field: 'timeoutMs' },
  'team:reference-range': { input: { year: 2026, size: 0, atLeast: 0 }, field: 'size' },
  'team:upload-evidence': { input: { sha256: '../../etc/passwd' }, field: 'sha256' },
  'team:trail-page': { input: { afterSeq: 0, prevHash: 'zz', limit: 10 }, field: 'prevHash' },
  'team:trail-payloads': { input: { caseId: '' }, field: 'caseId' },
  'team:hidden-cases': { input: { afterSeq: -1 }, field: 'afterSeq' },
  'team:case-history': { input: { caseId: 'c-1', afterSeq: 0, beforeSeq: 0 }, field: 'beforeSeq' },
  'team:drop-evidence-copies': { input: { hashes: ['../../etc/passwd'] }, field: 'hashes.0' },
};

describe('dispatch validates every channel of the contract', () => {
  it('has a bad-input case for every channel', () => {
    expect(Object.keys(badInputs).sort()).toEqual([...channels].sort());
  });

  it.each(Object.entries(badInputs))(
    '%s refuses input of the wrong shape',
    async (channel, { input, field }) => {
      const result = await dispatch(handlers, channel, input);
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('VALIDATION');
      expect(result.error.field).toBe(field);
      expect(result.error.message.length).toBeGreaterThan(5);
    },
  );

  it('refuses unknown keys in a settings change, naming them', async () => {
    const result = await dispatch(handlers, 'settings:set', { officeNmae: 'Typo' });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).toContain('officeNmae');
  });

  it('refuses a bad locale with the field and a readable message', async () => {
    const result = await dispatch(handlers, 'settings:set', { locale: 'not a locale!' });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'locale',
        message: 'locale: Use a locale tag such as en-GB or en-AU.',
      },
    });
  });

  it('answers valid calls with their value', async () => {
    expect(await dispatch(handlers, 'app:info', undefined)).toEqual({
      ok: true,
      value: {
        name: 'Redress',
        version: '1.2.3',
        dataDir,
        platform: process.platform,
        runtime: 'harness',
        profile: 'live',
      },
    });
    const set = await dispatch(handlers, 'settings:set', { officeName: '  Harbour Bank  ' });
    expect(set).toMatchObject({ ok: true, value: { officeName: 'Harbour Bank' } });
    expect(await dispatch(handlers, 'settings:get', undefined)).toMatchObject({
      ok: true,
      value: { officeName: 'Harbour Bank' },
    });
  });

  it('refuses a channel that is not in the contract', async () => {
    expect(await dispatch(handlers, 'fs:delete-everything', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
  });

  it('turns typed service errors into IPC errors and hides nothing else', async () => {
    const logged: unknown[] = [];
    const log = (_channel: string, detail: unknown) => logged.push(detail);
    const crash = new Error('disk on fire at /home/alex/.config/Redress');
    const failing: Handlers = {
      ...handlers,
      'settings:get': () => Promise.reject(new NotFoundError('No such thing.')),
      'app:info': () => Promise.reject(crash),
    };
    expect(await dispatch(failing, 'settings:get', undefined, log)).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No such thing.' },
    });
    expect(logged).toEqual([]);
    expect(await dispatch(failing, 'app:info', undefined, log)).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: INTERNAL_MESSAGE },
    });
    // The detail stays in main: logged, never answered.
    expect(logged).toEqual([crash]);
  });

  it('answers a system error in plain words and logs what lay beneath', async () => {
    const logged: unknown[] = [];
    const full = Object.assign(
      new Error(`ENOSPC: no space left on device, write '${dataDir}/settings.json'`),
      {
        code: 'ENOSPC',
        syscall: 'write',
        path: join(dataDir, 'settings.json'),
      },
    );
    const failing: Handlers = { ...handlers, 'settings:set': () => Promise.reject(full) };
    const result = await dispatch(failing, 'settings:set', { officeName: 'Harbour Bank' }, (_c, d) =>
      logged.push(d),
    );
    expect(result).toEqual({
      ok: false,
      error: { code: 'DISK_FULL', message: 'The disk is full: nothing was saved.' },
    });
    expect(JSON.stringify(result)).not.toContain(dataDir);
    expect(logged).toEqual([full]);
  });

  it('keeps a ValidationError’s message and field, and logs the cause of a typed error only', async () => {
    const logged: unknown[] = [];
    const cause = new Error('viewer said no: /home/alex/x.pdf');
    const failing: Handlers = {
      ...handlers,
      'settings:set': () => Promise.reject(new ValidationError('Enter an office name.', 'officeName')),
      'settings:get': () =>
        Promise.reject(new AppError('IO', 'The file could not be opened.', undefined, { cause })),
    };
    const log = (_c: string, d: unknown) => logged.push(d);
    expect(await dispatch(failing, 'settings:set', { officeName: 'x' }, log)).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'Enter an office name.', field: 'officeName' },
    });
    expect(await dispatch(failing, 'settings:get', undefined, log)).toEqual({
      ok: false,
      error: { code: 'IO', message: 'The file could not be opened.' },
    });
    expect(logged).toEqual([cause]);
  });

  it('refuses an answer that breaks the contract', async () => {
    const broken = { ...handlers, 'app:info': async () => ({ name: 1 }) } as unknown as Handlers;
    const logged: unknown[] = [];
    expect(await dispatch(broken, 'app:info', undefined, (_c, d) => logged.push(d))).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
    expect(logged).toHaveLength(1);
  });
});

describe('combine', () => {
  it('throws when two groups serve the same channel', () => {
    const a = { 'app:info': async () => null };
    expect(() => combine(a, { ...a })).toThrow('Channel "app:info" has two handlers.');
  });
});
