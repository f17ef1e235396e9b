// The letters Redress ships with. Offices edit them on the Templates page (each edit is a new
// version). Written to be personal and plain: short sentences, "we" and "you", no jargon.
// Text in [square brackets] is for the officer to replace before sending.
//
// The regulated sentences follow the rules that require them:
// - UK FCA final responses (DISP 1.6.2R) and summary resolution communications (DISP 1.5.4R) say
//   whether the office consents to the Financial Ombudsman Service considering a complaint referred
//   after six months, in the words of DISP 1 Annex 3R, and give the Ombudsman's website.
// - A UK holding letter at eight weeks says the Ombudsman route is open now (DISP 1.6.2R(2)); a
//   payment-services holding reply (DISP 1.6.2A R) gives the reason for the delay and the date of
//   the final response, and the route opens only after that date (DISP 2.8.1R(2A)).
// - Every Australian letter that names AFCA gives its contact details and AFCA's time-limit
//   sentence (ASIC RG 271).
// Dates come from the case's deadlines; wording that needs a date a regime lacks is inside {{#if}}.

export const TEMPLATE_KINDS = [
  'acknowledgement',
  'holding',
  'final',
  'summary-resolution',
  'request-info',
  'follow-up',
  'other',
] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface DefaultTemplate {
  key: string;
  kind: TemplateKind;
  name: string;
  subject: string;
  body: string;
}

const SIGN_OFF = `Yours sincerely,

{{officer.name}}
{{office.name}}`;

// Block tags stand on their own lines (Handlebars drops such lines), and each paragraph inside a
// block ends with its blank line, so a letter reads the same whichever blocks a case takes.

const FOS_CONTACT =
  'at www.financial-ombudsman.org.uk, by calling 0800 023 4567 or by writing to Financial Ombudsman Service, Exchange Tower, London E14 9SR';

// DISP 1 Annex 3R: the six-month limit, and whether the office consents to a late referral.
const FOS_TIME_LIMIT = `{{#if office.consentsToLateReferral}}
You have the right to refer your complaint to the Financial Ombudsman Service, free of charge – and you should do so within six months of the date of this letter. If you refer it after that, we consent to the Ombudsman considering your complaint: the Ombudsman will have our permission to look into it even though the six months have passed.

{{else}}
You have the right to refer your complaint to the Financial Ombudsman Service, free of charge – but you must do so within six months of the date of this letter.

If you do not refer your complaint in time, the Ombudsman will not have our permission to consider your complaint and so will only be able to do so in very limited circumstances. For example, if the Ombudsman believes that the delay was as a result of exceptional circumstances.

{{/if}}`;

const FOS_LEAFLET = `I have enclosed the Financial Ombudsman Service's explanatory leaflet, which tells you how it works. You can find more information, and refer your complaint, ${FOS_CONTACT}.`;

// AFCA's own words for its details and time limits, as ASIC RG 271 asks of every IDR letter.
const AFCA_DETAILS = `AFCA provides fair and independent financial services complaint resolution that is free to consumers. Website: www.afca.org.au. Email: info@afca.org.au. Phone: 1800 931 678 (free call). Mail: Australian Financial Complaints Authority, GPO Box 3, Melbourne VIC 3001.

Time limits may apply to complain to AFCA and so you should act promptly or otherwise consult the AFCA website to find out if or when the time limit relevant to your circumstances expires.`;

export const DEFAULT_TEMPLATES: readonly DefaultTemplate[] = [
  {
    key: 'acknowledgement',
    kind: 'acknowledgement',
    name: 'Acknowledgement',
    subject: 'We have received your complaint — {{case.reference}}',
    body: `Dear {{complainant.name}},

Thank you for contacting us on {{case.receivedAt}}. I am sorry that you have had reason to complain, and I want you to know that we are taking it seriously.

I am {{officer.name}} and I will be looking after your complaint. Your reference is {{case.reference}}; please quote it if you get in touch, so that we can help you quickly.

What happens next: I will look into what happened, speak to the people involved and review your records. If I need anything more from you, I will ask. I will write to you with our full response by {{deadline.final}} at the latest, and I will keep you updated along the way.

{{#if regime.asic}}
If you are not satisfied with our response, or you have not received it by {{deadline.final}}, you can lodge a complaint with the Australian Financial Complaints Authority (AFCA). ${AFCA_DETAILS}

{{/if}}
If anything changes, or if there is anything that would make it easier for you to deal with us, please let me know.

${SIGN_OFF}`,
  },
  {
    key: 'holding',
    kind: 'holding',
    name: 'Holding response (more time needed)',
    subject: 'An update on your complaint — {{case.reference}}',
    body: `Dear {{complainant.name}},

I am writing about your complaint of {{case.receivedAt}} (reference {{case.reference}}). I am sorry, but we have not yet been able to finish looking into it, and I wanted to tell you why rather than leave you waiting.

{{#if regime.psd}}
We normally answer complaints about payment services within 15 business days. In your case we cannot, for a reason beyond our control: [explain the reason for the delay, in a sentence or two].

You will receive our final response by {{deadline.extendedFinal}} at the latest. I will contact you sooner if I can.

If you have not received our final response by {{deadline.extendedFinal}}, or you are not happy with it, you can then refer your complaint to the Financial Ombudsman Service, free of charge, ${FOS_CONTACT}.

{{else}}
[Explain, in a sentence or two, why we need more time and what we are still doing.]

{{#if deadline.extendedFinal}}
I will send you our full response by {{deadline.extendedFinal}} at the latest. I will contact you sooner if I can.

{{else}}
I expect to send you our full response by [the date you expect to reply]. I will contact you sooner if I can.

{{/if}}
{{#if regime.uk}}
As we have not been able to give you our final response within eight weeks of receiving your complaint, you may now refer it to the Financial Ombudsman Service, free of charge, without waiting for our final response. ${FOS_LEAFLET}

{{/if}}
{{#if regime.asic}}
If you are not satisfied, including with this delay, you have the right to lodge a complaint with the Australian Financial Complaints Authority (AFCA). ${AFCA_DETAILS}

{{/if}}
{{#if regime.us}}
You can also submit a complaint to the Consumer Financial Protection Bureau at www.consumerfinance.gov/complaint.

{{/if}}
{{/if}}
Thank you for your patience. If you would like to talk about your complaint in the meantime, please reply to this letter or call us, quoting {{case.reference}}.

${SIGN_OFF}`,
  },
  {
    key: 'final',
    kind: 'final',
    name: 'Final response',
    subject: 'Our response to your complaint — {{case.reference}}',
    body: `Dear {{complainant.name}},

Thank you for your patience while we looked into your complaint of {{case.receivedAt}} (reference {{case.reference}}). This letter is our final response.

Your complaint
You told us: {{case.description}}

What we found
[Explain what happened, in plain words, and why.]
{{#if case.finding}}Our decision: your complaint is {{case.finding}}.{{/if}}

What we will do
{{resolution.summary}}
{{resolution.remedies}}
{{#if resolution.total}}The total we will pay or credit to you is {{money resolution.total}}.{{/if}}

I am sorry for the trouble this has caused you. If you have any questions about this letter, please contact me, quoting {{case.reference}}.

{{#if regime.uk}}
${FOS_TIME_LIMIT}
${FOS_LEAFLET}

{{/if}}
{{#if regime.asic}}
If you are not satisfied with our response, you can lodge a complaint with the Australian Financial Complaints Authority (AFCA). ${AFCA_DETAILS}

{{/if}}
{{#if regime.us}}
If you are not satisfied, you can also submit a complaint to the Consumer Financial Protection Bureau at www.consumerfinance.gov/complaint or by calling (855) 411-2372.

{{/if}}
${SIGN_OFF}`,
  },
  {
    key: 'summary-resolution',
    kind: 'summary-resolution',
    name: 'Summary resolution communication',
    subject: 'Your complaint has been resolved — {{case.reference}}',
    body: `Dear {{complainant.name}},

Thank you for speaking with us about your complaint of {{case.receivedAt}} (reference {{case.reference}}). I am glad we were able to sort it out quickly, and I am sorry it happened.

To confirm what we agreed: {{resolution.summary}}

As you have told us you are happy with this outcome, we now consider your complaint resolved. If you later feel it has not been resolved, please contact us again, quoting {{case.reference}}.

{{#if regime.uk}}
If you decide in future that you are not happy with how we resolved your complaint, you may be able to refer it to the Financial Ombudsman Service.

${FOS_TIME_LIMIT}
You can find more information about the Financial Ombudsman Service on its website: www.financial-ombudsman.org.uk.

{{/if}}
{{#if regime.asic}}
If you are not satisfied, you can lodge a complaint with the Australian Financial Complaints Authority (AFCA). ${AFCA_DETAILS}

{{/if}}
${SIGN_OFF}`,
  },
  {
    key: 'request-info',
    kind: 'request-info',
    name: 'Request for information',
    subject: 'Can you help us with your complaint? — {{case.reference}}',
    body: `Dear {{complainant.name}},

Thank you for your complaint (reference {{case.reference}}). To look into it properly, I need a little more information from you:

[List what you need, for example copies of letters, dates or account details.]

If you can send this to me by [date], it will help me give you a full answer as soon as possible. If you cannot find something, or would prefer to talk it through, please call me and we will find another way.

${SIGN_OFF}`,
  },
  {
    key: 'follow-up',
    kind: 'follow-up',
    name: 'Follow-up and satisfaction check',
    subject: 'How are things now? — {{case.reference}}',
    body: `Dear {{complainant.name}},

A little while ago we wrote to you about your complaint (reference {{case.reference}}) and agreed to put things right: {{resolution.summary}}

I wanted to check that this has been done and that you are happy with how things are now. Could you let me know:

1. Has the problem been resolved for you? (yes or no)
2. On a scale of 1 (very unhappy) to 5 (very happy), how satisfied are you with how we handled your complaint?
3. Is there anything else you would like to tell us?

Your answers help us learn and improve. If anything is still not right, please tell me and I will look into it straight away.

${SIGN_OFF}`,
  },
];

// ---------------------------------------------------------------------------------------------
// Bringing an office's copy of a shipped letter up to the wording Redress ships now.

/** One stored version of a template, as far as the upgrade rule reads it. */
export interface StoredTemplateVersion {
  name: string;
  kind: TemplateKind;
  subject: string;
  body: string;
  /** Written by Redress itself (a shipped wording), not by a person. */
  shipped: boolean;
  /** Fingerprint of the shipped wording a person loaded into the editor before saving this version. */
  basedOnDefault?: string | undefined;
}

/**
 * - missing: the office has no copy yet (Redress adds the shipped wording as version 1);
 * - current: the newest version is the shipped wording;
 * - outdated: the newest version is wording Redress shipped before, unedited (Redress adds the
 *   shipped wording as the next version, keeping the history);
 * - edited-newer-default: the office wrote its own wording before this shipped wording existed
 *   (kept; the Templates page says a newer default exists);
 * - edited: the office's own wording, made with the shipped wording in view (nothing to say).
 */
export type DefaultTemplateStanding = 'missing' | 'current' | 'outdated' | 'edited-newer-default' | 'edited';

const sameWording = (a: Omit<DefaultTemplate, 'key'>, b: Omit<DefaultTemplate, 'key'>) =>
  a.name === b.name && a.kind === b.kind && a.subject === b.subject && a.body === b.body;

/** A short fingerprint of a shipped wording (FNV-1a), stored with a version started from it. */
export function wordingFingerprint(t: Pick<DefaultTemplate, 'subject' | 'body'>): string {
  let hash = 0x811c9dc5;
  for (const ch of `${t.subject}\u0000${t.body}`) {
    hash ^= ch.codePointAt(0)!;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

/** Where an office's versions of a shipped template (oldest first) stand against `shipped`. */
export function defaultTemplateStanding(
  versions: readonly StoredTemplateVersion[],
  shipped: DefaultTemplate,
): DefaultTemplateStanding {
  const latest = versions.at(-1);
  if (!latest) return 'missing';
  if (sameWording(latest, shipped)) return 'current';
  // Saved unchanged by a person is still Redress's wording, not the office's.
  if (versions.some((v) => v.shipped && sameWording(v, latest))) return 'outdated';
  const fingerprint = wordingFingerprint(shipped);
  return versions.some((v) => sameWording(v, shipped) || v.basedOnDefault === fingerprint)
    ? 'edited'
    : 'edited-newer-default';
}
