// The disposal ledger (src-shared/domain/disposal-ledger.ts): `<dataDir>/disposal-ledger.jsonl`,
// one `{ entry, mac }` a line, mac = HMAC-SHA256(key, previous line's mac + "\n" + entry as JSON),
// with its own key (`disposal-ledger-key.json`, wrapped like the audit anchor's). Neither file is
// in a backup as it is: a backup holds the entries (DISPOSALS_PART), and a restore adds those
// missing here (`merge`), so an older backup never takes back a newer disposal.
//
// A forged line would have a restore dispose of a case nobody disposed of, so a line whose seal
// fails ends what is read: the lines before it stand, and the next append sets the file aside
// (`disposal-ledger.set-aside-<time>.jsonl`, kept for whoever checks), starts a new one with the
// lines that verified, and says so in the security log. A line cut short by a crash mid-append
// (not JSON) was never acknowledged, and is skipped.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { PersonRef } from '../../../src-shared/domain/accounts';
import { LedgerEntrySchema, type LedgerEntry } from '../../../src-shared/domain/disposal-ledger';
import type { SecurityLog } from '../accounts/security-log';
import { AnchorKeyError, sealingKeyFile, type KeyStore } from '../audit-anchor/anchor-key';
import { appendDurably, writeFileAtomic } from '../files/atomic-write';

export const LEDGER_FILE = 'disposal-ledger.jsonl';
export const LEDGER_KEY_FILE = 'disposal-ledger-key.json';
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
  /** The last verified line's mac ('' for none). */
  last: string;
  altered: boolean;
  /** Whether the file ends in a newline (or is empty). */
  whole: boolean;
}

function scan(text: string, key: Buffer): Scan {
  const entries: LedgerEntry[] = [];
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
    last = line.mac;
  }
  return { entries, last, altered, whole: text === '' || text.endsWith('\n') };
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
  // The last line's mac as of the file's size, so an append does not read the whole ledger again.
  let tail: { size: number; last: string } | null = null;

  const readText = () =>
    readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
  const sizeNow = () =>
    stat(file).then(
      (s) => s.size,
      () => 0,
    );

  async function read(): Promise<LedgerRead> {
    const text = await readText();
    if (!text.trim()) return { entries: [], problem: null };
    let key: Buffer | null;
    try {
      key = (await ledgerKey.read(dataDir, keyStore))?.key ?? null;
    } catch (error) {
      if (error instanceof AnchorKeyError) return { entries: [], problem: 'key' };
      throw error;
    }
    if (!key) return { entries: [], problem: 'key' };
    const found = scan(text, key);
    return { entries: found.entries, problem: found.altered ? 'altered' : null };
  }

  /** Sets an unreadable ledger aside and starts a new one with the entries that verified. */
  async function setAside(key: Buffer, kept: LedgerEntry[], why: string, actor: PersonRef | null) {
    const aside = join(
      dataDir,
      `disposal-ledger.set-aside-${now().toISOString().replace(/[:.]/g, '-')}.jsonl`,
    );
    await rename(file, aside);
    let last = '';
    const lines = kept.map((entry) => {
      const mac = macOf(key, last, entry);
      last = mac;
      return `${JSON.stringify({ entry, mac })}\n`;
    });
    await writeFileAtomic(file, lines.join(''), 0o600);
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
    const size = await sizeNow();
    let key: Buffer;
    let last: string;
    let prefix = '';
    if (tail && tail.size === size) {
      key = (await ledgerKey.ensure(dataDir, keyStore)).key;
      last = tail.last;
    } else {
      const text = await readText();
      // A key that cannot be used now (the key store away) refuses the append: the page keeps the
      // entries and sends them again. A key file gone leaves nothing in the ledger to trust.
      const existing = (await ledgerKey.read(dataDir, keyStore))?.key ?? null;
      if (!existing && text.trim()) {
        key = (await ledgerKey.ensure(dataDir, keyStore)).key;
        last = await setAside(key, [], 'The disposal ledger’s key file was missing.', actor);
      } else {
        key = existing ?? (await ledgerKey.ensure(dataDir, keyStore)).key;
        const found = scan(text, key);
        if (found.altered) {
          last = await setAside(
            key,
            found.entries,
            'A line of the disposal ledger was altered or removed.',
            actor,
          );
        } else {
          last = found.last;
          if (!found.whole) prefix = '\n';
        }
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
    tail = { size: await sizeNow(), last };
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
