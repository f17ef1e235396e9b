// The desk's team connection: saved with its password wrapped by the key store, and tried against a
// real throwaway server, each failure named in words and by the field to fix.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyStore } from '../../../../../src-main/services/backup/backup-key';
import {
  createTeamConnection,
  ENTER_TEAM_DETAILS,
  KEEP_THE_SAVED_SERVER,
  NO_TEAM_CONNECTION,
  NOT_A_TEAM_SERVER,
  setUpTeamServer,
  SAVED_PASSWORD_UNREADABLE,
  TEAM_FILE,
} from '../../../../../src-main/services/team/connection';
import { createDeskSync } from '../../../../../src-main/services/team/desk-sync';
import { migrate, SCHEMA_VERSION } from '../../../../../src-main/services/team/migrate';
import { ConflictError, ValidationError } from '../../../../../src-shared/errors';
import { useTeamCluster } from '../../../../support/use-team-cluster';

const pg = useTeamCluster();
let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'redress-team-'));
});
afterEach(() => rm(dataDir, { recursive: true, force: true }));

/** A reversible stand-in for safeStorage: the bytes reversed behind a marker. */
const fakeKeyStore: KeyStore = {
  problem: () => null,
  encrypt: (bytes) => Buffer.concat([Buffer.from('wrapped:'), Buffer.from(bytes).reverse()]),
  decrypt: (bytes) => Buffer.from(bytes.subarray('wrapped:'.length)).reverse(),
};

const details = () => ({
  host: '127.0.0.1',
  port: pg.cluster.port,
  database: pg.cluster.database,
  user: pg.cluster.app.user,
});

describe('the saved connection', () => {
  it('is single-desk mode until one is saved', async () => {
    expect(await createTeamConnection(dataDir, fakeKeyStore).status()).toEqual({
      connection: null,
      hasPassword: false,
      keyStoreProblem: null,
    });
  });

  it.each([
    ['cut off mid-write', '{"host":"127.0.0.1","po'],
    ['edited by hand into another shape', '{"host": 5432}'],
  ])('says team.json is damaged when it was %s, never a parser error', async (_, text) => {
    await writeFile(join(dataDir, TEAM_FILE), text);
    const status = createTeamConnection(dataDir, fakeKeyStore).status();
    await expect(status).rejects.toBeInstanceOf(ValidationError);
    await expect(status).rejects.toThrow('The team connection file (team.json) is damaged');
  });

  it('replaces a damaged team.json when the connection is saved again, and a desk reads it as offline meanwhile', async () => {
    await writeFile(join(dataDir, TEAM_FILE), '{"host":"127.0.0.1","po');
    // The desk's sync sees the damage as being offline, with the reason, not as a crash.
    const desk = createDeskSync({
      dataDir,
      connection: createTeamConnection(dataDir, fakeKeyStore),
      actor: () => null,
    });
    try {
      expect(await desk.pull(0, 10)).toEqual({
        online: false,
        message: 'The team connection file (team.json) is damaged: set the connection again.',
      });
    } finally {
      await desk.close();
    }
    const team = createTeamConnection(dataDir, fakeKeyStore);
    expect(await team.configure({ ...details(), password: pg.cluster.app.password })).toEqual({
      connection: details(),
      hasPassword: true,
      keyStoreProblem: null,
    });
    expect(await team.status()).toMatchObject({ connection: details(), hasPassword: true });
  });

  it('keeps the password wrapped by the key store, never in the clear, and uses it to connect', async () => {
    const team = createTeamConnection(dataDir, fakeKeyStore);
    const status = await team.configure({ ...details(), password: pg.cluster.app.password });
    expect(status).toEqual({ connection: details(), hasPassword: true, keyStoreProblem: null });
    const file = await readFile(join(dataDir, TEAM_FILE), 'utf8');
    expect(file).not.toContain(pg.cluster.app.password);
    // Saving again without a password keeps the saved one.
    await team.configure({ ...details(), database: pg.cluster.database });
    const config = await createTeamConnection(dataDir, fakeKeyStore).clientConfig();
    expect(config).toMatchObject({ ...details(), password: pg.cluster.app.password });
    const client = new Client(config!);
    await client.connect();
    await client.end();
    expect(await team.test(details())).toMatchObject({ ok: true });
  });

  it('says so when the saved password can no longer be unlocked on this computer', async () => {
    await createTeamConnection(dataDir, fakeKeyStore).configure({ ...details(), password: 'secret' });
    // The system's key changed since (a reset keyring, another Windows profile, a copied folder).
    const changed: KeyStore = {
      ...fakeKeyStore,
      decrypt: () => {
        throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      },
    };
    await expect(createTeamConnection(dataDir, changed).clientConfig()).rejects.toMatchObject({
      code: 'VALIDATION',
      message: SAVED_PASSWORD_UNREADABLE,
    });
  });

  it('refuses to keep a password where there is no key store, saying so by the password field', async () => {
    const team = createTeamConnection(dataDir);
    const error = await team.configure({ ...details(), password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field: 'password', message: expect.stringMatching(/no protected place/) });
    expect((await team.status()).keyStoreProblem).toMatch(/no protected place/);
  });
});

describe('mending the connection from the sign-in screen', () => {
  /** The system's key store after a reset: what it wrapped before cannot be unwrapped. */
  const resetKeyStore: KeyStore = {
    problem: () => null,
    encrypt: (bytes) => Buffer.concat([Buffer.from('new:'), Buffer.from(bytes)]),
    decrypt: (bytes) => {
      if (!bytes.subarray(0, 4).equals(Buffer.from('new:'))) throw new Error('safeStorage cannot decrypt');
      return Buffer.from(bytes.subarray(4));
    },
  };
  const password = () => pg.cluster.app.password;
  const teamDetails = (database: string) => ({ ...details(), database });
  const saved = async () => JSON.parse(await readFile(join(dataDir, TEAM_FILE), 'utf8')) as object;

  it('is refused on a single desk, and while the saved connection works', async () => {
    const team = createTeamConnection(dataDir, fakeKeyStore);
    expect(await team.problem()).toBeNull();
    await expect(team.repair({ password: password() })).rejects.toThrow(NO_TEAM_CONNECTION);
    await team.configure({ ...details(), password: password() });
    const before = await saved();
    expect(await team.problem()).toBeNull();
    await expect(
      team.repair({ password: password(), connection: { ...details(), host: '10.6.6.6' } }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await saved()).toEqual(before);
  });

  it('takes the password again for the server saved here, once the server accepts it', async () => {
    const { database } = await pg.newServer();
    await createTeamConnection(dataDir, fakeKeyStore).configure({
      ...teamDetails(database),
      password: password(),
    });
    const before = await saved();
    const team = createTeamConnection(dataDir, resetKeyStore);
    expect(await team.problem()).toBe('password-unreadable');
    // The server cannot be changed from here; a wrong password is said by its field; nothing is kept.
    await expect(
      team.repair({ password: password(), connection: { ...teamDetails(database), host: '10.6.6.6' } }),
    ).rejects.toThrow(KEEP_THE_SAVED_SERVER);
    await expect(team.repair({ password: 'not-it' })).rejects.toMatchObject({
      field: 'password',
      message: expect.stringMatching(/refused the user name or password/),
    });
    expect(await saved()).toEqual(before);

    expect(await team.repair({ password: password() })).toEqual({
      connection: teamDetails(database),
      hasPassword: true,
      keyStoreProblem: null,
    });
    expect(await team.problem()).toBeNull();
    const client = new Client((await team.clientConfig())!);
    await client.connect();
    await client.end();
  });

  it('takes every detail again when team.json is damaged, but only those of a Redress team server', async () => {
    const { database } = await pg.newServer();
    await writeFile(join(dataDir, TEAM_FILE), '{"host":"127.0.0.1","po');
    const team = createTeamConnection(dataDir, fakeKeyStore);
    expect(await team.problem()).toBe('damaged');
    await expect(team.repair({ password: password() })).rejects.toThrow(ENTER_TEAM_DETAILS);
    // Reachable, but no team server: a database nobody set up.
    await pg.cluster.createDatabase('not_a_team_server');
    await expect(
      team.repair({ password: password(), connection: teamDetails('not_a_team_server') }),
    ).rejects.toMatchObject({ field: 'database', message: NOT_A_TEAM_SERVER });
    expect(await team.problem()).toBe('damaged');

    await team.repair({ password: password(), connection: teamDetails(database) });
    expect(await team.problem()).toBeNull();
    expect(await saved()).toMatchObject(teamDetails(database));
  });
});

describe('testing the connection', () => {
  const team = () => createTeamConnection(dataDir, fakeKeyStore);

  it("answers with the server's version and the Redress schema version on it", async () => {
    const empty = await team().test({ ...details(), password: pg.cluster.app.password });
    expect(empty).toEqual({
      ok: true,
      serverVersion: expect.stringMatching(/^\d+\.\d+/),
      schemaVersion: 0,
      appSchemaVersion: SCHEMA_VERSION,
      tls: false,
    });
    const owner = new Client(pg.cluster.config(pg.cluster.owner));
    await owner.connect();
    await migrate(owner, { appRole: pg.cluster.app.user });
    await owner.end();
    expect(await team().test({ ...details(), password: pg.cluster.app.password })).toMatchObject({
      ok: true,
      schemaVersion: SCHEMA_VERSION,
    });
  });

  it.each([
    ['a wrong password', { password: 'not-it' }, 'password', 'password', /refused the user name or password/],
    ['no password at all', { password: undefined }, 'password', 'password', /asks for a password/],
    [
      'a database that is not there',
      { database: 'redres' },
      'database',
      'database',
      /no database by that name/,
    ],
    ['a port nothing listens on', { port: 1 }, 'refused', 'port', /refused the connection/],
    [
      'a CA certificate file that is not there',
      { caPath: '/nonexistent/office-ca.pem' },
      'tls',
      'caPath',
      /not there/,
    ],
  ])('names %s', async (_what, change, failure, field, message) => {
    const result = await team().test({ ...details(), password: pg.cluster.app.password, ...change });
    expect(result).toEqual({ ok: false, failure, field, message: expect.stringMatching(message) });
  });

  it('says the server is full of connections, with no field to blame: the details are right', async () => {
    const admin = new Client(pg.cluster.config(pg.cluster.admin));
    await admin.connect();
    const limit = (n: number) => admin.query(`ALTER ROLE ${pg.cluster.app.user} CONNECTION LIMIT ${n}`);
    try {
      await limit(0);
      expect(await team().test({ ...details(), password: pg.cluster.app.password })).toEqual({
        ok: false,
        failure: 'server',
        message: expect.stringMatching(/as many connections open as it allows\. Nothing is lost/),
      });
    } finally {
      await limit(-1);
      await admin.end();
    }
  });

  it('says when the server does not accept TLS but a CA certificate was given', async () => {
    const ca = join(dataDir, 'office-ca.pem');
    await writeFile(ca, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
    const result = await team().test({ ...details(), password: pg.cluster.app.password, caPath: ca });
    expect(result).toMatchObject({
      ok: false,
      failure: 'tls',
      field: 'caPath',
      message: expect.stringMatching(/does not accept TLS/),
    });
  });
});

describe('setting up the server', () => {
  /** A new, empty database owned by the cluster's owner role, and the details a desk would give. */
  async function emptyDatabase(name: string) {
    await pg.cluster.createDatabase(name);
    return { ...details(), database: name };
  }
  const asAdmin = async (sql: string) => {
    const admin = new Client(pg.cluster.config(pg.cluster.admin, 'postgres'));
    await admin.connect();
    try {
      await admin.query(sql);
    } finally {
      await admin.end();
    }
  };

  it("creates Redress's tables as the database owner, then finds nothing left to do", async () => {
    const where = await emptyDatabase('setup_fresh');
    const owner = { ownerUser: pg.cluster.owner.user, ownerPassword: pg.cluster.owner.password };
    expect(await setUpTeamServer({ ...where, ...owner })).toEqual({
      from: 0,
      to: SCHEMA_VERSION,
      applied: SCHEMA_VERSION,
    });
    // The desks' service account now finds the schema this Redress needs.
    const team = createTeamConnection(dataDir, fakeKeyStore);
    expect(await team.test({ ...where, password: pg.cluster.app.password })).toMatchObject({
      ok: true,
      schemaVersion: SCHEMA_VERSION,
      appSchemaVersion: SCHEMA_VERSION,
    });
    expect(await setUpTeamServer({ ...where, ...owner })).toEqual({
      from: SCHEMA_VERSION,
      to: SCHEMA_VERSION,
      applied: 0,
    });
  });

  it('upgrades a server an older Redress set up', async () => {
    const where = await emptyDatabase('setup_older');
    const owner = new Client(pg.cluster.config(pg.cluster.owner, 'setup_older'));
    await owner.connect();
    await migrate(owner, { appRole: pg.cluster.app.user, to: 3 });
    await owner.end();
    expect(
      await setUpTeamServer({
        ...where,
        ownerUser: pg.cluster.owner.user,
        ownerPassword: pg.cluster.owner.password,
      }),
    ).toEqual({ from: 3, to: SCHEMA_VERSION, applied: SCHEMA_VERSION - 3 });
  });

  it.each([
    [
      "the owner's password mistyped",
      () => ({ ownerUser: pg.cluster.owner.user, ownerPassword: 'not-it' }),
      'ownerPassword',
      /refused the user name or password/,
    ],
    [
      'the service account given as the owner',
      () => ({ ownerUser: pg.cluster.app.user, ownerPassword: pg.cluster.app.password }),
      'ownerUser',
      /must be different users/,
    ],
  ])('refuses %s, by the field to fix, and creates nothing', async (_what, owner, field, message) => {
    const where = await emptyDatabase(`setup_${field.toLowerCase()}`);
    const error = await setUpTeamServer({ ...where, ...owner() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect(error).toMatchObject({ field, message: expect.stringMatching(message) });
    const team = createTeamConnection(dataDir, fakeKeyStore);
    expect(await team.test({ ...where, password: pg.cluster.app.password })).toMatchObject({
      schemaVersion: 0,
    });
  });

  it('refuses a user who may sign in but does not own the database', async () => {
    const where = await emptyDatabase('setup_clerk');
    await asAdmin("CREATE ROLE it_clerk LOGIN PASSWORD 'clerk-secret'");
    const error = await setUpTeamServer({
      ...where,
      ownerUser: 'it_clerk',
      ownerPassword: 'clerk-secret',
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ field: 'ownerUser', message: expect.stringMatching(/may not create/) });
  });

  it('refuses a service account that owns the database, or that does not exist', async () => {
    await asAdmin(`CREATE DATABASE setup_owned OWNER ${pg.cluster.app.user}`);
    const superuser = { ownerUser: pg.cluster.admin.user, ownerPassword: pg.cluster.admin.password };
    const owned = await setUpTeamServer({ ...details(), database: 'setup_owned', ...superuser }).catch(
      (e: unknown) => e,
    );
    expect(owned).toMatchObject({ message: expect.stringMatching(/owns this database/) });
    const where = await emptyDatabase('setup_nobody');
    const nobody = await setUpTeamServer({ ...where, user: 'desk_nobody', ...superuser }).catch(
      (e: unknown) => e,
    );
    expect(nobody).toMatchObject({ message: expect.stringMatching(/There is no user desk_nobody/) });
  });
});
