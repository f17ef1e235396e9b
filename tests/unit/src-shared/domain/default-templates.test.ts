// Every shipped letter, rendered for a case under every regime (and both of the office's
// Ombudsman consent choices), read the way the complainant will read it.
import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import {
  DEFAULT_TEMPLATES,
  defaultTemplateStanding,
  wordingFingerprint,
  type DefaultTemplate,
  type StoredTemplateVersion,
} from '../../../../src-shared/domain/default-templates';
import {
  createBusinessCalendar,
  REGIME_IDS,
  regulatoryDeadlines,
  type RegimeId,
} from '../../../../src-shared/domain/deadlines';
import { emptyFieldsUsed, mergeContextFor, renderTemplate } from '../../../../src-shared/domain/templates';

const OFFICES = {
  uk: { country: 'GB', region: 'ENG', timeZone: 'Europe/London', locale: 'en-GB' },
  au: { country: 'AU', region: 'NSW', timeZone: 'Australia/Sydney', locale: 'en-AU' },
  us: { country: 'US', region: '', timeZone: 'America/New_York', locale: 'en-US' },
} as const;
const officeFor = (regime: RegimeId) =>
  regime.startsWith('au-') ? OFFICES.au : regime === 'us-cfpb' ? OFFICES.us : OFFICES.uk;

const RECEIVED = '2026-03-02T10:00:00.000Z'; // a Monday, a month before Easter

function letter(key: string, regime: RegimeId, consentsToLateReferral = false) {
  const office = officeFor(regime);
  const calendar = createBusinessCalendar(office);
  const deadlines = regulatoryDeadlines(RECEIVED, regime, calendar, {
    acknowledge: { amount: 1, unit: 'business-days' },
    final: { amount: 30, unit: 'calendar-days' },
  });
  const record = {
    complainant: { name: 'Zoë Adams', email: 'zoe@example.com', address: '1 High Street' },
    reference: 'CMP-2026-000001',
    receivedAt: RECEIVED,
    category: 'Payments',
    product: 'Card',
    description: 'I was charged twice.',
    desiredOutcome: 'A refund',
    rootCause: 'The batch ran twice',
    deadlines,
    regime,
  } as unknown as CaseRecord;
  const ctx = mergeContextFor({
    record,
    officerName: 'Priya Shah',
    office: { name: 'Harbour Bank', address: '1 Quay', consentsToLateReferral },
    resolution: {
      summary: 'We will refund the duplicate charge.',
      remedies: ['Refund: the duplicate charge'],
      total: { amount: 600, currency: 'GBP' },
    },
    now: new Date('2026-03-20T09:00:00Z'),
    findingLabel: 'upheld',
  });
  const template = DEFAULT_TEMPLATES.find((t) => t.key === key)!;
  const fmt = { locale: office.locale, timeZone: office.timeZone };
  const date = (iso: string | undefined) =>
    new Intl.DateTimeFormat(office.locale, { dateStyle: 'long', timeZone: office.timeZone }).format(
      new Date(iso!),
    );
  return {
    text: renderTemplate(template.body, ctx, fmt),
    subject: renderTemplate(template.subject, ctx, fmt),
    empty: emptyFieldsUsed(`${template.subject}\n${template.body}`, ctx),
    usesDate: /\{\{[^}]*deadline\./.test(template.body),
    deadlines,
    date,
  };
}

const AFCA_TIME_LIMIT =
  'Time limits may apply to complain to AFCA and so you should act promptly or otherwise consult the AFCA website to find out if or when the time limit relevant to your circumstances expires.';
const FOS_SIX_MONTHS =
  'You have the right to refer your complaint to the Financial Ombudsman Service, free of charge';
const NO_CONSENT =
  'If you do not refer your complaint in time, the Ombudsman will not have our permission to consider your complaint and so will only be able to do so in very limited circumstances. For example, if the Ombudsman believes that the delay was as a result of exceptional circumstances.';
const CONSENT = 'we consent to the Ombudsman considering your complaint';

const KEYS = DEFAULT_TEMPLATES.map((t) => t.key);
const UK: RegimeId[] = ['uk-fca-general', 'uk-fca-psd'];
const ASIC: RegimeId[] = ['au-asic-rg271', 'au-asic-rg271-super', 'au-asic-rg271-hardship'];
const cases = KEYS.flatMap((key) =>
  REGIME_IDS.flatMap((regime) => [false, true].map((consent) => [key, regime, consent] as const)),
);

describe.each(cases)('%s letter × %s (office consents: %s)', (key, regime, consent) => {
  const l = letter(key, regime, consent);

  it('prints every field it uses, leaves no blank date and no [date] where the case has the date', () => {
    expect(l.empty).toEqual([]);
    expect(l.text).not.toContain('{{');
    expect(l.text).not.toMatch(/\bby\s*(at the latest|[.,])/);
    if (l.usesDate) expect(l.text).not.toContain('[date]');
    // Paragraphs are separated by one blank line, whichever blocks the regime takes.
    expect(l.text).not.toMatch(/\n\s*\n\s*\n/);
    expect(l.subject).toContain('CMP-2026-000001');
  });

  it('names the ombudsman or scheme of its own regime only', () => {
    if (!UK.includes(regime)) expect(l.text).not.toContain('Financial Ombudsman Service');
    if (!ASIC.includes(regime)) expect(l.text).not.toContain('AFCA');
    if (regime !== 'us-cfpb') expect(l.text).not.toContain('Consumer Financial Protection Bureau');
  });

  if (ASIC.includes(regime) && l.text.includes('AFCA'))
    it('gives AFCA’s contact details and its time-limit sentence', () => {
      expect(l.text).toContain(AFCA_TIME_LIMIT);
      for (const detail of [
        'www.afca.org.au',
        'info@afca.org.au',
        '1800 931 678',
        'GPO Box 3, Melbourne VIC 3001',
      ])
        expect(l.text).toContain(detail);
    });

  if (UK.includes(regime) && (key === 'final' || key === 'summary-resolution'))
    it('states the six-month limit and the office’s consent choice in the DISP 1 Annex 3R words, with the FOS website', () => {
      expect(l.text).toContain(FOS_SIX_MONTHS);
      expect(l.text).toContain('within six months of the date of this letter');
      expect(l.text).toContain('www.financial-ombudsman.org.uk');
      if (consent) {
        expect(l.text).toContain(CONSENT);
        expect(l.text).not.toContain('will not have our permission');
      } else {
        expect(l.text).toContain(NO_CONSENT);
        expect(l.text).not.toContain(CONSENT);
      }
    });
});

describe('what each letter promises', () => {
  it.each(REGIME_IDS)('the acknowledgement (%s) promises the standard final response date', (regime) => {
    const l = letter('acknowledgement', regime);
    expect(l.text).toContain(`full response by ${l.date(l.deadlines.finalResponseDue)} at the latest`);
    if (l.deadlines.extendedFinalDue) expect(l.text).not.toContain(l.date(l.deadlines.extendedFinalDue));
  });

  it('payment services: the acknowledgement promises 15 business days, the holding reply 35, with the reason for the delay to fill in', () => {
    const ack = letter('acknowledgement', 'uk-fca-psd');
    expect(ack.text).toContain('by 23 March 2026 at the latest'); // 15 business days after Mon 2 March
    const holding = letter('holding', 'uk-fca-psd');
    // 35 business days after 2 March, passing Good Friday (3 April) and Easter Monday (6 April).
    expect(holding.text).toContain('You will receive our final response by 22 April 2026 at the latest.');
    expect(holding.text).toContain('[explain the reason for the delay');
    expect(holding.text).toContain('If you have not received our final response by 22 April 2026');
    expect(holding.text).toContain('Financial Ombudsman Service');
    // The Ombudsman route opens only after the 35th business day: the letter must not say "now".
    expect(holding.text).not.toMatch(/\bnow\b/i);
    expect(holding.text).not.toContain('eight weeks');
  });

  it('FCA general: the holding letter at eight weeks says the Ombudsman route is open now, with the leaflet', () => {
    const l = letter('holding', 'uk-fca-general');
    expect(l.text).toContain('within eight weeks');
    expect(l.text).toContain('you may now refer it to the Financial Ombudsman Service');
    expect(l.text).toContain('explanatory leaflet');
    expect(l.text).toContain('www.financial-ombudsman.org.uk');
  });

  it('FCA: the final response mentions the enclosed FOS leaflet', () => {
    for (const regime of UK) expect(letter('final', regime).text).toContain('explanatory leaflet');
  });

  it('summary resolution (FCA): if they later become dissatisfied they may refer to the Ombudsman', () => {
    expect(letter('summary-resolution', 'uk-fca-general').text).toContain(
      'If you decide in future that you are not happy with how we resolved your complaint, you may be able to refer it to the Financial Ombudsman Service.',
    );
  });

  it('CFPB: the holding letter gives the 60-day date; the final keeps the CFPB sentence', () => {
    const holding = letter('holding', 'us-cfpb');
    expect(holding.text).toContain('by May 1, 2026 at the latest');
    expect(holding.text).toContain('www.consumerfinance.gov/complaint');
    expect(letter('final', 'us-cfpb').text).toContain(
      'If you are not satisfied, you can also submit a complaint to the Consumer Financial Protection Bureau at www.consumerfinance.gov/complaint or by calling (855) 411-2372.',
    );
  });

  it.each(ASIC)('ASIC (%s): acknowledgement, holding, final and summary all name AFCA', (regime) => {
    for (const key of ['acknowledgement', 'holding', 'final', 'summary-resolution'])
      expect(letter(key, regime).text, key).toContain(AFCA_TIME_LIMIT);
  });

  it('leaves a date for the officer to write only where the regime sets none', () => {
    for (const regime of ['uk-fca-general', 'au-asic-rg271', 'custom'] as const)
      expect(letter('holding', regime).text).toContain('[the date you expect to reply]');
    for (const regime of ['uk-fca-psd', 'us-cfpb'] as const)
      expect(letter('holding', regime).text).not.toContain('[the date you expect to reply]');
  });
});

describe('defaultTemplateStanding', () => {
  const shipped: DefaultTemplate = {
    key: 'final',
    kind: 'final',
    name: 'Final response',
    subject: 'Our response',
    body: 'New wording',
  };
  const v = (over: Partial<StoredTemplateVersion>): StoredTemplateVersion => ({
    name: 'Final response',
    kind: 'final',
    subject: 'Our response',
    body: 'Old wording',
    shipped: true,
    ...over,
  });

  it.each([
    ['no copy yet', [], 'missing'],
    ['the shipped wording', [v({ body: 'New wording' })], 'current'],
    ['an older shipped wording', [v({})], 'outdated'],
    ['an older shipped wording saved unchanged by a person', [v({}), v({ shipped: false })], 'outdated'],
    ['the office’s own wording', [v({}), v({ shipped: false, body: 'Ours' })], 'edited-newer-default'],
    ['a renamed copy', [v({}), v({ shipped: false, name: 'Our final letter' })], 'edited-newer-default'],
    [
      'the office’s wording started from the shipped one',
      [v({}), v({ shipped: false, body: 'Ours, on the new', basedOnDefault: wordingFingerprint(shipped) })],
      'edited',
    ],
    [
      'the office’s wording after taking the shipped one',
      [v({}), v({ body: 'New wording' }), v({ shipped: false, body: 'Ours again' })],
      'edited',
    ],
  ] as const)('%s → %s', (_label, versions, standing) => {
    expect(defaultTemplateStanding(versions, shipped)).toBe(standing);
  });

  it('fingerprints differ when the wording does', () => {
    expect(wordingFingerprint(shipped)).toMatch(/^[0-9a-f]{8}$/);
    expect(wordingFingerprint({ ...shipped, body: 'New wording.' })).not.toBe(wordingFingerprint(shipped));
  });
});
