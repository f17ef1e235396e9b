import { describe, expect, it } from 'vitest';
import { DEFAULT_EMERGING, detectEmerging } from '../../../../src-shared/analytics/emerging';
import { toCaseFact } from '../../../../src-shared/analytics/facts';
import {
  CHANNELS,
  makeNewCaseSchema,
  matchKey,
  REGIME_IDS,
  type CaseRecord,
} from '../../../../src-shared/domain/case';
import { hasSummaryResolution } from '../../../../src-shared/domain/deadlines';
import { DEFAULT_TAXONOMY } from '../../../../src-shared/domain/taxonomy';
import { CASE_STATUSES, checkTransition } from '../../../../src-shared/domain/workflow';
import {
  DEMO_SPIKE,
  DEMO_USERS,
  generateDemoCases,
  planDemoData,
  type DemoCase,
} from '../../../../src-shared/demo/generate';
import { asciiFold } from '../../../../src-shared/demo/people';
import { Rng } from '../../../../src-shared/demo/rng';

const now = new Date('2026-11-23T10:00:00Z');
const DAY = 86_400_000;
const generate = (count: number, seed = 42, extra = {}): DemoCase[] => [
  ...generateDemoCases({ count, seed, now, ...extra }),
];
const big = generate(3000);

describe('Rng', () => {
  it('repeats for a seed and differs between seeds', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (rng) => () =>
            rng.next()
        )(new Rng(seed)),
      );
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
    expect(new Rng(3).uuid()).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('generateDemoCases', () => {
  it('is deterministic for a seed', () => {
    expect(generate(200, 9)).toEqual(generate(200, 9));
    expect(generate(200, 9)).not.toEqual(generate(200, 10));
  });

  it('gives intakes the form would accept, from the office taxonomy', () => {
    const schema = makeNewCaseSchema(now);
    for (const c of big) {
      const parsed = schema.safeParse(c.input);
      expect(parsed.success, JSON.stringify(parsed.error?.issues)).toBe(true);
      const entry = DEFAULT_TAXONOMY.find((t) => t.category === c.input.category);
      expect(entry).toBeDefined();
      if (c.input.subcategory) expect(entry!.subcategories).toContain(c.input.subcategory);
    }
    const custom = generate(200, 1, {
      taxonomy: [{ category: 'Pensions', subcategories: ['Transfer out'] }],
    });
    expect(new Set(custom.map((c) => c.input.category))).toEqual(new Set(['Pensions']));
    expect(custom.every((c) => c.input.description.length > 20)).toBe(true);
  });

  it('covers every channel, regime and status, with severities skewed to medium', () => {
    const tally = (get: (c: DemoCase) => string) =>
      big.reduce((m, c) => m.set(get(c), (m.get(get(c)) ?? 0) + 1), new Map<string, number>());
    expect(new Set(tally((c) => c.input.channel).keys())).toEqual(new Set(CHANNELS));
    expect(new Set(tally((c) => c.input.regime).keys())).toEqual(new Set(REGIME_IDS));
    expect(tally((c) => c.input.regime).get('custom')!).toBeLessThan(big.length * 0.03);
    expect(new Set(tally((c) => c.status).keys())).toEqual(new Set(CASE_STATUSES));
    const severities = tally((c) => c.input.severity);
    expect(Math.max(...severities.values())).toBe(severities.get('medium'));
    // Even a small set shows every status.
    expect(new Set(generate(40, 3).map((c) => c.status))).toEqual(new Set(CASE_STATUSES));
  });

  it('spreads received dates over 18 months, busier on Mondays than at weekends', () => {
    const received = big.map((c) => Date.parse(c.input.receivedAt));
    expect(Math.max(...received)).toBeLessThanOrEqual(now.getTime());
    expect(Math.min(...received)).toBeGreaterThan(now.getTime() - 560 * DAY);
    expect(Math.min(...received)).toBeLessThan(now.getTime() - 500 * DAY);
    const weekday = (ms: number) => new Date(ms).getUTCDay();
    const mondays = received.filter((ms) => weekday(ms) === 1).length;
    const sundays = received.filter((ms) => weekday(ms) === 0).length;
    expect(mondays).toBeGreaterThan(sundays * 3);
  });

  it('closes most old cases and spreads recent ones over the stages', () => {
    const age = (c: DemoCase) => (now.getTime() - Date.parse(c.input.receivedAt)) / DAY;
    const old = big.filter((c) => age(c) > 120);
    const recent = big.filter((c) => age(c) < 30);
    const closed = (list: DemoCase[]) =>
      list.filter((c) => c.status === 'closed' || c.status === 'withdrawn').length / list.length;
    expect(closed(old)).toBeGreaterThan(0.95);
    expect(closed(recent)).toBeLessThan(0.6);
    expect(new Set(recent.map((c) => c.status)).size).toBeGreaterThanOrEqual(8);
  });

  it('gives each case a history the workflow allows, in time order, between logging and now', () => {
    for (const c of big) {
      expect(c.createdAt >= c.input.receivedAt).toBe(true);
      let status: (typeof CASE_STATUSES)[number] = 'received';
      let statusChangedAt = c.createdAt;
      let previous = c.createdAt;
      let escalated = false;
      let satisfaction: { resolved: boolean; at: string } | null = null;
      for (const e of c.events) {
        expect(e.at > previous, `${c.index} ${e.kind}`).toBe(true);
        expect(e.at <= now.toISOString()).toBe(true);
        expect(DEMO_USERS[e.by]).toBeDefined();
        previous = e.at;
        if (e.kind === 'escalate') escalated = true;
        if (e.kind === 'de-escalate') escalated = false;
        if (e.kind === 'satisfaction') satisfaction = { resolved: e.resolved, at: e.at };
        if (e.kind === 'transition') {
          // The escalation and the follow-up come from the events; checklists, findings, windows,
          // the proposal and the response letter are the seeder's and are checked by its test.
          const check = checkTransition(status, e.to, {
            reason: e.reason,
            summaryResolutionRegime: hasSummaryResolution(c.input.regime),
            summaryResolutionAllowed: true,
            checklist: new Proxy({}, { get: () => true }),
            findingRecorded: true,
            rootCauseRecorded: true,
            proposal: 'approved',
            responseRecorded: true,
            escalated,
            // Only an answer given since the case (last) entered follow-up counts.
            satisfaction: satisfaction && satisfaction.at >= statusChangedAt ? satisfaction : null,
          });
          expect(check, `${c.index}: ${status} → ${e.to}`).toEqual({ ok: true });
          status = e.to;
          statusChangedAt = e.at;
        }
      }
      expect(status).toBe(c.status);
    }
  }, 30_000); // thousands of histories through the workflow: seconds on a busy 2-core machine

  it('records the follow-up before every close from follow-up, with a reason when the complainant is not satisfied', () => {
    let closes = 0;
    let unsatisfied = 0;
    for (const c of big) {
      c.events.forEach((e, i) => {
        if (e.kind !== 'transition' || e.to !== 'closed') return;
        const before = c.events.slice(0, i);
        const from = before.findLast((p) => p.kind === 'transition');
        if (from?.kind !== 'transition' || from.to !== 'follow-up') return;
        closes += 1;
        const answer = before.slice(before.indexOf(from)).findLast((p) => p.kind === 'satisfaction');
        expect(answer, `${c.index}: closed at ${e.at} without a follow-up`).toBeDefined();
        if (answer?.kind === 'satisfaction' && !answer.resolved) {
          unsatisfied += 1;
          expect(e.reason, `${c.index}: closed unsatisfied without a reason`).toMatch(/\S/);
        }
      });
    }
    expect(closes).toBeGreaterThan(100);
    expect(unsatisfied).toBeGreaterThan(0);
  });

  it('settles every escalation before the case closes', () => {
    for (const c of big) {
      let escalated = false;
      for (const e of c.events) {
        if (e.kind === 'escalate') escalated = true;
        if (e.kind === 'de-escalate') escalated = false;
        if (e.kind === 'transition' && e.to === 'closed')
          expect(escalated, `${c.index} at ${e.at}`).toBe(false);
      }
    }
    expect(big.some((c) => c.events.some((e) => e.kind === 'de-escalate'))).toBe(true);
  });

  it('has names beyond ASCII, repeat complainants and varied wording', () => {
    const names = big.map((c) => c.input.complainant.name);
    expect(names.some((n) => /[^\p{ASCII}]/u.test(n))).toBe(true);
    expect(asciiFold('Łukasz Ngũgĩ Đặng Søren')).toBe('Lukasz Ngugi Dang Soren');
    const accounts = big.map((c) => matchKey(c.input.accountRef)).filter(Boolean);
    expect(new Set(accounts).size).toBeLessThan(accounts.length);
    expect(big.filter((c) => c.relatedTo !== null).length).toBeGreaterThan(0);
    const descriptions = new Set(big.map((c) => c.input.description));
    expect(descriptions.size).toBeGreaterThan(big.length * 0.9);
    // A specific word finds a meaningful few, not none and not most.
    const kelpie = big.filter((c) => c.input.description.includes('Kelpie')).length;
    expect(kelpie).toBeGreaterThan(0);
    expect(kelpie).toBeLessThan(big.length * 0.05);
  });

  it('plans cheaply: creation order is time order', () => {
    const plan = planDemoData({ count: 1000, seed: 5, now });
    const created = Array.from(plan.order, (i) => plan.createdMs[i]!);
    expect(created).toEqual([...created].sort((a, b) => a - b));
  });
});

describe('demo data for the dashboard', () => {
  const facts = (list: DemoCase[]) =>
    list.map((c) =>
      toCaseFact({
        id: String(c.index),
        receivedAt: c.input.receivedAt,
        deadlines: { acknowledgeDue: c.input.receivedAt, finalResponseDue: c.input.receivedAt },
        complainantKey: '',
        createdBy: { id: 'u1', name: 'Priya Shah' },
        category: c.input.category,
        product: c.input.product,
        rootCause:
          [...c.events]
            .reverse()
            .find((e): e is Extract<typeof e, { kind: 'finding' }> => e.kind === 'finding')?.rootCause ?? '',
      } as unknown as CaseRecord),
    );

  it('injects a recent spike that the emerging-issue test flags, and only when asked', () => {
    const options = { ...DEFAULT_EMERGING, now: now.getTime() };
    const flagged = detectEmerging(facts(big), options).map((i) => `${i.dimension}:${i.value}`);
    expect(flagged).toContain(`category:${DEMO_SPIKE.category}`);
    expect(
      big.filter((c) => c.spike).every((c) => Date.parse(c.input.receivedAt) >= now.getTime() - 7 * DAY),
    ).toBe(true);
    const calm = generate(3000, 42, { spike: false });
    expect(calm.some((c) => c.spike)).toBe(false);
    expect(detectEmerging(facts(calm), options).map((i) => i.value)).not.toContain(DEMO_SPIKE.category);
  });

  it('gives a case closed after follow-up the satisfaction recorded before it closed, and no other case one', () => {
    const closed = big.filter((c) => c.status === 'closed');
    const lastMove = (c: DemoCase) => c.events.findLast((e) => e.kind === 'transition')!;
    const afterFollowUp = closed.filter((c) => c.satisfaction);
    // Summary resolutions close without a follow-up; the rest are followed up.
    expect(afterFollowUp.length / closed.length).toBeGreaterThan(0.5);
    expect(big.filter((c) => c.status !== 'closed').every((c) => c.satisfaction === null)).toBe(true);
    for (const c of closed) {
      const answer = c.events.findLast((e) => e.kind === 'satisfaction');
      expect(c.satisfaction).toEqual(
        answer?.kind === 'satisfaction'
          ? { score: answer.score, resolved: answer.resolved, at: answer.at }
          : null,
      );
    }
    for (const c of afterFollowUp) {
      expect(c.satisfaction!.at < lastMove(c).at).toBe(true);
      expect([1, 2, 3, 4, 5]).toContain(c.satisfaction!.score);
      expect(c.satisfaction!.resolved).toBe(c.satisfaction!.score >= 3);
    }
    expect(
      big.some(
        (c) =>
          c.status === 'reopened' || c.events.some((e) => e.kind === 'transition' && e.to === 'reopened'),
      ),
    ).toBe(true);
  });
});
