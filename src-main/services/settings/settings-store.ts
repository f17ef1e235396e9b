import { lstat, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  SettingsPatchSchema,
  SettingsSchema,
  defaultSettings,
  type Settings,
} from '../../../src-shared/domain/settings';
import { ConflictError, validationErrorFromZod } from '../../../src-shared/errors';
import type { SettingsProblem } from '../../../src-shared/ipc/channels/settings-recovery';
import { writeFileAtomic } from '../files/atomic-write';
import { readTextIfPresent } from '../files/read-if-present';

export const SETTINGS_FILE = 'settings.json';
/** A copy of the last settings that were written or read whole. */
export const LAST_GOOD_FILE = `${SETTINGS_FILE}.last-good`;
/** Present while a damaged or missing settings file waits for an administrator's choice. */
export const PROBLEM_FILE = `${SETTINGS_FILE}.problem`;
export const DAMAGED_PREFIX = `${SETTINGS_FILE}.damaged-`;

export const SETTINGS_PROBLEM_PENDING =
  'The settings file was damaged. Choose the last good copy or the default settings first.';
export const NO_LAST_GOOD =
  'There is no readable last good copy of the settings. Start from the default settings.';

const ProblemRecordSchema = z.object({ keptAs: z.string().nullable(), at: z.string() });

const BOM = '\uFEFF';

/** The settings in a file's text, or null when it does not parse or breaks the schema. */
export function parseSettingsText(text: string): Settings | null {
  // Notepad saves with a byte-order mark; the settings after it are whole.
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    return null;
  }
  const parsed = SettingsSchema.safeParse(raw);
  return parsed.success ? parsed.data : null;
}

type Loaded = { kind: 'missing' } | { kind: 'damaged' } | { kind: 'ok'; settings: Settings };

/** Reads a settings file without following a symlink: one found there is damage, not settings. */
async function load(path: string): Promise<Loaded> {
  try {
    if (!(await lstat(path)).isFile()) return { kind: 'damaged' };
    const settings = parseSettingsText(await readFile(path, 'utf8'));
    return settings ? { kind: 'ok', settings } : { kind: 'damaged' };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw error;
  }
}

const serialise = (settings: Settings) => `${JSON.stringify(settings, null, 2)}\n`;
/** A time for a file name, on every platform (no colons). */
const fileStamp = (at: Date) => at.toISOString().replace(/[:.]/g, '-');

/**
 * Office settings in `<dataDir>/settings.json`, written atomically, with a last good copy beside it.
 * A file that cannot be read is never replaced by the defaults without a word: it is kept aside as
 * `settings.json.damaged-<time>`, the problem is recorded in `settings.json.problem`, and until an
 * administrator chooses (the last good copy, or the defaults) the app runs on the last good copy
 * (the defaults when there is none) and refuses changes.
 */
export function createSettingsStore(dataDir: string, options: { now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  const file = join(dataDir, SETTINGS_FILE);
  const lastGoodFile = join(dataDir, LAST_GOOD_FILE);
  const problemFile = join(dataDir, PROBLEM_FILE);
  // Every read and write goes through one queue: a damaged file is moved aside once, and two quick
  // changes cannot interleave their read-modify-write.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => Promise<T>): Promise<T> => {
    const run = queue.then(work);
    queue = run.catch(() => undefined);
    return run;
  };
  /** The text last known to be in the last good copy, so a read does not rewrite it each time. */
  let lastGoodText: string | null = null;

  async function keepLastGood(settings: Settings): Promise<void> {
    const text = serialise(settings);
    lastGoodText ??= await readFile(lastGoodFile, 'utf8').catch(() => '');
    if (text === lastGoodText) return;
    await writeFileAtomic(lastGoodFile, text);
    lastGoodText = text;
  }

  async function lastGood(): Promise<{ settings: Settings; at: Date } | null> {
    const loaded = await load(lastGoodFile);
    if (loaded.kind !== 'ok') return null;
    return { settings: loaded.settings, at: (await stat(lastGoodFile)).mtime };
  }

  async function pendingProblem(): Promise<z.output<typeof ProblemRecordSchema> | null> {
    const text = await readTextIfPresent(problemFile);
    if (text === null) return null;
    try {
      const parsed = ProblemRecordSchema.safeParse(JSON.parse(text));
      if (parsed.success) return parsed.data;
    } catch {
      /* a record of its own that cannot be read still says there is a problem */
    }
    return { keptAs: null, at: (await stat(problemFile)).mtime.toISOString() };
  }

  /** The settings in force while a problem waits: the last good copy, else the defaults. */
  async function inForce(): Promise<Settings> {
    return (await lastGood())?.settings ?? defaultSettings();
  }

  async function readNow(): Promise<Settings> {
    if (await pendingProblem()) return inForce();
    const loaded = await load(file);
    if (loaded.kind === 'ok') {
      await keepLastGood(loaded.settings);
      return loaded.settings;
    }
    // A new data folder has neither file; a missing file beside a good copy was taken away.
    if (loaded.kind === 'missing' && !(await lastGood())) return defaultSettings();
    const at = now();
    let keptAs: string | null = null;
    if (loaded.kind === 'damaged') {
      keptAs = `${DAMAGED_PREFIX}${fileStamp(at)}`;
      // Kept for support and for the person who wants it back; never written over.
      await rename(file, join(dataDir, keptAs));
    }
    await writeFileAtomic(problemFile, `${JSON.stringify({ keptAs, at: at.toISOString() })}\n`);
    return inForce();
  }

  async function write(settings: Settings): Promise<Settings> {
    await writeFileAtomic(file, serialise(settings));
    await keepLastGood(settings);
    return settings;
  }

  /** Settles a waiting problem with `choose`'s settings; without a problem, the settings as they are. */
  function settle(choose: () => Promise<Settings>): Promise<Settings> {
    return serially(async () => {
      const current = await readNow(); // finds damage nobody has read yet
      if (!(await pendingProblem())) return current;
      const chosen = await write(await choose());
      await rm(problemFile, { force: true });
      return chosen;
    });
  }

  const read = (): Promise<Settings> => serially(readNow);

  function update(patch: unknown): Promise<Settings> {
    const parsedPatch = SettingsPatchSchema.safeParse(patch);
    if (!parsedPatch.success) return Promise.reject(validationErrorFromZod(parsedPatch.error));
    return serially(async () => {
      const current = await readNow();
      if (await pendingProblem()) throw new ConflictError(SETTINGS_PROBLEM_PENDING);
      return write(SettingsSchema.parse({ ...current, ...parsedPatch.data }));
    });
  }

  /** The damaged or missing settings file waiting for an administrator, or null. */
  function problem(): Promise<SettingsProblem> {
    return serially(async () => {
      await readNow(); // finds damage nobody has read yet
      const pending = await pendingProblem();
      if (!pending) return null;
      const good = await lastGood();
      return {
        keptAs: pending.keptAs,
        at: pending.at,
        lastGoodAvailable: !!good,
        lastGoodAt: good ? good.at.toISOString() : null,
      };
    });
  }

  const useLastGood = () =>
    settle(async () => {
      const good = await lastGood();
      if (!good) throw new ConflictError(NO_LAST_GOOD);
      return good.settings;
    });

  const keepDefaults = () => settle(async () => defaultSettings());

  return { file, read, update, problem, useLastGood, keepDefaults };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
