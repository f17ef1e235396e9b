// Evidence through a real throwaway PostgreSQL: a desk uploads a real file from its store in 1 MB
// chunks, another fetches it on first open; bytes that do not match their fingerprint are refused
// by the server on the way up and by the store on the way down.
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Pool } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvidenceStore, EVIDENCE_DIR } from '../../../../../src-main/services/evidence/evidence-store';
import { evidenceHandlers } from '../../../../../src-main/services/evidence/handlers';
import {
  createEvidenceFetcher,
  dropEvidenceCopies,
  EVIDENCE_SERVER_AWAY,
  fetchEvidence,
  REMOVED_CASE_COPY_REFUSED,
  TEAM_SETTINGS_UNREADABLE,
  uploadEvidence,
} from '../../../../../src-main/services/team/team-evidence';
import {
  createTeamConnection,
  SAVED_PASSWORD_UNREADABLE,
  TEAM_FILE,
} from '../../../../../src-main/services/team/connection';
import { ConflictError, NotFoundError, ValidationError } from '../../../../../src-shared/errors';
import { fillServerDisk } from '../../../../support/full-disk';
import { type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';

const team = useTeamCluster();
let server: TeamServer;
let pool: Pool;
const dirs: string[] = [];

afterEach(async () => {
  await pool?.end();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function deskDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'redress-team-evidence-'));
  dirs.push(dir);
  return dir;
}
const storeOf = (dataDir: string) => createEvidenceStore(dataDir, { maxBytes: async () => 50 * 1024 * 1024 });
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function teamServer() {
  server = await team.newServer();
  pool = new Pool(team.cluster.config(team.cluster.app, server.database));
}

let records = 0;
/**
 * An evidence record of an open case naming the file, as a desk's push leaves it: the server gives
 * a file only to whoever may see a record naming it (migration 20; row-security.test.ts).
 */
async function named(sha256: string) {
  records += 1;
  await server.query(
    `INSERT INTO records (kind, id, version, data, updated_seq) VALUES ('evidence', $1, 1, $2, $3)`,
    [`e-${records}`, { caseId: 'c-open', name: 'letter.pdf', sha256 }, records],
    team.cluster.owner,
  );
}

/** A scanned letter of about 2.5 MB: three chunks, the last one short. */
const scan = () => Buffer.concat([Buffer.from('%PDF-1.7\n% Scan — Zoë’s letter\n'), randomBytes(2_600_000)]);

describe('evidence on the team server', { timeout: 60_000 }, () => {
  it('uploads a file once in chunks, and another desk fetches it on first open', async () => {
    await teamServer();
    const deskA = await deskDir();
    const bytes = scan();
    const { sha256 } = await storeOf(deskA).importBytes('letter.pdf', bytes);
    expect(await uploadEvidence(pool, { dataDir: deskA, deskId: 'desk-a', sha256 })).toEqual({
      uploaded: true,
    });
    expect(await uploadEvidence(pool, { dataDir: deskA, deskId: 'desk-a', sha256 })).toEqual({
      uploaded: false,
    });
    await named(sha256);
    const files = await server.query<{ size: string; chunks: number; desk_id: string }>(
      'SELECT size, chunks, desk_id FROM evidence_files',
    );
    expect(files).toEqual([{ size: String(bytes.length), chunks: 3, desk_id: 'desk-a' }]);

    const deskB = await deskDir();
    const storeB = storeOf(deskB);
    expect(await storeB.exists(sha256)).toBe(false);
    expect(await fetchEvidence(pool, storeB, { sha256, name: 'letter.pdf' }, null)).toEqual({
      fetched: true,
    });
    expect(await readFile(join(deskB, EVIDENCE_DIR, sha256))).toEqual(bytes);
    expect(await fetchEvidence(pool, storeB, { sha256, name: 'letter.pdf' }, null)).toEqual({
      fetched: false,
    });
  });

  it('refuses a tampered local file on the way up, keeping nothing of it', async () => {
    await teamServer();
    const desk = await deskDir();
    const { sha256 } = await storeOf(desk).importBytes('photo.jpg', scan());
    // Someone changes the stored file behind Redress's back.
    await writeFile(join(desk, EVIDENCE_DIR, sha256), scan());
    await expect(uploadEvidence(pool, { dataDir: desk, deskId: 'desk-a', sha256 })).rejects.toThrow(
      ValidationError,
    );
    expect(await server.query('SELECT sha256 FROM evidence_files')).toEqual([]);
    expect(await server.query('SELECT n FROM evidence_chunks')).toEqual([]);
  });

  it('refuses a blob altered on the server on the way down, keeping nothing on the desk', async () => {
    await teamServer();
    const deskA = await deskDir();
    const { sha256 } = await storeOf(deskA).importBytes('letter.pdf', scan());
    await uploadEvidence(pool, { dataDir: deskA, deskId: 'desk-a', sha256 });
    await named(sha256);
    // The desks' role cannot change a chunk; someone with the owner's login can.
    await expect(pool.query("UPDATE evidence_chunks SET bytes = '\\x00'")).rejects.toThrow(
      /permission denied/,
    );
    await server.query(
      'UPDATE evidence_chunks SET bytes = $1 WHERE n = 1',
      [randomBytes(1024 * 1024)],
      team.cluster.owner,
    );
    const deskB = await deskDir();
    const storeB = storeOf(deskB);
    await expect(fetchEvidence(pool, storeB, { sha256, name: 'letter.pdf' }, null)).rejects.toThrow(
      ConflictError,
    );
    expect(await storeB.exists(sha256)).toBe(false);
  });

  it('says when the server does not have the file, and when the desk does not', async () => {
    await teamServer();
    const desk = await deskDir();
    const missing = sha(Buffer.from('never uploaded'));
    await expect(
      fetchEvidence(pool, storeOf(desk), { sha256: missing, name: 'x.pdf' }, null),
    ).rejects.toThrow(NotFoundError);
    await expect(uploadEvidence(pool, { dataDir: desk, deskId: 'desk-a', sha256: missing })).rejects.toThrow(
      NotFoundError,
    );
    await expect(
      uploadEvidence(pool, { dataDir: desk, deskId: 'desk-a', sha256: '../../etc/passwd' }),
    ).rejects.toThrow(ValidationError);
  });

  it('opening a file this desk lacks fetches it first in team mode; with the server away, says so', async () => {
    await teamServer();
    const deskA = await deskDir();
    const { sha256 } = await storeOf(deskA).importBytes('letter.pdf', scan());
    await uploadEvidence(pool, { dataDir: deskA, deskId: 'desk-a', sha256 });
    await named(sha256);

    const deskB = await deskDir();
    const opened: string[] = [];
    const storeB = createEvidenceStore(deskB, {
      maxBytes: async () => 50 * 1024 * 1024,
      openPath: async (path) => {
        opened.push(path);
        return '';
      },
    });
    let config: ReturnType<typeof team.cluster.config> | null = null;
    const handlers = evidenceHandlers(
      storeB,
      undefined,
      createEvidenceFetcher(
        async () => config,
        storeB,
        () => null,
      ),
    );
    // Single-desk mode: nothing is fetched, and the store says the file is missing.
    await expect(handlers['evidence:open']({ sha256, name: 'letter.pdf' })).rejects.toThrow();
    expect(await storeB.exists(sha256)).toBe(false);

    config = team.cluster.config(team.cluster.app, server.database);
    expect(await handlers['evidence:open']({ sha256, name: 'letter.pdf' })).toEqual({ opened: true });
    expect(await storeB.exists(sha256)).toBe(true);
    expect(opened).toHaveLength(1);

    const deskC = await deskDir();
    const storeC = storeOf(deskC);
    const away = evidenceHandlers(
      storeC,
      undefined,
      createEvidenceFetcher(
        async () => ({ ...team.cluster.config(team.cluster.app, server.database), port: 1 }),
        storeC,
        () => null,
      ),
    );
    await expect(away['evidence:open']({ sha256, name: 'letter.pdf' })).rejects.toThrow(EVIDENCE_SERVER_AWAY);

    // This desk's own settings cannot be read: said as such, not as a file missing in single-desk mode.
    const deskD = await deskDir();
    const storeD = createEvidenceStore(deskD, {
      maxBytes: async () => 50 * 1024 * 1024,
      openPath: async () => '',
    });
    const keyStore = {
      problem: () => null,
      encrypt: (b: Buffer) => b,
      decrypt: (): Buffer => {
        throw new Error('The key store was reset');
      },
    };
    const connection = createTeamConnection(deskD, keyStore);
    const { password, ...saved } = team.cluster.config(team.cluster.app, server.database);
    await connection.configure({
      host: String(saved.host),
      port: Number(saved.port),
      database: String(saved.database),
      user: String(saved.user),
      password: String(password),
    });
    const locked = evidenceHandlers(
      storeD,
      undefined,
      createEvidenceFetcher(
        () => connection.clientConfig(),
        storeD,
        () => null,
      ),
    );
    await expect(locked['evidence:open']({ sha256, name: 'letter.pdf' })).rejects.toThrow(
      SAVED_PASSWORD_UNREADABLE,
    );
    await writeFile(join(deskD, TEAM_FILE), '{"host": "127.0.0.1", "port":');
    await expect(locked['evidence:open']({ sha256, name: 'letter.pdf' })).rejects.toThrow(
      /team\.json\) is damaged/,
    );
    await rm(join(deskD, TEAM_FILE));
    await mkdir(join(deskD, TEAM_FILE));
    await expect(locked['evidence:open']({ sha256, name: 'letter.pdf' })).rejects.toThrow(
      TEAM_SETTINGS_UNREADABLE,
    );
    // A file already on the desk opens whatever the settings.
    await storeD.importBytes('letter.pdf', await readFile(join(deskA, EVIDENCE_DIR, sha256)));
    expect(await locked['evidence:open']({ sha256, name: 'letter.pdf' })).toEqual({ opened: true });
  });

  it('drops a desk’s copies once the server holds them whole (sending those it lacks), keeps a damaged one, and never follows a planted link', async () => {
    await teamServer();
    const desk = await deskDir();
    const store = storeOf(desk);
    const sent = await store.importBytes('letter.pdf', scan());
    const onlyHere = await store.importBytes('Zoë’s photo (1).jpg', scan());
    const damaged = await store.importBytes('statement.pdf', scan());
    await uploadEvidence(pool, { dataDir: desk, deskId: 'desk-a', sha256: sent.sha256 });
    // A copy whose bytes changed on disk after it was stored: the server would refuse it.
    await writeFile(join(desk, EVIDENCE_DIR, damaged.sha256), 'overwritten by a disk error');
    // A link planted under the name of a file the server holds: not followed, the target stays.
    const elsewhere = await deskDir();
    const target = join(elsewhere, 'precious.txt');
    await writeFile(target, 'not Redress’s');
    const linked = sha(Buffer.from('linked'));
    await server.query(
      "INSERT INTO evidence_files (sha256, size, chunks, desk_id) VALUES ($1, 6, 1, 'desk-b')",
      [linked],
      team.cluster.owner,
    );
    await symlink(target, join(desk, EVIDENCE_DIR, linked));

    const hashes = [sent.sha256, onlyHere.sha256, damaged.sha256, linked];
    expect(await dropEvidenceCopies(pool, { dataDir: desk, deskId: 'desk-a', hashes })).toEqual({
      removed: 2,
      sent: 1,
      kept: [{ sha256: damaged.sha256, message: REMOVED_CASE_COPY_REFUSED }],
    });
    expect(await store.exists(sent.sha256)).toBe(false);
    expect(await store.exists(onlyHere.sha256)).toBe(false);
    expect(await store.exists(damaged.sha256)).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('not Redress’s');
    // The file only this desk had is on the server now, whole, sent by this desk.
    expect(
      await server.query(
        'SELECT desk_id FROM evidence_files WHERE sha256 = $1',
        [onlyHere.sha256],
        team.cluster.owner,
      ),
    ).toEqual([{ desk_id: 'desk-a' }]);
    // The copies dropped come back on first open, from the server (their records there).
    for (const { sha256 } of [sent, onlyHere]) await named(sha256);
    for (const { sha256 } of [sent, onlyHere])
      expect(await fetchEvidence(pool, store, { sha256, name: 'letter.pdf' }, null)).toEqual({
        fetched: true,
      });
    await expect(
      dropEvidenceCopies(pool, { dataDir: desk, deskId: 'desk-a', hashes: ['../../etc/passwd'] }),
    ).rejects.toThrow(ValidationError);
  });

  it('with the server’s disk full, a removed case’s only copy is not dropped: it stays whole until the server has room', async () => {
    await teamServer();
    const desk = await deskDir();
    const store = storeOf(desk);
    const onlyHere = await store.importBytes('Zoë’s photo (1).jpg', scan());
    const full = await fillServerDisk(team.cluster, server, ['evidence_chunks']);
    team.later(() => full.remove());
    const drop = () =>
      dropEvidenceCopies(pool, { dataDir: desk, deskId: 'desk-a', hashes: [onlyHere.sha256] });
    // Not a refusal of the file (that would be `kept`): the pass fails, and the runner tries again.
    await expect(drop()).rejects.toMatchObject({ code: '53100' });
    expect(await store.exists(onlyHere.sha256)).toBe(true);
    expect(await server.query('SELECT sha256 FROM evidence_files')).toEqual([]);
    expect(await server.query('SELECT n FROM evidence_chunks')).toEqual([]);

    await full.free();
    expect(await drop()).toEqual({ removed: 1, sent: 1, kept: [] });
    expect(await store.exists(onlyHere.sha256)).toBe(false);
    await named(onlyHere.sha256);
    expect(await fetchEvidence(pool, store, { sha256: onlyHere.sha256, name: 'photo.jpg' }, null)).toEqual({
      fetched: true,
    });
  });
});
