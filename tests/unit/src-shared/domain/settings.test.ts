import { describe, expect, it } from 'vitest';
import { SettingsFieldsSchema, SettingsPatchSchema } from '../../../../src-shared/domain/settings';

const Counts = SettingsFieldsSchema.pick({
  keepInformedBusinessDays: true,
  evidenceMaxMb: true,
  dueSoonBusinessDays: true,
});
const messages = (value: number) =>
  Counts.safeParse({
    keepInformedBusinessDays: value,
    evidenceMaxMb: value,
    dueSoonBusinessDays: value,
  }).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];

describe('number settings typed into a box', () => {
  it.each([
    // An empty or unreadable box reaches the schema as NaN.
    [
      Number.NaN,
      [
        'keepInformedBusinessDays: Enter a number.',
        'evidenceMaxMb: Enter a number.',
        'dueSoonBusinessDays: Enter a number.',
      ],
    ],
    [
      2.5,
      [
        'keepInformedBusinessDays: Use a whole number.',
        'evidenceMaxMb: Use a whole number.',
        'dueSoonBusinessDays: Use a whole number.',
      ],
    ],
    [0, ['keepInformedBusinessDays: Use 1 or more.', 'evidenceMaxMb: Use 1 MB or more.']],
    [
      5000,
      [
        'keepInformedBusinessDays: Use at most 60.',
        'evidenceMaxMb: Use at most 4096 MB.',
        'dueSoonBusinessDays: Use at most 30.',
      ],
    ],
    [5, []],
  ])('%s → %j', (value, expected) => {
    expect(messages(value)).toEqual(expected);
  });
});

it('a patch names only the settings it changes, and no unknown one', () => {
  expect(SettingsPatchSchema.safeParse({ evidenceMaxMb: 10 }).success).toBe(true);
  expect(SettingsPatchSchema.safeParse({ evidenceMaxMB: 10 }).success).toBe(false);
});
