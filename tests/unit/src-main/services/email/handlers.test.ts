import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailHandlers } from '../../../../../src-main/services/email/handlers';
import { createEvidenceStore } from '../../../../../src-main/services/evidence/evidence-store';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../fixtures/email', name));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let dataDir: string;
let store: ReturnType<typeof createEvidenceStore>;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-email-'));
  store = createEvidenceStore(dataDir, { maxBytes: async () => 1024 * 1024 });
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

describe('email:import', () => {
  it('stores the message and its attachments as evidence and returns their fingerprints', async () => {
    const raw = fixture('refund-complaint.eml');
    const mail = await emailHandlers(store)['email:import']({
      name: 'refund-complaint.eml',
      data: raw.toString('base64'),
    });
    expect(mail.original).toEqual({
      name: 'refund-complaint.eml',
      type: 'message/rfc822',
      size: raw.length,
      sha256: sha(raw),
    });
    expect(mail.attachments.map((a) => a.name)).toEqual(["Zoë's statement.pdf", 'receipt.png']);
    for (const file of [mail.original, ...mail.attachments]) {
      const stored = await readFile(store.pathOf(file.sha256));
      expect(sha(stored)).toBe(file.sha256);
      expect(stored.length).toBe(file.size);
    }
  });

  it('stores nothing when the file is not an e-mail', async () => {
    await expect(
      emailHandlers(store)['email:import']({ name: 'x.msg', data: Buffer.from('hello').toString('base64') }),
    ).rejects.toThrow(/could not be read as an e-mail/);
    expect(await store.verify([sha(Buffer.from('hello'))])).toEqual([
      { sha256: sha(Buffer.from('hello')), state: 'missing' },
    ]);
  });
});
