// Demo and training data: realistic complaints with their whole history, as plain data.
// Pure and deterministic: the same options (seed, count, now, …) always give the same cases, and no
// Math.random or clock is read. The repository (src-renderer/db/seed.ts) turns them into stored
// cases with their audit trail.
//
// Two passes keep 100,000 cases cheap in memory: `planDemoData` draws, for every case, only what
// decides its place in time (channel, received and logged instants, complainant, final status);
// `demoCase` then draws the rest of one case on demand from that case's own random stream.
import {
  SEVERITIES,
  type CaseRegimeId,
  type ComplaintChannel,
  type Finding,
  type NewCaseInput,
  type Severity,
  type CaseSatisfaction,
} from '../domain/case';
import { REGIMES } from '../domain/deadlines';
import { DEFAULT_TAXONOMY, type Taxonomy } from '../domain/taxonomy';
import type { Role } from '../domain/users';
import {
  CASE_STATUSES,
  CHECKLISTS,
  requiredChecklistItems,
  stageOf,
  type CaseStatus,
  type Stage,
} from '../domain/workflow';
import {
  CATEGORY_PRODUCTS,
  CATEGORY_WEIGHTS,
  describeComplaint,
  desiredOutcome,
  PRODUCTS,
  REASONS,
  rootCauseFor,
  type Slots,
} from './complaints';
import { demoPerson } from './people';
import { rngFor, type Rng } from './rng';

// ---------------------------------------------------------------------------------------------
// Output

export interface DemoUser {
  /** Stable key: the repository derives the user id from it. */
  key: string;
  name: string;
  role: Role;
}

/** The office's demo staff. Events name them by their index in this list. */
export const DEMO_USERS: readonly DemoUser[] = [
  { key: 'priya-shah', name: 'Priya Shah', role: 'officer' },
  { key: 'tomas-o-briain', name: 'Tomás Ó Briain', role: 'officer' },
  { key: 'aisha-bello', name: 'Aisha Bello', role: 'officer' },
  { key: 'mei-ling-chen', name: 'Mei-Ling Chen', role: 'officer' },
  { key: 'lukasz-nowak', name: 'Łukasz Nowak', role: 'investigator' },
  { key: 'grace-okonkwo', name: 'Grace Okonkwo', role: 'investigator' },
  { key: 'soren-lindqvist', name: 'Søren Lindqvist', role: 'investigator' },
  { key: 'hannah-whitfield', name: 'Hannah Whitfield', role: 'manager' },
  { key: 'rangi-parata', name: 'Rangi Parata', role: 'manager' },
];
const usersWithRole = (role: Role) => DEMO_USERS.flatMap((u, i) => (u.role === role ? [i] : []));
const OFFICERS = usersWithRole('officer');
const INVESTIGATORS = usersWithRole('investigator');
const MANAGERS = usersWithRole('manager');
// Some people carry more cases than others.
const OFFICER_LOAD = [38, 26, 22, 14];

/** Something that happened to a case after it was logged. `by` is an index into DEMO_USERS. */
export type DemoEvent =
  | { kind: 'transition'; at: string; by: number; to: CaseStatus; reason?: string }
  | { kind: 'assign'; at: string; by: number; to: number | null; reason: string }
  | { kind: 'checklist'; at: string; by: number; items: string[] }
  | { kind: 'finding'; at: string; by: number; finding: Finding; rootCause: string }
  | { kind: 'escalate'; at: string; by: number; owner: number; reason: string }
  | { kind: 'de-escalate'; at: string; by: number }
  /** The internal SLA clock stops while the case waits on the complainant, and starts again. */
  | { kind: 'sla-pause'; at: string; by: number; reason: string }
  | { kind: 'sla-resume'; at: string; by: number }
  /** The follow-up with the complainant, recorded before the case is closed from follow-up. */
  | { kind: 'satisfaction'; at: string; by: number; score: CaseSatisfaction['score']; resolved: boolean };

export interface DemoCase {
  /** Position in the data set before sorting by creation: stable, so ids can be derived from it. */
  index: number;
  /** What the officer typed (receivedAt as a UTC ISO string). */
  input: NewCaseInput;
  /** When it was logged: the case's first audit entry. */
  createdAt: string;
  createdBy: number;
  /** An earlier case (by index) from the same complainant that the officer linked. */
  relatedTo: number | null;
  /** In time order, all after createdAt and not after `now`. */
  events: DemoEvent[];
  /** The status the events lead to. */
  status: CaseStatus;
  /** The complainant's latest satisfaction check of a closed case (its last 'satisfaction' event). */
  satisfaction: CaseSatisfaction | null;
  /** Part of the injected spike. */
  spike: boolean;
}

export interface DemoOptions {
  count: number;
  seed: number;
  now: Date | string;
  /** Categories and subcategories to use; the default taxonomy when absent. */
  taxonomy?: Taxonomy;
  /** The office's time zone: complaints arrive, and staff work, on its weekdays and hours. */
  timeZone?: string;
  /** How far back received dates go. */
  months?: number;
  /** The office's required checklist items (null or absent: each item's default). */
  requiredChecklistItems?: readonly string[] | null;
  /** Inject the recent spike (DEMO_SPIKE); on unless false. */
  spike?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Time in the office's zone

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

interface Zone {
  /** Local wall-clock milliseconds (as if UTC) of an instant. */
  local(ms: number): number;
  /** The instant of a local wall-clock time. */
  utc(localMs: number): number;
}

function makeZone(timeZone: string): Zone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
  });
  const offsets = new Map<number, number>();
  // Offsets change on the hour (or half hour) in every zone, so one lookup per UTC hour is enough.
  const offsetAt = (ms: number): number => {
    const hour = Math.floor(ms / HOUR);
    let offset = offsets.get(hour);
    if (offset === undefined) {
      const p = Object.fromEntries(format.formatToParts(hour * HOUR).map((x) => [x.type, Number(x.value)]));
      offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - hour * HOUR;
      offsets.set(hour, offset);
    }
    return offset;
  };
  return {
    local: (ms) => ms + offsetAt(ms),
    utc: (localMs) => localMs - offsetAt(localMs - offsetAt(localMs)),
  };
}

// 0 = Sunday … 6 = Saturday, for a local day number (days since 1970-01-01, a Thursday).
const weekdayOf = (dayNumber: number): number => (((dayNumber + 4) % 7) + 7) % 7;
const isWeekday = (dayNumber: number): boolean => weekdayOf(dayNumber) >= 1 && weekdayOf(dayNumber) <= 5;
const OPENS = 8 * 60; // minutes after midnight
const CLOSES = 18 * 60;

/** The instant itself during office hours, otherwise early on the next working morning. */
function workingTime(ms: number, zone: Zone, rng: Rng): number {
  const local = zone.local(ms);
  let day = Math.floor(local / DAY);
  const minute = (local - day * DAY) / MIN;
  if (isWeekday(day) && minute >= OPENS && minute < CLOSES) return ms;
  if (minute >= CLOSES || !isWeekday(day)) day += 1;
  while (!isWeekday(day)) day += 1;
  return zone.utc(day * DAY + (OPENS + rng.int(0, 100)) * MIN + rng.int(0, 59) * 1000);
}

// ---------------------------------------------------------------------------------------------
// Pass 1: the plan

const CHANNEL_WEIGHTS: Record<ComplaintChannel, number> = {
  email: 30,
  phone: 25,
  'web-form': 19,
  letter: 10,
  'walk-in': 6,
  'social-media': 6,
  referral: 4,
};
// Sunday … Saturday. Mondays are busiest; phones and branches are closed at weekends.
const WEEKDAY_WEIGHTS: Record<'online' | 'office' | 'post', readonly number[]> = {
  online: [0.35, 1.3, 1.15, 1.05, 1, 0.9, 0.45],
  office: [0, 1.35, 1.15, 1.05, 1, 0.95, 0.12],
  post: [0, 1.4, 1.1, 1, 1, 0.95, 0],
};
const channelKind = (c: ComplaintChannel) =>
  c === 'phone' || c === 'walk-in' ? 'office' : c === 'letter' || c === 'referral' ? 'post' : 'online';

// Salts keep the random streams of the two passes (and their parts) apart.
const SALT = {
  plan: 1,
  repeat: 2,
  target: 3,
  force: 4,
  case: 5,
  events: 6,
  spike: 7,
  satisfaction: 8,
} as const;

/**
 * The injected spike, so the dashboard has an emerging issue to show: in the last week most
 * complaints are about one kind of failed card payment, with one root cause once investigated.
 */
export const DEMO_SPIKE = {
  days: 7,
  share: 0.6,
  /** A quiet week still shows the spike: at least this many of its complaints join it (all, if fewer). */
  minCases: 12,
  category: 'Payments',
  subcategory: 'Failed payment',
  rootCause: 'Card processor outage declined valid payments',
} as const;

export interface DemoPlan {
  options: Required<Omit<DemoOptions, 'now' | 'requiredChecklistItems'>> & {
    nowMs: number;
    requiredChecklistItems: readonly string[] | null;
  };
  channel: ComplaintChannel[];
  receivedMs: Float64Array;
  createdMs: Float64Array;
  personId: Int32Array;
  relatedTo: Int32Array;
  status: CaseStatus[];
  /** Share of the last week's complaints that join the spike: DEMO_SPIKE.share, more in a quiet week. */
  spikeShare: number;
  /** Case indices in creation order: the order cases are logged, numbered and stored. */
  order: Int32Array;
}

/** Share of cases still open at an age (days since receipt): older complaints are mostly closed. */
function openShare(ageDays: number): number {
  if (ageDays < 3) return 0.92;
  if (ageDays < 14) return 0.82;
  if (ageDays < 30) return 0.62;
  if (ageDays < 60) return 0.28;
  if (ageDays < 120) return 0.06;
  if (ageDays < 240) return 0.02;
  return 0.008;
}

type OpenStatus = Exclude<CaseStatus, 'closed' | 'withdrawn'>;
/** Where open cases stand, by age: recent ones near the start, older ones spread over every stage. */
function openStatusWeights(ageDays: number): Partial<Record<OpenStatus, number>> {
  if (ageDays < 2) return { received: 50, acknowledged: 38, investigating: 12 };
  if (ageDays < 7)
    return { received: 6, acknowledged: 24, investigating: 62, 'resolution-proposed': 5, reopened: 3 };
  if (ageDays < 21)
    return {
      received: 2,
      acknowledged: 5,
      investigating: 52,
      'resolution-proposed': 15,
      'resolution-rejected': 5,
      'resolution-accepted': 5,
      implementing: 8,
      'follow-up': 5,
      reopened: 3,
    };
  return {
    received: 2,
    acknowledged: 3,
    investigating: 32,
    'resolution-proposed': 14,
    'resolution-rejected': 7,
    'resolution-accepted': 6,
    implementing: 14,
    'follow-up': 18,
    reopened: 4,
  };
}

/** Ages (days) at which a forced status still reads naturally. */
const FORCE_AGE: Record<CaseStatus, [number, number]> = {
  received: [0, 3],
  acknowledged: [1, 10],
  investigating: [3, 40],
  'resolution-proposed': [10, 60],
  'resolution-rejected': [14, 70],
  'resolution-accepted': [14, 70],
  implementing: [18, 80],
  'follow-up': [21, 90],
  closed: [10, 10_000],
  withdrawn: [3, 10_000],
  reopened: [25, 200],
};

export function planDemoData(options: DemoOptions): DemoPlan {
  const count = Math.max(0, Math.floor(options.count));
  const seed = options.seed >>> 0;
  const nowMs = typeof options.now === 'string' ? Date.parse(options.now) : options.now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError('now is not a valid instant');
  const timeZone = options.timeZone ?? 'Europe/London';
  const months = options.months ?? 18;
  const taxonomy = options.taxonomy ?? DEFAULT_TAXONOMY;
  const zone = zoneFor(timeZone);
  const spanDays = Math.max(1, Math.round(months * 30.44));
  const today = Math.floor(zone.local(nowMs) / DAY);

  const channel: ComplaintChannel[] = new Array(count);
  const receivedMs = new Float64Array(count);
  const createdMs = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const rng = rngFor(seed, i, SALT.plan);
    const ch = rng.weighted(CHANNEL_WEIGHTS);
    channel[i] = ch;
    const weights = WEEKDAY_WEIGHTS[channelKind(ch)];
    // Rejection sampling: recent days a little busier than old ones, weekdays by channel.
    let day = today;
    for (let tries = 0; tries < 60; tries++) {
      const back = Math.floor(rng.next() * spanDays);
      day = today - back;
      const w = (0.8 + 0.4 * (1 - back / spanDays)) * weights[weekdayOf(day)]!;
      if (rng.next() * 1.2 * 1.4 < w) break;
    }
    const kind = channelKind(ch);
    const minute =
      kind === 'office'
        ? rng.int(8 * 60 + 30, 17 * 60 + 30)
        : ch === 'letter'
          ? rng.int(8 * 60 + 45, 11 * 60 + 30)
          : ch === 'referral'
            ? rng.int(9 * 60, 17 * 60)
            : rng.chance(0.72)
              ? rng.int(8 * 60, 20 * 60)
              : rng.int(0, 24 * 60 - 1);
    let received = zone.utc(day * DAY + minute * MIN + rng.int(0, 59) * 1000);
    // Today, but later than now: the same weekday and time a week earlier.
    if (received > nowMs - MIN) received = zone.utc((day - 7) * DAY + minute * MIN);
    // Logging delay: phone calls and visits are logged while the person is there; the rest in office hours.
    const delay =
      kind === 'office'
        ? rng.int(2, 25) * MIN
        : ch === 'letter'
          ? rng.range(0.5, 6) * HOUR
          : ch === 'referral'
            ? rng.range(1, 30) * HOUR
            : rng.range(10, 240) * MIN;
    let created = received + delay;
    if (kind !== 'office') created = workingTime(created, zone, rng);
    // Not logged yet by now at that pace: logged a little while after it arrived instead.
    if (created > nowMs - 30_000) created = received + rng.next() * Math.max(0, nowMs - 30_000 - received);
    receivedMs[i] = received;
    createdMs[i] = created;
  }

  // Repeat complainants: some people complain again within weeks, about the same account.
  const byReceived = Int32Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => receivedMs[a]! - receivedMs[b]! || a - b,
  );
  const personId = Int32Array.from({ length: count }, (_, i) => i);
  const relatedTo = new Int32Array(count).fill(-1);
  const window = Math.max(3, Math.round((count / spanDays) * 40));
  for (let k = 1; k < count; k++) {
    const i = byReceived[k]!;
    const rng = rngFor(seed, i, SALT.repeat);
    if (!rng.chance(0.07)) continue;
    const j = byReceived[k - rng.int(1, Math.min(k, window))]!;
    personId[i] = personId[j]!;
    if (receivedMs[i]! - receivedMs[j]! > DAY && createdMs[j]! < createdMs[i]! && rng.chance(0.5))
      relatedTo[i] = j;
  }

  // Final status from age: older cases mostly closed, recent ones spread over every stage.
  const status: CaseStatus[] = new Array(count);
  const ageDays = (i: number) => (nowMs - receivedMs[i]!) / DAY;
  for (let i = 0; i < count; i++) {
    const rng = rngFor(seed, i, SALT.target);
    const age = ageDays(i);
    status[i] = rng.chance(openShare(age))
      ? rng.weighted(openStatusWeights(age))
      : rng.chance(0.91)
        ? 'closed'
        : 'withdrawn';
  }

  // Every status appears at least once when there are enough cases (a small demo shows every screen).
  if (count >= CASE_STATUSES.length * 2) {
    const rng = rngFor(seed, count, SALT.force);
    const tally = new Map<CaseStatus, number>();
    for (const s of status) tally.set(s, (tally.get(s) ?? 0) + 1);
    for (const wanted of CASE_STATUSES) {
      if (tally.get(wanted)) continue;
      const [lo, hi] = FORCE_AGE[wanted];
      const spare = (i: number) => (tally.get(status[i]!) ?? 0) > 1;
      const candidates: number[] = [];
      for (let i = 0; i < count; i++)
        if (spare(i) && ageDays(i) >= lo && ageDays(i) <= hi) candidates.push(i);
      if (candidates.length === 0) for (let i = 0; i < count; i++) if (spare(i)) candidates.push(i);
      if (candidates.length === 0) continue;
      const i = rng.pick(candidates);
      tally.set(status[i]!, tally.get(status[i]!)! - 1);
      status[i] = wanted;
      tally.set(wanted, 1);
    }
  }

  const order = Int32Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => createdMs[a]! - createdMs[b]! || a - b,
  );
  // With only a handful of complaints in the last week, 60% of them is within ordinary variation.
  let lastWeek = 0;
  for (let i = 0; i < count; i++) if (receivedMs[i]! >= nowMs - DEMO_SPIKE.days * DAY) lastWeek++;
  const spikeShare = Math.min(1, Math.max(DEMO_SPIKE.share, DEMO_SPIKE.minCases / Math.max(1, lastWeek)));
  return {
    options: {
      count,
      seed,
      nowMs,
      timeZone,
      months,
      taxonomy,
      requiredChecklistItems: options.requiredChecklistItems ?? null,
      spike: options.spike ?? true,
    },
    channel,
    receivedMs,
    createdMs,
    personId,
    relatedTo,
    status,
    spikeShare,
    order,
  };
}

// ---------------------------------------------------------------------------------------------
// Pass 2: one case

const BASE_SEVERITY: Record<Severity, number> = { low: 22, medium: 50, high: 21, critical: 7 };
const SERIOUS_SEVERITY: Record<Severity, number> = { low: 4, medium: 30, high: 41, critical: 25 };
const SERIOUS = new Set(['Fraud or scam', 'Data breach', 'Mis-sold', 'Closure']);

function pickCategory(taxonomy: Taxonomy, rng: Rng): { category: string; subcategory: string } {
  const weights: Record<string, number> = {};
  for (const c of taxonomy) weights[c.category] = CATEGORY_WEIGHTS[c.category] ?? 6;
  const category = rng.weighted(weights);
  const subs = taxonomy.find((c) => c.category === category)?.subcategories ?? [];
  return { category, subcategory: subs.length && rng.chance(0.92) ? rng.pick(subs) : '' };
}

/** The case the plan describes at position `index` (not creation order; see `plan.order`). */
export function demoCase(plan: DemoPlan, index: number): DemoCase {
  const { seed, taxonomy } = plan.options;
  const rng = rngFor(seed, index, SALT.case);
  const person = demoPerson(seed, plan.personId[index]!);
  const repeat = plan.personId[index] !== index;
  const channel = plan.channel[index]!;
  const receivedMs = plan.receivedMs[index]!;

  const picked = pickCategory(taxonomy, rng);
  // The spike draws from its own stream, so every other case is the same with or without it.
  const spike =
    plan.options.spike &&
    receivedMs >= plan.options.nowMs - DEMO_SPIKE.days * DAY &&
    taxonomy.some((c) => c.category === DEMO_SPIKE.category) &&
    rngFor(seed, index, SALT.spike).chance(plan.spikeShare);
  const { category, subcategory } = spike
    ? {
        category: DEMO_SPIKE.category,
        subcategory: taxonomy
          .find((c) => c.category === DEMO_SPIKE.category)!
          .subcategories.includes(DEMO_SPIKE.subcategory)
          ? DEMO_SPIKE.subcategory
          : '',
      }
    : picked;
  const kinds = CATEGORY_PRODUCTS[category];
  const products = PRODUCTS[person.locale].filter((p) => !kinds || kinds.includes(p.kind));
  const cards = products.filter((p) => p.kind === 'card');
  const withProduct = rng.chance(0.94);
  const productEntry =
    spike && cards.length ? cards[0]! : withProduct && products.length ? rng.pick(products) : null;
  const product = productEntry?.name ?? '';

  let regime: CaseRegimeId;
  if (rng.chance(0.012)) regime = 'custom';
  else if (person.locale === 'uk')
    regime = category === 'Payments' && rng.chance(0.6) ? 'uk-fca-psd' : 'uk-fca-general';
  else if (person.locale === 'au')
    regime =
      productEntry?.kind === 'super'
        ? 'au-asic-rg271-super'
        : rng.chance(person.vulnerable ? 0.5 : 0.1)
          ? 'au-asic-rg271-hardship'
          : 'au-asic-rg271';
  else regime = 'us-cfpb';

  let severity = rng.weighted(SERIOUS.has(subcategory) ? SERIOUS_SEVERITY : BASE_SEVERITY);
  if (person.vulnerable && severity !== 'critical' && rng.chance(0.4))
    severity = SEVERITIES[SEVERITIES.indexOf(severity) + 1]!;

  const slots: Slots = {
    locale: person.locale,
    product: product || 'account',
    receivedMs,
    category,
    subcategory,
  };
  const description = describeComplaint(slots, channel, rng);
  const accountRef = rng.chance(0.09)
    ? ''
    : repeat && rng.chance(0.7)
      ? person.accountRefs[0]!
      : rng.pick(person.accountRefs);

  const input: NewCaseInput = {
    complainant: {
      name: person.name,
      email: person.email,
      phone: person.phone,
      address: person.address,
      preferredContact: person.preferredContact,
      needs: person.needs,
      vulnerable: person.vulnerable,
      consentToContact: person.consentToContact,
    },
    channel,
    receivedAt: new Date(receivedMs).toISOString(),
    category,
    subcategory,
    product,
    accountRef,
    description,
    desiredOutcome: desiredOutcome(slots, rng),
    severity,
    regime,
    relatedCaseIds: [],
  };

  const createdBy =
    OFFICERS[Number(rng.weighted(Object.fromEntries(OFFICER_LOAD.map((w, k) => [String(k), w]))))]!;
  const createdMs = plan.createdMs[index]!;
  const events = demoEvents(plan, index, {
    createdMs,
    createdBy,
    receivedMs,
    regime,
    severity,
    vulnerable: person.vulnerable,
    category,
    spike,
  });
  return {
    index,
    input,
    createdAt: new Date(createdMs).toISOString(),
    createdBy,
    relatedTo: plan.relatedTo[index]! >= 0 ? plan.relatedTo[index]! : null,
    events,
    status: plan.status[index]!,
    satisfaction: demoSatisfaction(plan, index, events),
    spike,
  };
}

const SATISFACTION_WEIGHTS: Record<Finding, Record<'1' | '2' | '3' | '4' | '5', number>> = {
  upheld: { 1: 3, 2: 7, 3: 15, 4: 35, 5: 40 },
  'partially-upheld': { 1: 8, 2: 15, 3: 35, 4: 30, 5: 12 },
  'not-upheld': { 1: 25, 2: 30, 3: 25, 4: 15, 5: 5 },
};

/** A closed case's satisfaction: the follow-up recorded before it was (last) closed. */
function demoSatisfaction(
  plan: DemoPlan,
  index: number,
  events: readonly DemoEvent[],
): CaseSatisfaction | null {
  if (plan.status[index] !== 'closed') return null;
  const last = [...events].reverse().find((e) => e.kind === 'satisfaction');
  return last?.kind === 'satisfaction' ? { score: last.score, resolved: last.resolved, at: last.at } : null;
}

/** The follow-up answer: scored by the finding, from the case's satisfaction stream. */
function demoFollowUp(
  seed: number,
  index: number,
  finding: Finding,
): { score: CaseSatisfaction['score']; resolved: boolean } {
  const rng = rngFor(seed, index, SALT.satisfaction);
  const score = Number(rng.weighted(SATISFACTION_WEIGHTS[finding])) as CaseSatisfaction['score'];
  return { score, resolved: score >= 3 };
}

const pickWith = <T>(seed: number, index: number, items: readonly T[]): T =>
  rngFor(seed, index, SALT.satisfaction + 1).pick(items);

/** Every case, in creation order. */
export function* generateDemoCases(options: DemoOptions | DemoPlan): Generator<DemoCase> {
  const plan = 'order' in options ? options : planDemoData(options);
  for (const index of plan.order) yield demoCase(plan, index);
}

// ---------------------------------------------------------------------------------------------
// A case's history: the moves to its final status, with the work that goes with each move.

type EventBody = DemoEvent extends infer E ? (E extends DemoEvent ? Omit<E, 'at'> : never) : never;
interface Step {
  /** Nominal time after the step before. */
  delay: number;
  body: EventBody;
  /** Moved into office hours (summary resolutions are not, to stay inside their short window). */
  snap: boolean;
}

interface CaseFacts {
  createdMs: number;
  createdBy: number;
  receivedMs: number;
  regime: CaseRegimeId;
  severity: Severity;
  vulnerable: boolean;
  category: string;
  spike: boolean;
}

const INVESTIGATION_DAYS: Record<Severity, [number, number]> = {
  critical: [2, 8],
  high: [4, 14],
  medium: [5, 24],
  low: [5, 30],
};

/** The sequence of statuses from `received` to the final one. */
function statusPath(final: CaseStatus, facts: CaseFacts, rng: Rng): { path: CaseStatus[]; summary: boolean } {
  const ack: CaseStatus[] = ['acknowledged', 'investigating', 'resolution-proposed'];
  const retry = (): CaseStatus[] => (rng.chance(0.18) ? ['resolution-rejected', 'resolution-proposed'] : []);
  const toAccepted = (): CaseStatus[] => [...ack, ...retry(), 'resolution-accepted'];
  const toFollowUp = (): CaseStatus[] => [...toAccepted(), 'implementing', 'follow-up'];
  const adjust = (): CaseStatus[] =>
    rng.chance(0.06) ? ['resolution-proposed', 'resolution-accepted', 'implementing', 'follow-up'] : [];
  const closedFull = (): CaseStatus[] => [...toFollowUp(), ...adjust(), 'closed'];
  const withdrawnPath = (): CaseStatus[] => {
    const at = rng.weighted({
      received: 15,
      acknowledged: 25,
      investigating: 35,
      proposed: 15,
      rejected: 10,
    });
    const before: Record<typeof at, CaseStatus[]> = {
      received: [],
      acknowledged: ['acknowledged'],
      investigating: ['acknowledged', 'investigating'],
      proposed: ack,
      rejected: [...ack, 'resolution-rejected'],
    };
    return [...before[at], 'withdrawn'];
  };
  switch (final) {
    case 'received':
      return { path: [], summary: false };
    case 'acknowledged':
      return { path: ['acknowledged'], summary: false };
    case 'investigating':
      return { path: ['acknowledged', 'investigating'], summary: false };
    case 'resolution-proposed':
      return {
        path: rng.chance(0.06) ? [...toFollowUp(), 'resolution-proposed'] : [...ack, ...retry()],
        summary: false,
      };
    case 'resolution-rejected':
      return { path: [...ack, ...retry(), 'resolution-rejected'], summary: false };
    case 'resolution-accepted':
      return { path: toAccepted(), summary: false };
    case 'implementing':
      return { path: [...toAccepted(), 'implementing'], summary: false };
    case 'follow-up':
      return { path: toFollowUp(), summary: false };
    case 'withdrawn':
      return { path: withdrawnPath(), summary: false };
    case 'reopened':
      return { path: [...(rng.chance(0.8) ? closedFull() : withdrawnPath()), 'reopened'], summary: false };
    case 'closed': {
      const summaryPossible =
        REGIMES[facts.regime].summaryResolution !== undefined &&
        facts.createdMs - facts.receivedMs <= 12 * HOUR;
      if (summaryPossible && rng.chance(0.55))
        return { path: rng.chance(0.5) ? ['acknowledged', 'closed'] : ['closed'], summary: true };
      const again: CaseStatus[] = rng.chance(0.03)
        ? [
            'reopened',
            'investigating',
            'resolution-proposed',
            'resolution-accepted',
            'implementing',
            'follow-up',
            'closed',
          ]
        : [];
      return { path: [...closedFull(), ...again], summary: false };
    }
  }
}

function demoEvents(plan: DemoPlan, index: number, facts: CaseFacts): DemoEvent[] {
  const { seed, nowMs, timeZone } = plan.options;
  const zone = zoneFor(timeZone);
  const rng = rngFor(seed, index, SALT.events);
  const final = plan.status[index]!;
  const { path, summary } = statusPath(final, facts, rng);
  const required = plan.options.requiredChecklistItems ?? undefined;

  const steps: Step[] = [];
  const add = (delay: number, body: EventBody, snap = true) => steps.push({ delay, body, snap });
  const ticked = new Set<string>();
  let assignee: number | null = facts.createdBy;
  let escalated = false;
  let lastFinding: Finding = 'partially-upheld';
  const actor = () => assignee ?? rng.pick(MANAGERS);
  const slow = rng.chance(0.08) ? rng.range(2, 4) : rng.range(0.6, 1.4);

  /** Ticks what must be done (and some of what may be) before leaving a stage. */
  const tickStage = (stage: Stage, delay: number, snap = true) => {
    const must = new Set(requiredChecklistItems(stage, required).map((item) => item.id));
    const items = CHECKLISTS[stage]
      .map((item) => item.id)
      .filter((id) => !ticked.has(id) && (must.has(id) || rng.chance(0.4)));
    if (items.length === 0) return;
    items.forEach((id) => ticked.add(id));
    add(delay, { kind: 'checklist', by: actor(), items }, snap);
  };

  let status: CaseStatus = 'received';
  let findingDone = false;
  for (const [k, to] of path.entries()) {
    const from = status;
    const last = k === path.length - 1;
    if (to === 'acknowledged') {
      tickStage(
        'acknowledge',
        !summary && rng.chance(0.06) ? rng.range(30, 90) * HOUR : rng.range(0.3, 6) * HOUR,
        !summary,
      );
      add(rng.range(1, 20) * MIN, { kind: 'transition', by: actor(), to }, !summary);
    } else if (to === 'closed' && (from === 'received' || from === 'acknowledged')) {
      tickStage('acknowledge', rng.range(0.3, 6) * HOUR, false);
      add(
        rng.range(0.5, 14) * HOUR,
        { kind: 'transition', by: actor(), to, reason: rng.pick(REASONS.summary) },
        false,
      );
    } else if (to === 'investigating') {
      if (from === 'acknowledged' || rng.chance(0.5)) {
        if (rng.chance(0.32)) {
          const to = rng.pick(INVESTIGATORS.filter((u) => u !== assignee));
          add(rng.range(1, 30) * HOUR, {
            kind: 'assign',
            by: rng.chance(0.5) ? rng.pick(MANAGERS) : actor(),
            to,
            reason: rng.pick(REASONS.reassign),
          });
          assignee = to;
        }
      }
      add(from === 'reopened' ? rng.range(2, 72) * HOUR : rng.range(1, 50) * HOUR, {
        kind: 'transition',
        by: actor(),
        to,
      });
      const escalate = facts.severity === 'critical' || facts.vulnerable ? 0.14 : 0.04;
      if (!escalated && rng.chance(escalate)) {
        const owner = rng.pick(MANAGERS);
        add(rng.range(1, 6) * DAY, {
          kind: 'escalate',
          by: owner,
          owner,
          reason: rng.pick(REASONS.escalate),
        });
        escalated = true;
      }
    } else if (to === 'resolution-proposed') {
      if (from === 'investigating' || from === 'reopened') {
        const [lo, hi] = INVESTIGATION_DAYS[facts.severity];
        if (rng.chance(0.1)) {
          add(rng.range(1, 4) * DAY, { kind: 'sla-pause', by: actor(), reason: rng.pick(REASONS.pause) });
          add(rng.range(2, 8) * DAY, { kind: 'sla-resume', by: actor() });
        }
        const finding: Finding = rng.weighted({ upheld: 42, 'partially-upheld': 25, 'not-upheld': 33 });
        lastFinding = finding;
        if (!findingDone || rng.chance(0.6)) {
          add(rng.range(lo, hi) * DAY * slow, {
            kind: 'finding',
            by: actor(),
            finding,
            rootCause: facts.spike ? DEMO_SPIKE.rootCause : rootCauseFor(finding, rng),
          });
          findingDone = true;
        }
        tickStage('investigate', rng.range(10, 24 * 60) * MIN);
        add(rng.range(10, 240) * MIN, { kind: 'transition', by: actor(), to });
      } else if (from === 'follow-up') {
        add(rng.range(2, 12) * DAY, {
          kind: 'transition',
          by: actor(),
          to,
          reason: rng.pick(REASONS.adjust),
        });
      } else {
        add(rng.range(2, 10) * DAY, { kind: 'transition', by: actor(), to });
      }
    } else if (to === 'resolution-accepted' || to === 'resolution-rejected') {
      add(rng.range(1, 10) * DAY, { kind: 'transition', by: actor(), to });
    } else if (to === 'implementing') {
      tickStage('resolve', rng.range(1, 24) * HOUR);
      add(rng.range(10, 180) * MIN, { kind: 'transition', by: actor(), to });
    } else if (to === 'follow-up') {
      add(rng.range(1, 12) * DAY * slow, { kind: 'transition', by: actor(), to });
    } else if (to === 'closed') {
      // An escalated case is settled before it closes (the workflow refuses otherwise).
      if (escalated) {
        add(rng.range(1, 5) * DAY, { kind: 'de-escalate', by: rng.pick(MANAGERS) });
        escalated = false;
      }
      tickStage('implement', rng.range(2, 14) * DAY);
      // The follow-up with the complainant comes first; scored by how the case ended (its own
      // random stream, so the rest of the history does not shift with it).
      const answer = demoFollowUp(seed, index, lastFinding);
      add(rng.range(10, 120) * MIN, { kind: 'satisfaction', by: actor(), ...answer });
      add(rng.range(10, 120) * MIN, {
        kind: 'transition',
        by: actor(),
        to,
        ...(answer.resolved ? {} : { reason: pickWith(seed, index, REASONS.closeUnsatisfied) }),
      });
      if (rng.chance(0.35)) tickStage('review', rng.range(1, 120) * HOUR);
    } else if (to === 'withdrawn') {
      add(rng.range(1, 240) * HOUR, {
        kind: 'transition',
        by: actor(),
        to,
        reason: rng.pick(REASONS.withdraw),
      });
    } else if (to === 'reopened') {
      add(rng.range(7, 60) * DAY, {
        kind: 'transition',
        by: rng.pick(MANAGERS),
        to,
        reason: rng.pick(REASONS.reopen),
      });
    }
    status = to;
    if (last) break;
  }

  // An open case shows work in progress on its current stage, and a few wait in the team queue.
  if (status !== 'closed' && status !== 'withdrawn') {
    const stage = stageOf(status);
    const open = CHECKLISTS[stage].filter((item) => !ticked.has(item.id));
    if (open.length && rng.chance(0.55)) {
      const items = open.slice(0, rng.int(1, Math.min(2, open.length))).map((item) => item.id);
      add(rng.range(2, 72) * HOUR, { kind: 'checklist', by: actor(), items });
    }
    if ((status === 'investigating' || status === 'resolution-proposed') && rng.chance(0.15)) {
      add(rng.range(1, 5) * DAY, { kind: 'sla-pause', by: actor(), reason: rng.pick(REASONS.pause) });
    }
    if (status !== 'received' && assignee !== null && rng.chance(0.04)) {
      add(rng.range(1, 10) * DAY, {
        kind: 'assign',
        by: rng.pick(MANAGERS),
        to: null,
        reason: rng.pick(REASONS.unassign),
      });
      assignee = null;
    }
  }

  const times = place(steps, facts.createdMs, nowMs, zone, rng);
  return steps.map((step, k) => ({ ...step.body, at: new Date(times[k]!).toISOString() }) as DemoEvent);
}

/** Lays the steps out in time after the case was logged, never after now: as planned when they fit,
 * squeezed when the case is younger than its history. */
function place(steps: readonly Step[], createdMs: number, nowMs: number, zone: Zone, rng: Rng): number[] {
  const limit = nowMs - MIN;
  const attempt = (scale: number, snap: boolean): number[] => {
    let t = createdMs;
    return steps.map((step) => {
      let next = t + step.delay * scale;
      if (snap && step.snap) next = workingTime(next, zone, rng);
      t = Math.max(next, t + MIN);
      return t;
    });
  };
  if (steps.length === 0) return [];
  let times = attempt(1, true);
  if (times.at(-1)! <= limit) return times;
  const nominal = steps.reduce((sum, s) => sum + s.delay, 0);
  const scale = ((limit - createdMs) * rng.range(0.55, 0.9)) / nominal;
  times = attempt(scale, true);
  if (times.at(-1)! <= limit) return times;
  times = attempt(scale, false);
  if (times.at(-1)! <= limit) return times;
  // A case logged moments ago: spread its few steps evenly up to now.
  const span = Math.max(steps.length, nowMs - createdMs);
  return steps.map((_, k) => createdMs + Math.floor(((k + 1) * span) / (steps.length + 1)));
}

const zones = new Map<string, Zone>();
function zoneFor(timeZone: string): Zone {
  let zone = zones.get(timeZone);
  if (!zone) zones.set(timeZone, (zone = makeZone(timeZone)));
  return zone;
}
