import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createBundleService,
  type BundleService,
} from '../../../../../src-main/services/bundle/bundle-service';
import { BUNDLE_MAGIC } from '../../../../../src-main/services/bundle/bundle-format';
import { REVOKED_TRUST } from '../../../../../src-main/services/bundle/bundle-key';
import { createSecurityLog } from '../../../../../src-main/services/accounts/security-log';
import type { BundleCase } from '../../../../../src-shared/domain/bundle';

const EVIDENCE = Buffer.from('Statement of account, March 2026\n');
const EVIDENCE_SHA = createHash('sha256').update(EVIDENCE).digest('hex');

const aCase = (id: string, reference: string): BundleCase => ({
  case: { id, reference, status: 'investigating', complainant: { name: 'Ngũgĩ Wanjiru' } },
  rows: {
    evidence: [
      { id: `${id}-e1`, caseId: id, name: 'statement.txt', sha256: EVIDENCE_SHA, size: EVIDENCE.length },
    ],
    notes: [{ id: `${id}-n1`, caseId: id, text: 'Called the branch.' }],
  },
  audit: [{ seq: 4, at: '2026-11-02T10:00:00.000Z', action: 'create', entity: 'case', caseId: id }],
});

let dirs: string[] = [];
async function office(name: string, person = 'Ada Officer') {
  const dataDir = await mkdtemp(join(tmpdir(), 'redress-bundle-'));
  dirs.push(dataDir);
  const service = createBundleService({
    dataDir,
    appVersion: '1.0.0',
    office: async () => name,
    actor: () => ({ id: `id-${person}`, name: person }),
    isAdministrator: () => administrator,
    log: createSecurityLog(dataDir),
    saveFile: async (suggested) => join(dataDir, 'out', suggested),
    now: () => new Date('2026-12-01T09:00:00.000Z'),
  });
  return { dataDir, service };
}

/** Sends a file's bytes in two chunks, as the renderer does, and checks it. */
async function open(service: BundleService, bytes: Buffer) {
  const { uploadId } = service.start({ name: 'x.redressbundle', size: bytes.length });
  const half = Math.floor(bytes.length / 2);
  service.chunk({ uploadId, offset: 0, data: bytes.subarray(0, half) });
  service.chunk({ uploadId, offset: half, data: bytes.subarray(half) });
  return service.finish(uploadId);
}

/** Whether the person signed in at either office is an administrator. */
let administrator = false;
let sender: Awaited<ReturnType<typeof office>>;
let receiver: Awaited<ReturnType<typeof office>>;
let bundle: Buffer;

beforeEach(async () => {
  administrator = false;
  sender = await office('North Office', 'Ada Officer');
  receiver = await office('South Office', 'Ben Manager');
  await mkdir(join(sender.dataDir, 'evidence'), { recursive: true });
  await writeFile(join(sender.dataDir, 'evidence', EVIDENCE_SHA), EVIDENCE);
  const result = await sender.service.exportCases([aCase('c-1', '2026-0001')]);
  expect(result).toMatchObject({ file: 'case 2026-0001.redressbundle', evidenceFiles: 1 });
  bundle = await readFile(join(sender.dataDir, 'out', result.file));
});
afterEach(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  dirs = [];
});

/** The offset of the first occurrence of `text` in the bundle. */
const offsetOf = (text: string | Buffer) => {
  const at = bundle.indexOf(text);
  expect(at).toBeGreaterThan(0);
  return at;
};
const flipped = (at: number) => {
  const copy = Buffer.from(bundle);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
};

describe('case bundles between two data folders', () => {
  it('round-trips: the sender is shown, the key trusted once, the cases and evidence taken in', async () => {
    const senderKey = await sender.service.identity();
    const summary = await open(receiver.service, bundle);
    expect(summary).toMatchObject({
      office: 'North Office',
      signer: 'Ada Officer',
      fingerprint: senderKey.fingerprint,
      trusted: false,
      cases: [{ id: 'c-1', reference: '2026-0001' }],
      evidenceFiles: 1,
    });
    expect(senderKey.fingerprint).toMatch(/^([0-9a-f]{4} ){15}[0-9a-f]{4}$/);
    await expect(receiver.service.read(summary.importId)).rejects.toThrow(/does not trust yet/);

    expect((await receiver.service.trust(summary.importId)).trusted).toBe(true);
    const { cases } = await receiver.service.read(summary.importId);
    expect(cases).toEqual([aCase('c-1', '2026-0001')]);
    expect(await receiver.service.accept(summary.importId, [{ id: 'c-1', reference: '2026-0001' }])).toEqual({
      evidenceStored: 1,
    });
    expect(await readFile(join(receiver.dataDir, 'evidence', EVIDENCE_SHA))).toEqual(EVIDENCE);
    // Kept read-only, as the store keeps the files it takes in itself.
    expect((await stat(join(receiver.dataDir, 'evidence', EVIDENCE_SHA))).mode & 0o222).toBe(0);
    expect(await receiver.service.senderHistory('c-1')).toMatchObject({
      office: 'North Office',
      originalReference: '2026-0001',
      audit: [{ seq: 4, action: 'create' }],
    });
    expect(await receiver.service.senderHistory('c-2')).toBeNull();

    // Remembered: the next bundle from the same office is trusted at once.
    expect((await open(receiver.service, bundle)).trusted).toBe(true);
  });

  it('carries an anonymised case, whose erased evidence has no file, with the files of another', async () => {
    const anonymised = aCase('c-7', '2026-0007');
    anonymised.rows.evidence = [{ id: 'c-7-e1', caseId: 'c-7', name: 'Anonymised', sha256: '', size: 12 }];
    const result = await sender.service.exportCases([anonymised, aCase('c-8', '2026-0008')]);
    expect(result.evidenceFiles).toBe(1);
    const summary = await open(receiver.service, await readFile(join(sender.dataDir, 'out', result.file)));
    await receiver.service.trust(summary.importId);
    expect((await receiver.service.read(summary.importId)).cases[0]).toEqual(anonymised);
    const taken = [
      { id: 'c-7', reference: '2026-0007' },
      { id: 'c-8', reference: '2026-0008' },
    ];
    expect(await receiver.service.accept(summary.importId, taken)).toEqual({ evidenceStored: 1 });
  });

  it('opens a bundle whose evidence file has the longest name a file may have', async () => {
    const long = `${'Kontoauszug März 2026 – Überweisung '.repeat(7).slice(0, 250)}.pdf`;
    const c = aCase('c-9', 'CMP-2026-DDESK0001-0001');
    c.rows.evidence![0]!['name'] = long;
    const file = (await sender.service.exportCases([c])).file;
    const summary = await open(receiver.service, await readFile(join(sender.dataDir, 'out', file)));
    expect(summary).toMatchObject({ cases: [{ id: 'c-9' }], evidenceFiles: 1 });
  });

  it('refuses a bundle whose case carries a record of another case (it would be written into that case)', async () => {
    const c = aCase('c-7', '2026-0007');
    c.rows.evidence![0]!['caseId'] = 'c-1';
    const file = (await sender.service.exportCases([c])).file;
    await expect(open(receiver.service, await readFile(join(sender.dataDir, 'out', file)))).rejects.toThrow(
      /holds records of another case, so the bundle was not opened/,
    );
  });

  it('trusts its own office’s bundles without asking', async () => {
    expect((await open(sender.service, bundle)).trusted).toBe(true);
  });

  it('refuses a flipped byte in a case record, naming the part', async () => {
    const at = offsetOf('Called the branch.');
    await expect(open(receiver.service, flipped(at))).rejects.toMatchObject({
      code: 'BUNDLE_REFUSED',
      message: expect.stringContaining('the record of case 2026-0001') as string,
    });
  });

  it('refuses a flipped byte in an evidence file, naming the file', async () => {
    const at = bundle.lastIndexOf(EVIDENCE);
    await expect(open(receiver.service, flipped(at + 3))).rejects.toMatchObject({
      code: 'BUNDLE_REFUSED',
      message: expect.stringContaining('evidence file “statement.txt” of case 2026-0001') as string,
    });
  });

  it('refuses a flipped byte in the manifest', async () => {
    const at = offsetOf('North Office');
    await expect(open(receiver.service, flipped(at))).rejects.toMatchObject({
      code: 'BUNDLE_REFUSED',
      message: expect.stringMatching(/manifest does not match its signature/) as string,
    });
  });

  it('refuses a bundle re-signed with another key under the first office’s name', async () => {
    // A forger with their own key copies the office name: the fingerprint is theirs, not trusted.
    const forger = await office('North Office', 'Ada Officer');
    await mkdir(join(forger.dataDir, 'evidence'), { recursive: true });
    await writeFile(join(forger.dataDir, 'evidence', EVIDENCE_SHA), EVIDENCE);
    const first = await open(receiver.service, bundle);
    await receiver.service.trust(first.importId);
    const { file } = await forger.service.exportCases([aCase('c-1', '2026-0001')]);
    const forged = await open(receiver.service, await readFile(join(forger.dataDir, 'out', file)));
    expect(forged.trusted).toBe(false);
    expect(forged.fingerprint).not.toBe(first.fingerprint);
    await expect(receiver.service.read(forged.importId)).rejects.toMatchObject({ code: 'BUNDLE_REFUSED' });
  });

  it('refuses a bundle whose signature was made by another key than the one it names', async () => {
    const other = await office('Elsewhere');
    const otherKey = (await other.service.identity()).fingerprint;
    expect(otherKey).not.toBe((await sender.service.identity()).fingerprint);
    // The signature sits right after the manifest: flip one of its bytes.
    const manifestEnd = bundle.indexOf('}]}', BUNDLE_MAGIC.length) + 3;
    await expect(open(receiver.service, flipped(manifestEnd + 2 + 10))).rejects.toMatchObject({
      message: expect.stringMatching(/signature/) as string,
    });
  });

  it.each([
    ['cut in the middle of the parts', (b: Buffer) => b.subarray(0, b.length - 5), /incomplete/],
    ['cut inside the manifest', (b: Buffer) => b.subarray(0, 40), /incomplete/],
    [
      'with bytes added at the end',
      (b: Buffer) => Buffer.concat([b, Buffer.from('x')]),
      /after its last part/,
    ],
    ['another kind of file', () => Buffer.from('%PDF-1.7 not a bundle'), /not a Redress case bundle/],
    [
      'a newer format',
      (b: Buffer) => {
        const copy = Buffer.from(b);
        copy.writeUInt16BE(2, BUNDLE_MAGIC.length);
        return copy;
      },
      /format 2, which this version of Redress cannot read/,
    ],
  ])('refuses a file %s', async (_, change, message) => {
    await expect(open(receiver.service, change(bundle))).rejects.toMatchObject({
      code: 'BUNDLE_REFUSED',
      message: expect.stringMatching(message) as string,
    });
  });

  it('keeps the private key in the data folder, readable only by this account', async () => {
    const { fingerprint } = await sender.service.identity();
    const again = createBundleService({
      dataDir: sender.dataDir,
      appVersion: '1.0.0',
      office: async () => 'North Office',
      actor: () => null,
      log: createSecurityLog(sender.dataDir),
      saveFile: async () => null,
    });
    expect((await again.identity()).fingerprint).toBe(fingerprint);
    const { stat } = await import('node:fs/promises');
    expect((await stat(join(sender.dataDir, 'bundle-signing-key.json'))).mode & 0o777).toBe(0o600);
  });

  it('lists the offices trusted here, and revokes one: its bundles are refused until trusted again, and both are in the security log', async () => {
    const first = await open(receiver.service, bundle);
    await receiver.service.trust(first.importId);
    // Trusting again changes nothing and logs nothing.
    await receiver.service.trust(first.importId);
    const { offices } = await receiver.service.trustedOffices();
    expect(offices).toEqual([
      {
        fingerprint: first.fingerprint,
        office: 'North Office',
        trustedAt: '2026-12-01T09:00:00.000Z',
        trustedBy: 'Ben Manager',
      },
    ]);

    expect(await receiver.service.revoke(first.fingerprint)).toEqual({ revoked: offices[0] });
    expect((await receiver.service.trustedOffices()).offices).toEqual([]);
    const again = await open(receiver.service, bundle);
    expect(again.trusted).toBe(false);
    await expect(receiver.service.read(again.importId)).rejects.toMatchObject({ code: 'BUNDLE_REFUSED' });
    await expect(receiver.service.revoke(first.fingerprint)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // Whoever opens its next bundle cannot undo the revocation; an administrator can.
    await expect(receiver.service.trust(again.importId)).rejects.toThrow(REVOKED_TRUST('North Office'));
    expect((await receiver.service.trustedOffices()).offices).toEqual([]);
    administrator = true;
    expect((await receiver.service.trust(again.importId)).trusted).toBe(true);
    await receiver.service.revoke(first.fingerprint);

    const log = (await readFile(join(receiver.dataDir, 'security-log.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const entry = (event: string) => ({
      time: '2026-12-01T09:00:00.000Z',
      event,
      actor: { id: 'id-Ben Manager', name: 'Ben Manager' },
      subject: null,
      detail: `North Office (key fingerprint ${first.fingerprint})`,
    });
    const both = [entry('bundle-sender-trusted'), entry('bundle-sender-revoked')];
    expect(log).toEqual([...both, ...both]);
  });
});
