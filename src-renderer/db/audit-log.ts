import Dexie, { liveQuery } from 'dexie';
import {
  chainAuditEntry,
  createChainVerifier,
  hashAuditPayloads,
  newSalt,
  type AuditDraft,
  type AuditEntry,
  type AuditVerification,
} from '../../src-shared/domain/audit';
import { compareWithAnchor, type AnchorFinding, type AnchorRead } from '../../src-shared/domain/audit-anchor';
import { caseTrailEntries, entriesAt, lastStoredSeq, packEntries, storedTrailPages } from './audit-store';
import { AUDIT_HEAD_KEY, type RedressDB } from './schema';

export { AUDIT_HEAD_KEY };

/**
 * Appends one entry to the chain. It refuses to run outside a read-write transaction over
 * `audit` and `counters`: the entry must commit together with the change it records, or not at all.
 */
export async function appendAudit(db: RedressDB, draft: AuditDraft): Promise<AuditEntry> {
  const [entry] = await appendAudits(db, [draft]);
  return entry!;
}

/** From this many entries, their payloads are hashed together, natively (see hashAuditPayloads). */
const BATCH_HASHING = 8;

/**
 * Appends entries to the chain in order, with one read and one write of the head (see appendAudit).
 * `salts` keeps the salt an entry was written with elsewhere (an entry pulled from another desk), so
 * its payload's commitment stays the same on every desk. `packed`: stored many to a row
 * (audit-store.ts; a team join's), which the outbox does not see: only for entries it must not send.
 */
export async function appendAudits(
  db: RedressDB,
  drafts: readonly AuditDraft[],
  salts?: readonly (string | undefined)[],
  {
    packed = false,
    payloadHashes: given,
  }: {
    packed?: boolean;
    /**
     * The drafts' payload commitments under `salts`, computed before the transaction began
     * (hashAuditPayloads): a caller with many (a pulled page) does not wait inside it.
     */
    payloadHashes?: readonly string[];
  } = {},
): Promise<AuditEntry[]> {
  const tx = Dexie.currentTransaction;
  if (
    !tx ||
    tx.mode !== 'readwrite' ||
    !tx.storeNames.includes(packed ? 'auditPacks' : 'audit') ||
    !tx.storeNames.includes('counters')
  ) {
    throw new Error('appendAudit must run inside the transaction that writes the change.');
  }
  // The trail names the person (id, name), never the roles or limit a caller's actor may carry.
  const named = drafts.map((draft) => ({ ...draft, actor: { id: draft.actor.id, name: draft.actor.name } }));
  const saltOf = named.map((_, i) => salts?.[i] ?? newSalt());
  // A batch's payload commitments in one go, natively (Dexie.waitFor keeps the transaction open
  // meanwhile), while the head is read.
  const [payloadHashes, head] = await Promise.all([
    given && given.length === named.length
      ? given
      : named.length >= BATCH_HASHING
        ? Dexie.waitFor(
            hashAuditPayloads(
              named.map((d, i) => ({ salt: saltOf[i]!, changes: d.changes, reason: d.reason })),
            ),
          )
        : [],
    db.counters.get(AUDIT_HEAD_KEY),
  ]);
  let link = head ? { seq: head.value, hash: head.hash ?? '' } : null;
  const entries = named.map((draft, i) => {
    const entry = chainAuditEntry(draft, link, saltOf[i], payloadHashes[i]);
    link = { seq: entry.seq, hash: entry.hash };
    return entry;
  });
  const last = entries.at(-1);
  if (!last) return entries;
  if (packed) await db.auditPacks.bulkAdd(packEntries(entries));
  else await db.audit.bulkAdd(entries);
  await db.counters.put({ key: AUDIT_HEAD_KEY, value: last.seq, hash: last.hash });
  return entries;
}

/** The newest audit entry's seq (0 before the first): it grows with every audited write. */
export async function auditHeadSeq(db: RedressDB): Promise<number> {
  return (await db.counters.get(AUDIT_HEAD_KEY))?.value ?? 0;
}

/** The newest entry's seq and hash as the head row keeps them (null before the first entry). */
export async function auditHead(db: RedressDB): Promise<{ seq: number; hash: string } | null> {
  const head = await db.counters.get(AUDIT_HEAD_KEY);
  return head?.hash ? { seq: head.value, hash: head.hash } : null;
}

/** Calls `listener` after each committed change of the head row (this tab or another); returns the unsubscribe. */
export function onAuditHeadChange(db: RedressDB, listener: () => void): () => void {
  const subscription = liveQuery(() => db.counters.get(AUDIT_HEAD_KEY)).subscribe({
    next: listener,
    error: () => undefined,
  });
  return () => subscription.unsubscribe();
}

const VERIFY_PAGE = 5000;

/** The stored trail checked link by link, and against main's anchor when one is given. */
export interface StoredTrailCheck {
  /** The chain holds and nothing in the anchor disagrees with it. */
  ok: boolean;
  count: number;
  chain: AuditVerification;
  /** What the anchor (and the head row) says is wrong; [] when nothing is. */
  findings: AnchorFinding[];
}

/**
 * Checks every link of the stored trail, a page at a time, and the head kept beside it; with
 * `anchor` (main's checkpoints, `anchor:read`), also what the chain alone cannot see: a cut
 * tail, a deleted head row, a rewritten and re-hashed trail, an emptied one.
 */
export async function verifyStoredAuditChain(db: RedressDB, anchor?: AnchorRead): Promise<StoredTrailCheck> {
  const head = await db.counters.get(AUDIT_HEAD_KEY);
  const chain = await verifyChainPages(db, head ? { seq: head.value, hash: head.hash ?? '' } : null);
  const lastSeq = await lastStoredSeq(db);
  const anchored = anchor?.checkpoints ?? [];
  const stored = await entriesAt(
    db,
    anchored.map((c) => c.seq),
  );
  const hashAt = new Map<number, string>();
  for (const entry of stored.values()) hashAt.set(entry.seq, entry.hash);
  const findings = compareWithAnchor(
    { lastSeq, head: head ? { seq: head.value, hash: head.hash ?? '' } : null, hashAt },
    { checkpoints: anchored, problems: anchor?.problems ?? [] },
  );
  return { ok: chain.ok && findings.length === 0, count: chain.count, chain, findings };
}

async function verifyChainPages(
  db: RedressDB,
  head: { seq: number; hash: string } | null,
): Promise<AuditVerification> {
  const verifier = createChainVerifier();
  for await (const page of storedTrailPages(db, VERIFY_PAGE))
    for (const entry of page) if (verifier.push(entry)) return verifier.finish();
  return verifier.finish(head);
}

/** A case's trail, oldest first (inside a transaction, it must hold `audit` and `auditPacks`). */
export function caseAuditTrail(db: RedressDB, caseId: string): Promise<AuditEntry[]> {
  return caseTrailEntries(db, caseId);
}
