import { describe, expect, it } from 'vitest';
import {
  SettingsFieldsSchema,
  SettingsPatchSchema,
  SettingsSchema,
} from '../../../../src-shared/domain/settings';

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

describe('regulatory return settings', () => {
  it('fills them in on a file written before they existed', () => {
    const settings = SettingsSchema.parse({ officeName: 'Older office' });
    expect(settings.firmReferenceNumber).toBe('');
    expect(settings.reportingPeriodStart).toBe('01-01');
    expect(settings.reportDemographics).toBe(false);
    expect(settings.regulatoryProducts.length).toBeGreaterThan(0);
  });

  it.each([
    [{ firmReferenceNumber: '12345' }, 'firmReferenceNumber: Use the six or seven digits of your FRN.'],
    [{ licenceNumber: '12A456' }, 'licenceNumber: Use the six digits of your licence number.'],
    [
      { reportingPeriodStart: '02-30' },
      'reportingPeriodStart: Use a month and day such as 01-01 (up to the 28th).',
    ],
  ])('refuses %j', (patch, message) => {
    const result = SettingsPatchSchema.safeParse(patch);
    expect(result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([message]);
  });

  it('accepts a UK firm’s numbers and a year starting in April', () => {
    const patch = { firmReferenceNumber: '123456', licenceNumber: '', reportingPeriodStart: '04-01' };
    expect(SettingsPatchSchema.parse(patch)).toEqual(patch);
  });
});

describe('the returns lists when saved', () => {
  const cause = (id: string, name: string) => ({
    id,
    name,
    fcaCause: 'general-admin-customer-service' as const,
    asicIssue: 'service-quality' as const,
  });
  it('refuses a cause whose name another cause has, beside that name', () => {
    const patch = { complaintCauses: [cause('delay', 'Delay'), cause('delay-2', 'delay ')] };
    const issues = SettingsPatchSchema.safeParse(patch).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['complaintCauses.1.name', 'Another cause already has this name.'],
    ]);
  });
  it('refuses an unmapped cause with a message for each missing code', () => {
    const patch = { complaintCauses: [{ id: 'delay', name: 'Delay', fcaCause: '', asicIssue: 'nope' }] };
    const issues = SettingsPatchSchema.safeParse(patch).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['complaintCauses.0.fcaCause', 'Choose the FCA cause category.'],
      ['complaintCauses.0.asicIssue', 'Choose the ASIC issue.'],
    ]);
  });
  it('still reads a settings file written before names had to differ', () => {
    const read = SettingsSchema.parse({
      regulatoryProducts: [
        { id: 'card', name: 'Card', fcaGroup: 'banking-credit-cards', asicProduct: 'credit-cards' },
        { id: 'card-2', name: 'Card', fcaGroup: 'banking-credit-cards', asicProduct: 'credit-cards' },
      ],
    });
    expect(read.regulatoryProducts).toHaveLength(2);
  });
});
