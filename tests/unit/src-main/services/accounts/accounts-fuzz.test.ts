// Hostile input to every accounts and session channel, through `dispatch` as the renderer's calls
// arrive: wrong types, huge strings, `__proto__` keys, NaN, deep arrays, long Unicode, NUL. Each
// call must answer `{ ok: true, value }` or `{ ok: false, error: { code, message } }`, never throw,
// never fail inside (INTERNAL), never put a path or a stack (or a huge echo) in a message, never make or change
// an account it should not.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../src-main/ipc/dispatch';
import {
  createAccountStore,
  type StoredAccount,
} from '../../../../../src-main/services/accounts/account-store';
import { Rng } from '../../../../../src-shared/demo/rng';
import { ERROR_CODES } from '../../../../../src-shared/errors';
import { accountsChannels, type AccountsChannel } from '../../../../../src-shared/ipc/channels/accounts';
import type { Handlers } from '../../../../../src-shared/ipc/contract';
import { ADMIN, OFFICER, handlersFor, removeDataDir, tempDataDir } from './fixtures';

const CALLS_PER_CHANNEL = 200;
const CHANNELS = Object.keys(accountsChannels) as AccountsChannel[];
const ADMIN_CHANNELS: AccountsChannel[] = [
  'accounts:add',
  'accounts:update',
  'accounts:reset-password',
  'accounts:set-policy',
  'accounts:security-log',
];

const ODD_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'isAdmin',
  'passwordHash',
  'roles.0',
  '',
];

/** The keys a channel's input object takes ([] for a channel that takes none). */
function keysOf(channel: AccountsChannel): string[] {
  const input = accountsChannels[channel].input as unknown as { shape?: Record<string, unknown> };
  return input.shape ? Object.keys(input.shape) : [];
}

/** A value that may well pass the schema for this key, so that calls reach the service. */
function plausibleValue(rng: Rng, key: string, ids: string[]): unknown {
  switch (key) {
    case 'name':
      return rng.chance(0.6)
        ? `Person ${rng.int(1, 1e6)}`
        : rng.pick([ADMIN.name, OFFICER.name, 'ada admin', 'ÓLU OFFICER']);
    case 'password':
    case 'current':
    case 'next':
      // Never an existing account's password: no call may sign anyone in.
      return rng.chance(0.7)
        ? `amber lamp forest ${rng.int(1, 1e6)}`
        : rng.pick(['password1234', 'short', 'Person 12 Person']);
    case 'roles':
      return rng.chance(0.7)
        ? rng.pick([['officer'], ['administrator'], ['manager', 'investigator']])
        : rng.pick([['officer', 'officer'], [], ['root']]);
    case 'id':
      return rng.chance(0.8) && ids.length ? rng.pick(ids) : rng.uuid();
    case 'approvalLimit':
      return rng.chance(0.3) ? null : rng.int(0, 20_000);
    case 'disabled':
      return rng.chance(0.5);
    case 'unlock':
      return true;
    default:
      // offset, limit and the policy's numbers
      return rng.int(0, 200);
  }
}

function deepArray(depth: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

/** A value of any kind, mostly hostile, some plausible (so calls get past the schema into the service). */
function hostileValue(rng: Rng, ids: string[], depth = 0): unknown {
  const pick = rng.int(0, 44);
  switch (pick) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return rng.chance(0.5);
    case 3:
      return Number.NaN;
    case 4:
      return rng.pick([Infinity, -Infinity, -0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 0.1 + 0.2, 2 ** 31]);
    case 5:
      return rng.int(-10, 2000);
    case 6:
      return '';
    case 7:
      return 'x'.repeat(rng.int(1_000, 1_200_000));
    case 8:
      return '\u0000'.repeat(rng.int(1, 40));
    case 9:
      return `Ada\u0000Admin`;
    case 10:
      return '𝔘🦀\u202e'.repeat(rng.int(100, 120_000));
    case 11:
      return 'e\u0301'.repeat(rng.int(10, 50_000));
    case 12:
      return '\ud800\udc00\ud800';
    case 13:
      return rng.pick(['../../accounts.json', '/etc/passwd', 'C:\\Windows\\system32', '\\\\server\\share']);
    case 14:
      return rng.pick(['__proto__', 'constructor', 'administrator', 'root', '$scrypt$ln=1,r=1,p=1$AA$AA']);
    case 15:
      return rng.pick(['<script>alert(1)</script>', '%s%n%x', '${7*7}', "'; DROP TABLE accounts; --"]);
    case 16:
      return plausibleValue(rng, rng.pick(['name', 'password', 'roles', 'id', 'approvalLimit']), ids);
    case 21:
      return Array.from({ length: rng.int(0, 50) }, () => rng.pick(['officer', 'administrator', 7, null]));
    case 22:
      return deepArray(rng.int(10, 5_000));
    case 23:
      return new Date(rng.int(0, 2e12));
    case 24:
      return new Map([['name', 'x']]);
    case 25:
      return new Uint8Array(rng.int(0, 64));
    case 26:
      return BigInt(rng.int(0, 1e6));
    case 27:
      return JSON.parse(
        '{"__proto__": {"isAdmin": true, "roles": ["administrator"]}, "name": "Proto Person"}',
      );
    case 28: {
      const bare = Object.create(null) as Record<string, unknown>;
      bare.name = 'No Prototype';
      bare.password = 'amber lamp forest';
      return bare;
    }
    case 29:
      return Array.from({ length: rng.int(0, 3000) }, () => rng.int(0, 9));
    case 30:
      return { length: 5, 0: 'officer' };
    case 31:
      return { [`${'k'.repeat(rng.int(1, 50_000))}`]: 1 };
    case 32:
      return ' \t\n ';
    case 33:
      return rng.pick([true, 'true', 1]);
    case 34:
      return rng.int(0, 100) / 7;
    default:
      return depth < 3
        ? hostileObject(rng, rng.pick([['name', 'password'], ['id'], []]), ids, depth + 1)
        : {};
  }
}

/**
 * An object with some of the channel's own keys, each holding a plausible or a hostile value, and
 * now and then a key it does not take.
 */
function hostileObject(rng: Rng, keys: string[], ids: string[], depth = 0): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  const set = (key: string, value: unknown) =>
    // defineProperty, so that "__proto__" becomes an own key, as JSON.parse makes it.
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  for (const key of keys) {
    if (rng.chance(0.9))
      set(key, rng.chance(0.85) ? plausibleValue(rng, key, ids) : hostileValue(rng, ids, depth));
  }
  if (rng.chance(0.1)) set(rng.pick(ODD_KEYS), hostileValue(rng, ids, depth));
  return object;
}

const hostileInput = (rng: Rng, channel: AccountsChannel, ids: string[]): unknown =>
  rng.chance(0.7) ? hostileObject(rng, keysOf(channel), ids) : hostileValue(rng, ids);

// A message may name a field or a key, never where the files are or where the code failed.
const ABSOLUTE_PATH = /(?:^|[\s'"(=:])(?:\/(?:tmp|home|root|etc|usr|var|work|Users)\b|[A-Za-z]:\\)/;
const STACK = /\n\s*at\s|\.[cm]?[jt]s:\d+/;

let dataDir: string;
let handlers: Handlers;
let store: ReturnType<typeof createAccountStore>;
beforeEach(async () => {
  dataDir = await tempDataDir();
  handlers = handlersFor(dataDir);
  store = createAccountStore(dataDir);
});
afterEach(() => removeDataDir(dataDir));

async function call(channel: string, input: unknown) {
  let result: Awaited<ReturnType<typeof dispatch>>;
  try {
    result = await dispatch(handlers, channel, input);
  } catch (error) {
    throw new Error(`${channel} threw: ${String(error)}`, { cause: error });
  }
  const label = `${channel} ${describeInput(input)}`;
  if (result.ok) {
    expect(Object.keys(result).sort(), label).toEqual(['ok', 'value']);
  } else {
    expect(Object.keys(result).sort(), label).toEqual(['error', 'ok']);
    const { code, message, field, ...rest } = result.error;
    expect(rest, label).toEqual({});
    expect(ERROR_CODES, label).toContain(code);
    expect(code, `${label}: ${message}`).not.toBe('INTERNAL');
    expect(typeof message).toBe('string');
    expect(message.length, label).toBeGreaterThan(0);
    // It is shown to a person: no echo of a megabyte key.
    expect(message.length, label).toBeLessThanOrEqual(500);
    expect(message, label).not.toContain(dataDir);
    expect(message, label).not.toMatch(ABSOLUTE_PATH);
    expect(message, label).not.toMatch(STACK);
    if (field !== undefined) expect(typeof field).toBe('string');
  }
  return result;
}

/** A short label for a failing input (some of them cannot be printed, and some are megabytes). */
function describeInput(input: unknown): string {
  try {
    const text = JSON.stringify(input, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    return text === undefined ? 'undefined' : text.slice(0, 200);
  } catch {
    return Object.prototype.toString.call(input);
  }
}

/** The accounts, without what sign-in attempts may rightly change (the failure count and lock). */
async function accountsAsTheyWere(): Promise<Omit<StoredAccount, 'failedAttempts' | 'lockedUntil'>[]> {
  return (await store.read()).accounts.map(({ failedAttempts: _f, lockedUntil: _l, ...rest }) => rest);
}

async function office(): Promise<string[]> {
  await call('auth:setup', ADMIN);
  const officer = await call('accounts:add', { ...OFFICER, roles: ['officer'] });
  await call('auth:sign-out', undefined);
  return [(await store.read()).accounts[0]!.id, (officer.ok && (officer.value as { id: string }).id) || ''];
}

describe('fuzzing the accounts channels', () => {
  it.each(CHANNELS)(
    '%s, with nobody signed in, changes no account',
    async (channel) => {
      const ids = await office();
      const before = await accountsAsTheyWere();
      const rng = new Rng(CHANNELS.indexOf(channel) + 1);
      for (let i = 0; i < CALLS_PER_CHANNEL; i++) {
        const input = hostileInput(rng, channel, ids);
        const result = await call(channel, input);
        // Nobody can sign in (no call knows a password), so nothing needing a session may succeed.
        if (result.ok) expect(['auth:status', 'auth:sign-out'], channel).toContain(channel);
      }
      expect(await accountsAsTheyWere()).toEqual(before);
      expect((await call('auth:status', undefined)).ok).toBe(true);
    },
    120_000,
  );

  it('auth:setup makes at most the first administrator, only when a call succeeds', async () => {
    const rng = new Rng(101);
    let succeeded = 0;
    for (let i = 0; i < CALLS_PER_CHANNEL; i++) {
      const result = await call('auth:setup', hostileInput(rng, 'auth:setup', []));
      if (result.ok) succeeded++;
      const { accounts } = await store.read();
      expect(accounts.length).toBe(succeeded > 0 ? 1 : 0);
      expect(succeeded).toBeLessThanOrEqual(1);
      for (const a of accounts) expect(a.roles).toContain('administrator');
    }
  }, 120_000);

  it.each(ADMIN_CHANNELS)(
    '%s, with an officer signed in, is refused and changes nothing',
    async (channel) => {
      const ids = await office();
      await call('auth:sign-in', OFFICER);
      const before = await store.read();
      const rng = new Rng(200 + ADMIN_CHANNELS.indexOf(channel));
      for (let i = 0; i < CALLS_PER_CHANNEL; i++) {
        const input = hostileInput(rng, channel, ids);
        const result = await call(channel, input);
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(['VALIDATION', 'PERMISSION'], result.error.message).toContain(result.error.code);
      }
      expect(await store.read()).toEqual(before);
    },
    120_000,
  );

  it.each(ADMIN_CHANNELS)(
    '%s, with an administrator signed in, changes only what a successful call did',
    async (channel) => {
      const ids = await office();
      await call('auth:sign-in', ADMIN);
      const rng = new Rng(300 + ADMIN_CHANNELS.indexOf(channel));
      for (let i = 0; i < CALLS_PER_CHANNEL; i++) {
        const before = await store.read();
        const input = hostileInput(rng, channel, ids);
        const result = await call(channel, input);
        const after = await store.read();
        if (!result.ok) {
          expect(after, `${channel} ${describeInput(input)}`).toEqual(before);
          continue;
        }
        // Never more than one account more, and only from accounts:add; an administrator always remains.
        expect(after.accounts.length - before.accounts.length).toBe(channel === 'accounts:add' ? 1 : 0);
        expect(after.accounts.some((a) => a.roles.includes('administrator') && !a.disabled)).toBe(true);
        // No call but a reset changes a password.
        if (channel !== 'accounts:reset-password') {
          expect(after.accounts.slice(0, before.accounts.length).map((a) => a.passwordHash)).toEqual(
            before.accounts.map((a) => a.passwordHash),
          );
        }
      }
    },
    120_000,
  );
});
