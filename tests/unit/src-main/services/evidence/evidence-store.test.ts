import { createHash } from 'node:crypto';
import {
  chmod,
  lstat,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createEvidenceStore,
  MAX_OPEN_UPLOADS,
  type EvidenceStoreOptions,
  type WriteAt,
} from '../../../../../src-main/services/evidence/evidence-store';
import { toIpcError } from '../../../../../src-shared/errors';
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

describe('evidence store against loss', () => {
  const evidenceFiles = () => readdir(join(dataDir, 'evidence'));
  const storeWith = (writeAt: WriteAt, extra: Partial<EvidenceStoreOptions> = {}) =>
    createEvidenceStore(dataDir, { maxBytes: async () => 10 * 1024 * 1024, writeAt, ...extra });
  const realWrite: WriteAt = async (handle, data, position) =>
    (await handle.write(data, 0, data.length, position)).bytesWritten;
  const noSpace = () =>
    Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  /** A disk with `free` bytes left: writes what fits, then fails as a full disk does. */
  const diskWith = (free: number): WriteAt => {
    let left = free;
    return async (handle, data, position) => {
      if (left === 0) throw noSpace();
      const written = await realWrite(handle, data.subarray(0, Math.min(left, data.length)), position);
      left -= written;
      return written;
    };
  };
  const eightMiB = new Uint8Array(8 * 1024 * 1024).map((_, i) => (i * 7) % 256);

  it.each([
    ['a byte', 1, bytes('Call log 2026-03-04, 14:02, 6 minutes.')],
    ['about a megabyte', 1_000_003, eightMiB],
  ])('keeps every byte when the system writes %s at a time', async (_label, most, content) => {
    const dribble: WriteAt = (handle, data, position) => realWrite(handle, data.subarray(0, most), position);
    const result = await storeWith(dribble).importBytes('scan.pdf', content);
    expect(result).toEqual({ sha256: sha(content), size: content.length, alreadyStored: false });
    // Compared by hash: a deep comparison of 8 MiB takes minutes.
    expect(sha(await readFile(join(dataDir, 'evidence', sha(content))))).toBe(sha(content));
  });

  it('says the disk is full and stores nothing when 8 MiB meet 5 MB of free space', async () => {
    const error = await storeWith(diskWith(5_000_000))
      .importBytes('scan.pdf', eightMiB)
      .catch((e: unknown) => e);
    expect(toIpcError(error)).toEqual({
      code: 'DISK_FULL',
      message: 'The disk is full: the file was not stored.',
    });
    expect(await evidenceFiles()).toEqual([]);
  });

  it('refuses a file that would leave the disk too full for the case database, counting the uploads under way', async () => {
    const MiB = 1024 * 1024;
    // A 100 GiB disk with 300 MiB free: the page refuses its own writes below 256 MiB.
    const roomy = storeWith(realWrite, {
      maxBytes: async () => 200 * MiB,
      diskSpace: async () => ({ freeBytes: 300 * MiB, totalBytes: 100 * 1024 * MiB }),
    });
    const first = await roomy.start({ name: 'call-recording.wav', size: 30 * MiB });
    // 30 MiB coming and 20 more would leave 250 MiB: refused before a byte is written.
    const refusal = await roomy.start({ name: 'scan.pdf', size: 20 * MiB }).catch((e: unknown) => e);
    expect(toIpcError(refusal)).toEqual({
      code: 'DISK_FULL',
      message:
        '“scan.pdf” (20 MB) was not stored: the disk has 300 MB free, and it would leave too little room for the case database. Free some space, then add the file again.',
    });
    expect((await evidenceFiles()).filter((n) => !n.startsWith('.upload-'))).toEqual([]);
    // Once the first is cancelled, the same file fits.
    await roomy.cancel({ uploadId: first.uploadId });
    await expect(roomy.start({ name: 'scan.pdf', size: 20 * MiB })).resolves.toMatchObject({
      uploadId: expect.any(String),
    });
    // Two started together each count the other's bytes: one of them is refused.
    const together = storeWith(realWrite, {
      maxBytes: async () => 200 * MiB,
      diskSpace: async () => ({ freeBytes: 300 * MiB, totalBytes: 100 * 1024 * MiB }),
    });
    const both = await Promise.allSettled([
      together.start({ name: 'a.wav', size: 30 * MiB }),
      together.start({ name: 'b.wav', size: 30 * MiB }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    // A disk that cannot be measured lets the file through: a full one still fails cleanly.
    const unmeasured = storeWith(realWrite, { diskSpace: () => Promise.reject(new Error('statfs')) });
    await expect(unmeasured.importBytes('note.txt', bytes('Called back.'))).resolves.toMatchObject({
      alreadyStored: false,
    });
  });

  it('treats a write that takes no bytes as a full disk, not as success', async () => {
    const full = storeWith(async () => 0);
    const { uploadId } = await full.start({ name: 'a.txt', size: 3 });
    await expect(full.chunk({ uploadId, offset: 0, data: bytes('abc') })).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: 'The disk is full: the file was not stored.',
    });
    expect(await evidenceFiles()).toEqual([]);
    await expect(full.finish({ uploadId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('stores nothing when the disk reports bytes as written that it did not keep', async () => {
    const liar: WriteAt = async (handle, data, position) => {
      await realWrite(handle, data.subarray(0, Math.ceil(data.length / 2)), position);
      return data.length;
    };
    await expect(storeWith(liar).importBytes('call-log.txt', bytes('twelve bytes'))).rejects.toMatchObject({
      code: 'IO',
      message: expect.stringContaining(
        'The disk did not keep “call-log.txt” as it was sent, so it was not stored',
      ),
    });
    expect(await evidenceFiles()).toEqual([]);
  });

  it('stores nothing when the content does not match the fingerprint it was declared with', async () => {
    await expect(
      store.importBytes('a.txt', bytes('what arrived'), sha('what was sent')),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
      message: '“a.txt” did not arrive as it was sent, so it was not stored. Add the file again.',
    });
    expect(await evidenceFiles()).toEqual([]);
  });

  it('refuses a second part sent for the same offset while the first is being written', async () => {
    const slow: WriteAt = async (handle, data, position) => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return realWrite(handle, data, position);
    };
    const slowStore = storeWith(slow);
    const { uploadId } = await slowStore.start({ name: 'a-then-b.txt', size: 6 });
    const [a, b] = await Promise.allSettled([
      slowStore.chunk({ uploadId, offset: 0, data: bytes('AAA') }),
      slowStore.chunk({ uploadId, offset: 0, data: bytes('BBB') }),
    ]);
    expect(a).toEqual({ status: 'fulfilled', value: { received: 3 } });
    expect(b).toMatchObject({
      status: 'rejected',
      reason: {
        code: 'CONFLICT',
        message: expect.stringContaining('This part of the file was already received'),
      },
    });
    await expect(slowStore.finish({ uploadId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await evidenceFiles()).toEqual([]);
  });

  describe('a link planted in the evidence folder', () => {
    let outside: string;
    beforeEach(async () => {
      outside = join(dataDir, 'outside.txt');
    });

    it('is reported as altered, not opened, and not counted as stored, even when it points at the same bytes', async () => {
      const content = bytes('%PDF-1.7 statement');
      const { sha256 } = await store.importBytes('statement.pdf', content);
      const path = join(dataDir, 'evidence', sha256);
      await writeFile(outside, content);
      await rm(path, { force: true });
      await symlink(outside, path);
      expect(await store.verify([sha256])).toEqual([{ sha256, state: 'altered' }]);
      await expect(store.openCopy({ sha256, name: 'statement.pdf' })).rejects.toMatchObject({
        code: 'LINK_REFUSED',
        message: expect.stringContaining('it is not opened'),
      });
      expect(opened).toEqual([]);
      expect(await store.exists(sha256)).toBe(false);
    });

    it('is replaced by the real file when those bytes are added, and what it points at is left alone', async () => {
      const content = bytes('the real evidence');
      const path = join(dataDir, 'evidence', sha(content));
      await mkdir(join(dataDir, 'evidence'), { recursive: true });
      await writeFile(outside, 'not yours', { mode: 0o600 });
      await symlink(outside, path);
      expect(await store.importBytes('real.txt', content)).toMatchObject({ alreadyStored: false });
      expect((await lstat(path)).isFile()).toBe(true);
      expect(await readFile(path, 'utf8')).toBe('the real evidence');
      expect(await readFile(outside, 'utf8')).toBe('not yours');
      expect((await stat(outside)).mode & 0o777).toBe(0o600);
      expect(await store.verify([sha(content)])).toEqual([{ sha256: sha(content), state: 'ok' }]);
    });

    it('a folder under a fingerprint is reported as altered too', async () => {
      const sha256 = sha('folder');
      await mkdir(join(dataDir, 'evidence', sha256), { recursive: true });
      expect(await store.verify([sha256])).toEqual([{ sha256, state: 'altered' }]);
      await expect(store.openCopy({ sha256, name: 'x.pdf' })).rejects.toMatchObject({ code: 'LINK_REFUSED' });
    });
  });

  it(`takes in at most ${MAX_OPEN_UPLOADS} files at once and refuses the next in plain words`, async () => {
    const starts = await Promise.allSettled(
      Array.from({ length: MAX_OPEN_UPLOADS + 4 }, (_, i) =>
        store.start({ name: `file-${i}.pdf`, size: 10 }),
      ),
    );
    const accepted = starts.filter((s) => s.status === 'fulfilled');
    const refused = starts.filter((s) => s.status === 'rejected');
    expect(accepted).toHaveLength(MAX_OPEN_UPLOADS);
    expect(refused).toHaveLength(4);
    expect(toIpcError(refused[0]!.reason)).toEqual({
      code: 'TOO_MANY_FILES',
      message: expect.stringMatching(
        new RegExp(
          `^Redress is already taking in ${MAX_OPEN_UPLOADS} files: wait until they are added, then add “file-\\d+\\.pdf” again\\.$`,
        ),
      ),
    });
    expect((await evidenceFiles()).length).toBe(MAX_OPEN_UPLOADS);
    // Once one is done (here cancelled), the next is taken.
    await store.cancel({ uploadId: accepted[0]!.value.uploadId });
    await expect(store.start({ name: 'next.pdf', size: 10 })).resolves.toMatchObject({
      chunkBytes: EVIDENCE_CHUNK_BYTES,
    });
  });

  it('sweeps temp files older than a day at startup, and keeps fresh ones and everything else', async () => {
    const evidence = join(dataDir, 'evidence');
    await mkdir(evidence, { recursive: true });
    const twoDaysAgo = new Date(Date.now() - 2 * 24 * 60 * 60 * 1000);
    const files = {
      oldUpload: join(evidence, '.upload-0b6a8f2e-4a6e-4c43-9d55-2f1f0d7c1a90.tmp'),
      freshUpload: join(evidence, '.upload-7c3d1e42-1b9f-4f0a-8e7d-5a6b4c3d2e1f.tmp'),
      oldSettings: join(dataDir, '.settings.json.0a1b2c3d4e5f.tmp'),
      freshSettings: join(dataDir, '.settings.json.f5e4d3c2b1a0.tmp'),
      oldLetter: join(dataDir, '.letter-RDR-2026-0042.pdf.abcdef012345.tmp'),
      oldSettingsFile: join(dataDir, 'settings.json'),
      oldStored: join(evidence, sha('kept')),
    };
    for (const path of Object.values(files)) await writeFile(path, 'x');
    for (const key of ['oldUpload', 'oldSettings', 'oldLetter', 'oldSettingsFile', 'oldStored'] as const) {
      await utimes(files[key], twoDaysAgo, twoDaysAgo);
    }
    await createEvidenceStore(dataDir, { maxBytes: async () => 1024 }).swept;
    expect((await readdir(evidence)).sort()).toEqual([basename(files.freshUpload), sha('kept')].sort());
    expect((await readdir(dataDir)).sort()).toEqual(
      ['.settings.json.f5e4d3c2b1a0.tmp', 'evidence', 'settings.json'].sort(),
    );
  });
});

describe('disposing of evidence files (retention, erasure)', () => {
  it('removes the stored files named, counts a file already gone as nothing, and leaves the rest', async () => {
    const a = await store.importBytes('a.txt', bytes('first statement'));
    const b = await store.importBytes('b.txt', bytes('second statement'));
    expect(await store.dispose([a.sha256, a.sha256, sha('never stored')])).toBe(1);
    expect(await store.exists(a.sha256)).toBe(false);
    expect(await store.exists(b.sha256)).toBe(true);
  });

  it('removes the copies opened in a viewer with the file, and leaves those of other files', async () => {
    const a = await store.importBytes('Zoë statement.pdf', bytes('%PDF-1.7 Zoë'));
    const b = await store.importBytes('Ben statement.pdf', bytes('%PDF-1.7 Ben'));
    await store.openCopy({ sha256: a.sha256, name: 'Zoë statement.pdf' });
    await store.openCopy({ sha256: a.sha256, name: 'Zoë statement.pdf' });
    await store.openCopy({ sha256: b.sha256, name: 'Ben statement.pdf' });
    await store.dispose([a.sha256]);
    const left = await readdir(join(dataDir, 'evidence-opened'));
    expect(left).toHaveLength(1);
    expect(left[0]!.startsWith(`${b.sha256}.`)).toBe(true);
    await expect(stat(opened[0]!)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('removes copies opened a day ago or more at the next start, the newer ones kept', async () => {
    const a = await store.importBytes('a.pdf', bytes('%PDF-1.7 a'));
    await store.openCopy({ sha256: a.sha256, name: 'a.pdf' });
    await store.openCopy({ sha256: a.sha256, name: 'a.pdf' });
    const [old, fresh] = opened.map((p) => dirname(p));
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    await utimes(old!, twoDaysAgo, twoDaysAgo);
    const restarted = createEvidenceStore(dataDir, { maxBytes: async () => 1024 });
    await restarted.swept;
    await expect(stat(old!)).rejects.toMatchObject({ code: 'ENOENT' });
    expect((await stat(fresh!)).isDirectory()).toBe(true);
  });

  it('refuses a name that is not a fingerprint, and leaves a link planted under one, and its target, alone', async () => {
    await expect(store.dispose(['../settings.json'])).rejects.toMatchObject({ code: 'VALIDATION' });
    const outside = join(dataDir, 'outside.txt');
    await writeFile(outside, 'not evidence');
    const name = sha('planted');
    await mkdir(join(dataDir, 'evidence'), { recursive: true });
    await symlink(outside, join(dataDir, 'evidence', name));
    expect(await store.dispose([name])).toBe(0);
    expect(await readFile(outside, 'utf8')).toBe('not evidence');
  });
});
