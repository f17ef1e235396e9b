// The accounts of this office in `<dataDir>/accounts.json`: written atomically, checked against
// its schema on every read, and changed through one queue so that two sign-ins (or a sign-in and an
// administrator's change) cannot lose each other's update. Accounts are never deleted, only
// disabled: names in old cases and in the security log must keep meaning one person.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  AccountSchema,
  SecurityPolicySchema,
  defaultSecurityPolicy,
  type Account,
  type SecurityPolicy,
} from '../../../src-shared/domain/accounts';
import { matchKey } from '../../../src-shared/domain/case';
import { AppError } from '../../../src-shared/errors';
import { writeFileAtomic } from '../files/atomic-write';

export const ACCOUNTS_FILE = 'accounts.json';
const FILE_VERSION = 1;

export const StoredAccountSchema = AccountSchema.extend({
  /** PHC string (passwords.ts); checked in full when a password is verified. */
  passwordHash: z.string().startsWith('$scrypt$').max(512),
});
export type StoredAccount = z.output<typeof StoredAccountSchema>;

const AccountsFileSchema = z
  .object({
    version: z.literal(FILE_VERSION),
    // A file from before the policy was kept has none: the defaults apply.
    policy: z.preprocess((raw) => raw ?? {}, SecurityPolicySchema),
    accounts: z.array(StoredAccountSchema),
  })
  .superRefine(({ accounts }, ctx) => {
    const ids = new Set<string>();
    const keys = new Set<string>();
    for (const [i, a] of accounts.entries()) {
      const key = matchKey(a.name);
      if (ids.has(a.id) || keys.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['accounts', i],
          message: 'Two accounts share an id or a name.',
        });
      }
      ids.add(a.id);
      keys.add(key);
    }
  });

export interface AccountsData {
  policy: SecurityPolicy;
  accounts: StoredAccount[];
}

type FileProblem = 'damaged' | 'newer' | 'unreadable' | 'unwritable';
const PROBLEMS: Record<FileProblem, string> = {
  damaged:
    'The accounts file (accounts.json in the data folder) is damaged, so Redress cannot tell who may sign in. ' +
    'It has been left as it is: restore it from a backup, or ask your support team.',
  newer:
    'The accounts file was written by a newer version of Redress. Use that version, or restore the file from a backup.',
  unreadable:
    'Redress could not read the accounts file (accounts.json in the data folder): check that the data folder can be read.',
  unwritable:
    'Redress could not save the change to the accounts file: check that the disk has space and the data folder can be written.',
};

/**
 * The accounts file cannot be used. A damaged file is never replaced by an empty one: that would
 * let anyone run first-run setup and make themselves administrator.
 */
export class AccountsFileError extends AppError {
  constructor(
    readonly problem: FileProblem,
    /** For a support log; never sent to the renderer (it may hold paths). */
    readonly detail?: unknown,
  ) {
    super('IO', PROBLEMS[problem]);
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export function createAccountStore(dataDir: string) {
  const file = join(dataDir, ACCOUNTS_FILE);
  let queue: Promise<unknown> = Promise.resolve();

  async function read(): Promise<AccountsData> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return { policy: defaultSecurityPolicy(), accounts: [] };
      }
      throw new AccountsFileError('unreadable', error);
    }
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new AccountsFileError('damaged', error);
    }
    if (isRecord(raw) && typeof raw.version === 'number' && raw.version > FILE_VERSION) {
      throw new AccountsFileError('newer');
    }
    const parsed = AccountsFileSchema.safeParse(raw);
    if (!parsed.success) throw new AccountsFileError('damaged', parsed.error);
    return { policy: parsed.data.policy, accounts: parsed.data.accounts };
  }

  /**
   * Runs `change` on a copy of the accounts, after every change queued before it, and writes the
   * copy if `change` altered it. If `change` throws, nothing is written. Changes that check a
   * password run inside the queue too, so a lockout counts every attempt.
   */
  function update<T>(change: (draft: AccountsData) => T | Promise<T>): Promise<T> {
    const run = queue.then(async () => {
      const current = await read();
      const draft = structuredClone(current);
      const result = await change(draft);
      const text = `${JSON.stringify({ version: FILE_VERSION, ...draft }, null, 2)}\n`;
      if (text !== `${JSON.stringify({ version: FILE_VERSION, ...current }, null, 2)}\n`) {
        // A change that breaks the schema is a bug: refuse it rather than write a file we would refuse to read.
        AccountsFileSchema.parse(JSON.parse(text));
        try {
          await writeFileAtomic(file, text);
        } catch (error) {
          throw new AccountsFileError('unwritable', error);
        }
      }
      return result;
    });
    queue = run.catch(() => undefined);
    return run;
  }

  return { file, read, update };
}
export type AccountStore = ReturnType<typeof createAccountStore>;

export const withoutHash = ({ passwordHash: _hash, ...account }: StoredAccount): Account => account;
