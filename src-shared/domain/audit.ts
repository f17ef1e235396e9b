// The audit trail: append-only, one entry per change, each carrying the hash of the one before,
// so that editing, removing, reordering or inserting an entry breaks the chain.
//
// Personal data and erasure. An entry's changes (old and new values) and reason may hold a
// complainant's name, address or story, which an erasure request or the end of retention must
// remove. So since format 2 an entry's hash covers its header and a *salted commitment* to its
// payload (`payloadHash` = SHA-256 of { salt, changes, reason }), not the payload itself. Erasing
// replaces the payload and the salt with an `erased` marker: the chain still verifies, and without
// the salt the commitment left behind cannot be used to confirm a guessed name. An erased entry is
// accepted only if a later entry of the chain (the disposal's own entry) names it in `erases` (by
// seq) or `erasesPayloads` (by its commitment: how a disposal made on another team desk names the
// copies this desk erases when it pulls it), so a payload cannot quietly vanish. Format-1 entries (hash over everything) are still verified as
// they were; the schema upgrade that introduced format 2 re-chained them once.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, randomBytes, utf8ToBytes } from '@noble/hashes/utils.js';
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
  /** The seqs of earlier entries whose payload this change erased (part of the header: never erased). */
  erases?: number[];
  /**
   * The same entries by their payload commitments (`payloadHash`), which are the same on every desk
   * and on the team server, where seqs are not; in the header too. (Not their salts: the salt is
   * what erasure removes, so that the commitment left behind cannot confirm a guessed name.)
   */
  erasesPayloads?: string[];
}

/** Where an erased payload went: when, and under which disposal record. */
export interface ErasedMark {
  at: string;
  recordId: string;
}

export interface AuditEntry extends AuditDraft {
  seq: number;
  prevHash: string;
  hash: string;
  /** Format 2: the salted commitment to { salt, changes, reason }. Absent on format-1 entries. */
  payloadHash?: string;
  /** Random, kept with the payload and erased with it. */
  salt?: string;
  /** Set when the payload was erased: `changes` is then empty and `reason`, `salt` are gone. */
  erased?: ErasedMark;
}

/**
 * Trail entries stored as one row, in seq order (the desk's `auditPacks`, written by a team join:
 * a million entries one row each is more than IndexedDB writes in minutes). `seq` is the first
 * entry's, `last` the last one's; `caseIds` the cases the entries name, for a case's trail.
 */
export interface AuditPack {
  seq: number;
  last: number;
  caseIds: string[];
  entries: AuditEntry[];
}

/** JSON with object keys sorted at every level, so the same entry always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  // One pass over the keys in code-unit order (what sort() without a comparer gives), no
  // intermediate arrays of entries: it runs for every audit entry written.
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object).sort();
  let out = '{';
  for (const key of keys) {
    const v = object[key];
    if (v === undefined) continue;
    if (out.length > 1) out += ',';
    out += `${JSON.stringify(key)}:${canonicalJson(v)}`;
  }
  return `${out}}`;
}

/** SHA-256 of a text (UTF-8) as lowercase hex. */
export const sha256Hex = (text: string) => bytesToHex(sha256(utf8ToBytes(text)));

/** An entry's personal payload with its salt: what its commitment (`payloadHash`) covers. */
export interface AuditPayload {
  payloadHash: string;
  salt: string;
  changes: FieldChange[];
  reason?: string;
}

/** The salted commitment to an entry's personal payload. */
export function hashAuditPayload(p: { salt: string; changes: FieldChange[]; reason?: string }): string {
  return sha256Hex(canonicalJson({ salt: p.salt, changes: p.changes, reason: p.reason }));
}

/**
 * An entry's own hash. Format 2 (with `payloadHash`): its header, leaving out the payload, the salt
 * and the erasure marker. Format 1: everything.
 */
export function hashAuditEntry(entry: Omit<AuditEntry, 'hash'>): string {
  if (entry.payloadHash === undefined) return sha256Hex(canonicalJson(entry));
  const { changes: _c, reason: _r, salt: _s, erased: _e, ...header } = entry;
  return sha256Hex(canonicalJson(header));
}

export const newSalt = () => bytesToHex(randomBytes(16));

/**
 * The salted commitments of many payloads at once, the same digests hashAuditPayload gives, by the
 * platform's native SHA-256 (crypto.subtle) all in parallel: a batch's payloads hold whole cases,
 * and hashing them in JavaScript took most of an import batch. Falls back to hashAuditPayload
 * where crypto.subtle is missing (a page that is not a secure context).
 */
export async function hashAuditPayloads(
  payloads: readonly { salt: string; changes: FieldChange[]; reason?: string }[],
): Promise<string[]> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return payloads.map(hashAuditPayload);
  const encoder = new TextEncoder();
  const digests = await Promise.all(
    payloads.map((p) =>
      subtle.digest(
        'SHA-256',
        encoder.encode(canonicalJson({ salt: p.salt, changes: p.changes, reason: p.reason })),
      ),
    ),
  );
  return digests.map((d) => bytesToHex(new Uint8Array(d)));
}

/**
 * The entry in format 2, linked after `head` (null for the first entry ever). `payloadHash`, when
 * given, is hashAuditPayload's commitment for this draft and salt, computed ahead (hashAuditPayloads).
 */
export function chainAuditEntry(
  draft: AuditDraft,
  head: { seq: number; hash: string } | null,
  salt: string = newSalt(),
  payloadHash?: string,
): AuditEntry {
  const { changes, reason } = draft;
  const body: Omit<AuditEntry, 'hash'> = {
    ...draft,
    seq: (head?.seq ?? 0) + 1,
    prevHash: head?.hash ?? GENESIS_HASH,
    salt,
    payloadHash: payloadHash ?? hashAuditPayload({ salt, changes, reason }),
  };
  return { ...body, hash: hashAuditEntry(body) };
}

/** A format-1 entry as a format-2 one: same content, a new salted commitment (its hash is redone by re-chaining). */
export function toPayloadFormat(
  entry: AuditEntry,
  salt: string = newSalt(),
): Omit<AuditEntry, 'hash' | 'prevHash'> {
  const { hash: _h, prevHash: _p, ...rest } = entry;
  if (entry.payloadHash !== undefined) return rest;
  return {
    ...rest,
    salt,
    payloadHash: hashAuditPayload({ salt, changes: entry.changes, reason: entry.reason }),
  };
}

/** Re-links an entry (format 2) after `prev`, keeping its seq: used once, when the trail was converted. */
export function relinkAuditEntry(entry: Omit<AuditEntry, 'hash' | 'prevHash'>, prevHash: string): AuditEntry {
  const body = { ...entry, prevHash };
  return { ...body, hash: hashAuditEntry(body) };
}

/**
 * The entry with its payload erased: the header and the commitment stay, so the chain still
 * verifies. A format-1 entry cannot be erased this way (its hash covers the payload).
 */
export function eraseAuditPayload(entry: AuditEntry, mark: ErasedMark): AuditEntry {
  if (entry.payloadHash === undefined) throw new Error('Only format-2 audit entries can be erased.');
  const { reason: _r, salt: _s, ...kept } = entry;
  return { ...kept, changes: [], erased: mark };
}

/**
 * A case's history as a person reads it: by when each thing happened, entries of the same moment in
 * the order the trail holds them. The same as the trail's order on a single desk; on a team desk,
 * entries can reach the trail later than they were written (a case's earlier history fetched after
 * the case was given to this desk's person).
 */
export function inTimeOrder<E extends Pick<AuditEntry, 'at'>>(entries: readonly E[]): E[] {
  return entries
    .map((entry, i) => ({ entry, i, t: Date.parse(entry.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(({ entry }) => entry);
}

/**
 * A trail entry's identity on every desk and on the team server, where seqs and links differ: its
 * payload commitment (a format-1 entry, which has none, by its hash).
 */
export const trailEntryKey = (entry: Pick<AuditEntry, 'payloadHash' | 'hash'>): string =>
  entry.payloadHash ?? entry.hash;

/**
 * What a desk's copy of an entry and the team server's must agree on besides the payload
 * commitment: who did what to which record, and when. Not the links (each chain has its own), not
 * `erases` (seqs of one desk's chain), not the payload (the commitment covers it, and erasure
 * removes it on both sides).
 */
export function trailHeaderDigest(entry: AuditDraft): string {
  return sha256Hex(
    canonicalJson({
      at: entry.at,
      actor: { id: entry.actor.id, name: entry.actor.name },
      entity: entry.entity,
      entityId: entry.entityId,
      caseId: entry.caseId ?? null,
      action: entry.action,
      erasesPayloads: entry.erasesPayloads ?? [],
    }),
  ).slice(0, 32);
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
  /** Erased entries not yet named by a later entry's `erases` or `erasesPayloads` (and by payload). */
  const unaccounted = new Set<number>();
  const unaccountedByPayload = new Map<string, number>();
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
      if (entry.payloadHash !== undefined) {
        if (entry.erased) {
          // Erasure leaves no payload: anything in one now was written after it (outside the hash).
          if ((entry.changes?.length ?? 0) > 0 || entry.reason !== undefined || entry.salt !== undefined)
            return broken(`Entry ${entry.seq} was changed after its details were removed.`);
          unaccounted.add(entry.seq);
          unaccountedByPayload.set(entry.payloadHash, entry.seq);
        } else if (
          entry.salt === undefined ||
          hashAuditPayload({ salt: entry.salt, changes: entry.changes, reason: entry.reason }) !==
            entry.payloadHash
        )
          return broken(`Entry ${entry.seq} was changed after it was written.`);
      }
      for (const seq of entry.erases ?? []) unaccounted.delete(seq);
      for (const payload of entry.erasesPayloads ?? []) {
        const seq = unaccountedByPayload.get(payload);
        if (seq !== undefined) unaccounted.delete(seq);
      }
      prevHash = hash;
      expectedSeq += 1;
      return null;
    },
    finish(expectedHead?: { seq: number; hash: string } | null): AuditVerification {
      if (failure) return failure;
      if (unaccounted.size) {
        let first = Infinity;
        for (const seq of unaccounted) first = Math.min(first, seq);
        return (failure = {
          ok: false,
          count,
          brokenAt: first,
          reason: `Entry ${first}'s details were removed without a disposal record.`,
        });
      }
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
