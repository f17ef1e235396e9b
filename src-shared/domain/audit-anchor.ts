// The audit anchor: checkpoints of the audit chain (sequence, hash) that the main process keeps
// on disk outside the case database, each sealed with a MAC, and the counts main last saw of the
// database (its census). The chain alone proves entries were not edited one by one; it cannot see
// its own tail cut off, its head row deleted, or the whole trail rewritten and re-hashed. The
// anchor can, and so can the census when the database itself disappears. These are the rules that
// compare them, pure so that both processes and the tests share them.
import { z } from 'zod';

/** The renderer sends at most one checkpoint this often while the trail grows (and at lock, sign-out, page hide). */
export const CHECKPOINT_INTERVAL_MS = 5000;

/** How many checkpoints the read channel returns at most: the first, the newest, and evenly between. */
export const CHECKPOINTS_RETURNED = 2000;

const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'That is not a SHA-256 fingerprint.');

export const CheckpointSchema = z.object({
  seq: z.number().int().min(1),
  hash: Sha256Hex,
  /** When main recorded it (main's clock). */
  at: z.iso.datetime(),
});
export type Checkpoint = z.output<typeof CheckpointSchema>;

/** What is wrong with the anchor itself, as main found it when it checked every MAC. */
export const AnchorProblemSchema = z.discriminatedUnion('kind', [
  /** A line whose MAC does not check: edited, or a line before it was removed. `count` such lines in all. */
  z.object({
    kind: z.literal('line-altered'),
    line: z.number().int().min(1),
    count: z.number().int().min(1),
  }),
  /** The anchor has fewer lines than main last wrote, or its last line is not the one main wrote. */
  z.object({
    kind: z.literal('tail-removed'),
    expected: z.number().int().min(0),
    found: z.number().int().min(0),
    /** When main noticed it while appending (before the census moved past it); absent when found on reading. */
    at: z.iso.datetime().optional(),
  }),
  /** Checkpoints exist but the key that sealed them is gone. */
  z.object({ kind: z.literal('key-missing') }),
  /** The key is there but cannot be unlocked (protected by another computer's key store). */
  z.object({ kind: z.literal('key-unusable') }),
  /** The counts kept beside the anchor were edited. */
  z.object({ kind: z.literal('census-altered') }),
  /** main was asked to anchor a sequence below (or a different hash at) one it had anchored. */
  z.object({
    kind: z.literal('rewrite-refused'),
    at: z.iso.datetime(),
    seq: z.number().int().min(0),
    anchoredSeq: z.number().int().min(1),
  }),
]);
export type AnchorProblem = z.output<typeof AnchorProblemSchema>;

export const AnchorReadSchema = z.object({
  /** Checkpoints whose MAC checks, oldest first (thinned to CHECKPOINTS_RETURNED, the newest always kept). */
  checkpoints: z.array(CheckpointSchema),
  /** Lines in the anchor file. */
  lines: z.number().int().min(0),
  problems: z.array(AnchorProblemSchema),
  /** 'key-store': the key is wrapped by the operating system's key store; 'plain': a file only this account can read. */
  keyProtection: z.enum(['key-store', 'plain']),
});
export type AnchorRead = z.output<typeof AnchorReadSchema>;

// ---- Comparing the stored chain with the anchor ----

/** What the renderer read of its stored trail. */
export interface ChainFacts {
  /** The seq of the newest entry in the trail (0 when it is empty). */
  lastSeq: number;
  /** The head row kept beside the trail, or null when it is missing. */
  head: { seq: number; hash: string } | null;
  /** The stored hash at each anchored seq that is still in the trail. */
  hashAt: ReadonlyMap<number, string>;
}

export type AnchorFinding =
  /** No entries, yet checkpoints exist. */
  | { kind: 'emptied'; anchoredSeq: number; anchoredAt: string }
  /** The trail ends before the newest anchored entry. */
  | { kind: 'truncated'; lastSeq: number; anchoredSeq: number; anchoredAt: string }
  /** The entry at an anchored seq is not the one anchored (the earliest such, and how many). */
  | { kind: 'rewritten'; seq: number; anchoredAt: string; count: number }
  /** Entries exist but the head row beside them was deleted. */
  | { kind: 'head-missing'; lastSeq: number }
  | { kind: 'anchor-problem'; problem: AnchorProblem };

/** Everything the anchor says is wrong with the stored trail, most serious first; [] when they agree. */
export function compareWithAnchor(
  facts: ChainFacts,
  anchor: Pick<AnchorRead, 'checkpoints' | 'problems'>,
): AnchorFinding[] {
  const findings: AnchorFinding[] = [];
  const newest = anchor.checkpoints.reduce<Checkpoint | null>(
    (best, c) => (!best || c.seq > best.seq ? c : best),
    null,
  );
  if (newest && facts.lastSeq === 0) {
    findings.push({ kind: 'emptied', anchoredSeq: newest.seq, anchoredAt: newest.at });
  } else if (newest && newest.seq > facts.lastSeq) {
    findings.push({
      kind: 'truncated',
      lastSeq: facts.lastSeq,
      anchoredSeq: newest.seq,
      anchoredAt: newest.at,
    });
  }
  const mismatched = anchor.checkpoints
    .filter((c) => {
      const stored = facts.hashAt.get(c.seq);
      return stored !== undefined && stored !== c.hash;
    })
    .sort((a, b) => a.seq - b.seq);
  const first = mismatched[0];
  if (first)
    findings.push({ kind: 'rewritten', seq: first.seq, anchoredAt: first.at, count: mismatched.length });
  if (!facts.head && facts.lastSeq > 0) findings.push({ kind: 'head-missing', lastSeq: facts.lastSeq });
  for (const problem of anchor.problems) findings.push({ kind: 'anchor-problem', problem });
  return findings;
}

/**
 * Which anchored seqs to look up: all of them up to `limit`, else the first, the newest and evenly
 * spaced ones between. The newest alone catches any rewrite that reaches it; the rest say where.
 */
export function thinCheckpoints<T extends { seq: number }>(checkpoints: readonly T[], limit: number): T[] {
  if (checkpoints.length <= limit) return [...checkpoints];
  const picked: T[] = [];
  const step = (checkpoints.length - 1) / (limit - 1);
  for (let i = 0; i < limit; i++) picked.push(checkpoints[Math.round(i * step)]!);
  return picked;
}

// ---- The census: silent loss of the whole database ----

export const CensusFactsSchema = z.object({
  /** The database's generation id, made when it was first used; null when main does not know it (after a restore). */
  generation: z.string().min(1).max(100).nullable(),
  cases: z.number().int().min(0),
  /** The newest audit entry's seq: the trail only grows, so a smaller number means something was lost. */
  auditSeq: z.number().int().min(0),
});
export type CensusFacts = z.output<typeof CensusFactsSchema>;

export const CensusSchema = CensusFactsSchema.extend({ at: z.iso.datetime() });
export type Census = z.output<typeof CensusSchema>;

export type CensusVerdict =
  | { state: 'ok' }
  | {
      state: 'lost';
      /** empty: nothing in it; smaller: fewer audit entries than before; replaced: another database. */
      kind: 'empty' | 'smaller' | 'replaced';
      known: Census;
      current: CensusFacts;
    };

export const CensusVerdictSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('ok') }),
  z.object({
    state: z.literal('lost'),
    kind: z.enum(['empty', 'smaller', 'replaced']),
    known: CensusSchema,
    current: CensusFactsSchema,
  }),
]);

/**
 * Is the database the renderer opened the one main last saw, or did it lose data without a word?
 * The audit trail only grows, so its head seq never goes down; a database main never saw held
 * nothing worth missing.
 */
export function assessCensus(known: Census | null, current: CensusFacts): CensusVerdict {
  if (!known || (known.cases === 0 && known.auditSeq === 0)) return { state: 'ok' };
  const lost = (kind: 'empty' | 'smaller' | 'replaced'): CensusVerdict => ({
    state: 'lost',
    kind,
    known,
    current,
  });
  if (current.cases === 0 && current.auditSeq === 0) return lost('empty');
  if (current.auditSeq < known.auditSeq) return lost('smaller');
  if (known.generation !== null && current.generation !== known.generation) return lost('replaced');
  return { state: 'ok' };
}
