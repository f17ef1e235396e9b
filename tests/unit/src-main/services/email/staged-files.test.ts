import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailHandlers } from '../../../../../src-main/services/email/handlers';
import { createStagedFiles, STAGED_FILE } from '../../../../../src-main/services/email/staged-files';
import { createEvidenceStore } from '../../../../../src-main/services/evidence/evidence-store';
import { evidenceHandlers } from '../../../../../src-main/services/evidence/handlers';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const EML = readFileSync(join(__dirname, '../../../../fixtures/email/refund-complaint.eml'));
const SESSION_A = '3f1c2a9e-8b7d-4c6e-9f00-112233445566';
const SESSION_B = '7d2e4f60-1a3b-4c5d-8e9f-aabbccddeeff';

let dataDir: string;
let store: ReturnType<typeof createEvidenceStore>;
let now: Date;
const staged = () => createStagedFiles(dataDir, store.dir, () => now);
const put = async (text: string) => (await store.importBytes('file.txt', Buffer.from(text))).sha256;
const present = async (sha256: string) => (await store.verify([sha256]))[0]!.state === 'ok';

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-staged-'));
  store = createEvidenceStore(dataDir, { maxBytes: async () => 1024 * 1024 });
  now = new Date('2026-12-04T09:00:00Z');
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('staged e-mail files', () => {
  it('keeps a staged file once the same bytes are added to a case as evidence, then the intake is left', async () => {
    // A receipt comes in with an e-mail on New complaint (staged), and the officer, before saving,
    // adds the very same scan to another case's Investigation tab. Leaving the intake, or the
    // start-up sweep a day on, must not take that case's evidence away.
    const receipt = Buffer.from('Receipt 0042 — Zoë Đặng, card ending 1234, £49.99');
    const files = staged();
    const stored = await store.importBytes('receipt (1).pdf', receipt);
    await files.stage(SESSION_A, stored.sha256, stored.alreadyStored);
    const evidence = evidenceHandlers(store, (hashes) => files.commit(hashes));
    const { uploadId } = await evidence['evidence:upload-start']({ name: 'scan.pdf', size: receipt.length });
    await evidence['evidence:upload-chunk']({ uploadId, offset: 0, data: receipt.toString('base64') });
    expect(await evidence['evidence:upload-finish']({ uploadId })).toMatchObject({
      sha256: stored.sha256,
      alreadyStored: true,
    });

    expect(await files.discard(SESSION_A)).toBe(0);
    now = new Date('2026-12-06T09:00:00Z');
    expect(await files.sweep()).toBe(0);
    expect(await present(stored.sha256)).toBe(true);
  });

  it('removes only the file the abandoned intake wrote, never one a record already held', async () => {
    // Evidence of a saved case, then the same file and a new one imported by an intake.
    const referenced = await put('statement already on case CMP-2026-000041');
    const orphan = await put('a receipt only this intake brought in');
    const files = staged();
    await files.stage(SESSION_A, referenced, true);
    await files.stage(SESSION_A, orphan, false);

    expect(await files.discard(SESSION_A)).toBe(1);
    expect(await present(referenced)).toBe(true);
    expect(await present(orphan)).toBe(false);
    expect(JSON.parse(await readFile(join(dataDir, STAGED_FILE), 'utf8'))).toEqual({});
  });

  it('keeps what a save committed, and a file another intake still waits on', async () => {
    const saved = await put('kept by the save');
    const shared = await put('imported by two intakes');
    const files = staged();
    await files.stage(SESSION_A, saved, false);
    await files.stage(SESSION_A, shared, false);
    await files.stage(SESSION_B, shared, true);
    await files.commit([saved]);

    expect(await files.discard(SESSION_A)).toBe(0);
    expect(await present(saved)).toBe(true);
    expect(await present(shared)).toBe(true);
    // The second intake left too: now nothing waits on it.
    expect(await files.discard(SESSION_B)).toBe(1);
    expect(await present(shared)).toBe(false);
  });

  it('sweeps at start what was staged over a day ago and never saved, and nothing newer', async () => {
    const old = await put('staged before the app was closed');
    const files = staged();
    await files.stage(SESSION_A, old, false);
    now = new Date('2026-12-04T20:00:00Z');
    const recent = await put('staged this evening');
    await files.stage(SESSION_B, recent, false);

    now = new Date('2026-12-05T10:00:00Z');
    expect(await staged().sweep()).toBe(1);
    expect(await present(old)).toBe(false);
    expect(await present(recent)).toBe(true);
  });

  it('deletes nothing on the word of an unreadable list', async () => {
    const file = await put('evidence');
    await writeFile(join(dataDir, STAGED_FILE), '{"not": "a list"');
    now = new Date('2027-06-01T00:00:00Z');
    expect(await staged().sweep()).toBe(0);
    expect(await present(file)).toBe(true);
  });
});

describe('the e-mail channels and staged files', () => {
  const handlers = () =>
    emailHandlers(store, staged(), {
      exportsDir: join(dataDir, 'exports'),
      letterPdf: async () => Buffer.from('%PDF-1.4\n%%EOF\n'),
    });

  it('an import for New complaint left unsaved leaves nothing behind; a saved one keeps its files', async () => {
    const h = handlers();
    const mail = await h['email:import']({
      name: 'refund-complaint.eml',
      data: EML.toString('base64'),
      session: SESSION_A,
    });
    const all = [mail.original, ...mail.attachments].map((f) => f.sha256);
    expect(await h['email:discard-staged']({ session: SESSION_A })).toEqual({ removed: all.length });
    for (const hash of all) expect(await present(hash)).toBe(false);

    const again = await h['email:import']({
      name: 'refund-complaint.eml',
      data: EML.toString('base64'),
      session: SESSION_B,
    });
    await h['email:commit-staged']({
      sha256s: [again.original.sha256, ...again.attachments.map((a) => a.sha256)],
    });
    expect(await h['email:discard-staged']({ session: SESSION_B })).toEqual({ removed: 0 });
    expect(await present(sha(EML))).toBe(true);
  });

  it('a file attached to a case meanwhile outlives the intake that staged it first', async () => {
    const h = handlers();
    await h['email:import']({
      name: 'refund-complaint.eml',
      data: EML.toString('base64'),
      session: SESSION_A,
    });
    // The same mail recorded in an existing case's communications log (no intake session).
    await h['email:import']({ name: 'refund-complaint.eml', data: EML.toString('base64') });
    expect(await h['email:discard-staged']({ session: SESSION_A })).toEqual({ removed: 0 });
    expect(await present(sha(EML))).toBe(true);
  });
});
