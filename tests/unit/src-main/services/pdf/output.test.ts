import { describe, expect, it } from 'vitest';
import { pdfFileName } from '../../../../../src-main/services/pdf/output';

describe('PDF file names', () => {
  it('gives a PDF name its extension once', () => {
    expect(pdfFileName('CMP-2026-000042 case report')).toBe('CMP-2026-000042 case report.pdf');
    expect(pdfFileName('letter.PDF')).toBe('letter.PDF');
    expect(pdfFileName('')).toBe('document.pdf');
  });
});
