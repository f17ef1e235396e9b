import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEGMENT_BYTES, SUMMARY_SLOT_BYTES } from '../../../../../src-main/services/backup/backup-format';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import {
  OTHER_PASSPHRASE,
  PASSPHRASE,
  addEvidence,
  adminWithPassphrase,
  call,
  databaseExport,
  makeBackup,
  snapshot,
} from './fixtures';

const DAMAGED = { code: 'BACKUP_DAMAGED', message: 'The backup is damaged or the passphrase is wrong.' };

let dataDir: string;
let handlers: Handlers;
let original: Buffer;
let keyHeaderLength: number;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-backup-damage-'));
  handlers = await adminWithPassphrase(dataDir);
  await addEvidence(dataDir, [300, 5000]);
  const summary = await makeBackup(handlers, databaseExport(6000));
  original = await readFile(join(dataDir, 'backups', summary.file));
  keyHeaderLength = original.readUInt32BE(10);
});
afterAll(() => rm(dataDir, { recursive: true, force: true }));

const slotOffset = () => 14 + keyHeaderLength + 4;
const dataStart = () => slotOffset() + SUMMARY_SLOT_BYTES;
const flipped = (at: number) => {
  const copy = Buffer.from(original);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

/** Puts `bytes` in the backup folder as a backup, and checks both verify and restore refuse it, changing nothing. */
async function expectRefused(bytes: Buffer, expected: object = DAMAGED, passphrase?: string) {
  const file = 'tampered.redressbackup';
  await writeFile(join(dataDir, 'backups', file), bytes);
  const before = await snapshot(dataDir);
  await expect(
    call(handlers, 'backup:verify', { file, ...(passphrase ? { passphrase } : {}) }),
  ).rejects.toMatchObject(expected);
  await expect(
    call(handlers, 'backup:restore-open', { file, ...(passphrase ? { passphrase } : {}) }),
  ).rejects.toMatchObject(expected);
  expect(await snapshot(dataDir)).toEqual(before);
  expect(await call(handlers, 'database:active', undefined)).toEqual({ name: 'redress' });
  await rm(join(dataDir, 'backups', file));
}

describe('a backup that was altered', () => {
  it('checks out as it was made', async () => {
    await writeFile(join(dataDir, 'backups', 'intact.redressbackup'), original);
    await expect(call(handlers, 'backup:verify', { file: 'intact.redressbackup' })).resolves.toMatchObject({
      evidenceFiles: 2,
    });
    await rm(join(dataDir, 'backups', 'intact.redressbackup'));
  });

  it('is refused for one flipped byte in the summary the list shows', async () => {
    const text = original.subarray(slotOffset(), slotOffset() + 500).toString('latin1');
    await expectRefused(flipped(slotOffset() + text.indexOf('"cases":3') + 8));
  });

  it('is refused for one flipped byte in the padding of the summary slot', async () => {
    await expectRefused(flipped(dataStart() - 1));
  });

  it('is refused for one flipped byte in the wrapped data key or the salt', async () => {
    const text = original.subarray(0, slotOffset()).toString('latin1');
    await expectRefused(flipped(text.indexOf('"wrappedKey":"') + 20));
    await expectRefused(flipped(text.indexOf('"salt":"') + 10));
  });

  it('is refused for one flipped byte in the data', async () => {
    await expectRefused(flipped(dataStart() + 1000));
    await expectRefused(flipped(dataStart() + SEGMENT_BYTES + 16 + 5));
  });

  it('is refused for one flipped byte in the last tag', async () => {
    await expectRefused(flipped(original.length - 1));
  });

  it('is refused when cut short, even at a segment boundary, or with segments swapped', async () => {
    await expectRefused(original.subarray(0, original.length - 1));
    await expectRefused(original.subarray(0, dataStart() + 2 * (SEGMENT_BYTES + 16)));
    await expectRefused(original.subarray(0, dataStart()));
    const first = original.subarray(dataStart(), dataStart() + SEGMENT_BYTES + 16);
    const second = original.subarray(
      dataStart() + SEGMENT_BYTES + 16,
      dataStart() + 2 * (SEGMENT_BYTES + 16),
    );
    const swapped = Buffer.concat([
      original.subarray(0, dataStart()),
      second,
      first,
      original.subarray(dataStart() + 2 * (SEGMENT_BYTES + 16)),
    ]);
    await expectRefused(swapped);
  });

  it('is refused when its first bytes are not a backup at all', async () => {
    await expectRefused(flipped(0));
  });

  it('cannot be told from a wrong passphrase', async () => {
    await expectRefused(original, DAMAGED, OTHER_PASSPHRASE);
    await writeFile(join(dataDir, 'backups', 'intact.redressbackup'), original);
    await expect(
      call(handlers, 'backup:verify', { file: 'intact.redressbackup', passphrase: PASSPHRASE }),
    ).resolves.toMatchObject({ reason: 'manual' });
    await rm(join(dataDir, 'backups', 'intact.redressbackup'));
  });

  it('names no file outside the backup folder', async () => {
    await expect(call(handlers, 'backup:verify', { file: 'gone.redressbackup' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'That backup is no longer in the backup folder.',
    });
  });
});
