import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createSettingsStore,
  NO_LAST_GOOD,
  SETTINGS_PROBLEM_PENDING,
} from '../../../../../src-main/services/settings/settings-store';
import { defaultSettings } from '../../../../../src-shared/domain/settings';
import { ValidationError } from '../../../../../src-shared/errors';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'redress-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('settings store', () => {
  it('gives the defaults when no file exists yet', async () => {
    expect(await createSettingsStore(dir).read()).toEqual(defaultSettings());
  });

  it('writes the merged settings and leaves no temporary file behind', async () => {
    const store = createSettingsStore(dir);
    await store.update({ officeName: 'Harbour Bank' });
    const saved = await store.update({ locale: 'en-AU' });
    expect(saved).toMatchObject({ officeName: 'Harbour Bank', locale: 'en-AU' });
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual(saved);
    // Beside it, the last good copy: the same settings.
    expect((await readdir(dir)).sort()).toEqual(['settings.json', 'settings.json.last-good']);
    expect(JSON.parse(await readFile(join(dir, 'settings.json.last-good'), 'utf8'))).toEqual(saved);
  });

  it('keeps concurrent changes instead of letting one overwrite the other', async () => {
    const store = createSettingsStore(dir);
    await Promise.all([
      store.update({ officeName: 'A' }),
      store.update({ locale: 'fr-FR' }),
      store.update({ theme: 'dark' }),
    ]);
    expect(await store.read()).toMatchObject({ officeName: 'A', locale: 'fr-FR', theme: 'dark' });
  });

  it('refuses a bad value with a ValidationError naming the field, and writes nothing', async () => {
    const store = createSettingsStore(dir);
    const error = await store.update({ officeName: '   ' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('officeName');
    expect(await readdir(dir)).toEqual([]);
  });

  it('reads a file written by an older version that lacks newer fields', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ officeName: 'Old Office' }));
    expect(await createSettingsStore(dir).read()).toEqual({ ...defaultSettings(), officeName: 'Old Office' });
  });

  it('reads a saved redaction pattern a stricter check now refuses, and refuses saving a new one', async () => {
    // "\\d{4}-\\d{2}" was fine before dates such as 2026-03-02 were among the texts a pattern must spare.
    const stored = { ...defaultSettings(), redactionPatterns: ['POL\\d{6}', '\\d{4}-\\d{2}'] };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(stored));
    const store = createSettingsStore(dir);
    expect((await store.read()).redactionPatterns).toEqual(['POL\\d{6}', '\\d{4}-\\d{2}']);
    expect(await store.problem()).toBeNull();
    const error = await store.update({ redactionPatterns: ['POL\\d{6}', '\\d+'] }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      field: 'redactionPatterns.1',
      message: expect.stringContaining('too broad'),
    });
    expect((await store.read()).redactionPatterns).toEqual(['POL\\d{6}', '\\d{4}-\\d{2}']);
  });

  it('reads an older file as not consenting to late Ombudsman referrals, and keeps the office’s choice', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ officeName: 'Old Office' }));
    const store = createSettingsStore(dir);
    expect((await store.read()).ombudsmanLateReferralConsent).toBe(false);
    await store.update({ ombudsmanLateReferralConsent: true });
    expect((await store.read()).ombudsmanLateReferralConsent).toBe(true);
    const error = await store.update({ ombudsmanLateReferralConsent: 'yes' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'ombudsmanLateReferralConsent' });
  });

  it('keeps the emerging-issue settings, refusing a minimum of one case by its field', async () => {
    const store = createSettingsStore(dir);
    expect((await store.read()).emergingIssues).toEqual({ minCount: 5, sensitivity: 'standard' });
    await store.update({ emergingIssues: { minCount: 3, sensitivity: 'sensitive' } });
    expect((await store.read()).emergingIssues).toEqual({ minCount: 3, sensitivity: 'sensitive' });
    const error = await store
      .update({ emergingIssues: { minCount: 1, sensitivity: 'sensitive' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      field: 'emergingIssues.minCount',
      message: expect.stringContaining('Use 2 or more: one case is never a trend.'),
    });
    expect((await store.read()).emergingIssues.minCount).toBe(3);
  });
});

// A custom approval threshold, the setting testers saw silently revert to 500.
const CUSTOM = {
  officeName: 'Harbour Bank',
  approvalRules: { monetaryThreshold: 2500, critical: true, legal: true },
};
const NOW = new Date('2026-12-03T09:15:00.000Z');
const storeAt = () => createSettingsStore(dir, { now: () => NOW });
const settingsFile = () => join(dir, 'settings.json');

describe('a damaged settings file', () => {
  const damage: [string, () => Promise<void>][] = [
    ['truncated JSON', () => writeFile(settingsFile(), '{ "officeName": "Harbour Ba')],
    [
      'wrong types',
      () => writeFile(settingsFile(), JSON.stringify({ officeName: 42, approvalRules: 'high' })),
    ],
    ['an empty file', () => writeFile(settingsFile(), '')],
    ['a byte-order mark before junk', () => writeFile(settingsFile(), '\uFEFF\u0000\u0000garbage')],
    [
      'a symlink to another file',
      async () => {
        await writeFile(join(dir, 'elsewhere.json'), JSON.stringify({ officeName: 'Not ours' }));
        await symlink(join(dir, 'elsewhere.json'), settingsFile());
      },
    ],
    ['a folder in its place', () => mkdir(settingsFile())],
  ];

  it.each(damage)('%s: kept aside, not overwritten; the last good copy stays in force', async (_, plant) => {
    await storeAt().update(CUSTOM);
    await rm(settingsFile());
    await plant();
    const planted = await lstat(settingsFile());

    const store = storeAt();
    // Until an administrator chooses: the last good copy, not the defaults.
    expect(await store.read()).toMatchObject(CUSTOM);
    const problem = await store.problem();
    expect(problem).toEqual({
      keptAs: 'settings.json.damaged-2026-12-03T09-15-00-000Z',
      at: NOW.toISOString(),
      lastGoodAvailable: true,
      lastGoodAt: expect.any(String),
    });
    // The damaged file is there under its new name, as it was (a symlink stays a symlink).
    const kept = await lstat(join(dir, problem!.keptAs!));
    expect(kept.isSymbolicLink()).toBe(planted.isSymbolicLink());
    expect(kept.size).toBe(planted.size);
    // Nothing was written where it was: no defaults in its place.
    await expect(lstat(settingsFile())).rejects.toMatchObject({ code: 'ENOENT' });
    // A second store (another start of the app) finds the same problem, not a fresh default file.
    expect(await storeAt().problem()).toEqual(problem);
    expect(await storeAt().read()).toMatchObject(CUSTOM);
  });

  it('refuses changes until an administrator has chosen', async () => {
    await storeAt().update(CUSTOM);
    await writeFile(settingsFile(), '{');
    const store = storeAt();
    await expect(store.update({ officeName: 'Other' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: SETTINGS_PROBLEM_PENDING,
    });
  });

  it('goes back to the last good copy when asked, and the problem is settled', async () => {
    await storeAt().update(CUSTOM);
    await writeFile(settingsFile(), 'not json');
    const store = storeAt();
    expect(await store.useLastGood()).toMatchObject(CUSTOM);
    expect(await store.problem()).toBeNull();
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toMatchObject(CUSTOM);
    // The damaged file is still kept for support.
    expect((await readdir(dir)).filter((f) => f.startsWith('settings.json.damaged-'))).toHaveLength(1);
    await store.update({ locale: 'en-AU' });
    expect(await storeAt().read()).toMatchObject({ ...CUSTOM, locale: 'en-AU' });
  });

  it('starts from the defaults when asked, and only then', async () => {
    await storeAt().update(CUSTOM);
    await writeFile(settingsFile(), '[]');
    const store = storeAt();
    expect(await store.keepDefaults()).toEqual(defaultSettings());
    expect(await store.problem()).toBeNull();
    expect(JSON.parse(await readFile(settingsFile(), 'utf8'))).toEqual(defaultSettings());
    expect((await store.read()).approvalRules.monetaryThreshold).toBe(500);
  });

  it('without a last good copy: the defaults in force, and going back is refused', async () => {
    await writeFile(settingsFile(), '{ "officeName": ');
    const store = storeAt();
    expect(await store.read()).toEqual(defaultSettings());
    expect(await store.problem()).toMatchObject({ lastGoodAvailable: false, lastGoodAt: null });
    await expect(store.useLastGood()).rejects.toMatchObject({ code: 'CONFLICT', message: NO_LAST_GOOD });
    expect(await store.problem()).not.toBeNull();
  });

  it('a damaged last good copy does not count as one', async () => {
    await storeAt().update(CUSTOM);
    await writeFile(join(dir, 'settings.json.last-good'), '{ half');
    await writeFile(settingsFile(), '');
    const store = storeAt();
    expect(await store.problem()).toMatchObject({ lastGoodAvailable: false });
    expect(await store.read()).toEqual(defaultSettings());
  });

  it('a settings file gone from beside its last good copy is a problem too', async () => {
    await storeAt().update(CUSTOM);
    await rm(settingsFile());
    const store = storeAt();
    expect(await store.read()).toMatchObject(CUSTOM);
    expect(await store.problem()).toMatchObject({ keptAs: null, lastGoodAvailable: true });
  });

  it('reads whole settings after a byte-order mark (as Notepad saves them), keeping them as the last good copy', async () => {
    await writeFile(settingsFile(), `\uFEFF${JSON.stringify(CUSTOM)}`);
    const store = storeAt();
    expect(await store.read()).toMatchObject(CUSTOM);
    expect(await store.problem()).toBeNull();
    expect(JSON.parse(await readFile(join(dir, 'settings.json.last-good'), 'utf8'))).toMatchObject(CUSTOM);
  });

  it('a new data folder is no problem: the defaults, and no files written', async () => {
    const store = storeAt();
    expect(await store.read()).toEqual(defaultSettings());
    expect(await store.problem()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it('choosing when there is no problem changes nothing', async () => {
    const store = storeAt();
    await store.update(CUSTOM);
    expect(await store.keepDefaults()).toMatchObject(CUSTOM);
    expect(await store.read()).toMatchObject(CUSTOM);
  });
});
