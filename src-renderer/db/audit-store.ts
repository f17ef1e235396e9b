// Where the trail's entries are stored: one row each in `audit` (every entry this desk writes), or
// many to a row in `auditPacks` (a team join's, written with appendAudits' `packed`: IndexedDB pays
// per row written, so a million entries in rows take minutes and in packs seconds). Every reader of
// the stored trail goes through here and sees one trail in seq order, wherever its entries are.
import Dexie from 'dexie';
import type { AuditEntry, AuditPack } from '../../src-shared/domain/audit';
import type { RedressDB } from './schema';

/** Entries per pack: a case's trail reads the packs it has entries in, so they stay small. */
export const AUDIT_PACK_SIZE = 250;

/** Entries (in seq order) as packs of at most AUDIT_PACK_SIZE. */
export function packEntries(entries: readonly AuditEntry[]): AuditPack[] {
  const packs: AuditPack[] = [];
  for (let i = 0; i < entries.length; i += AUDIT_PACK_SIZE) {
    const slice = entries.slice(i, i + AUDIT_PACK_SIZE);
    const caseIds = [...new Set(slice.flatMap((e) => (e.caseId ? [e.caseId] : [])))];
    packs.push({ seq: slice[0]!.seq, last: slice.at(-1)!.seq, caseIds, entries: slice });
  }
  return packs;
}

const bySeq = (a: AuditEntry, b: AuditEntry) => a.seq - b.seq;

/** A case's trail, oldest first: its rows and its entries in packs. */
export async function caseTrailEntries(db: RedressDB, caseId: string): Promise<AuditEntry[]> {
  const [rows, packs] = await Promise.all([
    db.audit.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray(),
    db.auditPacks.where('caseIds').equals(caseId).toArray(),
  ]);
  if (!packs.length) return rows;
  const packed = packs.flatMap((p) => p.entries.filter((e) => e.caseId === caseId));
  return [...rows, ...packed].sort(bySeq);
}

/**
 * The whole trail in seq order, a page at a time (rows and packs merged as they are stored: an
 * entry stored twice comes twice, and a pack's entries come in the order the pack holds them, so
 * a verifier sees what is there). `after`: from the entry after this seq.
 */
export async function* storedTrailPages(
  db: RedressDB,
  pageSize: number,
  after = 0,
): AsyncGenerator<AuditEntry[]> {
  const rows = pagedSource(
    after,
    (after) => db.audit.where('seq').above(after).limit(pageSize).toArray(),
    (e) => e.seq,
  );
  // The pack holding `after` is read too; its entries up to `after` are passed over below.
  const first = after > 0 ? await packOf(db, after) : undefined;
  const packed = pagedSource(
    first ? first.seq - 1 : after,
    async (after) =>
      (
        await db.auditPacks
          .where('seq')
          .above(after)
          .limit(Math.ceil(pageSize / AUDIT_PACK_SIZE))
          .toArray()
      ).map((p) => ({ key: p.seq, entries: p.entries })),
    (p) => p.key,
  );
  let page: AuditEntry[] = [];
  let row = await rows.next();
  let pack = await packed.next();
  let inPack = 0;
  for (;;) {
    const entry = pack?.entries[inPack];
    if (entry && entry.seq <= after) {
      inPack += 1;
      continue;
    }
    if (pack && !entry) {
      pack = await packed.next();
      inPack = 0;
      continue;
    }
    if (!row && !entry) break;
    if (entry && (!row || entry.seq <= row.seq)) {
      page.push(entry);
      inPack += 1;
    } else if (row) {
      page.push(row);
      row = await rows.next();
    }
    if (page.length >= pageSize) {
      yield page;
      page = [];
    }
  }
  if (page.length) yield page;
}

/** Items read a page at a time by key (`read(after)`: the next page above `after`), one by one. */
function pagedSource<T>(from: number, read: (after: number) => Promise<T[]>, keyOf: (item: T) => number) {
  let buffer: T[] = [];
  let at = 0;
  let after = from;
  let done = false;
  return {
    async next(): Promise<T | undefined> {
      if (at >= buffer.length && !done) {
        buffer = await read(after);
        at = 0;
        if (buffer.length) after = keyOf(buffer.at(-1)!);
        else done = true;
      }
      return buffer[at++];
    },
  };
}

/** The pack holding `seq` (by its stored range), if any. */
async function packOf(db: RedressDB, seq: number): Promise<AuditPack | undefined> {
  const pack = await db.auditPacks.where('seq').belowOrEqual(seq).last();
  return pack && seq <= pack.last ? pack : undefined;
}

/** The stored entries of `seqs`, by seq (those not stored are absent). */
export async function entriesAt(db: RedressDB, seqs: readonly number[]): Promise<Map<number, AuditEntry>> {
  const found = new Map<number, AuditEntry>();
  for (const entry of await db.audit.bulkGet([...seqs])) if (entry) found.set(entry.seq, entry);
  if (!(await db.auditPacks.count())) return found;
  for (const seq of seqs) {
    if (found.has(seq)) continue;
    const entry = (await packOf(db, seq))?.entries.find((e) => e.seq === seq);
    if (entry) found.set(seq, entry);
  }
  return found;
}

/** The newest stored entry's seq (0 when the trail is empty). */
export async function lastStoredSeq(db: RedressDB): Promise<number> {
  const [row, pack] = await Promise.all([
    db.audit.orderBy('seq').last(),
    db.auditPacks.orderBy('seq').last(),
  ]);
  return Math.max(row?.seq ?? 0, pack?.entries.at(-1)?.seq ?? 0);
}

/**
 * Stores entries rewritten in place (an erasure: same seq, payload gone) where each one is: its
 * row, or its pack, rewritten once for all of its entries.
 */
export async function storeRewrittenEntries(db: RedressDB, entries: readonly AuditEntry[]): Promise<void> {
  if (!entries.length) return;
  const rows = await db.audit.bulkGet(entries.map((e) => e.seq));
  const inRows = entries.filter((_, i) => rows[i]);
  const packs = new Map<number, AuditPack>();
  const elsewhere: AuditEntry[] = [];
  for (const [i, entry] of entries.entries()) {
    if (rows[i]) continue;
    const known = [...packs.values()].find((p) => p.seq <= entry.seq && entry.seq <= p.last);
    const pack = known ?? (await packOf(db, entry.seq));
    const at = pack?.entries.findIndex((e) => e.seq === entry.seq) ?? -1;
    if (!pack || at < 0) {
      elsewhere.push(entry);
      continue;
    }
    pack.entries[at] = entry;
    packs.set(pack.seq, pack);
  }
  // An entry stored nowhere is written as a row, as before packs were.
  if (inRows.length || elsewhere.length) await db.audit.bulkPut([...inRows, ...elsewhere]);
  if (packs.size) await db.auditPacks.bulkPut([...packs.values()]);
}
