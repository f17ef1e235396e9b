import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecurityLog } from '../../../../../src-main/services/accounts/security-log';
import {
  createDisposalLedger,
  LEDGER_FILE,
  LEDGER_KEY_FILE,
} from '../../../../../src-main/services/retention/disposal-ledger';
import type { LedgerEntry } from '../../../../../src-shared/domain/disposal-ledger';
import {
  addEvidence,
  ADMIN,
  adminWithPassphrase,
  call,
  databaseExport,
  handlersFor,
  makeBackup,
  openDialogPicking,
  PASSPHRASE,
  readDatabase,
} from '../backup/fixtures';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-ledger-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const MANAGER = { id: 'm1', name: 'Morgan Reid' };
const caseLine = (n: number, recordId = 'rec-1'): LedgerEntry => ({
  kind: 'case',
  recordId,
  at: '2026-12-01T10:00:00.000Z',
  by: MANAGER,
  method: 'erasure',
  caseId: `case-${n}`,
  // As people type them: the reference is the office's, but never trust its characters.
  reference: `CMP-2026-${String(n).padStart(6, '0')} “Ōsaka”`,
});

const ledgerIn = (dataDir: string) => createDisposalLedger({ dataDir, log: createSecurityLog(dataDir) });
const lines = async () => (await readFile(join(dir, LEDGER_FILE), 'utf8')).split('\n').filter(Boolean);

describe('the disposal ledger', () => {
  it('keeps what it was given, in order, across instances (a restart)', async () => {
    const ledger = ledgerIn(dir);
    await ledger.append([caseLine(1), caseLine(2)], MANAGER);
    await ledger.append([{ kind: 'files', recordId: 'rec-1', files: ['a'.repeat(64)] }], MANAGER);
    expect(await ledgerIn(dir).read()).toEqual({
      entries: [caseLine(1), caseLine(2), { kind: 'files', recordId: 'rec-1', files: ['a'.repeat(64)] }],
      problem: null,
    });
    // Appends racing each other are chained one after another.
    await Promise.all([3, 4, 5].map((n) => ledger.append([caseLine(n)], MANAGER)));
    expect((await ledgerIn(dir).read()).entries.map((e) => (e.kind === 'case' ? e.caseId : ''))).toEqual([
      'case-1',
      'case-2',
      '',
      'case-3',
      'case-4',
      'case-5',
    ]);
  });

  it('reads nothing past a line altered by hand, and sets that ledger aside at the next append', async () => {
    const ledger = ledgerIn(dir);
    await ledger.append([caseLine(1), caseLine(2), caseLine(3)], MANAGER);
    // A forged line would have a restore dispose of a case nobody disposed of.
    const [first, second, third] = await lines();
    await writeFile(
      join(dir, LEDGER_FILE),
      [first, second!.replace('case-2', 'case-9'), third, ''].join('\n'),
    );
    expect(await ledgerIn(dir).read()).toEqual({ entries: [caseLine(1)], problem: 'altered' });

    const fresh = ledgerIn(dir);
    await fresh.append([caseLine(4)], MANAGER);
    expect(await fresh.read()).toEqual({ entries: [caseLine(1), caseLine(4)], problem: null });
    const aside = (await readdir(dir)).filter((n) => n.startsWith('disposal-ledger.set-aside-'));
    expect(aside).toHaveLength(1);
    expect(await readFile(join(dir, aside[0]!), 'utf8')).toContain('case-9');
    const { entries } = await createSecurityLog(dir).page({ offset: 0, limit: 10 });
    expect(entries[0]).toMatchObject({ event: 'disposal-ledger-set-aside', actor: MANAGER });
  });

  it('notices a line removed from the middle', async () => {
    const ledger = ledgerIn(dir);
    await ledger.append([caseLine(1), caseLine(2), caseLine(3)], MANAGER);
    const [first, , third] = await lines();
    await writeFile(join(dir, LEDGER_FILE), `${first}\n${third}\n`);
    expect(await ledgerIn(dir).read()).toEqual({ entries: [caseLine(1)], problem: 'altered' });
  });

  it('notices the newest lines cut off, and the whole file emptied or deleted', async () => {
    const ledger = ledgerIn(dir);
    await ledger.append([caseLine(1), caseLine(2)], MANAGER);
    await ledger.append([caseLine(3)], MANAGER);
    const [first, second] = await lines();
    await writeFile(join(dir, LEDGER_FILE), `${first}\n${second}\n`);
    expect(await ledgerIn(dir).read()).toEqual({ entries: [caseLine(1), caseLine(2)], problem: 'altered' });
    await writeFile(join(dir, LEDGER_FILE), '');
    expect(await ledgerIn(dir).read()).toEqual({ entries: [], problem: 'altered' });
    await rm(join(dir, LEDGER_FILE));
    expect(await ledgerIn(dir).read()).toEqual({ entries: [], problem: 'altered' });
    // The next append starts again, said in the security log.
    await ledgerIn(dir).append([caseLine(4)], MANAGER);
    expect(await ledgerIn(dir).read()).toEqual({ entries: [caseLine(4)], problem: null });
  });

  it('notices a line changed in place while it runs (same size), before appending after it', async () => {
    const ledger = ledgerIn(dir);
    await ledger.append([caseLine(1), caseLine(2)], MANAGER);
    const [first, second] = await lines();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await writeFile(join(dir, LEDGER_FILE), `${first}\n${second!.replace('case-2', 'case-8')}\n`);
    await ledger.append([caseLine(3)], MANAGER);
    expect(await ledger.read()).toEqual({ entries: [caseLine(1), caseLine(3)], problem: null });
    const { entries } = await createSecurityLog(dir).page({ offset: 0, limit: 10 });
    expect(entries[0]).toMatchObject({ event: 'disposal-ledger-set-aside' });
  });

  it('skips a line a crash cut short, and appends after it', async () => {
    const ledger = ledgerIn(dir);
    await ledger.append([caseLine(1)], MANAGER);
    const [whole] = await lines();
    await appendFile(join(dir, LEDGER_FILE), whole!.slice(0, 40));
    expect(await ledgerIn(dir).read()).toEqual({ entries: [caseLine(1)], problem: null });
    await ledgerIn(dir).append([caseLine(2)], MANAGER);
    expect(await ledgerIn(dir).read()).toEqual({ entries: [caseLine(1), caseLine(2)], problem: null });
  });

  it('trusts nothing once its key file is gone, and starts again', async () => {
    await ledgerIn(dir).append([caseLine(1)], MANAGER);
    await rm(join(dir, LEDGER_KEY_FILE));
    expect(await ledgerIn(dir).read()).toEqual({ entries: [], problem: 'key' });
    await ledgerIn(dir).append([caseLine(2)], MANAGER);
    expect(await ledgerIn(dir).read()).toEqual({ entries: [caseLine(2)], problem: null });
  });
});

describe('a restore and the disposal ledger', () => {
  it('hands the renderer the ledger, keeps it out of the backup, and leaves out only the files it names', async () => {
    const handlers = await adminWithPassphrase(dir);
    const [erasedFile, otherFile] = await addEvidence(dir, [300, 500]);
    const backup = await makeBackup(handlers, databaseExport(40));

    // After the backup: an erasure removed one file; the other is lost by accident.
    await rm(join(dir, 'evidence', erasedFile!), { force: true });
    await rm(join(dir, 'evidence', otherFile!), { force: true });
    const entries: LedgerEntry[] = [
      ...Array.from({ length: 2500 }, (_, i) => caseLine(i)),
      { kind: 'files', recordId: 'rec-1', files: [erasedFile!] },
    ];
    await ledgerIn(dir).append(entries.slice(0, 500), MANAGER);
    for (let i = 500; i < entries.length; i += 500)
      await ledgerIn(dir).append(entries.slice(i, i + 500), MANAGER);
    const ledgerBefore = await readFile(join(dir, LEDGER_FILE), 'utf8');

    const opened = await call(handlers, 'backup:restore-open', { file: backup.file, passphrase: PASSPHRASE });
    expect(opened).toMatchObject({ disposalEntries: entries.length, ledgerProblem: null });
    const first = await call(handlers, 'backup:restore-disposals', {
      restoreId: opened.restoreId,
      offset: 0,
    });
    expect(first.next).toBe(2000);
    const rest = await call(handlers, 'backup:restore-disposals', {
      restoreId: opened.restoreId,
      offset: first.next!,
    });
    expect(rest.next).toBeNull();
    expect([...first.entries, ...rest.entries]).toEqual(entries);

    await readDatabase(handlers, opened.restoreId);
    // The page may ask to leave out only what a disposal removed: the other file comes back.
    // A line the page still held (main was away when it was made) comes with the commit.
    const waited = caseLine(9000, 'rec-9');
    await call(handlers, 'backup:restore-commit', {
      restoreId: opened.restoreId,
      evidenceDisposed: [erasedFile!, otherFile!],
      ledgerWaiting: [waited],
    });
    const evidence = await readdir(join(dir, 'evidence'));
    expect(evidence).toContain(otherFile);
    expect(evidence).not.toContain(erasedFile);
    // The ledger is this computer's: the restore neither brought an older one back nor dropped
    // anything; it took in the line that waited.
    expect((await readFile(join(dir, LEDGER_FILE), 'utf8')).startsWith(ledgerBefore)).toBe(true);
    expect(await ledgerIn(dir).read()).toEqual({ entries: [...entries, waited], problem: null });
  });

  it('carries the ledger’s entries to a new computer, which adds them to its own, once', async () => {
    const desk = join(dir, 'desk');
    const fresh = join(dir, 'fresh');
    const handlers = await adminWithPassphrase(desk);
    await ledgerIn(desk).append([caseLine(1), caseLine(2)], MANAGER);
    const backup = await makeBackup(handlers, databaseExport(20));
    // The new computer has a disposal of its own already (say, made before its disk was replaced).
    await mkdir(fresh, { recursive: true });
    await ledgerIn(fresh).append([caseLine(7, 'rec-2')], MANAGER);

    const restored = handlersFor(fresh, openDialogPicking(join(desk, 'backups', backup.file)));
    const { file } = await call(restored, 'backup:add-file', undefined);
    const restore = async () => {
      const opened = await call(restored, 'backup:restore-open', { file: file!, passphrase: PASSPHRASE });
      await readDatabase(restored, opened.restoreId);
      await call(restored, 'backup:restore-commit', { restoreId: opened.restoreId });
    };
    await restore();
    const merged = [caseLine(7, 'rec-2'), caseLine(1), caseLine(2)];
    expect(await ledgerIn(fresh).read()).toEqual({ entries: merged, problem: null });
    // Restored again (the accounts came with the backup): nothing is added twice.
    await call(restored, 'auth:sign-in', { name: ADMIN.name, password: ADMIN.password });
    await restore();
    expect(await ledgerIn(fresh).read()).toEqual({ entries: merged, problem: null });
  });

  it('finishes a restore whose ledger entries cannot be added here, keeping them beside it', async () => {
    const desk = join(dir, 'desk');
    const fresh = join(dir, 'fresh');
    const handlers = await adminWithPassphrase(desk);
    await ledgerIn(desk).append([caseLine(1)], MANAGER);
    const backup = await makeBackup(handlers, databaseExport(20));
    // This computer's ledger key is damaged: nothing can be added to its ledger now.
    await mkdir(fresh, { recursive: true });
    await writeFile(join(fresh, LEDGER_KEY_FILE), '{"version":1,"protection":"plain","key":"c2hvcnQ="}\n');

    const restored = handlersFor(fresh, openDialogPicking(join(desk, 'backups', backup.file)));
    const { file } = await call(restored, 'backup:add-file', undefined);
    const opened = await call(restored, 'backup:restore-open', { file: file!, passphrase: PASSPHRASE });
    expect(opened.ledgerProblem).toBe('key');
    await readDatabase(restored, opened.restoreId);
    await call(restored, 'backup:restore-commit', { restoreId: opened.restoreId });
    expect(await call(restored, 'database:active', undefined)).toEqual({ name: opened.targetName });
    const unmerged = (await readdir(fresh)).filter((n) => n.startsWith('disposal-ledger.unmerged-'));
    expect(unmerged).toHaveLength(1);
    expect(JSON.parse(await readFile(join(fresh, unmerged[0]!), 'utf8'))).toEqual([caseLine(1)]);
  });
});
