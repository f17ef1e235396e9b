import { describe, expect, it } from 'vitest';
import { createCase, transitionCase } from '../../../../src-renderer/db/cases';
import {
  eraseComplainant,
  LedgerNotWrittenError,
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

describe('the disposal ledger, from the page', () => {
  it('keeps a line main could not seal, says so, and sends it first with the next disposal', async () => {
    const first = await closedCase('Őrsi Kovács-Nagy');
    const second = await closedCase('Tomás Ó Briain');
    const main = mainLedger();
    main.state.failing = true;
    const failed = eraseComplainant(db, [first.id], MANAGER, {
      reason: 'Erasure request',
      files: main.files,
    });
    await expect(failed).rejects.toBeInstanceOf(LedgerNotWrittenError);
    await expect(failed).rejects.toThrow(
      /1 line of the disposal ledger could not be written \(The disk is full\.\)/,
    );
    // The disposal itself stands; its line waits on the page.
    expect((await db.cases.get(first.id))!.anonymised).toBeTruthy();
    expect((await waiting()).map((r) => r.ledger)).toEqual([
      expect.objectContaining({ kind: 'case', caseId: first.id, method: 'erasure' }),
    ]);

    main.state.failing = false;
    await eraseComplainant(db, [second.id], MANAGER, { reason: 'Erasure request', files: main.files });
    expect(main.sealed.map((e) => (e.kind === 'case' ? e.caseId : e.kind))).toEqual([first.id, second.id]);
    expect(await waiting()).toEqual([]);
  });

  it('makes a disposal again once only, and not at all on a team desk', async () => {
    const c = await closedCase('Ngozi Adébáyọ̀');
    const main = mainLedger();
    // The restored database: the case as it was before the erasure.
    const before = (await db.cases.get(c.id))!;
    await eraseComplainant(db, [c.id], MANAGER, { reason: 'Erasure request', files: main.files });
    const disposals = ledgerDisposals(main.sealed);
    await db.cases.put(before);

    await db.syncState.put({ key: TEAM_MODE_KEY, on: true });
    expect(await reapplyDisposals(db, disposals, ADMIN)).toEqual({
      cases: 0,
      unusedFiles: [],
      teamMode: true,
    });
    expect((await db.cases.get(c.id))!.complainant.name).toBe('Ngozi Adébáyọ̀');
    await db.syncState.delete(TEAM_MODE_KEY);

    expect(await reapplyDisposals(db, disposals, ADMIN)).toMatchObject({ cases: 1, teamMode: false });
    expect((await db.cases.get(c.id))!.complainant.name).not.toContain('Ngozi');
    // Made again, it is not the ledger's to hold twice.
    expect(await waiting()).toEqual([]);
    expect(main.sealed).toHaveLength(1);
    expect(await reapplyDisposals(db, disposals, ADMIN)).toMatchObject({ cases: 0 });
  });
});
