/** Case reference numbers: `CMP-<year>-<6-digit sequence>`, sequential per year, never reused. */
export const REFERENCE_PREFIX = 'CMP';

export function formatReference(year: number, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`Bad reference sequence: ${sequence}`);
  return `${REFERENCE_PREFIX}-${year}-${String(sequence).padStart(6, '0')}`;
}

/** The counter key that holds the last sequence used in a year. */
export const referenceCounterKey = (year: number): string => `ref:${year}`;

const REFERENCE_PATTERN = /^CMP-(\d{4})-(\d{6,})$/;

export function parseReference(reference: string): { year: number; sequence: number } | null {
  const match = REFERENCE_PATTERN.exec(reference.trim().toUpperCase());
  return match ? { year: Number(match[1]), sequence: Number(match[2]) } : null;
}

// ── Team mode (DESIGN.md, "Team mode") ────────────────────────────────────────────────────────────
// A desk in team mode takes its references from ranges of the year's sequence that the team server
// gave it (no two desks ever get the same number). When its ranges run out while the server is
// away, it makes a desk-prefixed reference instead: `CMP-<year>-D<DESK>-<4+ digit sequence>`, where
// DESK is the first 8 letters and digits of the desk's id (upper case; hex digits of its UUID) and the sequence is this desk's own
// count of such references that year. It is never a number of the year's sequence (parseReference
// does not read it as one), so it cannot repeat a server-given reference; two desks' fallbacks
// differ as long as their desk ids (random UUIDs) differ in their first 8 hex digits.

/** A run of a year's reference sequence the server gave this desk; `next` is the first not yet used. */
export interface DeskReferenceRange {
  year: number;
  next: number;
  last: number;
}

/** How many references the desk asks the server for at once. */
export const REFERENCE_RANGE_SIZE = 100;
/** The desk asks for another range when fewer than this many of the year's are left. */
export const REFERENCE_TOP_UP_BELOW = REFERENCE_RANGE_SIZE / 5;

/** The counter key that holds how many desk-prefixed references this desk made in a year. */
export const deskReferenceCounterKey = (year: number): string => `ref-desk:${year}`;

/** The desk's tag in fallback references: its id's first 8 letters and digits (hex for a UUID). Never throws: a save never fails for it. */
export function deskReferenceTag(deskId: string): string {
  return `D${
    deskId
      .replace(/[^0-9a-z]/gi, '')
      .slice(0, 8)
      .toUpperCase() || '0'
  }`;
}

export function formatDeskReference(year: number, deskId: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1)
    throw new RangeError(`Bad reference sequence: ${sequence}`);
  return `${REFERENCE_PREFIX}-${year}-${deskReferenceTag(deskId)}-${String(sequence).padStart(4, '0')}`;
}

const DESK_REFERENCE_PATTERN = /^CMP-\d{4}-D[0-9A-Z]+-\d{4,}$/;

/** Whether `reference` is a desk-made fallback (formatDeskReference), not a number of the sequence. */
export function isDeskReference(reference: string): boolean {
  return DESK_REFERENCE_PATTERN.test(reference);
}

/** How many of `year`'s references the desk's ranges still hold. */
export function referencesLeft(ranges: readonly DeskReferenceRange[], year: number): number {
  return ranges.filter((r) => r.year === year).reduce((n, r) => n + Math.max(0, r.last - r.next + 1), 0);
}

/** Whether the desk should ask the server for another range of `year`. */
export function needsReferenceTopUp(ranges: readonly DeskReferenceRange[], year: number): boolean {
  return referencesLeft(ranges, year) < REFERENCE_TOP_UP_BELOW;
}

/**
 * Takes `n` of `year`'s references from the desk's ranges, oldest range first. Returns the
 * sequences taken (possibly fewer than `n`: the rest are the desk-prefixed fallback's) and the
 * ranges left (used-up ones and other years' past ones dropped).
 */
export function takeFromRanges(
  ranges: readonly DeskReferenceRange[],
  year: number,
  n: number,
): { sequences: number[]; ranges: DeskReferenceRange[] } {
  const sequences: number[] = [];
  const left: DeskReferenceRange[] = [];
  for (const range of [...ranges].sort((a, b) => a.year - b.year || a.next - b.next)) {
    if (range.year < year) continue;
    let next = range.next;
    if (range.year === year) while (sequences.length < n && next <= range.last) sequences.push(next++);
    if (next <= range.last) left.push({ ...range, next });
  }
  return { sequences, ranges: left };
}

/**
 * A pulled case whose reference is already another local case's (two desks that both numbered
 * cases before team mode): both are kept, and the pulled one is shown on this desk with a mark
 * naming it, `<reference>~<first 6 characters of its id>`, so neither is lost and the clash is seen.
 */
export function clashingReferenceLabel(reference: string, caseId: string): string {
  return `${reference}~${caseId
    .replace(/[^0-9a-z]/gi, '')
    .slice(0, 6)
    .toUpperCase()}`;
}
