// The PDF service end to end in Node: real fonts, real pdfmake, a real file read back with pdftotext.
import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signedInHandlers } from '../accounts/fixtures';
import { dispatch } from '../../../../../src-main/ipc/dispatch';
import { pdfHandlers } from '../../../../../src-main/services/pdf/handlers';
import { folderDialogs } from '../../../../../src-main/services/pdf/output';
import { fontDirCandidates, resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { CASE_REPORT_SECTIONS, type CaseReportOptions } from '../../../../../src-shared/ipc/channels/reports';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import {
  PERSONAL,
  caseReportFixture,
  emptyCaseReportFixture,
} from '../../../src-shared/reports/case-report-fixture';

const ALL: CaseReportOptions = { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: true };
const text = (file: string) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
const pageCount = (file: string) =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))![1]);

let dir: string;
let handlers: Handlers;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-pdf-'));
  handlers = await signedInHandlers(dir, '0.0.0');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function exportCase(data = caseReportFixture(), options = ALL, name = 'case.pdf') {
  const result = await dispatch(handlers, 'reports:case-pdf', {
    data,
    options,
    destination: { kind: 'ask', suggestedName: name },
  });
  if (!result.ok) throw new Error(result.error.message);
  return result.value as { saved: true; path: string; pages: number };
}

describe('reports:case-pdf', { timeout: 30_000 }, () => {
  it('writes every section, Unicode names, page numbers and the audit hash', async () => {
    const saved = await exportCase();
    expect(saved.path).toBe(join(dir, 'exports', 'case.pdf'));
    const out = text(saved.path);
    for (const title of [
      'Summary',
      'Complainant',
      'The complaint as received',
      'Timeline',
      'Investigation',
      'Evidence',
      'Root cause and finding',
      'Resolution',
      'Approvals and consultations',
      'Communications',
      'Follow-up and satisfaction',
      'Appendix: audit trail',
    ])
      expect(out).toContain(title);
    for (const name of ['Zoë', 'Łukasz', 'Đặng', 'Ngũgĩ', 'Siobhán', 'Wójcik']) expect(out).toContain(name);
    const pages = pageCount(saved.path);
    expect(saved.pages).toBe(pages);
    expect(out).toContain(`Page 1 of ${pages}`);
    expect(out).toContain(`Page ${pages} of ${pages}`);
    expect(out.replace(/\s+/g, '')).toContain(caseReportFixture().latestAuditHash);
    // Evidence hashes are printed in full.
    expect(out.replace(/\s+/g, '')).toContain(caseReportFixture().evidence[0]!.sha256);
  });

  it('answers with the document ID it printed on every page, new for each export', async () => {
    const saved = (await exportCase()) as { path: string; documentId?: string };
    expect(saved.documentId).toMatch(/^DOC-\w{4}-\w{4}-\w{4}$/);
    const pages = text(saved.path)
      .split('\f')
      .filter((p) => p.trim());
    for (const page of pages) expect(page).toContain(`Document ID ${saved.documentId}`);
    const later = caseReportFixture();
    later.context.generatedAt = '2026-04-20T09:05:00.000Z';
    const again = (await exportCase(later)) as { documentId?: string };
    expect(again.documentId).not.toBe(saved.documentId);
  });

  it('says "None recorded" for empty sections instead of leaving them out', async () => {
    const out = text((await exportCase(emptyCaseReportFixture())).path);
    expect(out).toContain('Evidence');
    expect(out.match(/None recorded/g)!.length).toBeGreaterThanOrEqual(10);
  });

  it('breaks a long statement across pages and repeats table headers', async () => {
    const saved = await exportCase(caseReportFixture(6));
    expect(pageCount(saved.path)).toBeGreaterThan(5);
    const out = text(saved.path);
    expect(out).toContain('Paragraph 48.');
    // The audit table header appears on each page it spans.
    expect(out.match(/#\s+When\s+Who\s+What\s+Hash/g)!.length).toBeGreaterThan(1);
  });

  it('redacts every personal datum of the fixture', async () => {
    const out = text((await exportCase(caseReportFixture(), { ...ALL, redact: true })).path);
    const flat = out.replace(/\s+/g, ' ');
    const { address, ...rest } = PERSONAL;
    const data = [
      ...Object.values(rest).flatMap((v) => [v, ...v.split(/\s+/).filter((p) => p.length >= 3)]),
      ...address.split('\n'),
    ];
    for (const datum of data) expect(flat, `"${datum}" must not appear`).not.toContain(datum);
    expect(flat).toContain('CMP-2026-000042');
    expect(flat).toContain('Complainant');
    expect(flat).toContain('Witness 1');
    expect(flat).toContain('Staff member');
    // Hashes survive redaction so the copy can still be checked.
    expect(out.replace(/\s+/g, '')).toContain(caseReportFixture().latestAuditHash);
  });

  it('names a redacted copy so, and says REDACTED in every page header', async () => {
    const saved = await exportCase(caseReportFixture(), { ...ALL, redact: true }, 'CMP-2026-000042.pdf');
    expect(basename(saved.path)).toBe('CMP-2026-000042-redacted.pdf');
    const pages = text(saved.path)
      .split('\f')
      .filter((p) => p.trim());
    for (const page of pages) expect(page.trimStart().split('\n')[0]).toContain('REDACTED');
  });

  it('fails closed on a term the user added at review, and prints a term the user chose to show', async () => {
    const data = caseReportFixture();
    // The office name is printed as is on every page: no rule rewrites it.
    data.context.officeName = 'Larkspur Farm Office';
    data.redaction = { history: [], patterns: [], added: ['Larkspur Farm'] };
    const refused = await dispatch(handlers, 'reports:case-pdf', {
      data,
      options: { ...ALL, redact: true },
      destination: { kind: 'ask', suggestedName: 'added.pdf' },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/still contains personal data \(added\)/);

    const shown = caseReportFixture();
    shown.case.desiredOutcome = 'An apology from the Manchester branch.';
    shown.redaction = { history: [], patterns: [], kept: ['Manchester'] };
    const flat = text((await exportCase(shown, { ...ALL, redact: true })).path).replace(/\s+/g, ' ');
    expect(flat).toContain('Manchester branch');
    expect(flat).not.toContain(PERSONAL.complainant);
  });

  it('refuses an added term too short to redact safely', async () => {
    const data = caseReportFixture();
    data.redaction = { history: [], patterns: [], added: ['ab'] };
    const result = await dispatch(handlers, 'reports:case-pdf', {
      data,
      options: { ...ALL, redact: true },
      destination: { kind: 'ask', suggestedName: 'short.pdf' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('fails closed: a redacted copy that would still hold a personal term is refused and nothing is written', async () => {
    const data = caseReportFixture();
    // A value the field once held, in a place no rule rewrites: the office name on every page.
    data.context.officeName = 'Office of Marguerite Okonkwo';
    data.redaction = {
      history: [{ kind: 'person', value: 'Marguerite Okonkwo', sameAs: '' }],
      patterns: [],
    };
    const result = await dispatch(handlers, 'reports:case-pdf', {
      data,
      options: { ...ALL, redact: true },
      destination: { kind: 'ask', suggestedName: 'leak.pdf' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).toMatch(/still contains personal data \(person\)/);
    expect(await readdir(dir)).not.toContain('leak-redacted.pdf');
  });

  it('leaves out unchosen sections and the audit appendix when asked', async () => {
    const out = text(
      (await exportCase(caseReportFixture(), { sections: ['summary'], redact: false, includeAudit: false }))
        .path,
    );
    expect(out).toContain('1. Summary');
    expect(out).not.toContain('Appendix: audit trail');
    expect(out).not.toContain('Communications');
  });

  it('refuses an oversized case with a clear message before writing anything', async () => {
    const data = caseReportFixture();
    data.investigation.notes = Array.from({ length: 5001 }, () => data.investigation.notes[0]!);
    const result = await dispatch(handlers, 'reports:case-pdf', {
      data,
      options: ALL,
      destination: { kind: 'ask', suggestedName: 'big.pdf' },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    if (!result.ok) expect(result.error.message).toMatch(/At most 5,000 entries/);
  });
});

describe('failures leave no partial file', () => {
  it('reports a missing font clearly and writes nothing', async () => {
    const h = pdfHandlers({ dialogs: folderDialogs(dir), fontsDir: join(dir, 'no-fonts') });
    await expect(
      h['reports:case-pdf']({
        data: caseReportFixture(),
        options: ALL,
        destination: { kind: 'ask', suggestedName: 'x' },
      }),
    ).rejects.toThrow(/font/i);
    const accountFiles = ['accounts.json', 'security-log.jsonl'];
    expect((await readdir(dir)).filter((f) => !accountFiles.includes(f))).toEqual([]);
  });

  it('says which folder cannot be written and leaves no temp file', async () => {
    if (process.getuid?.() === 0) return; // root writes anywhere; the check is meaningless there
    const locked = join(dir, 'locked');
    const h = pdfHandlers({ dialogs: folderDialogs(locked) });
    const folder = await h['reports:choose-folder'](undefined);
    expect(folder?.path).toBe(locked);
    await chmod(locked, 0o500);
    await expect(
      h['reports:case-pdf']({
        data: caseReportFixture(),
        options: ALL,
        destination: { kind: 'folder', folderId: folder!.folderId, fileName: 'a.pdf' },
      }),
    ).rejects.toThrow(/cannot be written/);
    await chmod(locked, 0o700);
    expect(await readdir(locked)).toEqual([]);
  });

  it('refuses a folder id it did not hand out', async () => {
    const h = pdfHandlers({ dialogs: folderDialogs(dir) });
    await expect(
      h['letters:pdf']({
        data: letter(),
        destination: { kind: 'folder', folderId: 'made-up', fileName: 'x.pdf' },
      }),
    ).rejects.toThrow(/Choose the folder again/);
  });

  it('keeps file names inside the chosen folder', async () => {
    const h = pdfHandlers({ dialogs: folderDialogs(dir) });
    const folder = await h['reports:choose-folder'](undefined);
    const saved = await h['letters:pdf']({
      data: letter(),
      destination: { kind: 'folder', folderId: folder!.folderId, fileName: '../../etc/evil' },
    });
    expect(saved).toMatchObject({ saved: true, path: join(dir, 'evil.pdf') });
  });

  it('returns saved: false when the user cancels the save dialog', async () => {
    const h = pdfHandlers({ dialogs: { chooseSaveFile: async () => null, chooseFolder: async () => null } });
    expect(
      await h['letters:pdf']({ data: letter(), destination: { kind: 'ask', suggestedName: 'a.pdf' } }),
    ).toEqual({ saved: false });
    expect(await h['reports:choose-folder'](undefined)).toBeNull();
  });
});

describe('fonts', () => {
  it('finds the bundled fonts from the source tree', () => {
    expect(resolveFontsDir()).toMatch(/resources[/\\]fonts$/);
  });
  it('finds them from the built main bundle (out/main)', () => {
    const root = resolveFontsDir().replace(/[/\\]resources[/\\]fonts$/, '');
    const dir = resolveFontsDir(fontDirCandidates({ here: join(root, 'out', 'main'), cwd: '/nowhere' }));
    expect(dir).toBe(join(root, 'resources', 'fonts'));
  });
  it('looks in the packaged resources folder first', () => {
    expect(fontDirCandidates({ resourcesPath: '/opt/Redress/resources' })[0]).toBe(
      join('/opt/Redress/resources', 'resources', 'fonts'),
    );
  });
});

function letter() {
  return {
    letterhead: {
      officeName: 'Complaints Office',
      address: '1 High Street',
      footer: 'Registered in England',
      logoDataUrl: null,
    },
    locale: 'en-GB',
    timeZone: 'Europe/London',
    recipient: { name: 'Zoë Đặng', address: '12 Rue des Étoiles' },
    date: '2026-04-20T09:00:00.000Z',
    reference: 'CMP-2026-000042',
    subject: 'Your complaint',
    body: 'Dear Zoë,\n\nThank you.',
  };
}

describe('letters:pdf', { timeout: 30_000 }, () => {
  it('writes a letter on the letterhead with a logo', async () => {
    // A 1×1 PNG.
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const result = await dispatch(handlers, 'letters:pdf', {
      data: { ...letter(), letterhead: { ...letter().letterhead, logoDataUrl: png } },
      destination: { kind: 'ask', suggestedName: 'letter' },
    });
    expect(result).toMatchObject({ ok: true, value: { saved: true } });
    const value = (result as { value: { path: string } }).value;
    expect(value.path.endsWith('letter.pdf')).toBe(true);
    const out = text(value.path);
    for (const s of [
      'Complaints Office',
      '1 High Street',
      'Registered in England',
      'Zoë Đặng',
      'Our reference: CMP-2026-000042',
      'Your complaint',
      '20 Apr 2026',
    ])
      expect(out).toContain(s);
  });

  it('refuses a letter that still holds template text in [square brackets], naming it', async () => {
    const result = await dispatch(handlers, 'letters:pdf', {
      data: {
        ...letter(),
        body: 'Dear Zoë,\n\n[Explain what happened, in plain words, and why.]',
        placeholders: ['[Explain what happened, in plain words, and why.]'],
      },
      destination: { kind: 'ask', suggestedName: 'letter' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'VALIDATION',
        field: 'body',
        message: expect.stringContaining('[Explain what happened, in plain words, and why.]'),
      },
    });
  });

  it('refuses a logo that is not a PNG or JPEG data URL', async () => {
    const result = await dispatch(handlers, 'letters:pdf', {
      data: {
        ...letter(),
        letterhead: { ...letter().letterhead, logoDataUrl: 'https://example.org/logo.png' },
      },
      destination: { kind: 'ask', suggestedName: 'letter' },
    });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', field: 'data.letterhead.logoDataUrl' },
    });
  });
});
