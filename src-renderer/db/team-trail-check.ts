// A team desk's trail checked against the team server's chain (issue 17: "each desk verifies its
// replica against it"). Each chain has its own seqs and links, so entries are matched by their
// payload commitment (trailEntryKey), the same on every desk and on the server, and compared by
// their header (trailHeaderDigest). Main reads and checks the server's chain a page at a time
// (src-main/services/team/team-trail.ts); this side holds the desk's keys and compares.
//
// What it finds:
// - the server's chain does not hold (an entry missing, unlinked or changed, a cut tail);
// - an entry here and on the server that is not the same (who, what, when, which record);
// - an entry the server confirmed taking from this desk and no longer holds;
// - entries of the server's this account may see, behind the seq this desk pulled, that are not
//   here (a warning: a case given to this account after its history was written comes without it).
import {
  trailEntryKey,
  trailHeaderDigest,
  GENESIS_HASH,
  type AuditEntry,
} from '../../src-shared/domain/audit';
import {
  TRAIL_PAGE_MAX,
  type TeamTrailPageAnswer,
  type TrailProblem,
} from '../../src-shared/ipc/channels/team-desk';
import { storedTrailPages } from './audit-store';
import type { RedressDB } from './schema';
import { lastPulledSeq } from './sync-replica';
import { versionKey } from './sync-outbox';

export type TrailPageReader = (input: {
  afterSeq: number;
  prevHash: string;
  limit: number;
}) => Promise<TeamTrailPageAnswer>;

/** An entry of this desk's trail, as a finding names it. */
export type TrailEntryRef = AuditEntry;

/** How many entries of each finding are named (all are counted). */
export const NAMED_FINDINGS = 20;

interface Finding<T> {
  count: number;
  first: T[];
}

export interface TeamTrailCheck {
  /** The server's chain, checked from its first entry to its head. */
  server: { count: number; head: number; broken: { seq: number; problem: TrailProblem } | null };
  /** This desk's entries that are on the server's chain as they are here. */
  matched: number;
  /** Entries about cases this account may not see on the server: matched by key only. */
  hidden: number;
  /** This desk's entries that say something else on the server. */
  differs: Finding<TrailEntryRef>;
  /** This desk's entries the server took (it answered with a version) and no longer holds. */
  lostOnServer: Finding<TrailEntryRef>;
  /** The server's entries (by its seq) this account may see and this desk pulled past, not here. */
  missingHere: Finding<number>;
  /** Entries waiting in this desk's outbox. */
  waiting: number;
  /** Entries only here that were never taken by the server (refused, or from before team mode). */
  deskOnly: number;
  /** The references of the cases the named entries concern, by case id. */
  references: Record<string, string>;
  /** Whether nothing is wrong (`missingHere` is told, not failed: see above). */
  ok: boolean;
}

export class TrailServerAway extends Error {}

const note = <T>(finding: Finding<T>, item: T) => {
  finding.count += 1;
  if (finding.first.length < NAMED_FINDINGS) finding.first.push(item);
};

/**
 * Compares this desk's trail with the server's chain; `onProgress(done, total)` in server entries.
 * Throws TrailServerAway (with the reason) when the server does not answer.
 */
export async function checkTrailAgainstServer(
  db: RedressDB,
  readPage: TrailPageReader,
  onProgress: (done: number, total: number) => void = () => undefined,
): Promise<TeamTrailCheck> {
  // This desk's entries by key: the digest and seq (a million entries fit; only strings are kept).
  const here = new Map<string, string>();
  for await (const page of storedTrailPages(db, TRAIL_PAGE_MAX))
    for (const entry of page) here.set(trailEntryKey(entry), `${trailHeaderDigest(entry)}|${entry.seq}`);
  const pulledUpTo = await lastPulledSeq(db);

  const differs: Finding<TrailEntryRef> = { count: 0, first: [] };
  const missingHere: Finding<number> = { count: 0, first: [] };
  const differingSeqs: number[] = [];
  let matched = 0;
  let hidden = 0;
  let after = { seq: 0, hash: GENESIS_HASH };
  let server: TeamTrailCheck['server'];
  for (;;) {
    const answer = await readPage({ afterSeq: after.seq, prevHash: after.hash, limit: TRAIL_PAGE_MAX });
    if (!answer.online) throw new TrailServerAway(answer.message);
    let seq = after.seq;
    for (const entry of answer.entries) {
      seq += 1;
      const mine = here.get(entry.key);
      if (mine === undefined) {
        if (entry.digest !== null && !entry.erased && entry.changeSeq <= pulledUpTo) note(missingHere, seq);
        continue;
      }
      here.delete(entry.key);
      if (entry.digest === null) hidden += 1;
      else if (mine.slice(0, mine.indexOf('|')) === entry.digest) matched += 1;
      else differingSeqs.push(Number(mine.slice(mine.indexOf('|') + 1)));
    }
    server = { count: answer.last.seq, head: answer.head.seq, broken: answer.broken };
    onProgress(answer.last.seq, answer.head.seq);
    if (answer.broken || answer.last.seq >= answer.head.seq || answer.entries.length === 0) break;
    after = answer.last;
  }

  // What is left here was not found on the server's chain (as far as it holds).
  const leftSeqs = [...here.values()].map((v) => Number(v.slice(v.indexOf('|') + 1)));
  const left = await entriesBySeq(db, leftSeqs);
  const lostOnServer: Finding<TrailEntryRef> = { count: 0, first: [] };
  let waiting = 0;
  let deskOnly = 0;
  const outboxed = new Set(
    (
      (await db.outbox.where('[kind+id]').between(['audit', ''], ['audit', '\uffff']).keys()) as unknown as [
        string,
        string,
      ][]
    ).map(([, id]) => id),
  );
  const salts = left.map((entry) => entry.salt ?? '');
  const marks = await db.syncState.bulkGet(salts.map((salt) => versionKey('audit', salt)));
  for (const [i, entry] of left.entries()) {
    if (entry.salt && outboxed.has(entry.salt)) waiting += 1;
    // The server cut its chain short: what would come after the break is not "lost".
    else if (marks[i] && !server.broken) note(lostOnServer, entry);
    else if (!marks[i]) deskOnly += 1;
  }
  for (const entry of await entriesBySeq(db, differingSeqs)) note(differs, entry);
  const named = [...differs.first, ...lostOnServer.first].flatMap((e) => (e.caseId ? [e.caseId] : []));
  const references: Record<string, string> = {};
  for (const c of await db.cases.bulkGet([...new Set(named)])) if (c) references[c.id] = c.reference;
  return {
    references,
    server,
    matched,
    hidden,
    differs,
    lostOnServer,
    missingHere,
    waiting,
    deskOnly,
    ok: server.broken === null && differs.count === 0 && lostOnServer.count === 0,
  };
}

/** This desk's entries at `seqs` (in seq order), read a page of the stored trail at a time. */
async function entriesBySeq(db: RedressDB, seqs: readonly number[]): Promise<AuditEntry[]> {
  if (!seqs.length) return [];
  const wanted = new Set(seqs);
  const found: AuditEntry[] = [];
  const lowest = seqs.reduce((a, b) => Math.min(a, b), Infinity);
  for await (const page of storedTrailPages(db, TRAIL_PAGE_MAX, lowest - 1)) {
    for (const entry of page) if (wanted.has(entry.seq)) found.push(entry);
    if (found.length === wanted.size) break;
  }
  return found;
}
