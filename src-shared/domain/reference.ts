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
