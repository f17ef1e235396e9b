import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase } from '../../../../src-renderer/db/cases';
import { returnCases } from '../../../../src-renderer/db/return-cases';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { freshDb, intake, MANAGER, person, testRules } from './test-db';

const rules = testRules({ requiredChecklistItems: [] });
const officer = person('u1', 'Priya Shah', 'officer');
let db: RedressDB;
const received: string[] = [];

beforeAll(async () => {
  db = freshDb();
  for (let i = 0; i < 7; i++) {
    const at = new Date(Date.UTC(2026, 2, 1 + i, 9)).toISOString();
    received.push(at);
    await createCase(db, intake(at, { complainant: { name: `Person ${i}` } }), officer, rules, new Date(at));
  }
});

afterAll(async () => {
  db.close();
  await db.delete();
});

describe('returnCases', () => {
  it('reads every case received up to the instant given, page by page, as the slim projection', async () => {
    const progress: [number, number][] = [];
    const read = await returnCases(
      db,
      MANAGER,
      received[4]!,
      (done, total) => progress.push([done, total]),
      undefined,
      2,
    );
    expect(read.map((c) => c.receivedAt)).toEqual(received.slice(0, 5));
    expect(Object.keys(read[0]!).sort()).toEqual(
      [
        'finalResponseAt',
        'finding',
        'id',
        'receivedAt',
        'reference',
        'regime',
        'returnData',
        'status',
        'summaryResolutionAt',
      ].sort(),
    );
    expect(progress).toEqual([
      [0, 5],
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
  });

  it('is for managers only', async () => {
    await expect(returnCases(db, officer, received[6]!, () => {})).rejects.toThrow(/manager/);
  });

  it('stops when the screen no longer wants the figures', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(returnCases(db, MANAGER, received[6]!, () => {}, abort.signal)).rejects.toThrow();
  });
});
