import Dexie from 'dexie';
import {
  chainAuditEntry,
  createChainVerifier,
  type AuditDraft,
  type AuditEntry,
  type AuditVerification,
} from '../../src-shared/domain/audit';
import { AUDIT_HEAD_KEY, type RedressDB } from './schema';

export { AUDIT_HEAD_KEY };

/**
 * Appends one entry to the chain. It refuses to run outside a read-write transaction over
 * `audit` and `counters`: the entry must commit together with the change it records, or not at all.
 */
export async function appendAudit(db: RedressDB, draft: AuditDraft): Promise<AuditEntry> {
  const tx = Dexie.currentTransaction;
  if (
    !tx ||
    tx.mode !== 'readwrite' ||
    !tx.storeNames.includes('audit') ||
    !tx.storeNames.includes('counters')
  ) {
    throw new Error('appendAudit must run inside the transaction that writes the change.');
  }
  const head = await db.counters.get(AUDIT_HEAD_KEY);
  // The trail names the person (id, name), never the roles or limit a caller's actor may carry.
  const named = { ...draft, actor: { id: draft.actor.id, name: draft.actor.name } };
  const entry = chainAuditEntry(named, head ? { seq: head.value, hash: head.hash ?? '' } : null);
  await db.audit.add(entry);
  await db.counters.put({ key: AUDIT_HEAD_KEY, value: entry.seq, hash: entry.hash });
  return entry;
}

/** The newest audit entry's seq (0 before the first): it grows with every audited write. */
export async function auditHeadSeq(db: RedressDB): Promise<number> {
  return (await db.counters.get(AUDIT_HEAD_KEY))?.value ?? 0;
}

const VERIFY_PAGE = 5000;

/** Checks every link of the stored trail, a page at a time, and the head kept beside it. */
export async function verifyStoredAuditChain(db: RedressDB): Promise<AuditVerification> {
  const head = await db.counters.get(AUDIT_HEAD_KEY);
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const page = await db.audit.where('seq').above(after).limit(VERIFY_PAGE).toArray();
    for (const entry of page) if (verifier.push(entry)) return verifier.finish();
    const last = page.at(-1);
    if (!last || page.length < VERIFY_PAGE) break;
    after = last.seq;
  }
  return verifier.finish(head ? { seq: head.value, hash: head.hash ?? '' } : null);
}

/** A case's trail, oldest first. */
export function caseAuditTrail(db: RedressDB, caseId: string): Promise<AuditEntry[]> {
  return db.audit.where('[caseId+seq]').between([caseId, Dexie.minKey], [caseId, Dexie.maxKey]).toArray();
}
