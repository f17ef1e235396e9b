import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ACCOUNT_DISABLED,
  ALREADY_SET_UP,
  SCREEN_LOCKED,
  SIGN_IN_FIRST,
  WRONG_NAME_OR_PASSWORD,
} from '../../../../../src-main/services/accounts/auth';
import { createPasswordHasher } from '../../../../../src-main/services/accounts/passwords';
import { createSecurityLog } from '../../../../../src-main/services/accounts/security-log';
import { SecurityEventSchema, type SecurityEvent } from '../../../../../src-shared/domain/accounts';
import { ConflictError, PermissionError, ValidationError } from '../../../../../src-shared/errors';
import { ADMIN, OFFICER, TEST_SCRYPT, authFor, fakeClock, removeDataDir, tempDataDir } from './fixtures';

let dir: string;
let clock: ReturnType<typeof fakeClock>;
let env: ReturnType<typeof authFor>;
beforeEach(async () => {
  dir = await tempDataDir();
  clock = fakeClock('2026-03-10T09:00:00Z');
  env = authFor(dir, { now: clock.now });
});
afterEach(() => removeDataDir(dir));

const errorOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error,
  );

async function logLines(): Promise<SecurityEvent[]> {
  const text = await readFile(join(dir, 'security-log.jsonl'), 'utf8');
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trimEnd()
    .split('\n')
    .map((line) => SecurityEventSchema.parse(JSON.parse(line)));
}
const events = async () => (await logLines()).map((e) => e.event);

/** An office with an administrator (signed out) and an officer. */
async function office() {
  await env.auth.setup(ADMIN);
  const officer = await env.auth.add({ ...OFFICER, roles: ['officer'], approvalLimit: 250 });
  await env.auth.signOut();
  return { officer };
}

describe('first-run setup', () => {
  it('makes the first administrator once, and signs them in', async () => {
    expect(await env.auth.status()).toMatchObject({ setUp: false, user: null, locked: false });
    const status = await env.auth.setup({ ...ADMIN, roles: ['manager'] });
    expect(status).toMatchObject({
      setUp: true,
      locked: false,
      user: { name: 'Ada Admin', roles: ['manager', 'administrator'], approvalLimit: null },
      policy: { minPasswordLength: 12, lockoutAttempts: 5, lockoutMinutes: 15, idleLockMinutes: 10 },
    });
    const again = await errorOf(env.auth.setup({ name: 'Eve Intruder', password: 'quiet river stones' }));
    expect(again).toBeInstanceOf(ConflictError);
    expect(again.message).toBe(ALREADY_SET_UP);
    expect((await env.store.read()).accounts.map((a) => a.name)).toEqual(['Ada Admin']);
    expect(await events()).toEqual(['setup', 'sign-in']);
  });

  it('lets only one of two setups at the same moment through', async () => {
    const results = await Promise.allSettled([
      env.auth.setup(ADMIN),
      env.auth.setup({ name: 'Eve Intruder', password: 'quiet river stones' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((await env.store.read()).accounts).toHaveLength(1);
  });

  it('holds the password to the policy', async () => {
    const short = await errorOf(env.auth.setup({ name: 'Ada Admin', password: 'short' }));
    expect(short).toBeInstanceOf(ValidationError);
    expect(short).toMatchObject({ field: 'password', message: expect.stringMatching(/at least 12/) });
    const ownName = await errorOf(
      env.auth.setup({ name: 'Adaline Administrator', password: 'adaline administrator' }),
    );
    expect(ownName).toMatchObject({ field: 'password', message: 'Choose a password that is not your name.' });
    expect((await env.auth.status()).setUp).toBe(false);
  });

  it('keeps only a scrypt hash of the password on disk', async () => {
    await env.auth.setup(ADMIN);
    const text = await readFile(join(dir, 'accounts.json'), 'utf8');
    expect(text).not.toContain(ADMIN.password);
    expect(text).toMatch(/"passwordHash": "\$scrypt\$ln=4,r=8,p=1\$/);
    expect(await readFile(join(dir, 'security-log.jsonl'), 'utf8')).not.toContain(ADMIN.password);
  });
});

describe('signing in', () => {
  it('signs in by name, whatever the case, accents or spacing', async () => {
    await env.auth.setup({ name: 'José Díaz', password: ADMIN.password });
    await env.auth.signOut();
    const status = await env.auth.signIn({ name: '  jose   DIAZ ', password: ADMIN.password });
    expect(status.user?.name).toBe('José Díaz');
    expect(env.auth.sessionState()).toMatchObject({ locked: false, user: { name: 'José Díaz' } });
  });

  it('gives the same answer for a wrong name and a wrong password, and checks a hash either way', async () => {
    await office();
    const verify = vi.spyOn(env.hasher, 'verify');
    const wrongPassword = await errorOf(
      env.auth.signIn({ name: OFFICER.name, password: 'not the password' }),
    );
    const wrongName = await errorOf(env.auth.signIn({ name: 'Nobody Here', password: OFFICER.password }));
    for (const error of [wrongPassword, wrongName]) {
      expect(error).toBeInstanceOf(PermissionError);
      expect(error.message).toBe(WRONG_NAME_OR_PASSWORD);
    }
    // The unknown name cost a hash too, against the dummy at today's parameters.
    expect(verify).toHaveBeenCalledTimes(2);
    expect(verify).toHaveBeenLastCalledWith(OFFICER.password, env.hasher.dummyHash);
    expect((await env.auth.status()).user).toBeNull();
    const failed = (await logLines()).filter((e) => e.event === 'sign-in-failed');
    expect(failed.map((e) => e.subject?.name ?? null)).toEqual([OFFICER.name, null]);
    // A name typed at sign-in may be a password typed in the wrong box: it is not logged.
    expect(JSON.stringify(failed)).not.toContain('Nobody Here');
  });

  it('takes about as long for an unknown name as for a wrong password, at the production cost', async () => {
    const prod = authFor(dir, { scrypt: createPasswordHasher().params });
    await prod.auth.setup(ADMIN);
    const time = async (name: string) => {
      const start = performance.now();
      await prod.auth.signIn({ name, password: 'not the password' }).catch(() => undefined);
      return performance.now() - start;
    };
    const wrongPassword = await time(ADMIN.name);
    const unknownName = await time('Nobody Here');
    expect(wrongPassword).toBeGreaterThan(50);
    // Wide bounds: the machine may be busy, but a skipped hash would be a hundred times faster.
    expect(unknownName / wrongPassword).toBeGreaterThan(0.25);
    expect(unknownName / wrongPassword).toBeLessThan(4);
  }, 60_000);

  it('locks an account after five failures in a row until the time it names, then lets it in', async () => {
    await office();
    for (let i = 1; i <= 4; i++) {
      expect((await errorOf(env.auth.signIn({ name: OFFICER.name, password: `wrong ${i}` }))).message).toBe(
        WRONG_NAME_OR_PASSWORD,
      );
    }
    const lockout =
      'This account is locked after too many failed sign-ins. Try again after 09:15, or ask an administrator to unlock it.';
    expect((await errorOf(env.auth.signIn({ name: OFFICER.name, password: 'wrong 5' }))).message).toBe(
      lockout,
    );
    // Even the right password is refused while the lock lasts, without being checked.
    const verify = vi.spyOn(env.hasher, 'verify');
    clock.advanceMinutes(14);
    expect((await errorOf(env.auth.signIn(OFFICER))).message).toBe(lockout);
    expect(verify).not.toHaveBeenCalled();
    clock.advanceMinutes(1);
    expect((await env.auth.signIn(OFFICER)).user?.name).toBe(OFFICER.name);

    const log = await logLines();
    const lockedOut = log.find((e) => e.event === 'locked-out');
    expect(lockedOut).toMatchObject({
      time: '2026-03-10T09:00:00.000Z',
      actor: null,
      subject: { name: OFFICER.name },
      detail: 'Locked until 2026-03-10T09:15:00.000Z.',
    });
    expect(log.at(-1)).toMatchObject({ event: 'sign-in', time: '2026-03-10T09:15:00.000Z' });
  });

  it('names the time in the office’s zone', async () => {
    const sydney = authFor(dir, { now: clock.now, timeZone: 'Australia/Sydney' });
    await sydney.auth.setup(ADMIN);
    await sydney.auth.signOut();
    for (let i = 0; i < 4; i++)
      await sydney.auth.signIn({ name: ADMIN.name, password: 'wrong' }).catch(() => 0);
    expect((await errorOf(sydney.auth.signIn({ name: ADMIN.name, password: 'wrong' }))).message).toContain(
      'Try again after 20:15,',
    );
  });

  it('counts failures only in a row, and follows the policy’s attempts and minutes', async () => {
    await env.auth.setup(ADMIN);
    await env.auth.setPolicy({ lockoutAttempts: 3, lockoutMinutes: 60 });
    await env.auth.signOut();
    const fail = () =>
      env.auth.signIn({ name: ADMIN.name, password: 'wrong' }).catch((e: Error) => e.message);
    await fail();
    await fail();
    await env.auth.signIn(ADMIN);
    await env.auth.signOut();
    expect(await fail()).toBe(WRONG_NAME_OR_PASSWORD);
    expect(await fail()).toBe(WRONG_NAME_OR_PASSWORD);
    expect(await fail()).toMatch(/Try again after 10:00/);
  });

  it('counts every one of many attempts made at once', async () => {
    await office();
    const attempts = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        env.auth.signIn({ name: OFFICER.name, password: `guess ${i}` }).catch((e: Error) => e.message),
      ),
    );
    expect(attempts.filter((m) => m === WRONG_NAME_OR_PASSWORD)).toHaveLength(4);
    expect(attempts.filter((m) => /locked/.test(String(m)))).toHaveLength(4);
  });

  it('refuses a turned-off account, saying so only to someone who knows its password', async () => {
    const { officer } = await office();
    await env.auth.signIn(ADMIN);
    await env.auth.update({ id: officer.id, disabled: true });
    await env.auth.signOut();
    expect((await errorOf(env.auth.signIn(OFFICER))).message).toBe(ACCOUNT_DISABLED);
    expect((await errorOf(env.auth.signIn({ name: OFFICER.name, password: 'wrong guess' }))).message).toBe(
      WRONG_NAME_OR_PASSWORD,
    );
    expect((await env.auth.status()).user).toBeNull();
  });

  it('upgrades a hash made at an older cost when the right password is given', async () => {
    const older = authFor(dir, { scrypt: { ln: 3, r: 1, p: 1 } });
    await older.auth.setup(ADMIN);
    expect((await env.store.read()).accounts[0]!.passwordHash).toMatch(/^\$scrypt\$ln=3,r=1,p=1\$/);
    await env.auth.signIn({ name: ADMIN.name, password: 'wrong password' }).catch(() => undefined);
    expect((await env.store.read()).accounts[0]!.passwordHash).toMatch(/^\$scrypt\$ln=3,r=1,p=1\$/);
    await env.auth.signIn(ADMIN);
    expect((await env.store.read()).accounts[0]!.passwordHash).toMatch(/^\$scrypt\$ln=4,r=8,p=1\$/);
    await env.auth.signOut();
    expect((await env.auth.signIn(ADMIN)).user?.name).toBe(ADMIN.name);
  });

  it('replaces the session of whoever was signed in before', async () => {
    await office();
    await env.auth.signIn(ADMIN);
    await env.auth.signIn(OFFICER);
    expect((await env.auth.status()).user?.name).toBe(OFFICER.name);
    const log = await logLines();
    expect(log.slice(-2)).toMatchObject([
      { event: 'sign-out', subject: { name: ADMIN.name } },
      { event: 'sign-in', subject: { name: OFFICER.name } },
    ]);
  });
});

describe('signing out and the lock screen', () => {
  it('signs out, and says so in the log', async () => {
    await env.auth.setup(ADMIN);
    expect(await env.auth.signOut()).toMatchObject({ setUp: true, user: null, locked: false });
    expect((await env.auth.signOut()).user).toBeNull();
    expect(await events()).toEqual(['setup', 'sign-in', 'sign-out']);
  });

  it('locks the session and unlocks it with the same person’s password', async () => {
    await office();
    await env.auth.signIn(OFFICER);
    const locked = await env.auth.lock();
    expect(locked).toMatchObject({ locked: true, user: { name: OFFICER.name } });
    expect((await errorOf(env.auth.list())).message).toBe(SCREEN_LOCKED);
    expect((await errorOf(env.auth.changePassword({ current: OFFICER.password, next: 'x' }))).message).toBe(
      SCREEN_LOCKED,
    );
    expect((await errorOf(env.auth.unlock({ password: ADMIN.password }))).message).toBe(
      'That password is not right.',
    );
    expect(await env.auth.unlock({ password: OFFICER.password })).toMatchObject({ locked: false });
    expect((await env.auth.list()).view).toBe('summary');
    expect((await events()).slice(-3)).toEqual(['lock', 'unlock-failed', 'unlock']);
  });

  it('counts wrong passwords at the lock screen, and a lockout there ends the session', async () => {
    await office();
    await env.auth.signIn(OFFICER);
    await env.auth.lock();
    for (let i = 0; i < 4; i++) await env.auth.unlock({ password: 'wrong' }).catch(() => undefined);
    expect(await env.auth.status()).toMatchObject({ locked: true, user: { name: OFFICER.name } });
    expect((await errorOf(env.auth.unlock({ password: 'wrong' }))).message).toMatch(/locked after too many/);
    expect(await env.auth.status()).toMatchObject({ locked: false, user: null });
    expect((await events()).slice(-3)).toEqual(['unlock-failed', 'locked-out', 'sign-out']);
  });

  it('needs someone signed in to lock or unlock', async () => {
    await env.auth.setup(ADMIN);
    await env.auth.signOut();
    expect((await errorOf(env.auth.lock())).message).toBe(SIGN_IN_FIRST);
    expect((await errorOf(env.auth.unlock({ password: ADMIN.password }))).message).toBe(SIGN_IN_FIRST);
  });
});

describe('administrators manage the office’s accounts', () => {
  it('adds people, and refuses anyone else, or no one', async () => {
    await office();
    const add = () =>
      env.auth.add({
        name: 'Ian Investigator',
        roles: ['investigator'],
        password: 'amber lamp forest',
        approvalLimit: null,
      });
    expect((await errorOf(add())).message).toBe(SIGN_IN_FIRST);
    await env.auth.signIn(OFFICER);
    expect(await errorOf(add())).toEqual(new PermissionError('Only an administrator can add people.'));
    await env.auth.signOut();
    await env.auth.signIn(ADMIN);
    const added = await add();
    expect(added).toMatchObject({
      name: 'Ian Investigator',
      roles: ['investigator'],
      disabled: false,
      approvalLimit: null,
      createdAt: '2026-03-10T09:00:00.000Z',
      failedAttempts: 0,
      lockedUntil: null,
    });
    expect(added).not.toHaveProperty('passwordHash');
    expect((await env.store.read()).accounts).toHaveLength(3);
    expect((await logLines()).at(-1)).toMatchObject({
      event: 'account-added',
      actor: { name: ADMIN.name },
      subject: { name: 'Ian Investigator' },
      detail: 'Roles: investigator; approval limit: none.',
    });
  });

  it('lists names and roles for everyone, and every detail for administrators', async () => {
    await office();
    await env.auth.signIn(OFFICER);
    const summary = await env.auth.list();
    expect(summary).toEqual({
      view: 'summary',
      accounts: [
        { id: expect.any(String), name: 'Ada Admin', roles: ['administrator'], disabled: false },
        { id: expect.any(String), name: 'Olu Officer', roles: ['officer'], disabled: false },
      ],
    });
    await env.auth.signIn(ADMIN);
    const full = await env.auth.list();
    expect(full.view).toBe('full');
    expect(full.accounts[1]).toMatchObject({ name: OFFICER.name, approvalLimit: 250, failedAttempts: 0 });
    expect(JSON.stringify(full)).not.toContain('$scrypt$');
  });

  it('changes roles and limits, and the signed-in person’s session follows', async () => {
    const { officer } = await office();
    await env.auth.signIn(ADMIN);
    const changed = await env.auth.update({
      id: officer.id,
      roles: ['officer', 'manager'],
      approvalLimit: 1000,
    });
    expect(changed).toMatchObject({ roles: ['officer', 'manager'], approvalLimit: 1000 });
    const me = (await env.auth.status()).user!;
    await env.auth.update({ id: me.id, roles: ['manager', 'administrator'] });
    expect((await env.auth.status()).user?.roles).toEqual(['manager', 'administrator']);
    expect((await logLines()).slice(-3)).toMatchObject([
      { event: 'roles-changed', subject: { name: OFFICER.name }, detail: 'officer → officer, manager' },
      { event: 'approval-limit-changed', subject: { name: OFFICER.name }, detail: '250 → 1000' },
      {
        event: 'roles-changed',
        subject: { name: ADMIN.name },
        detail: 'administrator → manager, administrator',
      },
    ]);
  });

  it('keeps at least one administrator who can sign in, and no one turns themself off', async () => {
    await office();
    await env.auth.signIn(ADMIN);
    const me = (await env.auth.status()).user!;
    const demote = await errorOf(env.auth.update({ id: me.id, roles: ['manager'] }));
    expect(demote).toBeInstanceOf(ConflictError);
    expect(demote).toMatchObject({
      field: 'roles',
      message: expect.stringMatching(/at least one administrator/),
    });
    const selfOff = await errorOf(env.auth.update({ id: me.id, disabled: true }));
    expect(selfOff).toMatchObject({ field: 'disabled', message: expect.stringMatching(/your own account/) });
    expect((await env.auth.status()).user?.roles).toEqual(['administrator']);
  });

  it('turns an account off and on, keeping its name, which no one else may take', async () => {
    const { officer } = await office();
    await env.auth.signIn(ADMIN);
    await env.auth.update({ id: officer.id, disabled: true });
    const taken = await errorOf(
      env.auth.add({
        name: 'olu officer',
        roles: ['officer'],
        password: 'amber lamp forest',
        approvalLimit: null,
      }),
    );
    expect(taken).toBeInstanceOf(ConflictError);
    expect(taken).toMatchObject({ field: 'name', message: expect.stringMatching(/already has that name/) });
    const list = await env.auth.list();
    expect(list.accounts.find((a) => a.id === officer.id)).toMatchObject({
      name: OFFICER.name,
      disabled: true,
    });
    await env.auth.update({ id: officer.id, disabled: false });
    await env.auth.signIn(OFFICER);
    expect((await events()).filter((e) => e === 'disabled' || e === 'enabled')).toEqual([
      'disabled',
      'enabled',
    ]);
  });

  it('renames, refusing a name another account has', async () => {
    const { officer } = await office();
    await env.auth.signIn(ADMIN);
    expect(await env.auth.update({ id: officer.id, name: 'Olu Adeyemi' })).toMatchObject({
      name: 'Olu Adeyemi',
    });
    expect(await errorOf(env.auth.update({ id: officer.id, name: 'ADA admin' }))).toMatchObject({
      field: 'name',
    });
    expect((await logLines()).at(-1)).toMatchObject({
      event: 'renamed',
      detail: 'Olu Officer → Olu Adeyemi',
    });
  });

  it('unlocks a locked account at once', async () => {
    const { officer } = await office();
    for (let i = 0; i < 5; i++)
      await env.auth.signIn({ name: OFFICER.name, password: 'wrong' }).catch(() => 0);
    await env.auth.signIn(ADMIN);
    expect((await env.auth.update({ id: officer.id, unlock: true })).lockedUntil).toBeNull();
    expect((await logLines()).at(-1)).toMatchObject({ event: 'unlocked-by-administrator' });
    expect((await env.auth.signIn(OFFICER)).user?.name).toBe(OFFICER.name);
  });

  it('resets a password: the new one works, the old one does not, and a lock is lifted', async () => {
    const { officer } = await office();
    for (let i = 0; i < 5; i++)
      await env.auth.signIn({ name: OFFICER.name, password: 'wrong' }).catch(() => 0);
    await env.auth.signIn(ADMIN);
    const weak = await errorOf(env.auth.resetPassword({ id: officer.id, password: 'Olu Officer 1' }));
    expect(weak).toMatchObject({ field: 'password', message: 'Choose a password that is not your name.' });
    await env.auth.resetPassword({ id: officer.id, password: 'seven silver gulls' });
    await env.auth.signOut();
    expect((await errorOf(env.auth.signIn(OFFICER))).message).toBe(WRONG_NAME_OR_PASSWORD);
    expect((await env.auth.signIn({ name: OFFICER.name, password: 'seven silver gulls' })).user?.name).toBe(
      OFFICER.name,
    );
    expect((await logLines()).find((e) => e.event === 'password-reset')).toMatchObject({
      actor: { name: ADMIN.name },
      subject: { name: OFFICER.name },
    });
    await env.auth.signOut();
    await env.auth.signIn(OFFICER).catch(() => 0);
    await env.auth.signIn({ name: OFFICER.name, password: 'seven silver gulls' });
    expect(await errorOf(env.auth.resetPassword({ id: officer.id, password: 'x'.repeat(20) }))).toEqual(
      new PermissionError('Only an administrator can reset a password.'),
    );
  });

  it('changes the policy and logs what changed', async () => {
    await env.auth.setup(ADMIN);
    expect(await env.auth.setPolicy({ minPasswordLength: 16, idleLockMinutes: 10 })).toMatchObject({
      minPasswordLength: 16,
      idleLockMinutes: 10,
    });
    expect((await env.auth.status()).policy.minPasswordLength).toBe(16);
    expect((await logLines()).at(-1)).toMatchObject({
      event: 'policy-changed',
      detail: 'Shortest password (characters): 12 → 16',
    });
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, and the new one must be new and good enough', async () => {
    await office();
    await env.auth.signIn(OFFICER);
    const same = await errorOf(
      env.auth.changePassword({ current: OFFICER.password, next: OFFICER.password }),
    );
    expect(same).toMatchObject({
      field: 'next',
      message: 'Choose a new password, not the one you have now.',
    });
    const weak = await errorOf(env.auth.changePassword({ current: OFFICER.password, next: 'password1234' }));
    expect(weak).toMatchObject({ field: 'next', message: expect.stringMatching(/too common/) });
    const wrong = await errorOf(
      env.auth.changePassword({ current: 'not my password', next: 'violet orchard bell' }),
    );
    expect(wrong).toBeInstanceOf(ValidationError);
    expect(wrong).toMatchObject({ field: 'current', message: 'Your current password is not right.' });
    expect((await env.store.read()).accounts[1]!.failedAttempts).toBe(1);

    expect(await env.auth.changePassword({ current: OFFICER.password, next: 'violet orchard bell' })).toEqual(
      {
        changed: true,
      },
    );
    await env.auth.signOut();
    expect((await errorOf(env.auth.signIn(OFFICER))).message).toBe(WRONG_NAME_OR_PASSWORD);
    await env.auth.signIn({ name: OFFICER.name, password: 'violet orchard bell' });
    expect((await logLines()).find((e) => e.event === 'password-changed')).toMatchObject({
      actor: { name: OFFICER.name },
      subject: { name: OFFICER.name },
    });
  });

  it('needs someone signed in', async () => {
    expect((await errorOf(env.auth.changePassword({ current: 'a', next: 'b' }))).message).toBe(SIGN_IN_FIRST);
  });
});

describe('the security log', () => {
  it('has one JSON line per event, with time, actor, subject and event, appended in order', async () => {
    const { officer } = await office();
    const afterSetup = await readFile(join(dir, 'security-log.jsonl'), 'utf8');
    await env.auth.signIn({ name: OFFICER.name, password: 'wrong' }).catch(() => 0);
    await env.auth.signIn(OFFICER);
    await env.auth.lock();
    await env.auth.unlock({ password: OFFICER.password });
    await env.auth.signOut();
    await env.auth.signIn(ADMIN);
    await env.auth.update({ id: officer.id, roles: ['investigator'], disabled: true });
    await env.auth.resetPassword({ id: officer.id, password: 'seven silver gulls' });

    const text = await readFile(join(dir, 'security-log.jsonl'), 'utf8');
    // Appended, never rewritten.
    expect(text.startsWith(afterSetup)).toBe(true);
    const log = await logLines();
    expect(log.map((e) => e.event)).toEqual([
      'setup',
      'sign-in',
      'account-added',
      'sign-out',
      'sign-in-failed',
      'sign-in',
      'lock',
      'unlock',
      'sign-out',
      'sign-in',
      'roles-changed',
      'disabled',
      'password-reset',
    ]);
    for (const line of text.trimEnd().split('\n')) {
      expect(Object.keys(JSON.parse(line) as object)).toEqual(
        expect.arrayContaining(['time', 'event', 'actor', 'subject']),
      );
    }
    expect(text).not.toContain(OFFICER.password);
    expect(text).not.toContain('seven silver gulls');
  });

  it('reads back newest first, in pages, for administrators only', async () => {
    await office();
    await env.auth.signIn(OFFICER);
    expect(await errorOf(env.auth.securityLog({ offset: 0, limit: 10 }))).toEqual(
      new PermissionError('Only an administrator can read the security log.'),
    );
    await env.auth.signIn(ADMIN);
    const first = await env.auth.securityLog({ offset: 0, limit: 2 });
    expect(first.total).toBe(7);
    expect(first.unreadable).toBe(0);
    expect(first.entries.map((e) => e.event)).toEqual(['sign-in', 'sign-out']);
    const rest = await env.auth.securityLog({ offset: 2, limit: 100 });
    expect(rest.entries.map((e) => e.event)).toEqual([
      'sign-in',
      'sign-out',
      'account-added',
      'sign-in',
      'setup',
    ]);
  });
});

describe('the session for the access rules', () => {
  it('is null signed out, and carries the user and the lock otherwise', async () => {
    expect(env.auth.sessionState()).toBeNull();
    await env.auth.setup(ADMIN);
    expect(env.auth.sessionState()).toEqual({
      locked: false,
      user: { id: expect.any(String), name: ADMIN.name, roles: ['administrator'], approvalLimit: null },
    });
    await env.auth.lock();
    expect(env.auth.sessionState()?.locked).toBe(true);
  });

  it('uses the test-only scrypt cost only when a test asks for it', () => {
    expect(env.hasher.params).toEqual(TEST_SCRYPT);
  });
});

describe('who has signed in on this desk', () => {
  it('is read from the security log once, and follows each sign-in after', async () => {
    const { officer } = await office();
    const log = createSecurityLog(dir);
    const admin = (await logLines()).find((e) => e.event === 'setup')!.subject!;
    expect(await log.hasSignedIn(admin.id)).toBe(true);
    expect(await log.hasSignedIn(officer.id)).toBe(false);
    await log.append({
      time: new Date().toISOString(),
      event: 'sign-in',
      actor: { id: officer.id, name: officer.name },
      subject: { id: officer.id, name: officer.name },
    });
    expect(await log.hasSignedIn(officer.id)).toBe(true);
    // A failed sign-in under someone's name is no sign-in.
    await log.append({
      time: new Date().toISOString(),
      event: 'sign-in-failed',
      actor: null,
      subject: { id: 'u-someone', name: 'Someone Else' },
    });
    expect(await log.hasSignedIn('u-someone')).toBe(false);
  });
});
