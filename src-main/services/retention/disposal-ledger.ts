// The disposal ledger (src-shared/domain/disposal-ledger.ts): `<dataDir>/disposal-ledger.jsonl`,
// one `{ entry, mac }` a line, mac = HMAC-SHA256(key, previous line's mac + "\n" + entry as JSON),
// with its own key (`disposal-ledger-key.json`, wrapped like the audit anchor's). Neither file is
// in a backup as it is: a backup holds the entries (DISPOSALS_PART), and a restore adds those
// missing here (`merge`), so an older backup never takes back a newer disposal.
//
// A forged line would have a restore dispose of a case nobody disposed of, and a removed one would
// bring a case back, so a sealed count (`disposal-ledger-count.json`: the lines and the last mac,
// sealed with the same key, as the audit anchor's census is) is written after each append: a line
// whose seal fails ends what is read, and fewer lines than counted (the file cut short, emptied or
// deleted) are read as altered too. The next append then keeps a copy of the file
// (`disposal-ledger.set-aside-<time>.jsonl`, for whoever checks), writes the lines that verified
// over it, and says so in the security log. A line cut short by a crash mid-append (not JSON) was
// never acknowledged, and is skipped.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { copyFile, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersonRef } from '../../../src-shared/domain/accounts';
import { LedgerEntrySchema, type LedgerEntry } from '../../../src-shared/domain/disposal-ledger';
import type { SecurityLog } from '../accounts/security-log';
import { AnchorKeyError, sealingKeyFile, type KeyStore } from '../audit-anchor/anchor-key';
import { appendDurably, writeFileAtomic } from '../files/atomic-write';

export const LEDGER_FILE = 'disposal-ledger.jsonl';
export const LEDGER_KEY_FILE = 'disposal-ledger-key.json';
export const LEDGER_COUNT_FILE = 'disposal-ledger-count.json';
const ledgerKey = sealingKeyFile(LEDGER_KEY_FILE, 'the disposal ledger’s key');

/** Why the ledger could not be read whole: a line altered or removed, or its key unusable. */
export type LedgerProblem = 'altered' | 'key';

export interface LedgerRead {
  /** The entries that verified, oldest first. */
  entries: LedgerEntry[];
  problem: LedgerProblem | null;
}

const macOf = (key: Buffer, prev: string, entry: LedgerEntry) =>
  createHmac('sha256', key)
    .update(`${prev}\n${JSON.stringify(entry)}`)
    .digest('hex');

const sameHex = (a: string, b: string) =>
  a.length === b.length &&
  /^[0-9a-f]+$/.test(b) &&
  timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

interface Scan {
  entries: LedgerEntry[];
  /** Each verified line's mac. */
  macs: string[];
  /** The last verified line's mac ('' for none). */
  last: string;
  altered: boolean;
  /** Whether the file ends in a newline (or is empty). */
  whole: boolean;
}

function scan(text: string, key: Buffer): Scan {
  const entries: LedgerEntry[] = [];
  const macs: string[] = [];
  let last = '';
  let altered = false;
  for (const raw of text.split('\n')) {
    if (!raw.trim()) continue;
    let line: { entry?: unknown; mac?: unknown };
    try {
      line = JSON.parse(raw) as typeof line;
    } catch {
      continue; // cut short by a crash: never acknowledged
    }
    const parsed = LedgerEntrySchema.safeParse(line.entry);
    if (
      !parsed.success ||
      typeof line.mac !== 'string' ||
      !sameHex(macOf(key, last, parsed.data), line.mac)
    ) {
      altered = true;
      break;
    }
    entries.push(parsed.data);
    macs.push(line.mac);
    last = line.mac;
  }
  return { entries, macs, last, altered, whole: text === '' || text.endsWith('\n') };
}

export interface DisposalLedgerOptions {
  dataDir: string;
  keyStore?: KeyStore;
  log: SecurityLog;
  now?: () => Date;
}

export function createDisposalLedger(options: DisposalLedgerOptions) {
  const { dataDir, keyStore, log } = options;
  const now = options.now ?? (() => new Date());
  const file = join(dataDir, LEDGER_FILE);
  // One append at a time: each line's seal takes the one before.
  let queue: Promise<unknown> = Promise.resolve();
  // The last line's mac and the lines as of the file's size and time, so an append does not read
  // the whole ledger again (anything else changing the file changes one or the other).
  let tail: { size: number; mtimeMs: number; last: string; lines: number } | null = null;

  const countFile = join(dataDir, LEDGER_COUNT_FILE);
  const readText = (path: string) =>
    readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
  const fileNow = () =>
    stat(file).then(
      (s) => ({ size: s.size, mtimeMs: s.mtimeMs }),
      () => ({ size: 0, mtimeMs: 0 }),
    );

  const countMac = (key: Buffer, lines: number, last: string) =>
    createHmac('sha256', key).update(`count|${lines}|${last}`).digest('hex');
  async function writeCount(key: Buffer, lines: number, last: string) {
    const body = { lines, last, mac: countMac(key, lines, last) };
    await writeFileAtomic(countFile, `${JSON.stringify(body)}\n`, 0o600);
  }
  /** The sealed count: null when there is none, 'bad' when it does not check. */
  function parseCount(key: Buffer, text: string): { lines: number; last: string } | 'bad' | null {
    if (!text.trim()) return null;
    try {
      const c = JSON.parse(text) as { lines?: unknown; last?: unknown; mac?: unknown };
      if (typeof c.lines !== 'number' || typeof c.last !== 'string' || typeof c.mac !== 'string')
        return 'bad';
      return sameHex(countMac(key, c.lines, c.last), c.mac) ? { lines: c.lines, last: c.last } : 'bad';
    } catch {
      return 'bad';
    }
  }
  const readCount = async (key: Buffer) => parseCount(key, await readText(countFile));

  /**
   * The file checked line by line and against the count, read before it (more lines than counted:
   * an append, or a crash after one, in between).
   */
  function check(key: Buffer, text: string, countText: string): Scan {
    const found = scan(text, key);
    if (found.altered) return found;
    const count = parseCount(key, countText);
    const short =
      count === 'bad' ||
      (count === null && found.entries.length > 0) ||
      (count !== null &&
        (found.entries.length < count.lines ||
          (count.lines > 0 && found.macs[count.lines - 1] !== count.last)));
    return short ? { ...found, altered: true } : found;
  }

  async function readNow(): Promise<LedgerRead> {
    // The count before the file: an append in between leaves more lines than counted, never fewer.
    const countText = await readText(countFile);
    const counted = countText.trim() !== '';
    const text = await readText(file);
    let key: Buffer | null;
    try {
      key = (await ledgerKey.read(dataDir, keyStore))?.key ?? null;
    } catch (error) {
      if (error instanceof AnchorKeyError) return { entries: [], problem: 'key' };
      throw error;
    }
    if (!key) return { entries: [], problem: text.trim() || counted ? 'key' : null };
    const found = check(key, text, countText);
    return { entries: found.entries, problem: found.altered ? 'altered' : null };
  }

  /** Read between appends, never during one. */
  function read(): Promise<LedgerRead> {
    const run = queue.then(readNow);
    queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Keeps a copy of an unreadable ledger and writes the entries that verified over it (never a
   * moment without the ledger: the copy is made first); returns the new last mac.
   */
  async function setAside(key: Buffer, kept: LedgerEntry[], why: string, actor: PersonRef | null) {
    const aside = join(
      dataDir,
      `disposal-ledger.set-aside-${now().toISOString().replace(/[:.]/g, '-')}.jsonl`,
    );
    await copyFile(file, aside).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    let last = '';
    const lines = kept.map((entry) => {
      const mac = macOf(key, last, entry);
      last = mac;
      return `${JSON.stringify({ entry, mac })}\n`;
    });
    await writeFileAtomic(file, lines.join(''), 0o600);
    await writeCount(key, kept.length, last);
    await log.append({
      time: now().toISOString(),
      event: 'disposal-ledger-set-aside',
      actor,
      subject: null,
      detail: `${why} Kept as ${aside}; ${kept.length} entries that verified carried over.`,
    });
    return last;
  }

  async function appendNow(entries: LedgerEntry[], actor: PersonRef | null): Promise<number> {
    const seen = await fileNow();
    let key: Buffer;
    let last: string;
    let lines: number;
    let prefix = '';
    const cachedKey =
      tail && tail.size === seen.size && tail.mtimeMs === seen.mtimeMs
        ? ((await ledgerKey.read(dataDir, keyStore))?.key ?? null)
        : null;
    if (tail && cachedKey) {
      key = cachedKey;
      ({ last, lines } = tail);
    } else {
      const countText = await readText(countFile);
      const text = await readText(file);
      // A key that cannot be used now (the key store away) refuses the append: the page keeps the
      // entries and sends them again. A key file gone leaves nothing in the ledger to trust.
      const existing = (await ledgerKey.read(dataDir, keyStore))?.key ?? null;
      key = existing ?? (await ledgerKey.ensure(dataDir, keyStore)).key;
      if (!existing && (text.trim() || countText.trim())) {
        last = await setAside(key, [], 'The disposal ledger’s key file was missing.', actor);
        lines = 0;
      } else {
        const found = check(key, text, countText);
        if (found.altered) {
          last = await setAside(
            key,
            found.entries,
            'The disposal ledger was found altered, cut short or removed.',
            actor,
          );
        } else {
          last = found.last;
          if (!found.whole) prefix = '\n';
          // The first line ever: its count is there before it, so a crash between leaves no false alarm.
          if (!found.entries.length && (await readCount(key)) === null) await writeCount(key, 0, '');
        }
        lines = found.entries.length;
      }
    }
    const text =
      prefix +
      entries
        .map((entry) => {
          const mac = macOf(key, last, entry);
          last = mac;
          return `${JSON.stringify({ entry, mac })}\n`;
        })
        .join('');
    try {
      await appendDurably(file, text, 0o600);
    } catch (error) {
      tail = null; // a part may be on disk: read the file again next time
      throw error;
    }
    lines += entries.length;
    // The lines are on disk: a count left behind (more lines than counted) still reads whole.
    try {
      await writeCount(key, lines, last);
      tail = { ...(await fileNow()), last, lines };
    } catch (error) {
      console.warn('[redress] the disposal ledger’s count could not be written:', error);
      tail = null;
    }
    return entries.length;
  }

  /** Seals and appends the entries, flushed before it resolves. */
  function append(entries: LedgerEntry[], actor: PersonRef | null): Promise<number> {
    const run = queue.then(() => appendNow(entries, actor));
    queue = run.catch(() => undefined);
    return run;
  }

  /** What makes two entries the same one (a case of a disposal, or a batch of its files). */
  const sameKey = (e: LedgerEntry) =>
    e.kind === 'case' ? `case|${e.recordId}|${e.caseId}` : `files|${e.recordId}|${e.files.join(',')}`;

  return {
    read,
    /**
     * Adds the entries it does not hold yet (those of a backup being restored: the disposals the
     * office made before it, perhaps on another computer); returns how many. Running it again adds
     * none, so a restore finished after a crash merges once.
     */
    async merge(entries: readonly LedgerEntry[], actor: PersonRef | null): Promise<number> {
      const held = new Set((await read()).entries.map(sameKey));
      const missing = entries.filter((e) => {
        const key = sameKey(e);
        if (held.has(key)) return false;
        held.add(key);
        return true;
      });
      if (missing.length) await append(missing, actor);
      return missing.length;
    },
    append,
  };
}

export type DisposalLedger = ReturnType<typeof createDisposalLedger>;
