// The letters as Redress first shipped them, before the regulated wording: what an existing office
// has stored as version 1 of each template. Kept only to test the upgrade.
import type { DefaultTemplate } from '../../../../src-shared/domain/default-templates';

const SIGN_OFF = `Yours sincerely,

{{officer.name}}
{{office.name}}`;

const UK_FOS = `{{#if regime.uk}}
If you are not happy with our response, you can refer your complaint to the Financial Ombudsman Service. You must do this within six months of the date of this letter. If you do not refer your complaint in time, the Ombudsman will not have our permission to consider it and so will only be able to do so in very limited circumstances, for example if it believes the delay was the result of exceptional circumstances. The service is free and independent: www.financial-ombudsman.org.uk, 0800 023 4567, Exchange Tower, London E14 9SR.
{{/if}}`;

const AU_AFCA = `{{#if regime.asic}}
If you are not satisfied with our response, you can lodge a complaint with the Australian Financial Complaints Authority (AFCA), a free and independent external dispute resolution scheme. Website: www.afca.org.au. Email: info@afca.org.au. Phone: 1800 931 678 (free call). Mail: GPO Box 3, Melbourne VIC 3001. Time limits may apply to complain to AFCA, so you should act promptly or otherwise consult the AFCA website to find out if or when the time limit relevant to your circumstances expires.
{{/if}}`;

const US_CFPB = `{{#if regime.us}}
If you are not satisfied, you can also submit a complaint to the Consumer Financial Protection Bureau at www.consumerfinance.gov/complaint or by calling (855) 411-2372.
{{/if}}`;

export const FIRST_SHIPPED_TEMPLATES: readonly DefaultTemplate[] = [
  {
    key: 'acknowledgement',
    kind: 'acknowledgement',
    name: 'Acknowledgement',
    subject: 'We have received your complaint — {{case.reference}}',
    body: `Dear {{complainant.name}},

Thank you for contacting us on {{case.receivedAt}}. I am sorry that you have had reason to complain, and I want you to know that we are taking it seriously.

I am {{officer.name}} and I will be looking after your complaint. Your reference is {{case.reference}}; please quote it if you get in touch, so that we can help you quickly.

What happens next: I will look into what happened, speak to the people involved and review your records. If I need anything more from you, I will ask. I will write to you with our full response by {{deadline.final}} at the latest, and I will keep you updated along the way.

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

[Explain, in a sentence or two, why we need more time and what we are still doing.]

I expect to send you our full response by [date]. I will contact you sooner if I can.
{{#if regime.uk}}
Because it is now eight weeks since you complained, you have the right to refer your complaint to the Financial Ombudsman Service now, without waiting for our final response. You must do so within six months of the date of our final response. The service is free and independent: www.financial-ombudsman.org.uk, 0800 023 4567.
{{/if}}{{#if regime.asic}}
Because we have not been able to respond within the time required, you have the right to take your complaint to the Australian Financial Complaints Authority (AFCA) now: www.afca.org.au, 1800 931 678 (free call), info@afca.org.au.
{{/if}}{{#if regime.us}}
You can also submit a complaint to the Consumer Financial Protection Bureau at www.consumerfinance.gov/complaint.
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
${UK_FOS}${AU_AFCA}${US_CFPB}
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
If you remain unhappy, you may be able to refer your complaint to the Financial Ombudsman Service, free of charge. You must do so within six months of the date of this letter. Website: www.financial-ombudsman.org.uk, phone 0800 023 4567.
{{/if}}{{#if regime.asic}}
If you are not satisfied, you can contact the Australian Financial Complaints Authority (AFCA): www.afca.org.au, 1800 931 678.
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
