import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emailHandlers } from '../../../../../src-main/services/email/handlers';
import { createStagedFiles } from '../../../../../src-main/services/email/staged-files';
import { createEvidenceStore } from '../../../../../src-main/services/evidence/evidence-store';
import { ImportedEmailSchema } from '../../../../../src-shared/ipc/channels/email';
import type { LetterPdfData } from '../../../../../src-shared/ipc/channels/reports';
import PostalMime from 'postal-mime';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../../fixtures/email', name));
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

let dataDir: string;
let store: ReturnType<typeof createEvidenceStore>;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-email-'));
  store = createEvidenceStore(dataDir, { maxBytes: async () => 1024 * 1024 });
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

const PDF = Buffer.from('%PDF-1.4\n% a letter\n%%EOF\n');
const handlers = (sender: { name: string; address: string } | null = null) =>
  emailHandlers(store, createStagedFiles(dataDir, store.dir), {
    exportsDir: join(dataDir, 'exports'),
    letterPdf: async () => PDF,
    sender: async () => sender,
    now: () => new Date('2026-12-03T19:00:00Z'),
  });
const letter = (over: Partial<LetterPdfData> = {}): LetterPdfData => ({
  letterhead: { officeName: 'Complaints Office', address: '1 High St', footer: '', logoDataUrl: null },
  locale: 'en-GB',
  timeZone: 'Europe/London',
  recipient: { name: 'Zoë Ångström', address: '' },
  date: '2026-12-03T19:00:00.000Z',
  reference: 'CMP-2026-000001',
  subject: 'Our final response – CMP-2026-000001',
  body: 'Dear Zoë,\n\nWe have refunded £240.00.\n\nYours sincerely',
  ...over,
});

describe('email:import', () => {
  it('stores the message and its attachments as evidence and returns their fingerprints', async () => {
    const raw = fixture('refund-complaint.eml');
    const mail = await handlers()['email:import']({
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

  it('names the attachments it could not store, in an answer the contract accepts', async () => {
    const raw = fixture('damaged-attachment.msg');
    const mail = ImportedEmailSchema.parse(
      await handlers()['email:import']({ name: 'damaged-attachment.msg', data: raw.toString('base64') }),
    );
    expect(mail.attachments.map((a) => a.name)).toEqual(['Microsoft Outlook テスト メッセージ.msg']);
    expect(mail.leftOut).toEqual([{ name: 'green.png', reason: 'unreadable' }]);
    const whole = await handlers()['email:import']({
      name: 'refund-complaint.eml',
      data: fixture('refund-complaint.eml').toString('base64'),
    });
    expect(whole.leftOut).toEqual([]);
  });

  it('imports an e-mail one of whose attachments is damaged, storing the message and the others', async () => {
    // The photo's storage is damaged (make-msg.ts): the e-mail was refused whole for it.
    const raw = fixture('damaged-attachment-properties.msg');
    const mail = ImportedEmailSchema.parse(
      await handlers()['email:import']({
        name: 'damaged-attachment-properties.msg',
        data: raw.toString('base64'),
      }),
    );
    expect(mail).toMatchObject({
      fromName: 'Đặng Văn Minh',
      fromAddress: 'dang.minh@example.net',
      subject: 'Card blocked abroad – no help from the branch',
      original: { name: 'damaged-attachment-properties.msg', size: raw.length, sha256: sha(raw) },
    });
    expect(mail.text).toContain('I paid €86.40 in fees');
    expect(mail.attachments.map((a) => [a.name, a.type])).toEqual([
      ['Fees statement – Lisbon.pdf', 'application/pdf'],
    ]);
    const pdf = await readFile(store.pathOf(mail.attachments[0]!.sha256));
    expect(pdf.toString('latin1')).toMatch(/^%PDF-1\.4\n[^]*%%EOF\n$/);
    expect(mail.leftOut).toEqual([{ name: 'ATM receipt.jpg', reason: 'unreadable' }]);
  });

  it('stores nothing when the file is not an e-mail', async () => {
    await expect(
      handlers()['email:import']({ name: 'x.msg', data: Buffer.from('hello').toString('base64') }),
    ).rejects.toThrow(/could not be read as an e-mail/);
    expect(await store.verify([sha(Buffer.from('hello'))])).toEqual([
      { sha256: sha(Buffer.from('hello')), state: 'missing' },
    ]);
  });
});

describe('email:save-letter', () => {
  it('writes an unsent e-mail to the complainant with the letter as text and its PDF attached', async () => {
    const saved = await handlers()['email:save-letter']({
      data: letter(),
      to: 'zoe.angstrom@example.org',
      fileName: 'CMP-2026-000001 Final response',
    });
    expect(saved.path).toBe(join(dataDir, 'exports', 'CMP-2026-000001 Final response.eml'));
    const mail = await PostalMime.parse(await readFile(saved.path));
    expect(mail.to).toEqual([{ name: 'Zoë Ångström', address: 'zoe.angstrom@example.org' }]);
    // The encoded name is not quoted (RFC 2047 §5), or strict mail programs show it raw.
    const raw = await readFile(saved.path, 'utf8');
    expect(raw).toMatch(/^To: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <zoe\.angstrom@example\.org>\r$/m);
    expect(mail.subject).toBe('Our final response – CMP-2026-000001');
    expect(mail.date).toBe('2026-12-03T19:00:00.000Z');
    expect(mail.text?.replace(/\r\n/g, '\n').trim()).toBe(
      'Dear Zoë,\n\nWe have refunded £240.00.\n\nYours sincerely',
    );
    expect(mail.headers.find((h) => h.key === 'x-unsent')?.value).toBe('1');
    // No complaints mailbox in Settings: the mail program sends it from its own account.
    expect(mail.from).toBeUndefined();
    expect(mail.attachments).toHaveLength(1);
    expect(mail.attachments[0]).toMatchObject({
      filename: 'CMP-2026-000001 Final response.pdf',
      mimeType: 'application/pdf',
    });
    expect(Buffer.from(mail.attachments[0]!.content as ArrayBuffer).equals(PDF)).toBe(true);
  });

  it("is from the office's complaints mailbox when Settings names one", async () => {
    const saved = await handlers({
      name: 'Société Générale – Réclamations',
      address: 'complaints@bank.example',
    })['email:save-letter']({ data: letter(), to: 'zoe@example.org', fileName: 'Letter' });
    const mail = await PostalMime.parse(await readFile(saved.path));
    expect(mail.from).toEqual({
      name: 'Société Générale – Réclamations',
      address: 'complaints@bank.example',
    });
  });

  it('never replaces an earlier file of the same name', async () => {
    const save = () =>
      handlers()['email:save-letter']({ data: letter(), to: 'zoe@example.org', fileName: 'Letter' });
    const [a, b] = [await save(), await save()];
    expect([a.path, b.path]).toEqual([
      join(dataDir, 'exports', 'Letter.eml'),
      join(dataDir, 'exports', 'Letter (2).eml'),
    ]);
    expect((await readdir(join(dataDir, 'exports'))).sort()).toEqual(['Letter (2).eml', 'Letter.eml']);
  });

  it('refuses a letter with template text still in square brackets', async () => {
    await expect(
      handlers()['email:save-letter']({
        data: letter({
          body: 'We found [explain what happened].',
          placeholders: ['[explain what happened]'],
        }),
        to: 'zoe@example.org',
        fileName: 'Letter',
      }),
    ).rejects.toThrow(/square brackets/);
    // Brackets that are not the template's (the complainant's own, merged in) do not hold it back.
    await handlers()['email:save-letter']({
      data: letter({
        body: 'You wrote: [EXTERNAL] charged twice.',
        placeholders: ['[explain what happened]'],
      }),
      to: 'zoe@example.org',
      fileName: 'Quoted',
    });
  });
});
