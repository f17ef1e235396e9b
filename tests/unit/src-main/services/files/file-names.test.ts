import { describe, expect, it } from 'vitest';
import { safeFileName } from '../../../../../src-main/services/files/file-names';
import { pdfFileName } from '../../../../../src-main/services/pdf/output';

describe('safe file names (evidence copies, PDFs)', () => {
  it('keeps a name inside its folder and free of characters a file system refuses', () => {
    expect(safeFileName('../../evil:name?.txt', 'evidence')).toBe('evil_name_.txt');
    expect(safeFileName('C:\\Users\\x\\report<1>.pdf', 'document')).toBe('report_1_.pdf');
    expect(safeFileName('line\nbreak\u0007.txt', 'evidence')).toBe('line_break_.txt');
    expect(safeFileName('...hidden', 'evidence')).toBe('hidden');
    expect(safeFileName('Zoë Đặng – statement.pdf', 'evidence')).toBe('Zoë Đặng – statement.pdf');
  });

  it('falls back when nothing usable is left, and caps the length', () => {
    expect(safeFileName('   ', 'evidence')).toBe('evidence');
    expect(safeFileName('x'.repeat(400), 'evidence')).toHaveLength(150);
  });

  it('gives a PDF name its extension once', () => {
    expect(pdfFileName('CMP-2026-000042 case report')).toBe('CMP-2026-000042 case report.pdf');
    expect(pdfFileName('letter.PDF')).toBe('letter.PDF');
    expect(pdfFileName('')).toBe('document.pdf');
  });
});
