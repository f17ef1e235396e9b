// Planted cases for the tests of who sees restricted cases: Priya, an officer, is the viewer.
import { assignCase, createCase, setEscalation } from '../../../../src-renderer/db/cases';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import type { CaseRecord } from '../../../../src-shared/domain/case';
import type { ActingPerson } from '../../../../src-shared/domain/permissions';
import { intake, MANAGER, testRules } from './test-db';

export const PRIYA: ActingPerson = { id: 'u1', name: 'Priya Shah', roles: ['officer'] };
export const SAM: ActingPerson = { id: 'u2', name: 'Sam Lee', roles: ['officer'] };
export const IAN: ActingPerson = { id: 'u3', name: 'Ian Okafor', roles: ['investigator'] };
export const ADA: ActingPerson = { id: 'u4', name: 'Ada Byrne', roles: ['administrator'] };

const rules = testRules();
const person = (p: ActingPerson) => ({ id: p.id, name: p.name });

export interface Planted {
  /** Unrestricted: everyone who works cases sees them. */
  open: CaseRecord[];
  /** Restricted, assigned to Sam: hidden from Priya. */
  othersRestricted: CaseRecord;
  /** Restricted, assigned to Sam and escalated to Priya: Priya sees it. */
  escalatedToPriya: CaseRecord;
  /** Restricted, logged by Priya, then assigned to Sam: hidden from Priya. */
  loggedByPriya: CaseRecord;
  /** Restricted at intake by Priya, still hers: Priya sees it. */
  priyasOwn: CaseRecord;
  all: CaseRecord[];
}

/**
 * Eight cases received a day apart from 2 March 2026, all about Zoë Adams and account ACC-1 (so
 * duplicate hints and search find every one): four unrestricted and four restricted, the
 * restricted ones interleaved with the others so that a list of a few per page must skip them.
 */
export async function plantRestricted(db: RedressDB): Promise<Planted> {
  const all: CaseRecord[] = [];
  const log = async (day: number, restricted: boolean, by: ActingPerson = PRIYA) => {
    const at = `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
    const c = await createCase(
      db,
      intake(at, {
        restricted,
        accountRef: 'ACC-1',
        description: `Complaint about the branch manager, day ${day}.`,
      }),
      by,
      rules,
      new Date(at),
    );
    all.push(c);
    return c;
  };
  const now = new Date('2026-03-20T10:00:00Z');
  const toSam = (c: CaseRecord) =>
    assignCase(db, c.id, person(SAM), MANAGER, { reason: 'Sam handles staff complaints.', now });

  const open = [await log(2, false)];
  const othersRestricted = await toSam(await log(3, true, SAM));
  open.push(await log(4, false, SAM));
  const escalated = await toSam(await log(5, true, SAM));
  const escalatedToPriya = await setEscalation(
    db,
    escalated.id,
    { escalated: true, reason: 'Needs a second look.', owner: person(PRIYA) },
    MANAGER,
    now,
  );
  open.push(await log(6, false));
  const loggedByPriya = await toSam(await log(7, true));
  open.push(await log(8, false, SAM));
  const priyasOwn = await log(9, true);
  return {
    open,
    othersRestricted,
    escalatedToPriya,
    loggedByPriya,
    priyasOwn,
    all: await db.cases.bulkGet(all.map((c) => c.id)).then((rows) => rows as CaseRecord[]),
  };
}

/** Newest received first, as the case list shows them. */
export const newestFirst = (cases: readonly CaseRecord[]) =>
  [...cases].sort((a, b) => (a.receivedAt < b.receivedAt ? 1 : -1)).map((c) => c.reference);
