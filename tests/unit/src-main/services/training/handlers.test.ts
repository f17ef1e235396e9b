// The training channels through the app's whole handler map: what a live profile refuses, whoever
// calls, and what a training profile does.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../../src-main/handlers';
import { dispatch } from '../../../../../src-main/ipc/dispatch';
import { openProfile, PROFILE_FILE } from '../../../../../src-main/services/profile/profile';
import { demoPassword, START_WITH_TRAINING } from '../../../../../src-main/services/training/handlers';
import { DEMO_USERS } from '../../../../../src-shared/demo/generate';
import type { ProfileKind } from '../../../../../src-shared/ipc/channels/training';
import { ADMIN, OFFICER, removeDataDir, tempDataDir, TEST_SCRYPT } from '../accounts/fixtures';

let dataDir: string;
beforeEach(async () => {
  dataDir = await tempDataDir();
});
afterEach(() => removeDataDir(dataDir));

/** The handler map over a folder opened as `profile`, with the administrator signed in. */
async function appAs(profile: ProfileKind, extra: { openTraining?: () => void } = {}) {
  const kind = await openProfile(dataDir, profile === 'training');
  const handlers = createHandlers({
    dataDir,
    appVersion: '1',
    runtime: 'harness',
    profile: kind,
    insecureScryptForTests: TEST_SCRYPT,
    ...extra,
  });
  await handlers['auth:setup']({ name: ADMIN.name, password: ADMIN.password });
  return handlers;
}

describe('in a live profile', () => {
  it('app:info says live', async () => {
    const handlers = await appAs('live');
    expect(await dispatch(handlers, 'app:info', undefined)).toMatchObject({
      ok: true,
      value: { profile: 'live' },
    });
  });

  it('refuses the demo staff, adding no account', async () => {
    const handlers = await appAs('live');
    expect(await dispatch(handlers, 'training:demo-accounts', undefined)).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION', message: expect.stringContaining('only done in a training profile') },
    });
    const list = await handlers['accounts:list'](undefined);
    expect(list.accounts.map((a) => a.name)).toEqual([ADMIN.name]);
  });

  it('refuses the wipe, deleting nothing and signing nobody out', async () => {
    const handlers = await appAs('live');
    await handlers['settings:set']({ officeName: 'Harbour Bank' });
    const before = (await readdir(dataDir)).sort();
    expect(await dispatch(handlers, 'training:wipe', undefined)).toMatchObject({
      ok: false,
      error: { code: 'PERMISSION' },
    });
    expect((await readdir(dataDir)).sort()).toEqual(before);
    expect((await handlers['auth:status'](undefined)).user?.name).toBe(ADMIN.name);
  });

  it('refuses the wipe even when the folder was opened as training but its marker now says live', async () => {
    const handlers = await appAs('training');
    await writeFile(join(dataDir, PROFILE_FILE), '{"kind":"live"}');
    expect(await dispatch(handlers, 'training:wipe', undefined)).toMatchObject({ ok: false });
  });
});

describe('in a training profile', () => {
  it('app:info says training', async () => {
    const handlers = await appAs('training');
    expect(await dispatch(handlers, 'app:info', undefined)).toMatchObject({
      ok: true,
      value: { profile: 'training' },
    });
  });

  it('makes the demo staff once, with one password, and finds them the second time', async () => {
    const handlers = await appAs('training');
    const first = await handlers['training:demo-accounts'](undefined);
    expect(first.people.map((p) => p.name)).toEqual(DEMO_USERS.map((u) => u.name));
    expect(first.password).toMatch(/^[a-z]+-[a-z]+-[a-z]+-\d{3}$/);
    const second = await handlers['training:demo-accounts'](undefined);
    expect(second).toEqual({ people: first.people, password: null });
    const list = await handlers['accounts:list'](undefined);
    expect(list.accounts).toHaveLength(DEMO_USERS.length + 1);
    // A demo person signs in with the password shown once.
    await handlers['auth:sign-in']({ name: 'Priya Shah', password: first.password! });
    expect((await handlers['auth:status'](undefined)).user?.name).toBe('Priya Shah');
  });

  it('refuses the demo staff and the wipe to someone who is not an administrator', async () => {
    const handlers = await appAs('training');
    await handlers['accounts:add']({
      name: OFFICER.name,
      roles: ['officer'],
      password: OFFICER.password,
      approvalLimit: null,
    });
    await handlers['auth:sign-in']({ name: OFFICER.name, password: OFFICER.password });
    for (const channel of ['training:demo-accounts', 'training:wipe'] as const)
      expect(await dispatch(handlers, channel, undefined)).toMatchObject({
        ok: false,
        error: { code: 'PERMISSION' },
      });
  });

  it('wipes everything but the marker, signs out, and the folder is back at first-run setup', async () => {
    const handlers = await appAs('training');
    await handlers['settings:set']({ officeName: 'Training Office' });
    await handlers['training:demo-accounts'](undefined);
    expect(await handlers['training:wipe'](undefined)).toEqual({ wiped: true });
    expect(await readdir(dataDir)).toEqual([PROFILE_FILE]);
    const status = await handlers['auth:status'](undefined);
    expect(status).toMatchObject({ setUp: false, user: null });
    expect((await handlers['settings:get'](undefined)).officeName).not.toBe('Training Office');
    // Set up again from scratch, still a training profile.
    await handlers['auth:setup']({ name: ADMIN.name, password: ADMIN.password });
    expect((await handlers['app:info'](undefined)).profile).toBe('training');
  });
});

describe('training:open', () => {
  it('says how where the app cannot restart itself (the harness)', async () => {
    const handlers = await appAs('live');
    expect(await dispatch(handlers, 'training:open', undefined)).toEqual({
      ok: false,
      error: { code: 'CONFLICT', message: START_WITH_TRAINING },
    });
  });

  it('restarts the desktop app on the training profile', async () => {
    let asked = 0;
    const handlers = await appAs('live', { openTraining: () => (asked += 1) });
    expect(await handlers['training:open'](undefined)).toEqual({ opening: true });
    expect(asked).toBe(1);
  });
});

describe('demoPassword', () => {
  it('is three words and a number, from the random source it is given', () => {
    const sequence = [0, 1, 2, 5];
    let i = 0;
    expect(demoPassword(() => sequence[i++]!)).toBe('harbour-lantern-orchard-105');
  });
});
