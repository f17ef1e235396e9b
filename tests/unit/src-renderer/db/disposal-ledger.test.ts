import { describe, expect, it } from 'vitest';
import { createCase, transitionCase } from '../../../../src-renderer/db/cases';
import {
  eraseComplainant,
  flushDisposalLedger,
  LedgerNotWrittenError,
  waitingLedgerLines,
  reapplyDisposals,
  type EvidenceFiles,
} from '../../../../src-renderer/db/retention';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { TEAM_MODE_KEY } from '../../../../src-renderer/db/sync-outbox';
import { ledgerDisposals, type LedgerEntry } from '../../../../src-shared/domain/disposal-ledger';
import { intake, person, testRules, useFreshDb } from './test-db';

const OFFICER = person('u1', 'Priya Shah', 'officer');
const MANAGER = person('m1', 'Morgan Reid', 'manager');
const ADMIN = person('a1', 'Ada Byrne', 'administrator');
const rules = testRules();

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

async function closedCase(name: string) {
  const at = new Date('2026-11-02T09:00:00Z');
  const c = await createCase(db, intake(at.toISOString(), { complainant: { name } }), OFFICER, rules, at);
  return transitionCase(db, c.id, 'withdrawn', OFFICER, rules, {
    reason: `${name} withdrew`,
    now: new Date('2026-11-03T09:00:00Z'),
  });
}

const waiting = () => db.syncState.where('key').startsWith('disposal-ledger|').toArray();

/** Main's side: the ledger lines it sealed, or a failure while `failing` says so. */
function mainLedger() {
  const sealed: LedgerEntry[] = [];
  const state = { failing: false };
  const files: EvidenceFiles = {
    dispose: async (hashes) => ({ removed: hashes.length }),
    record: async (entries) => {
      if (state.failing) throw new Error('The disk is full.');
      sealed.push(...entries);
      return { recorded: entries.length };
    },
  };
  return { sealed, state, files };
}

/**
 * A case erased with its ledger line sealed, then the database as an older backup restored holds
 * it: the case as it was, and no disposal record.
 */
async function erasedThenOlderBackup(name: string, now?: Date) {
  const c = await closedCase(name);
  const main = mainLedger();
  const before = (await db.cases.get(c.id))!;
  await eraseComplainant(db, [c.id], MANAGER, {
    reason: 'Erasure request',
    files: main.files,
    ...(now ? { now } : {}),
  });
  await db.cases.put(before);
  await db.disposals.clear();
  return { c, main, before, disposals: ledgerDisposals(main.sealed) };
}

describe('the disposal ledger, from the page', () => {
  it('never stops a disposal when main cannot seal its lines: they wait, are counted, and go first next time', async () => {
    const first = await closedCase('Őrsi Kovács-Nagy');
    const also = await closedCase('Őrsi Kovács-Nagy');
    const second = await closedCase('Tomás Ó Briain');
    const main = mainLedger();
    main.state.failing = true;
    const outcome = await eraseComplainant(db, [first.id, also.id], MANAGER, {
      reason: 'Erasure request',
      files: main.files,
    });
    // Every case disposed of, the record finished; the lines wait on the page and the outcome says so.
    expect(outcome.record).toMatchObject({ counts: { cases: 2 }, finishedAt: expect.any(String) });
    expect(outcome.ledgerWaiting).toBe(2);
    for (const c of [first, also]) expect((await db.cases.get(c.id))!.anonymised).toBeTruthy();
    expect((await waiting()).map((r) => r.ledger)).toEqual([
      expect.objectContaining({ kind: 'case', method: 'erasure' }),
      expect.objectContaining({ kind: 'case', method: 'erasure' }),
    ]);
    expect(await waitingLedgerLines(db)).toBe(2);
    // "Write them now" while main still fails: said, and kept.
    await expect(flushDisposalLedger(db, main.files)).rejects.toThrow(
      '2 lines of the disposal ledger could not be written (The disk is full.).',
    );
    await expect(flushDisposalLedger(db, main.files)).rejects.toBeInstanceOf(LedgerNotWrittenError);

    main.state.failing = false;
    const next = await eraseComplainant(db, [second.id], MANAGER, {
      reason: 'Erasure request',
      files: main.files,
    });
    expect(next.ledgerWaiting).toBe(0);
    expect(main.sealed.map((e) => (e.kind === 'case' ? e.caseId : e.kind)).sort()).toEqual(
      [first.id, also.id, second.id].sort(),
    );
    expect(main.sealed.at(-1)).toMatchObject({ caseId: second.id });
    expect(await waiting()).toEqual([]);
  });

  it('makes a disposal again once only, and not at all on a team desk', async () => {
    const { c, main, disposals } = await erasedThenOlderBackup('Ngozi Adébáyọ̀');

    await db.syncState.put({ key: TEAM_MODE_KEY, on: true });
    expect(await reapplyDisposals(db, disposals, ADMIN, 'Europe/London')).toEqual({
      cases: 0,
      unusedFiles: [],
      teamMode: true,
    });
    expect((await db.cases.get(c.id))!.complainant.name).toBe('Ngozi Adébáyọ̀');
    await db.syncState.delete(TEAM_MODE_KEY);

    expect(await reapplyDisposals(db, disposals, ADMIN, 'Europe/London')).toMatchObject({
      cases: 1,
      teamMode: false,
    });
    expect((await db.cases.get(c.id))!.complainant.name).not.toContain('Ngozi');
    // Made again, it is not the ledger's to hold twice.
    expect(await waiting()).toEqual([]);
    expect(main.sealed).toHaveLength(1);
    expect(await reapplyDisposals(db, disposals, ADMIN, 'Europe/London')).toMatchObject({ cases: 0 });
  });

  it('leaves a case that came back after the disposal, in a backup made after it', async () => {
    const c = await closedCase('Siobhán Ní Bhriain');
    const main = mainLedger();
    const before = (await db.cases.get(c.id))!;
    await eraseComplainant(db, [c.id], MANAGER, { reason: 'Erasure request', files: main.files });
    // Later, a case bundle brings the case back whole, under its own id; then a backup is made.
    await db.cases.put(before);
    const disposals = ledgerDisposals(main.sealed);
    // The backup holds the disposal's record naming the case: it was made after the disposal.
    expect(await reapplyDisposals(db, disposals, ADMIN, 'Europe/London')).toMatchObject({ cases: 0 });
    expect((await db.cases.get(c.id))!.complainant.name).toBe('Siobhán Ní Bhriain');
  });

  it('leaves a case that came back after a disposal another restore made again', async () => {
    const { c, before, disposals } = await erasedThenOlderBackup('Aroha Te Whare');
    // The erasure is made again, under a record of its own.
    expect(await reapplyDisposals(db, disposals, ADMIN, 'Europe/London')).toMatchObject({ cases: 1 });
    // Then a case bundle brings the case back, a backup is made, and later restored.
    await db.cases.put(before);
    expect(await reapplyDisposals(db, disposals, ADMIN, 'Europe/London')).toMatchObject({ cases: 0 });
    expect((await db.cases.get(c.id))!.complainant.name).toBe('Aroha Te Whare');
  });

  it('names the day of the disposal it repeats as the office saw it, not the computer', async () => {
    // 21:30 UTC on 7 December is the morning of 8 December in Sydney.
    const { disposals } = await erasedThenOlderBackup('Mere Ngata', new Date('2026-12-07T21:30:00Z'));
    await reapplyDisposals(db, disposals, ADMIN, 'Australia/Sydney');
    const [again] = await db.disposals.toArray();
    expect(again!.reason).toContain('the erasure request of 2026-12-08 by Morgan Reid');
  });
});
