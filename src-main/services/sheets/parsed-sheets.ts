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

/**
 * Values held in memory under a random handle until let go, unused for `idleMs`, or pushed out by
 * newer ones beyond `maxHeld` (the least recently used first): what main keeps for the renderer
 * between calls (a file arriving in chunks, a file read and handed out in pages).
 */
export class HeldUntilIdle<T> {
  private readonly held = new Map<string, { value: T; timer: ReturnType<typeof setTimeout> }>();

  constructor(private readonly options: { idleMs: number; maxHeld: number; gone: string }) {}

  /** Keeps `value` and names it. */
  keep(value: T): string {
    const handle = randomUUID();
    this.held.set(handle, { value, timer: this.expiry(handle) });
    for (const old of this.held.keys()) {
      if (this.held.size <= this.options.maxHeld) break;
      this.release(old);
    }
    return handle;
  }

  /** The value under `handle` (its idle clock starts over; it is now the most recently used). */
  use(handle: string): T {
    const entry = this.held.get(handle);
    if (!entry) throw new NotFoundError(this.options.gone);
    clearTimeout(entry.timer);
    this.held.delete(handle);
    this.held.set(handle, { value: entry.value, timer: this.expiry(handle) });
    return entry.value;
  }

  /** Lets the value go; false when it was already gone. */
  release(handle: string): boolean {
    const entry = this.held.get(handle);
    if (!entry) return false;
    clearTimeout(entry.timer);
    return this.held.delete(handle);
  }

  /** How many values are held (for tests). */
  get size(): number {
    return this.held.size;
  }

  private expiry(handle: string): ReturnType<typeof setTimeout> {
    const timer = setTimeout(() => this.release(handle), this.options.idleMs);
    // A value waiting to be dropped never keeps the app from quitting.
    timer.unref?.();
    return timer;
  }
}

export class ParsedSheets {
  private readonly sheets: HeldUntilIdle<ParsedSheet>;

  constructor(options: ParsedSheetsOptions = {}) {
    this.sheets = new HeldUntilIdle({
      idleMs: options.idleMs ?? 10 * 60_000,
      maxHeld: options.maxSheets ?? 2,
      gone: GONE,
    });
  }

  /** Keeps `sheet` and names it. */
  keep(sheet: ParsedSheet): string {
    return this.sheets.keep(sheet);
  }

  /** Rows `offset` to `offset + limit` (fewer at the end) of the sheet under `handle`. */
  rows(handle: string, offset: number, limit: number): ParsedSheet['rows'] {
    return this.sheets.use(handle).rows.slice(offset, offset + limit);
  }

  /** Lets the sheet go; false when it was already gone. */
  release(handle: string): boolean {
    return this.sheets.release(handle);
  }

  /** How many sheets are held (for tests). */
  get size(): number {
    return this.sheets.size;
  }
}
