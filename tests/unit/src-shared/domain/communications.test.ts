import { describe, expect, it } from 'vitest';
import {
  CommunicationSchema,
  LETTER_KINDS,
  letterChannelFor,
  letterKindOfTemplate,
  letterNotReady,
  letterTimeProblem,
  templatePlaceholders,
  responseStamp,
  type LetterKind,
} from '../../../../src-shared/domain/communications';
import type { ResponsesSent } from '../../../../src-shared/domain/deadlines';
import { TEMPLATE_KINDS } from '../../../../src-shared/domain/default-templates';

describe('letter kinds', () => {
  it.each([
    ['acknowledgement', 'acknowledgement'],
    ['holding', 'holding-reply'],
    ['final', 'final-response'],
    ['summary-resolution', 'summary-resolution'],
    ['request-info', 'other'],
    ['follow-up', 'other'],
    ['other', 'other'],
  ] as const)('a %s template writes a letter of kind %s', (template, kind) => {
    expect(letterKindOfTemplate(template)).toBe(kind);
  });

  it('maps every template kind, and every letter kind comes from some template', () => {
    expect(TEMPLATE_KINDS.map(letterKindOfTemplate).sort()).toEqual(
      [...LETTER_KINDS, 'other', 'other'].sort(),
    );
  });

  it('reads a contact logged before letter kinds existed as "other", and refuses an unknown kind', () => {
    const contact = {
      direction: 'out',
      channel: 'letter',
      at: '2026-03-02T10:00:00Z',
      from: '',
      to: '',
      subject: 'Your complaint',
      body: 'Text.',
    };
    expect(CommunicationSchema.parse(contact).kind).toBe('other');
    expect(CommunicationSchema.parse({ ...contact, kind: 'holding-reply' }).kind).toBe('holding-reply');
    const refused = CommunicationSchema.safeParse({ ...contact, kind: 'apology' });
    expect(refused.error?.issues[0]).toMatchObject({
      path: ['kind'],
      message: 'Choose what this contact is.',
    });
  });
});

describe('responseStamp', () => {
  const nothing: ResponsesSent = {
    acknowledgedAt: null,
    holdingReplyAt: null,
    finalResponseAt: null,
    summaryResolutionAt: null,
  };
  const AT = '2026-03-10T10:00:00.000Z';
  const EARLIER = '2026-03-09T10:00:00.000Z';
  const LATER = '2026-03-11T10:00:00.000Z';
  const out = (kind: LetterKind, at = AT) => ({ direction: 'out' as const, kind, at });

  it.each([
    ['acknowledgement', { acknowledgedAt: AT }],
    ['holding-reply', { holdingReplyAt: AT }],
    ['final-response', { finalResponseAt: AT }],
    ['summary-resolution', { summaryResolutionAt: AT }],
    ['other', {}],
  ] as const)('an outbound %s on a case with nothing sent stamps %j', (kind, stamp) => {
    expect(responseStamp(nothing, out(kind))).toEqual(stamp);
  });

  it.each(LETTER_KINDS)('an inbound %s stamps nothing', (kind) => {
    expect(responseStamp(nothing, { direction: 'in', kind, at: AT })).toEqual({});
  });

  it.each([
    ['acknowledgement', 'acknowledgedAt'],
    ['holding-reply', 'holdingReplyAt'],
    ['final-response', 'finalResponseAt'],
    ['summary-resolution', 'summaryResolutionAt'],
  ] as const)('the earliest %s wins (%s)', (kind, field) => {
    const sent = { ...nothing, [field]: AT };
    // A later letter of the same kind never moves the stamp on; the same instant changes nothing.
    expect(responseStamp(sent, out(kind, LATER))).toEqual({});
    expect(responseStamp(sent, out(kind, AT))).toEqual({});
    // An earlier one logged late moves it back.
    expect(responseStamp(sent, out(kind, EARLIER))).toEqual({ [field]: EARLIER });
  });

  it('reads absent stamps (records older than them) as nothing sent', () => {
    expect(responseStamp({ acknowledgedAt: null }, out('final-response'))).toEqual({ finalResponseAt: AT });
  });

  it('stamps only its own kind', () => {
    const sent = { ...nothing, acknowledgedAt: LATER, finalResponseAt: EARLIER };
    expect(responseStamp(sent, out('holding-reply'))).toEqual({ holdingReplyAt: AT });
  });
});

describe('placeholders left in a letter', () => {
  it.each([
    ['a template without any', 'Dear {{complainant.name}},\n\nWe have refunded the fee.', []],
    [
      'the final response template',
      'Dear {{complainant.name}},\n\n[Explain what happened, in plain words, and why.]',
      ['[Explain what happened, in plain words, and why.]'],
    ],
    ['each placeholder once, in order', 'By [date]. Send [list] by [date].', ['[date]', '[list]']],
    ['brackets across lines are not one placeholder', 'Costs [a\nb] apply', []],
    ['empty brackets are not a placeholder', 'Tick [] here', []],
    // What a merge field prints is the case's, not the template's: never a placeholder.
    [
      'brackets around a merge field are not one',
      'About [{{case.reference}}] and {{{case.description}}}',
      [],
    ],
    [
      'a placeholder with a merge field in it is one, the field matching any value',
      'Dear {{complainant.name}}, [Explain to {{complainant.name}} why we were late.]',
      ['[Explain to \uE000 why we were late.]'],
    ],
  ])('%s', (_name, template, want) => {
    expect(templatePlaceholders('Subject', template)).toEqual(want);
  });

  it('names every placeholder of the template left, in the subject too, and is null once none is', () => {
    const placeholders = templatePlaceholders('Reply by [date]', 'Please see [reason].');
    expect(letterNotReady('Reply by [date]', 'Please see [reason].', placeholders)).toEqual({
      placeholders: ['[date]', '[reason]'],
      message:
        'Replace the template text in square brackets before the letter is saved or sent: [date], [reason].',
    });
    expect(letterNotReady('Reply by 3 May', 'Please see [reason].', placeholders)?.placeholders).toEqual([
      '[reason]',
    ]);
    expect(letterNotReady('Our final response', 'We have refunded the fee.', placeholders)).toBeNull();
  });

  it('finds a placeholder with a merge field in it whatever the field printed, as the letter shows it', () => {
    const placeholders = templatePlaceholders(
      'Reply',
      'Dear {{name}},\n\n[Explain to {{name}} why (a.k.a. *)]',
    );
    expect(
      letterNotReady('Reply', 'Dear Zoë Ó Briain,\n\n[Explain to Zoë Ó Briain why (a.k.a. *)]', placeholders),
    ).toEqual({
      placeholders: ['[Explain to Zoë Ó Briain why (a.k.a. *)]'],
      message:
        'Replace the template text in square brackets before the letter is saved or sent: [Explain to Zoë Ó Briain why (a.k.a. *)].',
    });
    expect(
      letterNotReady('Reply', 'Dear Zoë,\n\nWe were late because [EXTERNAL] mail was held.', placeholders),
    ).toBeNull();
  });

  it('leaves the complainant’s own square brackets, merged into the letter, alone', () => {
    const template =
      'Dear {{complainant.name}},\n\nYou wrote: {{case.description}}\n\n[Explain what happened.]';
    const placeholders = templatePlaceholders('Your complaint', template);
    const written =
      'Dear Zoë,\n\nYou wrote: [EXTERNAL] Fee charged twice [cid:image001.png@01DA2B3C.4D5E6F70]\n\nThe batch ran twice.';
    expect(letterNotReady('Your complaint', written, placeholders)).toBeNull();
    // A letter written without a template has no placeholders to replace.
    expect(letterNotReady('Note', 'Call back [Tuesday]', [])).toBeNull();
  });
});

describe('the channel a letter goes by', () => {
  it.each([
    ['email', 'email'],
    ['phone', 'phone'],
    ['letter', 'letter'],
  ] as const)('is %s for a complainant who prefers %s', (preferred, channel) => {
    expect(letterChannelFor(preferred)).toBe(channel);
  });
});

describe('a regulated letter’s time', () => {
  const received = '2026-03-02T10:00:00Z';
  const now = new Date('2026-03-09T15:00:00Z');
  const letter = (at: string, kind: LetterKind = 'final-response', direction: 'in' | 'out' = 'out') => ({
    direction,
    kind,
    at,
  });

  it('may fall between the complaint’s receipt and now (a few minutes ahead allowed for another clock)', () => {
    expect(letterTimeProblem(letter('2026-03-02T10:00:00Z'), received, now)).toBeNull();
    // Typed to the minute: the minute of a receipt at 10:00:41 is not before it.
    expect(letterTimeProblem(letter('2026-03-02T10:00:00Z'), '2026-03-02T10:00:41.512Z', now)).toBeNull();
    expect(letterTimeProblem(letter('2026-03-02T09:59:00Z'), '2026-03-02T10:00:41.512Z', now)).toMatch(
      /before/,
    );
    expect(letterTimeProblem(letter('2026-03-09T15:04:00Z'), received, now)).toBeNull();
  });

  it('is refused before the receipt (it would count as answered at once) and in the future', () => {
    expect(letterTimeProblem(letter('2026-02-20T09:00:00Z'), received, now)).toMatch(
      /dated before the complaint was received/,
    );
    expect(letterTimeProblem(letter('2026-03-10T09:00:00+11:00', 'acknowledgement'), received, now)).toMatch(
      /cannot be dated in the future/,
    );
  });

  it('does not bind inbound contacts or contacts that stamp nothing', () => {
    expect(letterTimeProblem(letter('2026-02-20T09:00:00Z', 'other'), received, now)).toBeNull();
    expect(
      letterTimeProblem(letter('2026-02-20T09:00:00Z', 'final-response', 'in'), received, now),
    ).toBeNull();
  });
});
