import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createPdfOutput,
  folderDialogs,
  pdfFileName,
  unusedPath,
  type SaveDialogs,
} from '../../../../../src-main/services/pdf/output';
import { redactedDestination } from '../../../../../src-main/services/pdf/handlers';

describe('PDF file names', () => {
  it('gives a PDF name its extension once', () => {
    expect(pdfFileName('CMP-2026-000042 case report')).toBe('CMP-2026-000042 case report.pdf');
    expect(pdfFileName('letter.PDF')).toBe('letter.PDF');
    expect(pdfFileName('')).toBe('document.pdf');
  });

  it('numbers a name already taken, counting on from a numbered one', async () => {
    const taken = new Set(['/x/report.pdf', '/x/report (2).pdf', '/x/notes']);
    const isTaken = async (p: string) => taken.has(p);
    expect(await unusedPath('/x/free.pdf', isTaken)).toBe('/x/free.pdf');
    expect(await unusedPath('/x/report.pdf', isTaken)).toBe('/x/report (3).pdf');
    expect(await unusedPath('/x/report (2).pdf', isTaken)).toBe('/x/report (3).pdf');
    expect(await unusedPath('/x/notes', isTaken)).toBe('/x/notes (2)');
  });
});

describe('exports never replace a file silently', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'redress-output-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const pdf = (text: string) => async () => Buffer.from(`%PDF-1.7 ${text}`);
  const names = async () => (await readdir(dir)).sort();

  it('gives a batch export into a folder the next free name, and leaves the old file as it was', async () => {
    const out = createPdfOutput(folderDialogs(dir));
    const { folderId } = (await out.chooseFolder())!;
    await writeFile(join(dir, 'CMP-1 case report.pdf'), 'kept');
    const first = await out.save({ kind: 'folder', folderId, fileName: 'CMP-1 case report' }, pdf('a'));
    const second = await out.save({ kind: 'folder', folderId, fileName: 'CMP-1 case report' }, pdf('b'));
    expect(first).toMatchObject({ saved: true, path: join(dir, 'CMP-1 case report (2).pdf') });
    expect(second).toMatchObject({ saved: true, path: join(dir, 'CMP-1 case report (3).pdf') });
    expect(await readFile(join(dir, 'CMP-1 case report.pdf'), 'utf8')).toBe('kept');
    expect(await names()).toEqual([
      'CMP-1 case report (2).pdf',
      'CMP-1 case report (3).pdf',
      'CMP-1 case report.pdf',
    ]);
  });

  it('writes two exports of the same name at once to two files', async () => {
    const out = createPdfOutput(folderDialogs(dir));
    const { folderId } = (await out.chooseFolder())!;
    const both = await Promise.all([
      out.save({ kind: 'folder', folderId, fileName: 'same' }, pdf('a')),
      out.save({ kind: 'folder', folderId, fileName: 'same' }, pdf('b')),
    ]);
    expect(new Set(both.map((r) => (r as { path: string }).path)).size).toBe(2);
    expect(await names()).toEqual(['same (2).pdf', 'same.pdf']);
  });

  it('without a dialog to ask, a second save of a letter and a redacted copy keep their own names', async () => {
    const out = createPdfOutput(folderDialogs(dir));
    for (let i = 0; i < 2; i += 1) {
      await out.save({ kind: 'ask', suggestedName: 'letter' }, pdf(`letter ${i}`));
      await out.save(redactedDestination({ kind: 'ask', suggestedName: 'CMP-1.pdf' }), pdf(`redacted ${i}`));
    }
    expect(await names()).toEqual([
      'CMP-1-redacted (2).pdf',
      'CMP-1-redacted.pdf',
      'letter (2).pdf',
      'letter.pdf',
    ]);
  });

  it('replaces a file only when the user chose that very file in the save dialog', async () => {
    const target = join(dir, 'chosen.pdf');
    await writeFile(target, 'old');
    const dialogs: SaveDialogs = { chooseSaveFile: async () => target, chooseFolder: async () => null };
    const saved = await createPdfOutput(dialogs).save({ kind: 'ask', suggestedName: 'x' }, pdf('new'));
    expect(saved).toMatchObject({ saved: true, path: target });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 new');
    // A name the dialog gave without the extension was never asked about.
    await writeFile(join(dir, 'plain.pdf'), 'old');
    const bare: SaveDialogs = {
      chooseSaveFile: async () => join(dir, 'plain'),
      chooseFolder: async () => null,
    };
    expect(await createPdfOutput(bare).save({ kind: 'ask', suggestedName: 'x' }, pdf('new'))).toMatchObject({
      path: join(dir, 'plain (2).pdf'),
    });
    expect(await readFile(join(dir, 'plain.pdf'), 'utf8')).toBe('old');
  });
});
