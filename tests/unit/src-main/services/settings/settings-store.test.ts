import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSettingsStore } from '../../../../../src-main/services/settings/settings-store';
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
    expect(await readdir(dir)).toEqual(['settings.json']);
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

  it('keeps a damaged settings file aside and starts from the defaults', async () => {
    await writeFile(join(dir, 'settings.json'), '{ not json');
    const store = createSettingsStore(dir);
    expect(await store.read()).toEqual(defaultSettings());
    const files = await readdir(dir);
    expect(files.some((f) => f.startsWith('settings.json.damaged-'))).toBe(true);
  });

  it('reads a file written by an older version that lacks newer fields', async () => {
    await writeFile(join(dir, 'settings.json'), JSON.stringify({ officeName: 'Old Office' }));
    expect(await createSettingsStore(dir).read()).toEqual({ ...defaultSettings(), officeName: 'Old Office' });
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
