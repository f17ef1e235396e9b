// The audit trail: append-only, one entry per change, each carrying the hash of the one before,
// so that editing, removing, reordering or inserting an entry breaks the chain.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Actor } from './case';

export const GENESIS_HASH = '0'.repeat(64);

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** What a repository says about a change; the chain fields are added when it is appended. */
export interface AuditDraft {
  at: string;
  actor: Actor;
  entity: string;
  entityId: string;
  /** The case the change belongs to, so a case's trail is one index lookup. */
  caseId: string | null;
  action: string;
  changes: FieldChange[];
  reason?: string;
}

export interface AuditEntry extends AuditDraft {
  seq: number;
  prevHash: string;
  hash: string;
}

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(entry))));
}

/** The next entry of the chain after `head` (null for the first entry ever). */
export function chainAuditEntry(draft: AuditDraft, head: { seq: number; hash: string } | null): AuditEntry {
  const body = { ...draft, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? GENESIS_HASH };
  return { ...body, hash: hashAuditEntry(body) };
}

export type AuditVerification =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; brokenAt: number; reason: string };

type Failure = { ok: false; count: number; brokenAt: number; reason: string };

/**
 * Checks a trail entry by entry, in seq order, so a million entries can be read in pages.
 * `finish(expectedHead)`: the head kept beside the trail (updated in the same transaction)
 * also catches removal of the newest entries, which the chain alone cannot.
 */
export function createChainVerifier() {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  let failure: Failure | null = null;
  return {
    push(entry: AuditEntry): Failure | null {
      if (failure) return failure;
      count += 1;
      const broken = (reason: string): Failure =>
        (failure = { ok: false, count, brokenAt: entry.seq, reason });
      if (entry.seq !== expectedSeq) return broken(`Entry ${expectedSeq} is missing or out of order.`);
      if (entry.prevHash !== prevHash)
        return broken(`Entry ${entry.seq} does not follow the entry before it.`);
      const { hash, ...body } = entry;
      if (hashAuditEntry(body) !== hash)
        return broken(`Entry ${entry.seq} was changed after it was written.`);
      prevHash = hash;
      expectedSeq += 1;
      return null;
    },
    finish(expectedHead?: { seq: number; hash: string } | null): AuditVerification {
      if (failure) return failure;
      if (expectedHead && (expectedHead.seq !== expectedSeq - 1 || expectedHead.hash !== prevHash)) {
        return {
          ok: false,
          count,
          brokenAt: expectedSeq,
          reason: `The trail ends at entry ${expectedSeq - 1} but ${expectedHead.seq} were written.`,
        };
      }
      return { ok: true, count, headHash: prevHash };
    },
  };
}

export function verifyAuditChain(
  entries: Iterable<AuditEntry>,
  expectedHead?: { seq: number; hash: string } | null,
): AuditVerification {
  const verifier = createChainVerifier();
  for (const entry of entries) if (verifier.push(entry)) break;
  return verifier.finish(expectedHead);
}
