// A new file in the exports folder: written whole, under a free name, never over one that is there,
// on a drive with hard links and on one without (FAT and exFAT sticks, some network shares).
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { writeNewFile } from '../../../../../src-main/services/files/new-file';

// `link` as the file system has it, or (noLinks) failing as it does on a drive without hard links.
const drive = vi.hoisted(() => ({ noLinks: false }));
vi.mock('node:fs/promises', async (original) => {
  const real = await original<typeof import('node:fs/promises')>();
  return {
    ...real,
    link: async (from: string, to: string) => {
      if (drive.noLinks)
        throw Object.assign(new Error('EPERM: operation not permitted, link'), { code: 'EPERM' });
      return real.link(from, to);
    },
  };
});

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'redress-new-file-'));
});
afterEach(async () => {
  drive.noLinks = false;
  await rm(folder, { recursive: true, force: true });
});

describe.each([
  ['with hard links', false],
  ['without hard links', true],
])('writeNewFile on a drive %s', (_what, noLinks) => {
  it('writes the file whole under a free name, never over the one already there, and leaves nothing else', async () => {
    drive.noLinks = noLinks;
    await writeFile(join(folder, 'Letter to Zoë.eml'), 'the officer’s earlier letter');
    const saved = await writeNewFile(
      folder,
      'Letter to Zoë',
      '.eml',
      'Subject: Your complaint\r\n',
      'letter',
    );
    expect(saved).toBe(join(folder, 'Letter to Zoë (2).eml'));
    expect(await readFile(saved, 'utf8')).toBe('Subject: Your complaint\r\n');
    expect(await readFile(join(folder, 'Letter to Zoë.eml'), 'utf8')).toBe('the officer’s earlier letter');
    expect((await readdir(folder)).sort()).toEqual(['Letter to Zoë (2).eml', 'Letter to Zoë.eml']);
  });
});
