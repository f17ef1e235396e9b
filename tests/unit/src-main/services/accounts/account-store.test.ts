import { randomUUID } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  AccountsFileError,
  createAccountStore,
  type StoredAccount,
} from '../../../../../src-main/services/accounts/account-store';
import * as atomic from '../../../../../src-main/services/files/atomic-write';
import { DEFAULT_SECURITY_POLICY } from '../../../../../src-shared/domain/accounts';
import { removeDataDir, tempDataDir } from './fixtures';

vi.mock('../../../../../src-main/services/files/atomic-write', async (importOriginal) => {
  const original = await importOriginal<typeof atomic>();
  return { ...original, writeFileAtomic: vi.fn(original.writeFileAtomic) };
});

let dir: string;
beforeEach(async () => {
  dir = await tempDataDir();
  vi.mocked(atomic.writeFileAtomic).mockClear();
});
afterEach(() => removeDataDir(dir));

const account = (name: string, extra: Partial<StoredAccount> = {}): StoredAccount => ({
  id: randomUUID(),
  name,
  roles: ['officer'],
  disabled: false,
  approvalLimit: null,
  createdAt: '2026-03-10T09:00:00.000Z',
  createdBy: null,
  failedAttempts: 0,
  lockedUntil: null,
  passwordChangedAt: '2026-03-10T09:00:00.000Z',
  passwordHash: '$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0c2FsdA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  ...extra,
});
const file = () => join(dir, 'accounts.json');

describe('the account store', () => {
  it('starts empty with the default policy, and reading creates no file', async () => {
    const store = createAccountStore(dir);
    expect(await store.read()).toEqual({ policy: DEFAULT_SECURITY_POLICY, accounts: [] });
    expect(await readdir(dir)).toEqual([]);
  });

  it('writes accounts.json through the atomic writer and leaves no temporary file', async () => {
    const store = createAccountStore(dir);
    const ada = account('Ada Admin', { roles: ['administrator'] });
    await store.update((draft) => void draft.accounts.push(ada));
    expect(atomic.writeFileAtomic).toHaveBeenCalledWith(file(), expect.any(String));
    expect(await readdir(dir)).toEqual(['accounts.json']);
    const saved = JSON.parse(await readFile(file(), 'utf8')) as { version: number; accounts: unknown[] };
    expect(saved.version).toBe(1);
    expect(saved.accounts).toEqual([ada]);
    expect((await store.read()).accounts).toEqual([ada]);
  });

  it('writes nothing when a change alters nothing or throws', async () => {
    const store = createAccountStore(dir);
    await store.update(() => 'looked only');
    await expect(
      store.update((draft) => {
        draft.accounts.push(account('Half Done'));
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(atomic.writeFileAtomic).not.toHaveBeenCalled();
    expect(await readdir(dir)).toEqual([]);
  });

  it('keeps the old file when the disk refuses the new one, and says so without a path', async () => {
    const store = createAccountStore(dir);
    await store.update((draft) => void draft.accounts.push(account('Ada Admin')));
    const before = await readFile(file(), 'utf8');
    vi.mocked(atomic.writeFileAtomic).mockRejectedValueOnce(
      Object.assign(new Error(`ENOSPC: no space left on device, open '${file()}'`), { code: 'ENOSPC' }),
    );
    const error = await store
      .update((draft) => void draft.accounts.push(account('Bea Second')))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountsFileError);
    expect((error as AccountsFileError).problem).toBe('unwritable');
    expect((error as AccountsFileError).message).not.toContain(dir);
    expect(await readFile(file(), 'utf8')).toBe(before);
    // The queue goes on after a failed write.
    await store.update((draft) => void draft.accounts.push(account('Cy Third')));
    expect((await store.read()).accounts.map((a) => a.name)).toEqual(['Ada Admin', 'Cy Third']);
  });

  it('refuses a change that would break the schema, writing nothing', async () => {
    const store = createAccountStore(dir);
    await expect(
      store.update((draft) => void draft.accounts.push({ ...account('No Roles'), roles: [] })),
    ).rejects.toThrow();
    await expect(
      store.update((draft) => void draft.accounts.push(account('Twin'), account('TWIN'))),
    ).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });

  it.each([
    ['not JSON', '{ "version": 1, "accounts": ['],
    ['empty', ''],
    ['not an object', '[]'],
    ['no version', JSON.stringify({ accounts: [] })],
    [
      'an account without a hash',
      JSON.stringify({ version: 1, accounts: [{ ...account('A B'), passwordHash: undefined }] }),
    ],
    [
      'an unknown role',
      JSON.stringify({ version: 1, accounts: [account('A B', { roles: ['root' as 'officer'] })] }),
    ],
    [
      'two accounts with one name',
      JSON.stringify({ version: 1, accounts: [account('José'), account('jose')] }),
    ],
    ['a bad policy', JSON.stringify({ version: 1, policy: { lockoutAttempts: 0 }, accounts: [] })],
  ])('refuses a damaged file (%s), and neither replaces nor overwrites it', async (_what, text) => {
    await writeFile(file(), text);
    const store = createAccountStore(dir);
    const error = await store.read().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AccountsFileError);
    expect(error).toMatchObject({ problem: 'damaged', code: 'IO' });
    expect((error as Error).message).toMatch(/accounts file .* is damaged/);
    expect((error as Error).message).not.toContain(dir);
    await expect(
      store.update((draft) => void draft.accounts.push(account('New Person'))),
    ).rejects.toBeInstanceOf(AccountsFileError);
    expect(await readFile(file(), 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['accounts.json']);
  });

  it('refuses a file from a newer version with its own message', async () => {
    await writeFile(file(), JSON.stringify({ version: 2, accounts: [], somethingNew: true }));
    await expect(createAccountStore(dir).read()).rejects.toMatchObject({
      problem: 'newer',
      message: expect.stringMatching(/newer version of Redress/),
    });
  });

  it('reads a file without a policy with the default one', async () => {
    const ada = account('Ada Admin');
    await writeFile(file(), JSON.stringify({ version: 1, accounts: [ada] }));
    expect(await createAccountStore(dir).read()).toEqual({
      policy: DEFAULT_SECURITY_POLICY,
      accounts: [ada],
    });
  });

  it('runs concurrent changes one after another, so none is lost', async () => {
    const store = createAccountStore(dir);
    await store.update((draft) => void draft.accounts.push(account('Ada Admin')));
    const pause = () => new Promise((r) => setTimeout(r, Math.random() * 5));
    // Twenty read-modify-writes that each wait in the middle: without the queue most would be lost.
    await Promise.all([
      ...Array.from({ length: 10 }, () =>
        store.update(async (draft) => {
          const n = draft.accounts[0]!.failedAttempts;
          await pause();
          draft.accounts[0]!.failedAttempts = n + 1;
        }),
      ),
      ...Array.from({ length: 10 }, (_, i) =>
        store.update(async (draft) => {
          await pause();
          draft.accounts.push(account(`Person ${i}`));
        }),
      ),
    ]);
    const { accounts } = await store.read();
    expect(accounts[0]!.failedAttempts).toBe(10);
    expect(accounts).toHaveLength(11);
  });
});
