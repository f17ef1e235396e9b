import { describe, expect, it } from 'vitest';
import { letterPdfData } from '../../../../../src-renderer/features/reports/save-letter-pdf';
import { defaultSettings } from '../../../../../src-shared/domain/settings';
import { LetterPdfDataSchema } from '../../../../../src-shared/ipc/channels/reports';

const LOGO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('letterPdfData', () => {
  it('puts the letter on the letterhead from Settings, dated now unless a date is given', () => {
    const settings = {
      ...defaultSettings(),
      officeName: 'Northern Office',
      officeAddress: '1 High Street',
      letterFooter: 'Registered in England',
      // A 1×1 PNG: a logo is checked by its header's pixel size.
      letterLogo: LOGO,
    };
    const input = {
      recipient: { name: 'Zoë Đặng', address: '12 Rue des Étoiles' },
      reference: 'CMP-2026-000042',
      subject: 'Your complaint',
      body: 'Dear Zoë,\n\nThank you.',
    };
    const data = letterPdfData(input, settings, new Date('2026-04-20T09:00:00Z'));
    expect(LetterPdfDataSchema.safeParse(data).success).toBe(true);
    expect(data.letterhead).toEqual({
      officeName: 'Northern Office',
      address: '1 High Street',
      footer: 'Registered in England',
      logoDataUrl: LOGO,
    });
    expect(data.date).toBe('2026-04-20T09:00:00.000Z');
    expect(letterPdfData({ ...input, date: '2026-05-01T00:00:00.000Z' }, settings).date).toBe(
      '2026-05-01T00:00:00.000Z',
    );
  });
});
