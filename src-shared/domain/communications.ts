// The communications log: every contact with the complainant, in or out. What a contact *is* (its
// letter kind) matters to the regulator: an outbound acknowledgement, holding reply, final response
// or summary resolution communication stamps the case and so meets a deadline (deadlines.ts).
import { escapeRegExp } from '../regexp';
import { z } from 'zod';
import type { Actor } from './case';
import type { TemplateKind } from './default-templates';
import type { ResponseKind, ResponsesSent } from './deadlines';

export const COMM_CHANNELS = ['email', 'letter', 'phone', 'in-person', 'portal', 'other'] as const;
export const DIRECTIONS = ['out', 'in'] as const;

/** What an outbound contact is, for the deadline rules; everything else is 'other'. */
export const LETTER_KINDS = [
  'acknowledgement',
  'holding-reply',
  'final-response',
  'summary-resolution',
  'other',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const CommunicationSchema = z.object({
  direction: z.enum(DIRECTIONS, { error: 'Choose in or out.' }),
  channel: z.enum(COMM_CHANNELS, { error: 'Choose how the contact was made.' }),
  at: z.iso.datetime({ offset: true, error: 'Enter when the contact happened.' }),
  from: z.string().trim().max(300, 'Use at most 300 characters.'),
  to: z.string().trim().max(300, 'Use at most 300 characters.'),
  subject: z.string().trim().min(1, 'Enter a subject.').max(300, 'Use at most 300 characters.'),
  body: z
    .string()
    .trim()
    .min(1, 'Enter a summary or the full text.')
    .max(100_000, 'Use at most 100,000 characters.'),
  /** Absent on contacts logged before letter kinds were recorded: read as 'other'. */
  kind: z.enum(LETTER_KINDS, { error: 'Choose what this contact is.' }).default('other'),
});
export type CommunicationInput = z.input<typeof CommunicationSchema>;

export interface CommunicationRecord extends z.output<typeof CommunicationSchema> {
  id: string;
  caseId: string;
  /** The template (and version) a letter was written from. */
  template: { key: string; version: number; name: string } | null;
  recordedAt: string;
  recordedBy: Actor;
}

/** The letter kind a template writes (the officer may still change it before recording). */
export function letterKindOfTemplate(kind: TemplateKind): LetterKind {
  switch (kind) {
    case 'acknowledgement':
      return 'acknowledgement';
    case 'holding':
      return 'holding-reply';
    case 'final':
      return 'final-response';
    case 'summary-resolution':
      return 'summary-resolution';
    default:
      return 'other';
  }
}

const STAMP_FIELD: Record<ResponseKind, keyof ResponsesSent> = {
  acknowledgement: 'acknowledgedAt',
  'holding-reply': 'holdingReplyAt',
  'final-response': 'finalResponseAt',
  'summary-resolution': 'summaryResolutionAt',
};

/**
 * What recording a contact stamps on the case: an outbound regulated communication sets the time it
 * was first sent (an earlier one logged late moves the stamp back; a later one never moves it on).
 * Inbound contacts and 'other' stamp nothing.
 */
export function responseStamp(
  c: ResponsesSent,
  contact: { direction: 'in' | 'out'; kind: LetterKind; at: string },
): Partial<ResponsesSent> {
  if (contact.direction !== 'out' || contact.kind === 'other') return {};
  const field = STAMP_FIELD[contact.kind];
  const current = c[field];
  return current && current <= contact.at ? {} : { [field]: contact.at };
}

/** How far ahead of this computer's clock a letter's time may be (another desk's clock, a typo of minutes). */
const CLOCK_SLACK_MS = 5 * 60_000;

/**
 * Why a regulated letter's time cannot be right, or null. Its time is the case's stamp, which the
 * deadlines and the returns count from, and a contact is never edited: a letter dated before the
 * complaint was received would count as answered within days, one dated ahead as not yet sent.
 */
export function letterTimeProblem(
  contact: { direction: 'in' | 'out'; kind: LetterKind; at: string },
  receivedAt: string,
  now: Date,
): string | null {
  if (contact.direction !== 'out' || contact.kind === 'other') return null;
  const at = Date.parse(contact.at);
  // The letter's time is typed to the minute: one sent in the minute of receipt is not before it.
  if (at < Math.floor(Date.parse(receivedAt) / 60_000) * 60_000)
    return 'This letter is dated before the complaint was received: check the date and time it was sent.';
  if (at > now.getTime() + CLOCK_SLACK_MS)
    return 'A letter recorded as sent cannot be dated in the future: check the date and time it was sent.';
  return null;
}

// Templates mark what the officer must write in [square brackets] (default-templates.ts). A
// bracketed run up to a line long counts; longer runs are prose, not a placeholder. Only the
// template's own text is searched for them: a merged value (an e-mail's "[EXTERNAL]" subject tag,
// Outlook's "[cid:image001.png@…]") is the complainant's words, never a placeholder to replace.
const PLACEHOLDER = /\[[^[\]\n]{1,200}\]/g;
/** A merge expression ({{…}} or {{{…}}}): what it prints is a case's value, not template text. */
const MERGE_EXPRESSION = /\{\{\{?[^}]*\}?\}\}/g;
/** Where a placeholder holds a merge field ("[Explain to {{complainant.name}} why]"): any value. */
export const MERGED_VALUE = '\uE000';
const LETTER = /\p{L}/u;

/**
 * The placeholders a template's own text holds, each once, in order. A merge field inside one is
 * kept as MERGED_VALUE (it matches whatever the field printed); a bracket holding nothing of the
 * template's own words ("[{{case.reference}}]") is a case value in brackets, not a placeholder.
 */
export function templatePlaceholders(...sources: string[]): string[] {
  const seen = new Set<string>();
  for (const source of sources)
    for (const m of source.replace(MERGE_EXPRESSION, MERGED_VALUE).matchAll(PLACEHOLDER))
      if (LETTER.test(m[0].replaceAll(MERGED_VALUE, ''))) seen.add(m[0]);
  return [...seen];
}

/** A placeholder as a pattern: its merge fields match any text within the brackets. */
const placeholderPattern = (placeholder: string) =>
  new RegExp(placeholder.split(MERGED_VALUE).map(escapeRegExp).join('[^\\]\\n]*'));

/**
 * Which of a template's `placeholders` are still in a letter's text, in the template's order, as the
 * letter shows them (a merge field inside one as its value).
 */
export function placeholdersLeft(placeholders: readonly string[], ...texts: string[]): string[] {
  const left: string[] = [];
  for (const p of placeholders) {
    if (!p.includes(MERGED_VALUE)) {
      if (texts.some((text) => text.includes(p))) left.push(p);
      continue;
    }
    const pattern = placeholderPattern(p);
    const found = texts.map((text) => pattern.exec(text)?.[0]).find((m) => m !== undefined);
    if (found !== undefined) left.push(found);
  }
  return left;
}

/**
 * A letter may be saved (as PDF) or recorded as sent only once every placeholder of the template it
 * was written from is replaced: otherwise "[Explain what happened…]" reaches the complainant. A
 * letter written without a template has none. Null when ready; else the placeholders left and a
 * sentence for the user naming them.
 */
export function letterNotReady(
  subject: string,
  body: string,
  placeholders: readonly string[],
): { placeholders: string[]; message: string } | null {
  const left = placeholdersLeft(placeholders, subject, body);
  if (left.length === 0) return null;
  return {
    placeholders: left,
    message: `Replace the template text in square brackets before the letter is saved or sent: ${left.join(', ')}.`,
  };
}

/** How a letter goes out: by post, by e-mail, read out on the phone, or handed over in person. */
export const LETTER_CHANNELS = ['letter', 'email', 'phone', 'in-person'] as const;
export type LetterChannel = (typeof LETTER_CHANNELS)[number];

/** A letter goes the way the complainant prefers to be contacted, unless the officer chooses otherwise. */
export function letterChannelFor(preferred: 'email' | 'phone' | 'letter' | undefined): LetterChannel {
  return preferred ?? 'letter';
}

/**
 * The checklist items of the acknowledge stage that a letter sent does: the acknowledgement
 * confirms receipt and sets out the next steps and the deadline (the shipped templates say both),
 * so sending it ticks them and the case can move on. Other contacts tick nothing.
 */
export function checklistItemsDoneBy(
  contact: { direction: 'in' | 'out'; kind: LetterKind },
  stage: string,
  ticked: Readonly<Record<string, unknown>>,
): string[] {
  if (contact.direction !== 'out' || contact.kind !== 'acknowledgement' || stage !== 'acknowledge') return [];
  return ['confirm-receipt', 'outline-next-steps'].filter((id) => !(id in ticked));
}
