// The audit anchor, `<dataDir>/audit-anchor.jsonl`: one checkpoint of the audit chain a line,
// `{ seq, hash, at, mac }`, where mac = HMAC-SHA256(key, seq, hash, at, the previous line's mac).
// Appended and flushed, never rewritten: editing or removing a line breaks the MAC of the line
// after it, and the census (`<dataDir>/database-census.json`, sealed with the same key) remembers
// how many lines there were and the last one's mac, so cutting the newest lines shows too.
//
// The census also holds what main last saw of the case database (its generation id, cases, audit
// head seq): a database found empty or smaller after a start is a silent loss, not a new office.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { PersonRef } from '../../../src-shared/domain/accounts';
import {
  AnchorProblemSchema,
  CHECKPOINTS_RETURNED,
  CensusSchema,
  assessCensus,
  thinCheckpoints,
  type AnchorProblem,
  type AnchorRead,
  type Census,
  type CensusFacts,
  type CensusVerdict,
  type Checkpoint,
} from '../../../src-shared/domain/audit-anchor';
import { AppError } from '../../../src-shared/errors';
import type { SecurityLog } from '../accounts/security-log';
import { appendDurably, writeFileAtomic } from '../files/atomic-write';
import {
  AnchorKeyError,
  ensureAnchorKey,
  readAnchorKey,
  type KeyProtection,
  type KeyStore,
} from './anchor-key';

// Every anchor file is named audit-anchor*: the backup service takes them by that prefix.
export const ANCHOR_FILE = 'audit-anchor.jsonl';
export const ANCHOR_REFUSALS_FILE = 'audit-anchor-refusals.jsonl';
export const CENSUS_FILE = 'database-census.json';

const LineSchema = z.object({
  seq: z.number().int().min(1),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  at: z.iso.datetime(),
  mac: z.string().regex(/^[0-9a-f]{64}$/),
});
type Line = z.output<typeof LineSchema>;

/** A witnessed problem whose seal checks, or null. */
function readWitnessed(raw: string, key: Buffer): AnchorProblem | null {
  try {
    const line = JSON.parse(raw) as { problem?: unknown; mac?: unknown };
    if (typeof line.mac !== 'string' || !/^[0-9a-f]{64}$/.test(line.mac)) return null;
    if (!sameHex(witnessedMac(key, JSON.stringify(line.problem)), line.mac)) return null;
    const parsed = AnchorProblemSchema.safeParse(line.problem);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

const StoredCensusSchema = CensusSchema.extend({
  /** Lines of the anchor file when this was written, and the last one's mac. */
  anchorLines: z.number().int().min(0),
  anchorMac: z.string(),
  mac: z.string().optional(),
});
type StoredCensus = z.output<typeof StoredCensusSchema>;

export class AnchorError extends AppError {
  constructor(
    message: string,
    readonly detail?: unknown,
  ) {
    super('IO', message);
  }
}

const hmac = (key: Buffer, text: string): string => createHmac('sha256', key).update(text).digest('hex');
const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

const checkpointMac = (key: Buffer, c: Checkpoint, prevMac: string): string =>
  hmac(key, `checkpoint\n${c.seq}\n${c.hash}\n${c.at}\n${prevMac}`);
// A problem main witnessed (a refused rewrite, a cut anchor), kept as the JSON text it was written as.
const witnessedMac = (key: Buffer, problemJson: string): string => hmac(key, `witnessed\n${problemJson}`);
// Every field by name, in a fixed order: the seal does not depend on how the JSON was laid out.
const censusMac = (key: Buffer, c: Omit<StoredCensus, 'mac'>): string =>
  hmac(key, ['census', c.generation ?? '', c.cases, c.auditSeq, c.at, c.anchorLines, c.anchorMac].join('\n'));

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw new AnchorError('Redress could not read its audit anchor.', error);
  }
}

const nonEmptyLines = (text: string): string[] => text.split('\n').filter((l) => l.trim() !== '');

function parseLine(text: string): Line | null {
  try {
    const parsed = LineSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Appends one line, flushed to disk before this answers. */
async function appendLine(dataDir: string, name: string, value: object): Promise<void> {
  try {
    await appendDurably(join(dataDir, name), `${JSON.stringify(value)}\n`, 0o600);
  } catch (error) {
    throw new AnchorError(
      'Redress could not write its audit anchor: check that the disk has space and the data folder can be written.',
      error,
    );
  }
}

interface AnchorScan {
  /** Checkpoints whose MAC checks. */
  valid: Checkpoint[];
  lines: number;
  last: Line | null;
  /** 1-based numbers of lines that are unreadable or whose MAC does not check. */
  altered: number[];
}

function scanAnchor(text: string, key: Buffer): AnchorScan {
  const scan: AnchorScan = { valid: [], lines: 0, last: null, altered: [] };
  let prevMac = '';
  for (const raw of nonEmptyLines(text)) {
    scan.lines += 1;
    const line = parseLine(raw);
    if (!line) {
      scan.altered.push(scan.lines);
      prevMac = 'unreadable';
      continue;
    }
    const { mac, ...checkpoint } = line;
    if (sameHex(checkpointMac(key, checkpoint, prevMac), mac)) scan.valid.push(checkpoint);
    else scan.altered.push(scan.lines);
    prevMac = mac;
    scan.last = line;
  }
  return scan;
}

async function readCensusFile(dataDir: string): Promise<StoredCensus | 'unreadable' | null> {
  const text = await readText(join(dataDir, CENSUS_FILE));
  if (text === '') return null;
  try {
    const parsed = StoredCensusSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

const censusSealed = (census: StoredCensus, key: Buffer | null): boolean => {
  if (!key || !census.mac) return false;
  const { mac, ...body } = census;
  return /^[0-9a-f]{64}$/.test(mac) && sameHex(censusMac(key, body), mac);
};

async function writeCensus(dataDir: string, key: Buffer | null, census: Omit<StoredCensus, 'mac'>) {
  const body = key ? { ...census, mac: censusMac(key, census) } : census;
  await writeFileAtomic(join(dataDir, CENSUS_FILE), `${JSON.stringify(body)}\n`, 0o600);
}

const toCensus = (stored: StoredCensus): Census => ({
  generation: stored.generation,
  cases: stored.cases,
  auditSeq: stored.auditSeq,
  at: stored.at,
});

/** The key, or why there is none: a missing key is only made afresh while the anchor is empty. */
async function keyFor(
  dataDir: string,
  keyStore: KeyStore | undefined,
  anchorHasLines: boolean,
): Promise<{ key: Buffer; protection: KeyProtection } | { problem: AnchorProblem }> {
  try {
    const existing = await readAnchorKey(dataDir, keyStore);
    if (existing) return existing;
    if (anchorHasLines) return { problem: { kind: 'key-missing' } };
    return await ensureAnchorKey(dataDir, keyStore);
  } catch (error) {
    if (error instanceof AnchorKeyError) return { problem: { kind: 'key-unusable' } };
    throw error;
  }
}

/**
 * After a restore put the backup's anchor files (and key, see importAnchorKey) in place: the
 * census becomes the restored database's, so its next start is not taken for a loss. Call it
 * with the restored counts; a null generation is learnt from the database at its next sign-in.
 */
export async function recordRestoredDatabase(
  dataDir: string,
  census: { generation?: string | null; cases: number; auditSeq: number },
  keyStore?: KeyStore,
  now: Date = new Date(),
): Promise<void> {
  const text = await readText(join(dataDir, ANCHOR_FILE));
  const found = await keyFor(dataDir, keyStore, nonEmptyLines(text).length > 0);
  const key = 'key' in found ? found.key : null;
  const scan = key ? scanAnchor(text, key) : null;
  await writeCensus(dataDir, key, {
    generation: census.generation ?? null,
    cases: census.cases,
    auditSeq: census.auditSeq,
    at: now.toISOString(),
    anchorLines: scan?.lines ?? 0,
    anchorMac: scan?.last?.mac ?? '',
  });
}

export interface AuditAnchorOptions {
  dataDir: string;
  keyStore?: KeyStore;
  log: SecurityLog;
  now?: () => Date;
}

export function createAuditAnchor(options: AuditAnchorOptions) {
  const { dataDir, keyStore, log } = options;
  const now = options.now ?? (() => new Date());
  const anchorFile = join(dataDir, ANCHOR_FILE);
  // One operation at a time: an append and the census written after it belong together.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  // A rewrite is recorded once, not at every refused checkpoint after it.
  let refusalRecorded = false;
  // The anchor's line count and last line, as of its size and time: a checkpoint every few seconds
  // does not read a long anchor again unless something else changed the file (a restore, an edit).
  let tail: { size: number; mtimeMs: number; lines: number; last: Line | null } | null = null;

  /** Keeps a problem main saw happen, sealed, and says so in the security log. */
  async function witness(key: Buffer, problem: AnchorProblem, actor: PersonRef | null, detail: string) {
    const problemJson = JSON.stringify(problem);
    await appendLine(dataDir, ANCHOR_REFUSALS_FILE, { problem, mac: witnessedMac(key, problemJson) });
    await log.append({
      time: 'at' in problem && problem.at ? problem.at : now().toISOString(),
      event: 'audit-rewrite-refused',
      actor,
      subject: null,
      detail,
    });
  }

  async function anchorStat(): Promise<{ size: number; mtimeMs: number } | null> {
    try {
      const { size, mtimeMs } = await stat(anchorFile);
      return { size, mtimeMs };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new AnchorError('Redress could not read its audit anchor.', error);
    }
  }

  async function tailOf(key: Buffer, current: { size: number; mtimeMs: number } | null) {
    if (!current) return { lines: 0, last: null };
    if (tail && tail.size === current.size && tail.mtimeMs === current.mtimeMs) return tail;
    const scan = scanAnchor(await readText(anchorFile), key);
    tail = { ...current, lines: scan.lines, last: scan.last };
    return tail;
  }

  async function checkpoint(
    input: { generation: string; cases: number; seq: number; hash: string },
    actor: PersonRef | null,
  ): Promise<{ recorded: boolean; refused: boolean }> {
    return serial(async () => {
      const before = await anchorStat();
      const found = await keyFor(dataDir, keyStore, (before?.size ?? 0) > 0);
      if (!('key' in found)) return { recorded: false, refused: false };
      const { key } = found;
      const census = await readCensusFile(dataDir);
      const sealed = census !== null && census !== 'unreadable' && censusSealed(census, key) ? census : null;
      // Another database than the one main knew held data: the census screen deals with it first.
      if (
        sealed &&
        sealed.generation !== null &&
        sealed.generation !== input.generation &&
        (sealed.cases > 0 || sealed.auditSeq > 0)
      ) {
        return { recorded: false, refused: false };
      }
      const scan = await tailOf(key, before);
      const last = scan.last;
      if (last && (input.seq < last.seq || (input.seq === last.seq && input.hash !== last.hash))) {
        if (!refusalRecorded) {
          const at = now().toISOString();
          await witness(
            key,
            { kind: 'rewrite-refused', at, seq: input.seq, anchoredSeq: last.seq },
            actor,
            `The audit trail reached entry ${last.seq}; its head is now entry ${input.seq}.`,
          );
          refusalRecorded = true;
        }
        return { recorded: false, refused: true };
      }
      if (last && input.seq === last.seq) return { recorded: false, refused: false };
      // Checkpoints cut from the end of the anchor: said once, before the census moves past them.
      if (
        sealed &&
        (sealed.anchorLines > scan.lines ||
          (sealed.anchorLines === scan.lines && scan.lines > 0 && last?.mac !== sealed.anchorMac))
      ) {
        const problem: AnchorProblem = {
          kind: 'tail-removed',
          at: now().toISOString(),
          expected: sealed.anchorLines,
          found: scan.lines,
        };
        await witness(
          key,
          problem,
          actor,
          `Redress had written ${sealed.anchorLines} audit anchor checkpoints; ${scan.lines} were left.`,
        );
      }
      const point: Checkpoint = { seq: input.seq, hash: input.hash, at: now().toISOString() };
      const mac = checkpointMac(key, point, last?.mac ?? '');
      await appendLine(dataDir, ANCHOR_FILE, { ...point, mac });
      const after = await anchorStat();
      tail = after && { ...after, lines: scan.lines + 1, last: { ...point, mac } };
      refusalRecorded = false;
      // A census whose seal does not check is evidence: it stays until an administrator acts.
      if (census === null || sealed) {
        await writeCensus(dataDir, key, {
          generation: input.generation,
          cases: input.cases,
          auditSeq: input.seq,
          at: point.at,
          anchorLines: scan.lines + 1,
          anchorMac: mac,
        });
      }
      return { recorded: true, refused: false };
    });
  }

  async function read(): Promise<AnchorRead> {
    return serial(async () => {
      const text = await readText(anchorFile);
      const found = await keyFor(dataDir, keyStore, nonEmptyLines(text).length > 0);
      const lines = nonEmptyLines(text).length;
      if (!('key' in found)) {
        return { checkpoints: [], lines, problems: [found.problem], keyProtection: 'plain' };
      }
      const { key, protection } = found;
      const scan = scanAnchor(text, key);
      const problems: AnchorProblem[] = [];
      if (scan.altered.length > 0) {
        problems.push({ kind: 'line-altered', line: scan.altered[0]!, count: scan.altered.length });
      }
      const census = await readCensusFile(dataDir);
      if (census === 'unreadable' || (census && !censusSealed(census, key))) {
        problems.push({ kind: 'census-altered' });
      } else if (
        census &&
        (census.anchorLines > scan.lines ||
          (census.anchorLines === scan.lines && scan.lines > 0 && scan.last?.mac !== census.anchorMac))
      ) {
        problems.push({ kind: 'tail-removed', expected: census.anchorLines, found: scan.lines });
      }
      for (const raw of nonEmptyLines(await readText(join(dataDir, ANCHOR_REFUSALS_FILE)))) {
        const witnessed = readWitnessed(raw, key);
        if (witnessed) problems.push(witnessed);
      }
      return {
        checkpoints: thinCheckpoints(scan.valid, CHECKPOINTS_RETURNED),
        lines: scan.lines,
        problems,
        keyProtection: protection,
      };
    });
  }

  /** Compares what the renderer's database holds with what main last saw; notes it when they agree. */
  async function census(facts: CensusFacts): Promise<CensusVerdict> {
    return serial(async () => {
      const stored = await readCensusFile(dataDir);
      const known = stored && stored !== 'unreadable' ? stored : null;
      const verdict = assessCensus(known ? toCensus(known) : null, facts);
      if (verdict.state !== 'ok') return verdict;
      const text = await readText(anchorFile);
      const found = await keyFor(dataDir, keyStore, nonEmptyLines(text).length > 0);
      if (!('key' in found)) return verdict;
      if (stored === null || (known && censusSealed(known, found.key))) {
        const scan = known ? null : scanAnchor(text, found.key);
        await writeCensus(dataDir, found.key, {
          ...facts,
          at: now().toISOString(),
          anchorLines: known?.anchorLines ?? scan!.lines,
          anchorMac: known?.anchorMac ?? scan!.last?.mac ?? '',
        });
      }
      return verdict;
    });
  }

  /**
   * An administrator accepts the database as it is (empty or smaller): the reason goes to the
   * security log, the old anchor is kept aside (it describes a trail that is gone) and the census
   * starts again from this database.
   */
  async function startEmpty(
    facts: CensusFacts & { reason: string },
    actor: PersonRef,
  ): Promise<CensusVerdict> {
    return serial(async () => {
      const stored = await readCensusFile(dataDir);
      const known = stored && stored !== 'unreadable' ? toCensus(stored) : null;
      // Only a loss is accepted this way: a database main has no quarrel with keeps its anchor.
      if (assessCensus(known, facts).state === 'ok') return { state: 'ok' } as const;
      const at = now();
      const stamp = at.toISOString().replace(/[:.]/g, '-');
      for (const name of [ANCHOR_FILE, ANCHOR_REFUSALS_FILE]) {
        try {
          await rename(
            join(dataDir, name),
            join(dataDir, name.replace(/\.jsonl$/, `-retired-${stamp}.jsonl`)),
          );
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
            throw new AnchorError('Redress could not set the old audit anchor aside.', error);
          }
        }
      }
      const before = known
        ? `Before: ${known.cases} cases and ${known.auditSeq} audit entries (${known.at}).`
        : 'Before: not known.';
      await log.append({
        time: at.toISOString(),
        event: 'database-started-empty',
        actor,
        subject: null,
        detail: `${facts.reason} — ${before} Now: ${facts.cases} cases and ${facts.auditSeq} audit entries.`,
      });
      const found = await keyFor(dataDir, keyStore, false);
      const key = 'key' in found ? found.key : null;
      const { reason: _reason, ...counts } = facts;
      await writeCensus(dataDir, key, { ...counts, at: at.toISOString(), anchorLines: 0, anchorMac: '' });
      refusalRecorded = false;
      return { state: 'ok' } as const;
    });
  }

  return { checkpoint, read, census, startEmpty };
}
export type AuditAnchor = ReturnType<typeof createAuditAnchor>;
