import { describe, expect, it } from 'vitest';
import {
  extensionOf,
  safeFileName,
  VIEWER_EXTENSIONS,
  viewerCopy,
} from '../../../../src-shared/domain/file-names';

describe('safe file names (evidence copies, PDFs)', () => {
  it('keeps a name inside its folder and free of characters a file system refuses', () => {
    expect(safeFileName('../../evil:name?.txt', 'evidence')).toBe('evil_name_.txt');
    expect(safeFileName('C:\\Users\\x\\report<1>.pdf', 'document')).toBe('report_1_.pdf');
    expect(safeFileName('line\nbreak\u0007.txt', 'evidence')).toBe('line_break_.txt');
    expect(safeFileName('...hidden', 'evidence')).toBe('hidden');
    expect(safeFileName('Zoë Đặng – statement.pdf', 'evidence')).toBe('Zoë Đặng – statement.pdf');
  });

  it('drops what Windows would drop or refuse: trailing dots and spaces, device names', () => {
    expect(safeFileName('evil.exe. . ', 'evidence')).toBe('evil.exe');
    expect(safeFileName('CON.txt', 'evidence')).toBe('_CON.txt');
    expect(safeFileName('nul', 'evidence')).toBe('_nul');
    expect(safeFileName('console.txt', 'evidence')).toBe('console.txt');
  });

  it('shows a name in its real order, without bidirectional controls', () => {
    expect(safeFileName('invoice\u202Efdp.exe', 'evidence')).toBe('invoicefdp.exe');
    expect(safeFileName('\u2067report\u2069.pdf', 'evidence')).toBe('report.pdf');
  });

  it('falls back when nothing usable is left, and caps the length keeping the extension', () => {
    expect(safeFileName('   ', 'evidence')).toBe('evidence');
    expect(safeFileName('folder/', 'evidence')).toBe('folder');
    expect(safeFileName('x'.repeat(400), 'evidence')).toHaveLength(150);
    const long = safeFileName(`${'x'.repeat(400)}.pdf`, 'evidence');
    expect(long).toHaveLength(150);
    expect(long.endsWith('x.pdf')).toBe(true);
    // A surrogate pair is never cut in half.
    expect(safeFileName(`${'x'.repeat(145)}😀😀😀.pdf`, 'evidence')).toBe(`${'x'.repeat(145)}.pdf`);
  });

  it.each([
    ['letter.pdf', 'pdf'],
    ['Scan.JPEG', 'jpeg'],
    ['archive.tar.gz', 'gz'],
    ['.bashrc', ''],
    ['README', ''],
  ])('the extension of %s is “%s”', (name, ext) => {
    expect(extensionOf(name)).toBe(ext);
  });
});

describe('which evidence files are handed to the system viewer', () => {
  it.each([
    ['Letter from Zoë.pdf', 'Letter from Zoë.pdf'],
    ['SCAN 0001.PDF', 'SCAN 0001.PDF'],
    ['photo of receipt.jpeg', 'photo of receipt.jpeg'],
    ['call 2026-03-04.mp3', 'call 2026-03-04.mp3'],
    ['statement.docx', 'statement.docx'],
    ['complaint.eml', 'complaint.eml'],
    ['figures.csv', 'figures.csv'],
    // Trailing dots and spaces are dropped, as Windows would: the copy ends in what was checked.
    ['letter.pdf.', 'letter.pdf'],
    ['letter.pdf ', 'letter.pdf'],
    // The real extension is pdf: the override only changed how the name read.
    ['invoice\u202Eexe.pdf', 'invoiceexe.pdf'],
    // Very long: the stem is cut, the extension kept.
    [`${'a'.repeat(300)}.pdf`, `${'a'.repeat(146)}.pdf`],
    // A hidden .exe in the middle is cut away with the stem; the copy is still a PDF.
    [`${'a'.repeat(146)}.exe.pdf`, `${'a'.repeat(146)}.pdf`],
  ])('opens %j as %j', (name, fileName) => {
    expect(viewerCopy(name)).toEqual({ ok: true, fileName });
  });

  it.each([
    'invoice.pdf.exe',
    'x.bat',
    'x.cmd',
    'x.com',
    'x.scr',
    'x.pif',
    'x.hta',
    'x.lnk',
    'x.js',
    'x.jse',
    'x.vbs',
    'x.vbe',
    'x.wsf',
    'x.wsh',
    'x.msi',
    'x.msp',
    'x.ps1',
    'x.psm1',
    'x.reg',
    'x.jar',
    'x.app',
    'x.command',
    'x.desktop',
    'x.sh',
    'x.bash',
    'x.run',
    'x.AppImage',
    'x.deb',
    'x.rpm',
    'x.dmg',
    'x.pkg',
    'page.html',
    'page.htm',
    'drawing.svg',
    'page.xhtml',
    'macros.docm',
    'old.doc',
    'letter.rtf',
    // no extension at all, or only a dot-file
    'README',
    '.bashrc',
    // upper case is the same type
    'EVIL.EXE',
    'Invoice.PDF.Exe',
    // Windows drops trailing dots and spaces, so these would run as .exe
    'evil.exe.',
    'evil.exe ',
    'evil.exe . .',
    // shown as “invoiceexe.pdf”, really an .exe
    'invoice\u202Efdp.exe',
    'invoice\u2067fdp.exe',
    // a NUL cuts a name short in C: “invoice.exe”
    'invoice.exe\u0000.pdf',
    'invoice.pdf\u0000',
    'report\n.pdf',
    // an NTFS stream, a path
    'file.txt:evil.exe',
    'C:\\Users\\x\\Downloads\\setup.exe',
    '../../bin/tool.sh',
    // very long: whatever the middle says, the end decides
    `${'a'.repeat(300)}.exe`,
    `${'a'.repeat(146)}.pdf.exe`,
    `report.${'x'.repeat(200)}`,
  ])('refuses %j, saying why in plain words', (name) => {
    const result = viewerCopy(name);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(
      /^Redress does not open this kind of file, because it could run a program: “/,
    );
    expect(result.message).toContain('security software');
    // What the user reads is in its real order, with nothing invisible in it.
    expect(result.message).not.toMatch(/[\u202A-\u202E\u2066-\u2069\p{Cc}]/u);
  });

  it('shows the refused name as it really is', () => {
    expect(viewerCopy('invoice\u202Efdp.exe')).toMatchObject({
      message: expect.stringContaining('“invoicefdp.exe”'),
    });
  });

  it('opens no type that a browser or a shell would run', () => {
    for (const ext of ['html', 'htm', 'svg', 'xhtml', 'xml', 'js', 'exe', 'sh', 'lnk', 'url', 'desktop']) {
      expect(VIEWER_EXTENSIONS.has(ext)).toBe(false);
    }
  });
});
