import { describe, expect, it } from 'vitest';
import { emptyNewCase, makeNewCaseSchema, receivedDateProblem } from '../../../../src-shared/domain/case';

const now = new Date('2026-12-03T12:00:00Z');

describe('receivedDateProblem', () => {
  it.each([
    ['2026-12-03T12:00:00.000Z', null],
    ['2026-12-03T12:04:00.000Z', null], // a slow clock's few minutes
    ['2000-01-01T00:00:00.000Z', null],
    ['1999-12-31T11:00:00.000Z', null], // already 1 January 2000 in Kiribati (UTC+14)
    ['1999-12-31T09:59:59.000Z', 'The received date cannot be before 1 January 2000.'],
    ['1900-01-01T00:00:00.000Z', 'The received date cannot be before 1 January 2000.'],
    ['2026-12-03T12:06:00.000Z', 'The received date cannot be in the future.'],
    ['2027-01-01T00:00:00.000Z', 'The received date cannot be in the future.'],
    ['not a date', 'Enter the date and time the complaint was received.'],
  ])('%s → %s', (receivedAt, problem) => {
    expect(receivedDateProblem(receivedAt, now)).toBe(problem);
  });
});

describe('the new-case schema', () => {
  const valid = {
    ...emptyNewCase(now, { regime: 'uk-fca-general', category: 'Charges and fees' }),
    complainant: {
      ...emptyNewCase(now, { regime: 'uk-fca-general' }).complainant,
      name: 'Ana',
      email: 'a@example.com',
    },
    description: 'A fee was charged twice.',
  };

  it('refuses a received date in 1900 on the received date, with the reason', () => {
    const result = makeNewCaseSchema(now).safeParse({ ...valid, receivedAt: '1900-01-01T00:00:00.000Z' });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['receivedAt', 'The received date cannot be before 1 January 2000.'],
    ]);
  });

  it('accepts a received date earlier today', () => {
    expect(
      makeNewCaseSchema(now).safeParse({ ...valid, receivedAt: '2026-12-03T09:30:00.000Z' }).success,
    ).toBe(true);
  });
});
