// The fail-closed check reads the built file back with pdf.js: it must find a name in a real PDF
// in the forms a reader would search for, in every script the report prints.
import { describe, expect, it } from 'vitest';
import { resolveFontsDir } from '../../../../../src-main/services/pdf/fonts';
import { buildPdf, refuseLeaks } from '../../../../../src-main/services/pdf/pdf-jobs';
import { pdfText } from '../../../../../src-main/services/pdf/pdf-text';
import { CASE_REPORT_SECTIONS } from '../../../../../src-shared/ipc/channels/reports';
import { fold } from '../../../../../src-shared/reports/fold';
import { leakFixture } from '../../../src-shared/reports/leak-fixture';

const options = { sections: [...CASE_REPORT_SECTIONS], redact: false, includeAudit: true };

describe('reading a built PDF back', { timeout: 60_000 }, () => {
  it('finds the names, numbers and scripts an unredacted report prints', async () => {
    const data = leakFixture();
    const text = fold(
      await pdfText(await buildPdf({ kind: 'case-report', data, options }, resolveFontsDir())),
    );
    for (const planted of [
      'Zoë Đặng',
      'dmitri.volkov@example.net',
      'ZD-4471',
      '王小明',
      'Marcus Bellweather',
    ])
      expect(text).toContain(fold(planted));
  });

  it('stops an export whose built file holds a name, though the definition was checked', async () => {
    const data = leakFixture();
    const bytes = await buildPdf({ kind: 'case-report', data, options }, resolveFontsDir());
    // As if a layout step had put back what the definition no longer said.
    const text = await pdfText(bytes);
    expect(() => refuseLeaks(data, text)).toThrow(/still contains personal data \((name|complainant)/);
  });

  it('passes a redacted copy, which holds none of it', async () => {
    const data = leakFixture();
    const bytes = await buildPdf(
      { kind: 'case-report', data, options: { ...options, redact: true } },
      resolveFontsDir(),
    );
    // Built at all: the check of the file read back found nothing. It reads the file, not nothing:
    const text = await pdfText(bytes);
    expect(fold(text)).toContain('redacted');
    expect(() => refuseLeaks(data, text)).not.toThrow();
  });
});
