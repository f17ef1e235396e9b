// Letters on the office letterhead as PDF. The letter templates feature calls `saveLetterPdf`
// (or `useSaveLetterPdf`) with the merged letter; the letterhead comes from Settings.
import { useCallback } from 'react';
import type { Settings } from '../../../src-shared/domain/settings';
import type { Destination, LetterPdfData, SaveResult } from '../../../src-shared/ipc/channels/reports';
import { api, call } from '../../api/client';
import { useSettings } from '../../app/settings-context';

export interface LetterInput {
  recipient: { name: string; address: string };
  /** ISO instant the letter is dated; now when left out. */
  date?: string;
  /** Usually the case reference. */
  reference: string;
  subject: string;
  /** Plain text; blank lines separate paragraphs. */
  body: string;
  /** The template's own placeholders (templatePlaceholders): main refuses the letter while any is left. */
  placeholders?: readonly string[];
  /** Where to save; the save dialog when left out. */
  destination?: Destination;
}

export function letterPdfData(input: LetterInput, settings: Settings, now = new Date()): LetterPdfData {
  return {
    letterhead: {
      officeName: settings.officeName,
      address: settings.officeAddress,
      footer: settings.letterFooter,
      logoDataUrl: settings.letterLogo,
    },
    locale: settings.locale,
    timeZone: settings.timeZone,
    recipient: input.recipient,
    date: input.date ?? now.toISOString(),
    reference: input.reference,
    subject: input.subject,
    body: input.body,
    placeholders: [...(input.placeholders ?? [])],
  };
}

export function saveLetterPdf(input: LetterInput, settings: Settings): Promise<SaveResult> {
  const destination = input.destination ?? {
    kind: 'ask' as const,
    suggestedName: `${input.reference || 'letter'} ${input.subject}`.trim().slice(0, 120),
  };
  return call(api().letters.pdf({ data: letterPdfData(input, settings), destination }));
}

/** `saveLetterPdf` bound to the current settings. */
export function useSaveLetterPdf(): (input: LetterInput) => Promise<SaveResult> {
  const { settings } = useSettings();
  return useCallback((input: LetterInput) => saveLetterPdf(input, settings), [settings]);
}
