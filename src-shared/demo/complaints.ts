// What demo complaints say: descriptions assembled from templates written in the words complainants
// use, products, desired outcomes, findings and the reasons officers give. The slot values (merchants,
// towns, amounts, dates) vary enough that a full-text search for one word finds a meaningful few.
import type { ComplaintChannel, Finding } from '../domain/case';
import type { Locale } from './people';
import type { Rng } from './rng';

export type ProductKind = 'bank' | 'card' | 'loan' | 'savings' | 'insurance' | 'super' | 'digital';
export interface Product {
  name: string;
  kind: ProductKind;
}

export const PRODUCTS: Record<Locale, readonly Product[]> = {
  uk: [
    { name: 'Current account', kind: 'bank' },
    { name: 'Premier current account', kind: 'bank' },
    { name: 'Overdraft', kind: 'bank' },
    { name: 'Easy Access Saver', kind: 'savings' },
    { name: 'Cash ISA', kind: 'savings' },
    { name: 'Stocks and Shares ISA', kind: 'savings' },
    { name: 'Credit card', kind: 'card' },
    { name: 'Debit card', kind: 'card' },
    { name: 'Personal loan', kind: 'loan' },
    { name: 'Mortgage', kind: 'loan' },
    { name: 'Home insurance', kind: 'insurance' },
    { name: 'Car insurance', kind: 'insurance' },
    { name: 'Travel insurance', kind: 'insurance' },
    { name: 'Pet insurance', kind: 'insurance' },
    { name: 'Mobile banking app', kind: 'digital' },
    { name: 'Online banking', kind: 'digital' },
  ],
  au: [
    { name: 'Everyday transaction account', kind: 'bank' },
    { name: 'Smart Access account', kind: 'bank' },
    { name: 'Term deposit', kind: 'savings' },
    { name: 'Bonus saver', kind: 'savings' },
    { name: 'Credit card', kind: 'card' },
    { name: 'Debit Mastercard', kind: 'card' },
    { name: 'Home loan', kind: 'loan' },
    { name: 'Personal loan', kind: 'loan' },
    { name: 'Superannuation (MySuper)', kind: 'super' },
    { name: 'Superannuation (Choice)', kind: 'super' },
    { name: 'Car insurance', kind: 'insurance' },
    { name: 'Home and contents insurance', kind: 'insurance' },
    { name: 'Income protection insurance', kind: 'insurance' },
    { name: 'Mobile banking app', kind: 'digital' },
    { name: 'Online banking', kind: 'digital' },
  ],
  us: [
    { name: 'Checking account', kind: 'bank' },
    { name: 'Savings account', kind: 'savings' },
    { name: 'Certificate of deposit', kind: 'savings' },
    { name: 'Credit card', kind: 'card' },
    { name: 'Prepaid card', kind: 'card' },
    { name: 'Auto loan', kind: 'loan' },
    { name: 'Mortgage', kind: 'loan' },
    { name: 'Student loan', kind: 'loan' },
    { name: 'Homeowners insurance', kind: 'insurance' },
    { name: 'Auto insurance', kind: 'insurance' },
    { name: 'Mobile banking app', kind: 'digital' },
    { name: 'Online banking', kind: 'digital' },
  ],
};

/** Which kinds of product each default category is usually about; other categories take any. */
export const CATEGORY_PRODUCTS: Record<string, readonly ProductKind[]> = {
  'Charges and fees': ['bank', 'card', 'loan', 'savings'],
  Service: ['bank', 'card', 'loan', 'savings', 'insurance', 'super'],
  Products: ['loan', 'savings', 'insurance', 'super', 'card'],
  Payments: ['bank', 'card'],
  Accounts: ['bank', 'savings', 'super'],
  'Digital channels': ['digital'],
  Claims: ['insurance', 'super'],
  'Data and privacy': ['bank', 'card', 'insurance', 'digital'],
};

/** How often each default category comes in; a category the office added gets weight 6. */
export const CATEGORY_WEIGHTS: Record<string, number> = {
  'Charges and fees': 18,
  Service: 16,
  Products: 9,
  Payments: 16,
  Accounts: 10,
  'Digital channels': 12,
  Claims: 9,
  'Data and privacy': 5,
  Other: 5,
};

const MERCHANTS = [
  'Harbour Electrical',
  'Brightside Travel',
  'Kelpie Outdoor Co.',
  'Maple & Finch Furniture',
  'Northgate Motors',
  'Sunny Bay Holidays',
  'Greenleaf Grocers',
  'QuickFlix Streaming',
  'Aurora Airlines',
  'Blue Gum Pharmacy',
  'Lakeside Gym',
  'Copperpot Kitchenware',
  'Riverside Vets',
  'Pinecrest Energy',
  'Starling Mobile',
  'Hilltop Garden Centre',
];
const COUNTRIES = [
  'Spain',
  'Portugal',
  'Thailand',
  'Japan',
  'Canada',
  'New Zealand',
  'Greece',
  'Mexico',
  'Vietnam',
  'Poland',
  'Kenya',
  'Italy',
];
const STAFF = [
  'Dave',
  'Sarah',
  'Mark',
  'a man called Tom',
  'Jess',
  'the branch manager',
  'Kerry',
  'someone called Raj',
  'Linda',
];
const FEES = [
  'late payment fee',
  'unarranged overdraft fee',
  'foreign transaction fee',
  'account maintenance fee',
  'early repayment charge',
  'returned payment fee',
  'paper statement fee',
];
const withArticle = (noun: string) => `${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
const PAYEES = [
  'my landlord',
  'the council',
  'my energy supplier',
  'my childcare provider',
  'the water company',
  'my mobile phone provider',
];
const CLAIM_TYPES = [
  'storm damage',
  'burst pipe',
  'theft',
  'car accident',
  'hail damage',
  'lost luggage',
  'vet bills',
  'income protection',
  'flood',
];
const APP_PROBLEMS = [
  'crashes every time I try to log in',
  'will not accept my fingerprint since the last update',
  'shows my balance as zero',
  'keeps asking for a one-time passcode that never arrives by SMS',
  'freezes on the payments screen',
  'logged me out in the middle of a transfer',
];
const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** What a description template may refer to. */
export interface Slots {
  locale: Locale;
  product: string;
  receivedMs: number;
  category: string;
  subcategory: string;
}

const money = (rng: Rng, locale: Locale, min: number, max: number): string => {
  const value = rng.chance(0.4) ? rng.int(min, max) : Math.round(rng.range(min, max) * 100) / 100;
  const symbol = locale === 'uk' ? '£' : '$';
  return `${symbol}${value.toLocaleString('en', { minimumFractionDigits: Number.isInteger(value) && rng.chance(0.5) ? 0 : 2, maximumFractionDigits: 2 })}`;
};
const dayBefore = (slots: Slots, rng: Rng, minDays: number, maxDays: number): string => {
  const d = new Date(slots.receivedMs - rng.int(minDays, maxDays) * 86_400_000);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]}`;
};

/** Fills `{slot}`s in a template. Unknown slots are left as they are so a typo shows. */
export function fill(template: string, slots: Slots, rng: Rng): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    switch (name) {
      case 'amount':
        return money(rng, slots.locale, 12, 480);
      case 'bigAmount':
        return money(rng, slots.locale, 900, 18_000);
      case 'date':
        return dayBefore(slots, rng, 3, 40);
      case 'date2':
        return dayBefore(slots, rng, 1, 3);
      case 'weekday':
        return rng.pick(WEEKDAYS);
      case 'days':
        return String(rng.int(8, 45));
      case 'minutes':
        return String(rng.int(35, 140));
      case 'times':
        return rng.pick(['three', 'four', 'five', 'six']);
      case 'merchant':
        return rng.pick(MERCHANTS);
      case 'country':
        return rng.pick(COUNTRIES);
      case 'staff':
        return rng.pick(STAFF);
      case 'fee':
        return rng.pick(FEES);
      case 'aFee':
        return withArticle(rng.pick(FEES));
      case 'payee':
        return rng.pick(PAYEES);
      case 'claimType':
        return rng.pick(CLAIM_TYPES);
      case 'appProblem':
        return rng.pick(APP_PROBLEMS);
      case 'rate1':
        return (rng.int(29, 69) / 10).toFixed(2);
      case 'rate2':
        return (rng.int(72, 119) / 10).toFixed(2);
      case 'product':
        return slots.product.toLowerCase();
      case 'aProduct':
        return withArticle(slots.product.toLowerCase());
      case 'aClaimType':
        return withArticle(rng.pick(CLAIM_TYPES));
      case 'branch':
        return rng.pick([
          'Leeds',
          'Parramatta',
          'Columbus',
          'Cardiff',
          'Geelong',
          'Tucson',
          'Norwich',
          'Hobart',
          'Richmond',
          'Belfast',
        ]);
      case 'category':
        return slots.category.toLowerCase();
      case 'subcategory':
        return (slots.subcategory || slots.category).toLowerCase();
      default:
        return whole;
    }
  });
}

/** The heart of each complaint, by category and subcategory ('' for any subcategory). */
const CORE: Record<string, Record<string, readonly string[]>> = {
  'Charges and fees': {
    'Unexpected fee': [
      'I was charged {aFee} of {amount} on my {product} without any warning.',
      'On {date} you took {amount} from my account as {aFee}. Nobody told me about this fee when I opened the account.',
      'You charged me {amount} as {aFee} even though I paid on time; the payment left my account on {date}.',
    ],
    Interest: [
      'The interest rate on my {product} went up from {rate1}% to {rate2}% and I only found out from my statement.',
      'I have been charged interest of {amount} on a balance that I cleared in full on {date}.',
    ],
    'Double charge': [
      'My card was debited twice for the same purchase at {merchant} ({amount}) on {date}.',
      'The direct debit to {payee} was taken twice this month, leaving me overdrawn and then charged {aFee}.',
    ],
    'Refund delay': [
      'I returned goods to {merchant} on {date} and the refund of {amount} still has not reached my account after {days} days.',
      'You promised a refund of the {fee} ({amount}) on the phone, but it has not appeared.',
    ],
    '': [
      'I do not understand the charges on my {product}: {amount} was taken on {date} with no explanation.',
    ],
  },
  Service: {
    'Staff conduct': [
      'The member of staff at your {branch} branch ({staff}) was rude and dismissive when I asked about my {product}.',
      'On the phone {staff} laughed at me and said there was nothing they could do, then ended the call.',
    ],
    'Waiting time': [
      'I waited {minutes} minutes on hold on {weekday} and was cut off twice before anyone answered.',
      'I queued for over an hour at the {branch} branch only to be told to come back another day.',
    ],
    'No reply': [
      'I wrote to you on {date} and again on {date2} about my {product} and have had no reply at all.',
      'I was promised a call back within 48 hours {times} times and nobody has ever called me back.',
    ],
    'Branch or office': [
      'Your {branch} branch closed without notice and the nearest one is now two buses away.',
      'The ramp at the {branch} branch was blocked so I could not get in with my wheelchair.',
    ],
    '': ['The service I received about my {product} was not acceptable.'],
  },
  Products: {
    'Mis-sold': [
      'I was sold {aProduct} that was not suitable for my circumstances; nobody asked about my income or my retirement plans.',
      'The adviser told me the {product} had no exit fees, but I was charged {amount} to leave it.',
    ],
    'Terms changed': [
      "You changed the terms of my {product} with one month's notice, and the new terms remove the cashback I signed up for.",
      'The letter of {date} says my {product} will move to a variable rate of {rate2}%, which I never agreed to.',
    ],
    'Product fault': [
      'The {product} does not work as advertised: the balance transfer of {bigAmount} was never applied.',
      'My {product} statement shows the wrong balance; it is out by {amount}.',
    ],
    '': ['I am unhappy with the {product} I bought from you.'],
  },
  Payments: {
    'Failed payment': [
      'My payment to {payee} failed on {date} even though there was money in my account, and I was charged {aFee}.',
      'A standing order to {payee} did not go out, and now I am in arrears.',
    ],
    'Fraud or scam': [
      'I was tricked by a caller pretending to be from your fraud team and transferred {bigAmount} to a "safe account". I reported it within the hour and you have refused to refund me.',
      'Someone used my card at {merchant} for {amount} while the card was in my wallet. You say I authorised it; I did not.',
      'I paid {bigAmount} for a car advertised online that never existed. Your bank did not warn me the payee name did not match.',
    ],
    'Card blocked': [
      'My card was blocked while I was overseas in {country}, even though I told you about my trip. I had no way to pay for the hotel.',
      'You blocked my debit card for "unusual activity" on {date} and it took {days} days to unblock it.',
    ],
    'Transfer delay': [
      'An international transfer of {bigAmount} to {country} took {days} days and arrived short by {amount}.',
      'A transfer for my house deposit ({bigAmount}) was held for checks on {date} and we nearly lost the purchase.',
    ],
    '': ['There is a problem with a payment from my {product}.'],
  },
  Accounts: {
    Opening: [
      'I applied to open {aProduct} on {date} and have been asked for the same documents {times} times.',
      'My application for {aProduct} was refused with no reason given.',
    ],
    Closure: [
      'You closed my {product} without warning and my wages were returned to my employer.',
      "I asked to close my late mother's account on {date}; the bereavement team still has not done it.",
    ],
    Statements: [
      'I have not received a paper statement since {date} even though I opted out of paperless.',
      "My statements show transactions from someone else's account.",
    ],
    'Identity checks': [
      'You froze my {product} for identity checks and I could not buy food or pay rent for {days} days.',
      'Your identity check keeps failing because my name has an accent on it; the system will not accept the letter.',
    ],
    '': ['I have a problem with my {product}.'],
  },
  'Digital channels': {
    App: [
      'The {product} {appProblem}.',
      'Since the update on {date} the app {appProblem}, so I cannot pay my bills.',
    ],
    Website: [
      'Your website will not let me download statements; I get an error every time.',
      'The online form to dispute a transaction at {merchant} does not submit and loses everything I typed.',
    ],
    'Online banking outage': [
      'Online banking was down on {weekday} {date} for most of the day and my payment to {payee} was late because of it.',
      'During the outage on {date} I could not see my balance and two payments bounced.',
    ],
    '': ['I keep having problems with your {product}.'],
  },
  Claims: {
    'Claim declined': [
      'My {claimType} claim was declined because of an exclusion that was never explained to me when I bought the {product}.',
      'You declined my {claimType} claim saying I did not disclose something, but I did disclose it on the phone.',
    ],
    'Claim delay': [
      'I made {aClaimType} claim on {date} and it is still not settled after {days} days; I have had to pay {bigAmount} myself.',
      'Every time I call about my {claimType} claim I speak to a different person who knows nothing about it.',
    ],
    'Settlement amount': [
      'The settlement of {bigAmount} for my {claimType} claim does not cover the cost of the repairs.',
      'Your assessor valued my car {bigAmount} below what similar cars sell for.',
    ],
    '': ['I am unhappy with how my {claimType} claim is being handled.'],
  },
  'Data and privacy': {
    'Data breach': [
      'A letter about my {product} was sent to my old address, where my ex-partner still lives.',
      'Your staff discussed my account with my brother without my permission.',
    ],
    'Marketing consent': [
      'I keep getting marketing emails and texts after unsubscribing on {date}.',
      'You passed my details to {merchant}, who now phones me every week.',
    ],
    'Access request': [
      'I made a subject access request on {date} and it is now overdue with no reply.',
      'The records you sent me in answer to my access request leave out the call recordings.',
    ],
    '': ['I am worried about how you have handled my personal information.'],
  },
  Other: {
    '': [
      'My complaint does not fit your categories: I was refused {aProduct} and nobody will tell me why.',
      'I want to complain about how my previous complaint was handled.',
      'The {branch} branch gave me wrong information about my {product}.',
    ],
  },
};

const GENERIC_CORE = [
  'My complaint is about {subcategory} on my {product}. It started on {date} and is still not fixed.',
  'I want to raise a complaint about {category} ({subcategory}); the problem began on {date}.',
];

const OPENERS: Partial<Record<ComplaintChannel, readonly string[]>> = {
  letter: ['Dear Sir or Madam,', 'To the complaints department,', 'I am writing to make a formal complaint.'],
  phone: ['Caller said:', 'Complainant phoned to say:', 'Notes from the call:'],
  'walk-in': ['Customer came into the branch and explained:', 'Visited the branch in person.'],
  'social-media': ['Message received via your Facebook page:', 'Public post, moved to private messages:'],
  referral: [
    'Referred by the ombudsman service.',
    'Referred by a financial counsellor acting for the customer.',
    "Referred by their local MP's office.",
  ],
};
const HISTORY = [
  'I have already called {times} times and was promised a call back that never came.',
  'I raised this in the branch on {date} and was told it would be sorted within a week.',
  'This is the second time this has happened this year.',
  'Your chat assistant just keeps sending me the same help article.',
  'I have reference numbers from two earlier calls but nobody can find them.',
];
const IMPACT = [
  'This has caused me a great deal of stress.',
  'I had to borrow money from family to pay the rent.',
  'I am a pensioner and this has left me short for the month.',
  'As a small business owner this disrupted our payroll.',
  'I have lost hours of my time chasing this.',
  'It has affected my credit score and I am about to apply for a mortgage.',
  'My children and I went without essentials for a week.',
  'I missed a flight because of it.',
];
const CLOSERS = [
  'Please sort this out urgently.',
  'I expect a full explanation.',
  'I want this put right.',
  'Thank you for looking into it.',
  'If this is not resolved I will go to the ombudsman.',
];

/** A complaint in the complainant's (or the officer's) words. */
export function describeComplaint(slots: Slots, channel: ComplaintChannel, rng: Rng): string {
  const forCategory = CORE[slots.category];
  const templates = forCategory
    ? (forCategory[slots.subcategory] ?? forCategory[''] ?? GENERIC_CORE)
    : GENERIC_CORE;
  const parts: string[] = [];
  const openers = OPENERS[channel];
  if (openers && rng.chance(0.6)) parts.push(rng.pick(openers));
  parts.push(fill(rng.pick(templates), slots, rng));
  if (rng.chance(0.35)) parts.push(fill(rng.pick(templates), slots, rng));
  if (rng.chance(0.45)) parts.push(fill(rng.pick(HISTORY), slots, rng));
  if (rng.chance(0.7)) parts.push(rng.pick(IMPACT));
  if (rng.chance(0.5)) parts.push(rng.pick(CLOSERS));
  // A repeated template sentence reads badly: keep each sentence once.
  return [...new Set(parts)].join(' ');
}

const OUTCOMES: Record<string, readonly string[]> = {
  'Charges and fees': [
    'Refund the {amount} fee.',
    'Refund the charges and the interest on them.',
    'Put the old interest rate back.',
  ],
  Service: [
    'A written apology.',
    'An apology and compensation for my time.',
    'Someone senior to call me back.',
  ],
  Products: [
    'Let me leave the {product} without a penalty.',
    'Put me back where I would have been.',
    'Keep the terms I signed up for.',
  ],
  Payments: [
    'Refund the {bigAmount} I lost.',
    'Unblock my card and cover the hotel costs.',
    'Pay the late fee {payee} charged me.',
  ],
  Accounts: ['Open the account.', 'Reinstate my account and the direct debits.', 'Correct my statements.'],
  'Digital channels': [
    'Fix the app.',
    'Refund the late payment charges caused by the outage.',
    'Send paper statements until it works.',
  ],
  Claims: [
    'Pay my {claimType} claim in full.',
    'Settle the claim without further delay.',
    'Pay the full cost of the repairs.',
  ],
  'Data and privacy': [
    'Stop contacting me.',
    'Send me all my records, including call recordings.',
    'Correct my address and confirm in writing.',
  ],
};
const GENERIC_OUTCOMES = [
  'A full explanation and an apology.',
  'Compensation for the trouble caused.',
  'Correct my credit file.',
];

export function desiredOutcome(slots: Slots, rng: Rng): string {
  if (rng.chance(0.15)) return '';
  return fill(rng.pick(OUTCOMES[slots.category] ?? GENERIC_OUTCOMES), slots, rng);
}

const ROOT_CAUSES: Record<Finding, readonly string[]> = {
  upheld: [
    'The fee waiver was not carried over when the account moved to a new product code.',
    'Staff did not follow the call-back procedure; the task was closed without a call.',
    'The overnight batch run failed and payments were released a day late.',
    'The refund was keyed against the wrong account.',
    'The fraud warning was not shown for payments made in the app.',
    'The identity check system rejects names with accented letters.',
    'The claim was left in an unallocated queue for three weeks.',
    'The adviser did not complete the suitability assessment.',
    'The address change was recorded on one system but not the other.',
  ],
  'partially-upheld': [
    'The charge was correct under the terms, but our letter explaining it was unclear.',
    'The delay was partly ours (queue backlog) and partly waiting for documents from the complainant.',
    'The claim decision was right, but we took too long to reach it.',
    'The fee was due, but staff gave wrong information on the phone.',
  ],
  'not-upheld': [
    'No error found: the fee is set out in the account terms and was disclosed at opening.',
    'The transactions were made with the genuine card and PIN.',
    'The exclusion applies and was in the policy summary the complainant signed.',
    'The payment was held for checks the law requires; it was released as soon as they were done.',
  ],
};
export const rootCauseFor = (finding: Finding, rng: Rng): string => rng.pick(ROOT_CAUSES[finding]);

export const REASONS = {
  withdraw: [
    'Complainant confirmed by phone that the matter is resolved and they no longer wish to pursue it.',
    'Complainant withdrew the complaint in writing.',
    'Duplicate of an earlier complaint; the complainant agreed to continue under that reference.',
    'Complainant has taken the matter to the ombudsman directly.',
    'Sorted out by the branch before the investigation started; complainant happy to withdraw.',
  ],
  reopen: [
    'Complainant sent new evidence (bank statements) after the final response.',
    'The ombudsman asked us to review the outcome.',
    'The remedy was not applied: the refund never reached the account.',
    'Quality review found the investigation incomplete.',
  ],
  summary: [
    'Fee refunded the same day; complainant confirmed they are satisfied.',
    'Explained the charge on the phone; complainant happy with the explanation.',
    'Card unblocked and a replacement sent; complainant satisfied.',
    'Apologised for the delay and updated the address; complainant satisfied.',
    'Call-back arranged and made; complainant has no further concerns.',
  ],
  closeUnsatisfied: [
    'Complainant still unhappy with the outcome; told them how to refer the complaint to the ombudsman.',
    'Remedy carried out in full; the complainant disagrees with the finding and may go to the ombudsman.',
    'Complainant did not accept the apology; nothing further we can offer, ombudsman route explained.',
  ],
  adjust: [
    'Complainant says the refund did not include the interest charged; revising the offer.',
    'Complainant is not satisfied with the compensation amount.',
    'The remedy only fixed part of the problem; the app still fails for this customer.',
  ],
  reassign: [
    'Passed to the investigations team.',
    'Needs someone who knows the claims process.',
    'Rebalancing workload during the leave period.',
    'Complainant asked not to deal with the previous officer.',
  ],
  pause: [
    'Waiting for bank statements from the complainant.',
    'Waiting for the complainant to sign the third-party authority form.',
    "Waiting for the complainant's photos of the damage.",
    'Complainant in hospital; asked us to wait until they are home.',
    'Waiting for the complainant to say which remedy they prefer.',
  ],
  unassign: [
    'Officer on extended leave; case returned to the team queue.',
    'Officer has left the team; back to the queue for reallocation.',
  ],
  escalate: [
    'Complainant is vulnerable and the matter is urgent.',
    'Posted publicly on social media; media interest likely.',
    'Possible systemic issue affecting other customers.',
    'Complainant has threatened legal action.',
    'Regulatory deadline at risk.',
  ],
} as const;
