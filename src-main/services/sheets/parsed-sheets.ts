// The spreadsheets main has read for an import, held under a handle while the renderer fetches
// their rows a page at a time (sheets:rows). A sheet goes when the renderer lets it go, when it has
// not been asked for in a while (a screen closed mid-read), or when newer sheets push it out.
import { randomUUID } from 'node:crypto';
import { NotFoundError } from '../../../src-shared/errors';
import type { ParsedSheet } from '../../../src-shared/ipc/channels/sheets';

const GONE = 'That file is not open any more: choose it again.';

export interface ParsedSheetsOptions {
  /** How long a sheet nobody asks for is kept, in ms. */
  idleMs?: number;
  /** The most sheets kept at once; the least recently used goes first. */
  maxSheets?: number;
}

export class ParsedSheets {
  private readonly held = new Map<string, { sheet: ParsedSheet; timer: ReturnType<typeof setTimeout> }>();
  private readonly idleMs: number;
  private readonly maxSheets: number;

  constructor(options: ParsedSheetsOptions = {}) {
    this.idleMs = options.idleMs ?? 10 * 60_000;
    this.maxSheets = options.maxSheets ?? 2;
  }

  /** Keeps `sheet` and names it. */
  keep(sheet: ParsedSheet): string {
    const handle = randomUUID();
    this.held.set(handle, { sheet, timer: this.expiry(handle) });
    for (const old of this.held.keys()) {
      if (this.held.size <= this.maxSheets) break;
      this.release(old);
    }
    return handle;
  }

  /** Rows `offset` to `offset + limit` (fewer at the end) of the sheet under `handle`. */
  rows(handle: string, offset: number, limit: number): ParsedSheet['rows'] {
    const entry = this.held.get(handle);
    if (!entry) throw new NotFoundError(GONE);
    // Used again: the idle clock starts over, and it is now the most recently used.
    clearTimeout(entry.timer);
    this.held.delete(handle);
    this.held.set(handle, { sheet: entry.sheet, timer: this.expiry(handle) });
    return entry.sheet.rows.slice(offset, offset + limit);
  }

  /** Lets the sheet go; false when it was already gone. */
  release(handle: string): boolean {
    const entry = this.held.get(handle);
    if (!entry) return false;
    clearTimeout(entry.timer);
    return this.held.delete(handle);
  }

  /** How many sheets are held (for tests). */
  get size(): number {
    return this.held.size;
  }

  private expiry(handle: string): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => this.release(handle), this.idleMs);
    // A sheet waiting to be dropped never keeps the app from quitting.
    timer.unref?.();
    return timer;
  }
}
