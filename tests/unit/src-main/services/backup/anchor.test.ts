import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnchorHooks } from '../../../../../src-main/services/backup/backup-files';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import { PASSPHRASE, backupServiceFor, call, databaseExport, makeBackup, readDatabase } from './fixtures';

const KEY_FILE = 'audit-anchor-key.json';

let home: string;
let desk: string;
let fresh: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'redress-backup-anchor-'));
  desk = join(home, 'desk');
  fresh = join(home, 'fresh');
  await mkdir(desk, { recursive: true });
  await mkdir(fresh, { recursive: true });
});
afterEach(() => rm(home, { recursive: true, force: true }));

/** The audit anchor as the backup sees it: a key file wrapped by "this computer", and its census. */
function fakeAnchor(dataDir: string, computer: string) {
  const census: { cases: number; auditSeq: number }[] = [];
  const hooks: AnchorHooks = {
    keyFile: KEY_FILE,
    exportKey: async () => {
      const wrapped = await readFile(join(dataDir, KEY_FILE), 'utf8');
      return Buffer.from(wrapped.replace(/^wrapped by [a-z]+: /, ''), 'hex');
    },
    importKey: async (bytes) => {
      await writeFile(join(dataDir, KEY_FILE), `wrapped by ${computer}: ${bytes.toString('hex')}`);
    },
    restored: async (facts) => {
      census.push(facts);
    },
  };
  return { hooks, census };
}

function serviceFor(dataDir: string, anchor: AnchorHooks, extra: { pick?: string; crashAt?: number } = {}) {
  // The backup channels alone are enough for these calls.
  return backupServiceFor(dataDir, {
    anchor,
    dialogs: { chooseFolder: async () => null, chooseOpenFile: async () => extra.pick ?? null },
    hooks: {
      afterMove: (index) => {
        if (index === extra.crashAt) throw new Error('power cut');
      },
    },
  });
}

async function backupOfDesk() {
  const anchor = fakeAnchor(desk, 'desk');
  await writeFile(join(desk, KEY_FILE), `wrapped by desk: ${'7'.repeat(64)}`);
  await writeFile(join(desk, 'audit-anchor.jsonl'), '{"seq":12}\n');
  const service = serviceFor(desk, anchor.hooks);
  await call(service, 'backup:set-passphrase', { passphrase: PASSPHRASE });
  const summary = await makeBackup(service, databaseExport(5));
  return join(desk, 'backups', summary.file);
}

async function restoreInto(service: Handlers) {
  const { file } = await call(service, 'backup:add-file', undefined);
  const opened = await call(service, 'backup:restore-open', { file: file!, passphrase: PASSPHRASE });
  await readDatabase(service, opened.restoreId);
  return opened;
}

describe('the audit anchor in a backup', () => {
  it('travels as its plain key, wrapped anew by the computer restoring it, with the census made the restored database’s', async () => {
    const path = await backupOfDesk();
    await writeFile(join(fresh, KEY_FILE), 'wrapped by fresh: old key');
    await writeFile(join(fresh, 'audit-anchor.jsonl'), '{"seq":99}\n');
    await writeFile(join(fresh, 'audit-anchor-refusals.jsonl'), '{"seq":98}\n');
    const anchor = fakeAnchor(fresh, 'fresh');
    const service = serviceFor(fresh, anchor.hooks, { pick: path });
    const opened = await restoreInto(service);
    await call(service, 'backup:restore-commit', { restoreId: opened.restoreId });

    expect(await readFile(join(fresh, KEY_FILE), 'utf8')).toBe(`wrapped by fresh: ${'7'.repeat(64)}`);
    expect(await readFile(join(fresh, 'audit-anchor.jsonl'), 'utf8')).toBe('{"seq":12}\n');
    expect(await readdir(fresh)).not.toContain('audit-anchor-refusals.jsonl');
    expect(await readdir(fresh)).not.toContain('anchor-key.raw');
    expect(anchor.census).toEqual([{ cases: 3, auditSeq: 12 }]);
  });

  it('is put in place by the roll-forward when a crash cut the restore short', async () => {
    const path = await backupOfDesk();
    const anchor = fakeAnchor(fresh, 'fresh');
    const crashing = serviceFor(fresh, anchor.hooks, { pick: path, crashAt: 0 });
    const opened = await restoreInto(crashing);
    await expect(
      call(crashing, 'backup:restore-commit', { restoreId: opened.restoreId }),
    ).rejects.toMatchObject({
      code: 'RESTORE_UNFINISHED',
    });
    expect(anchor.census).toEqual([]);
    const restarted = serviceFor(fresh, anchor.hooks);
    expect(await call(restarted, 'database:active', undefined)).toEqual({ name: opened.targetName });
    expect(await readFile(join(fresh, KEY_FILE), 'utf8')).toBe(`wrapped by fresh: ${'7'.repeat(64)}`);
    expect(anchor.census).toEqual([{ cases: 3, auditSeq: 12 }]);
  });
});
