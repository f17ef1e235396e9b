import { afterEach, beforeEach, expect } from 'vitest';
import type { CaseRules } from '../../../../src-renderer/db/cases';
import { recordCommunication } from '../../../../src-renderer/db/communications';
import { factOf, packsOf } from '../../../../src-renderer/db/return-facts';
import { RedressDB } from '../../../../src-renderer/db/schema';
import { emptyNewCase, type NewCaseInput } from '../../../../src-shared/domain/case';
import type { LetterKind } from '../../../../src-shared/domain/communications';
import { createBusinessCalendar, DEFAULT_SLA_TARGETS } from '../../../../src-shared/domain/deadlines';
import type { ActingPerson, PermissionRole } from '../../../../src-shared/domain/permissions';
import { DEFAULT_TAXONOMY } from '../../../../src-shared/domain/taxonomy';
import {
  factPackDay,
  FACTS_PER_PACK,
  packOfKey,
  returnFactOf,
  type ReturnFact,
  type ReturnFactPack,
} from '../../../../src-shared/returns/period';

/** A manager: sees every case, restricted ones too (for reads whose test is about something else). */
export const MANAGER: ActingPerson = { id: 'm1', name: 'Morgan Reid', roles: ['manager'] };

/** A person as the repositories receive them: named for the trail, with the roles the rules ask about. */
export const person = (id: string, name: string, ...roles: PermissionRole[]): ActingPerson => ({
  id,
  name,
  roles,
  approvalLimit: null,
});

let n = 0;
/** A fresh, uniquely named database in fake-indexeddb (loaded by tests/unit/setup.ts). */
export function freshDb(): RedressDB {
  n += 1;
  return new RedressDB(`redress-test-${n}-${Date.now()}`);
}

/** A fresh database before each test of the file, handed to `use`, and deleted after the test. */
export function useFreshDb(use: (db: RedressDB) => void): void {
  let db: RedressDB | undefined;
  beforeEach(() => {
    db = freshDb();
    use(db);
  });
  afterEach(async () => {
    db?.close();
    await db?.delete();
  });
}

/** An English office's rules. */
export function testRules(overrides: Partial<CaseRules> = {}): CaseRules {
  return {
    calendar: createBusinessCalendar({ country: 'GB', region: 'ENG', timeZone: 'Europe/London' }),
    taxonomy: DEFAULT_TAXONOMY,
    requiredChecklistItems: null,
    requireFindingToLeaveInvestigation: true,
    customRegime: {
      acknowledge: { amount: 1, unit: 'business-days' },
      final: { amount: 30, unit: 'calendar-days' },
    },
    slaTargets: structuredClone(DEFAULT_SLA_TARGETS) as CaseRules['slaTargets'],
    ...overrides,
  };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

/** A valid intake, received at `receivedAt`, with any field overridden. */
export function intake(receivedAt: string, overrides: DeepPartial<NewCaseInput> = {}): NewCaseInput {
  const base = emptyNewCase(new Date(receivedAt), { regime: 'uk-fca-general', category: 'Charges and fees' });
  return {
    ...base,
    description: 'Charged twice for the March bill.',
    ...overrides,
    complainant: {
      ...base.complainant,
      name: 'Zoë Adams',
      email: 'zoe@example.com',
      ...overrides.complainant,
    },
  } as NewCaseInput;
}

/** Records an outbound letter of a kind, sent (and logged) at `at`: what meets a deadline. */
export function sendLetter(
  db: RedressDB,
  caseId: string,
  kind: LetterKind,
  at: string,
  actor: ActingPerson = person('u1', 'Priya Shah', 'officer'),
) {
  return recordCommunication(
    db,
    caseId,
    {
      direction: 'out',
      channel: 'email',
      at,
      from: 'Complaints team',
      to: 'zoe@example.com',
      subject: `Your complaint (${kind})`,
      body: 'The letter as sent.',
      kind,
    },
    actor,
    { now: new Date(at) },
  );
}

/**
 * The return fact packs as stored and as they would be built afresh from every case, each gathered
 * by day (a day's facts are spread over numbered packs as they were written): both as sorted
 * [day, facts sorted by id] pairs, to compare whole. On the way it checks what keeps the packs
 * small and findable: no pack holds more than FACTS_PER_PACK, none is empty, every pack belongs to
 * the day of each fact in it, and every stored fact names the pack that holds it.
 */
export async function returnFactPacksAndRecomputed(db: RedressDB) {
  const stored = await db.returnFactPacks.toArray();
  const holder = new Map<string, string>();
  for (const p of stored) {
    expect(p.facts.length, p.key).toBeGreaterThan(0);
    expect(p.facts.length, p.key).toBeLessThanOrEqual(FACTS_PER_PACK);
    for (const f of p.facts) {
      expect(packOfKey(p.key).day, f.id).toBe(factPackDay(f));
      expect(holder.has(f.id), `${f.id} is in two packs`).toBe(false);
      holder.set(f.id, p.key);
    }
  }
  const facts = await db.returnFacts.toArray();
  expect(Object.fromEntries(facts.map((f) => [f.id, f.pack]))).toEqual(Object.fromEntries(holder));
  const byDay = (packs: ReturnFactPack[]) => {
    const days = new Map<string, ReturnFact[]>();
    for (const p of packs) {
      const day = packOfKey(p.key).day;
      days.set(day, [...(days.get(day) ?? []), ...p.facts]);
    }
    return [...days]
      .map(([day, list]) => [day, list.sort((a, b) => (a.id < b.id ? -1 : 1))] as const)
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  };
  const cases = await db.cases.toArray();
  return {
    stored: byDay(stored),
    recomputed: byDay(packsOf(cases.map((c) => returnFactOf(c))).packs),
  };
}

/** A case's return fact as stored, without the key of the pack it is kept in (undefined when none). */
export async function storedFact(db: RedressDB, id: string): Promise<ReturnFact | undefined> {
  const row = await db.returnFacts.get(id);
  return row && factOf(row);
}
