// The security log, `<dataDir>/security-log.jsonl`: one JSON object a line, appended and flushed to
// disk before the call that caused it answers, and never rewritten.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SecurityEventSchema, type SecurityEvent } from '../../../src-shared/domain/accounts';
import { AppError } from '../../../src-shared/errors';
import { appendDurably } from '../files/atomic-write';

export const SECURITY_LOG_FILE = 'security-log.jsonl';

export class SecurityLogError extends AppError {
  constructor(
    message: string,
    /** For a support log; never sent to the renderer (it may hold paths). */
    readonly detail?: unknown,
  ) {
    super('IO', message);
  }
}

export interface SecurityLogPage {
  /** Newest first. */
  entries: SecurityEvent[];
  total: number;
  /** Lines that are not a readable event (e.g. the half-written last line after a power cut). */
  unreadable: number;
}

export function createSecurityLog(dataDir: string) {
  const file = join(dataDir, SECURITY_LOG_FILE);
  // One writer at a time, so that lines never interleave and land in the order they were made.
  let queue: Promise<unknown> = Promise.resolve();
  /** The ids of everyone who has signed in here, once read (append keeps it current). */
  let signedIn: Set<string> | null = null;

  function append(event: SecurityEvent): Promise<void> {
    const line = `${JSON.stringify(SecurityEventSchema.parse(event))}\n`;
    if (event.event === 'sign-in' && event.subject) signedIn?.add(event.subject.id);
    const run = queue.then(async () => {
      try {
        await appendDurably(file, line);
      } catch (error) {
        throw new SecurityLogError(
          'Redress could not write to its security log: check that the disk has space and the data folder can be written.',
          error,
        );
      }
    });
    queue = run.catch(() => undefined);
    return run;
  }

  async function readAll(): Promise<{ events: SecurityEvent[]; unreadable: number }> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { events: [], unreadable: 0 };
      throw new SecurityLogError('Redress could not read its security log.', error);
    }
    const events: SecurityEvent[] = [];
    let unreadable = 0;
    for (const line of text.split('\n')) {
      if (line.trim() === '') continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        raw = undefined;
      }
      const parsed = SecurityEventSchema.safeParse(raw);
      if (parsed.success) events.push(parsed.data);
      else unreadable++;
    }
    return { events, unreadable };
  }

  /** One page of the log, newest first. */
  async function page({ offset, limit }: { offset: number; limit: number }): Promise<SecurityLogPage> {
    await queue; // what has been appended is what is read
    const { events, unreadable } = await readAll();
    const newestFirst = events.reverse();
    return { entries: newestFirst.slice(offset, offset + limit), total: newestFirst.length, unreadable };
  }

  /** Has this person ever signed in on this desk (by the log)? */
  async function hasSignedIn(id: string): Promise<boolean> {
    if (!signedIn) {
      await queue;
      const { events } = await readAll();
      signedIn = new Set(events.flatMap((e) => (e.event === 'sign-in' && e.subject ? [e.subject.id] : [])));
    }
    return signedIn.has(id);
  }

  return { file, append, page, hasSignedIn };
}
export type SecurityLog = ReturnType<typeof createSecurityLog>;
