// Case references unique across desks (migration 6): the server hands each desk a range of a year's
// sequence, one range after another without gaps or overlaps, in one transaction on the server.
import type { ClientBase, Pool } from 'pg';
import { ValidationError } from '../../../src-shared/errors';

type Queryable = Pick<ClientBase | Pool, 'query'>;

export interface ReferenceRange {
  year: number;
  /** The first and last sequence numbers of the range, both included. */
  first: number;
  last: number;
}

/** The most references one range holds. */
export const MAX_REFERENCE_RANGE = 10_000;

/**
 * A range of `size` of `year`'s reference numbers for this desk. `atLeast`: the highest sequence
 * this desk knows was used that year, so a range never repeats a number made before team mode.
 */
export async function allocateReferenceRange(
  db: Queryable,
  input: { deskId: string; year: number; size: number; atLeast?: number },
): Promise<ReferenceRange> {
  if (!Number.isInteger(input.size) || input.size < 1 || input.size > MAX_REFERENCE_RANGE) {
    throw new ValidationError(`A range holds 1 to ${MAX_REFERENCE_RANGE} references.`, 'size');
  }
  if (!Number.isInteger(input.year) || input.year < 1900 || input.year > 9999) {
    throw new ValidationError('The year is a four-digit year.', 'year');
  }
  if (input.deskId.trim() === '') throw new ValidationError('The desk id is missing.', 'deskId');
  const { rows } = await db.query<{ first_seq: string; last_seq: string }>(
    'SELECT * FROM redress_allocate_references($1, $2, $3, $4)',
    [input.deskId, input.year, input.size, input.atLeast ?? 0],
  );
  return { year: input.year, first: Number(rows[0]!.first_seq), last: Number(rows[0]!.last_seq) };
}
