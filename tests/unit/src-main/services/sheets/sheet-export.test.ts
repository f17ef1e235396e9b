// sheets:export as main answers it: the file in the exports folder, and for a file in a regulator's
// fixed format (the ASIC portal's CSV), the lines it has no room for saved beside it.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sheetsHandlers } from '../../../../../src-main/services/sheets/handlers';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-sheet-export-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const report = {
  fileName: 'ASIC IDR data report H1 2026',
  format: 'csv' as const,
  title: 'IDR',
  columns: ['complaintId', 'postcode'],
  rows: [['CMP-2026-0001', '2000']],
  about: ['ASIC IDR data report (RG 271)', 'Time zone: Australia/Sydney', 'App version: 1.4.0'],
};

describe('sheets:export', () => {
  it('saves the about lines beside the file, named after it, and says where', async () => {
    const answer = await sheetsHandlers({ exportsDir: dir })['sheets:export'](report);
    expect(answer).toMatchObject({ saved: true, rows: 1 });
    if (!answer.saved) throw new Error('not saved');
    expect(answer.path).toBe(join(dir, 'ASIC IDR data report H1 2026.csv'));
    expect(answer.aboutPath).toBe(join(dir, 'ASIC IDR data report H1 2026.about.txt'));
    // The CSV stays as the portal takes it: only its header and rows.
    expect(await readFile(answer.path, 'utf8')).toBe('\uFEFFcomplaintId,postcode\r\nCMP-2026-0001,2000\r\n');
    expect(await readFile(answer.aboutPath!, 'utf8')).toBe(
      'ASIC IDR data report (RG 271)\r\nTime zone: Australia/Sydney\r\nApp version: 1.4.0\r\n',
    );
  });

  it('gives a second export its own pair of files, and a list without about lines no about file', async () => {
    await writeFile(join(dir, 'ASIC IDR data report H1 2026.csv'), 'an earlier report');
    const second = await sheetsHandlers({ exportsDir: dir })['sheets:export'](report);
    if (!second.saved) throw new Error('not saved');
    expect(second.aboutPath).toBe(second.path.replace(/\.csv$/, '.about.txt'));
    expect(await readFile(join(dir, 'ASIC IDR data report H1 2026.csv'), 'utf8')).toBe('an earlier report');
    const { about: _about, ...list } = report;
    const plain = await sheetsHandlers({ exportsDir: dir })['sheets:export']({ ...list, fileName: 'cases' });
    expect(plain).not.toHaveProperty('aboutPath');
    expect((await readdir(dir)).filter((f) => f.endsWith('.about.txt'))).toEqual([
      second.aboutPath!.slice(dir.length + 1),
    ]);
  });

  it('says which file was not saved when the about file cannot be written', async () => {
    const chosen = join(dir, 'report.csv');
    // The user chose a file whose about file's name is taken by a folder.
    await mkdir(join(dir, 'report.about.txt'));
    const handlers = sheetsHandlers({
      exportsDir: dir,
      dialogs: {
        chooseSaveFile: () => Promise.resolve(null),
        chooseFolder: () => Promise.resolve(null),
        chooseSaveSheet: () => Promise.resolve(chosen),
      },
    });
    await expect(handlers['sheets:export'](report)).rejects.toThrow(/^“report\.about\.txt” was not saved\./);
    // The report itself was saved.
    expect(await readFile(chosen, 'utf8')).toContain('CMP-2026-0001');
  });
});
