import { createHash } from 'node:crypto';
import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEvidenceStore } from '../../../../../src-main/services/evidence/evidence-store';
import { EVIDENCE_CHUNK_BYTES } from '../../../../../src-shared/ipc/channels/evidence';

const sha = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');
const bytes = (s: string) => new TextEncoder().encode(s);

let dataDir: string;
let opened: string[];
let store: ReturnType<typeof createEvidenceStore>;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-evidence-'));
  opened = [];
  store = createEvidenceStore(dataDir, {
    maxBytes: async () => 10 * 1024 * 1024,
    openPath: async (p) => {
      opened.push(p);
      return '';
    },
  });
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('evidence store', () => {
  it('names a stored file by the SHA-256 of its content and keeps the bytes exactly', async () => {
    const content = bytes('Call log 2026-03-04, 14:02, 6 minutes.');
    const result = await store.importBytes('call-log.txt', content);
    expect(result).toEqual({ sha256: sha(content), size: content.length, alreadyStored: false });
    expect(await readFile(join(dataDir, 'evidence', sha(content)))).toEqual(Buffer.from(content));
  });

  it('stores identical content once, however often it is added', async () => {
    const content = bytes('same bytes');
    await store.importBytes('a.txt', content);
    const again = await store.importBytes('b.txt', content);
    expect(again.alreadyStored).toBe(true);
    expect(await readdir(join(dataDir, 'evidence'))).toEqual([sha(content)]);
  });

  it('hashes a file sent in several chunks the same as in one piece, leaving no temp file', async () => {
    const big = new Uint8Array(EVIDENCE_CHUNK_BYTES * 2 + 123).map((_, i) => i % 251);
    const result = await store.importBytes('scan.pdf', big);
    expect(result.sha256).toBe(sha(big));
    expect(await readdir(join(dataDir, 'evidence'))).toEqual([sha(big)]);
  });

  it('writes to a temp file and only renames it once every byte has arrived', async () => {
    const { uploadId } = await store.start({ name: 'half.txt', size: 10 });
    await store.chunk({ uploadId, offset: 0, data: bytes('12345') });
    const files = await readdir(join(dataDir, 'evidence'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^\.upload-.*\.tmp$/);
    await expect(store.finish({ uploadId })).rejects.toThrow('Only 5 of 10 bytes');
    expect(await readdir(join(dataDir, 'evidence'))).toEqual([]);
  });

  it.each([
    ['empty', 0, 'is empty'],
    ['too large', 11 * 1024 * 1024, 'at most 10 MB'],
  ])('refuses a %s file with a clear message', async (_label, size, message) => {
    await expect(store.start({ name: 'x.bin', size })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(message),
    });
  });

  it('refuses more bytes than declared, chunks out of order and unknown uploads', async () => {
    const a = await store.start({ name: 'a.txt', size: 3 });
    await expect(store.chunk({ uploadId: a.uploadId, offset: 0, data: bytes('1234') })).rejects.toThrow(
      'larger than it said',
    );
    const b = await store.start({ name: 'b.txt', size: 4 });
    await expect(store.chunk({ uploadId: b.uploadId, offset: 2, data: bytes('34') })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(store.finish({ uploadId: b.uploadId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await readdir(join(dataDir, 'evidence'))).toEqual([]);
  });

  it('cancels an upload and removes its temp file', async () => {
    const { uploadId } = await store.start({ name: 'a.txt', size: 3 });
    await store.chunk({ uploadId, offset: 0, data: bytes('12') });
    expect(await store.cancel({ uploadId })).toEqual({ cancelled: true });
    expect(await readdir(join(dataDir, 'evidence'))).toEqual([]);
  });

  it('verify reports each file as ok, missing or altered', async () => {
    const one = await store.importBytes('one.txt', bytes('one'));
    const two = await store.importBytes('two.txt', bytes('two'));
    const three = await store.importBytes('three.txt', bytes('three'));
    const twoPath = join(dataDir, 'evidence', two.sha256);
    await chmod(twoPath, 0o644);
    await writeFile(twoPath, 'tampered');
    await rm(join(dataDir, 'evidence', three.sha256));
    expect(await store.verify([one.sha256, two.sha256, three.sha256])).toEqual([
      { sha256: one.sha256, state: 'ok' },
      { sha256: two.sha256, state: 'altered' },
      { sha256: three.sha256, state: 'missing' },
    ]);
  });

  it('re-adding the original bytes repairs an altered file', async () => {
    const content = bytes('original');
    const { sha256 } = await store.importBytes('a.txt', content);
    const path = join(dataDir, 'evidence', sha256);
    await chmod(path, 0o644);
    await writeFile(path, 'changed');
    expect((await store.importBytes('a.txt', content)).alreadyStored).toBe(false);
    expect(await store.verify([sha256])).toEqual([{ sha256, state: 'ok' }]);
  });

  it('opens a read-only copy outside the store, never the original', async () => {
    const { sha256 } = await store.importBytes('Letter from Zoë.pdf', bytes('%PDF-1.7 letter'));
    await store.openCopy({ sha256, name: 'Letter from Zoë.pdf' });
    expect(opened).toHaveLength(1);
    const copy = opened[0]!;
    expect(copy).toContain(join(dataDir, 'evidence-opened'));
    expect(copy.endsWith('Letter from Zoë.pdf')).toBe(true);
    expect((await stat(copy)).mode & 0o777).toBe(0o400);
    expect(await readFile(copy, 'utf8')).toBe('%PDF-1.7 letter');
  });

  it.each(['invoice.pdf.exe', 'evil.exe.', 'invoice\u202Efdp.exe', 'setup'])(
    'never hands %j to the system, and makes no copy of it',
    async (name) => {
      const { sha256 } = await store.importBytes(name, bytes('MZ\x90\x00 not really a PDF'));
      await expect(store.openCopy({ sha256, name })).rejects.toMatchObject({
        code: 'UNSAFE_FILE_TYPE',
        field: 'name',
        message: expect.stringContaining(
          'Redress does not open this kind of file, because it could run a program',
        ),
      });
      expect(opened).toEqual([]);
      await expect(readdir(join(dataDir, 'evidence-opened'))).rejects.toMatchObject({ code: 'ENOENT' });
    },
  );

  it('names the copy as checked: trailing dots and spaces gone, the extension kept', async () => {
    const { sha256 } = await store.importBytes('x', bytes('%PDF-1.7'));
    await store.openCopy({ sha256, name: `${'Statement '.repeat(30)}.pdf. ` });
    const copyName = basename(opened[0]!);
    expect(copyName).toHaveLength(150);
    expect(copyName.endsWith('.pdf')).toBe(true);
  });

  it('reports a viewer that could not open the file in plain words, without its message or path', async () => {
    const failing = createEvidenceStore(dataDir, {
      maxBytes: async () => 1024,
      openPath: async (p) => `Failed to open path ${p}`,
    });
    const { sha256 } = await failing.importBytes('a.pdf', bytes('%PDF-1.7'));
    const error = await failing.openCopy({ sha256, name: 'a.pdf' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'IO', message: expect.stringContaining('could not be opened') });
    expect((error as Error).message).not.toContain(dataDir);
    expect(String((error as Error).cause)).toContain('Failed to open path');
  });

  it('refuses to open an altered or missing file', async () => {
    const { sha256 } = await store.importBytes('a.txt', bytes('abc'));
    const path = join(dataDir, 'evidence', sha256);
    await chmod(path, 0o644);
    await writeFile(path, 'xyz');
    await expect(store.openCopy({ sha256, name: 'a.txt' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(store.openCopy({ sha256: sha('nope'), name: 'a.txt' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(opened).toEqual([]);
  });

  it('refuses a path instead of a fingerprint', async () => {
    await expect(store.verify(['../settings.json'])).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(store.openCopy({ sha256: '../../etc/passwd', name: 'x' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});
