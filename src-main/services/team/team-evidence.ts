// Evidence on the team server (migration 7): a desk uploads a file of its local evidence store
// (`<dataDir>/evidence/<sha256>`) in 1 MB chunks, in one transaction, and the server checks the
// whole hash before it records the file; another desk fetches it into its own store on first open,
// through the store's upload path, which checks the hash again before it keeps the file. A fetch
// runs under the person's session: the server gives a file only to a session that may see a
// record naming it (migration 20), so a restricted case's files go where its records go.
import { lstat, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { ClientConfig, Pool, PoolClient } from 'pg';
import { inTransaction, readOnly, teamPool } from './pool';
import { TeamSessionClosed } from './sync';
import {
  AppError,
  NotFoundError,
  PermissionError,
  SessionError,
  ValidationError,
} from '../../../src-shared/errors';
import { EVIDENCE_DIR, type EvidenceStore } from '../evidence/evidence-store';

export const EVIDENCE_CHUNK = 1024 * 1024;
const SHA256_HEX = /^[0-9a-f]{64}$/;

function checkFingerprint(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new ValidationError('That is not an evidence fingerprint.', 'sha256');
}

/**
 * Uploads the local evidence file `sha256` unless the server has it. Resolves to whether it was sent.
 * A file whose bytes do not hash to its name is refused by the server, and nothing of it is kept.
 */
export async function uploadEvidence(
  pool: Pool,
  input: { dataDir: string; deskId: string; sha256: string },
): Promise<{ uploaded: boolean }> {
  checkFingerprint(input.sha256);
  const path = join(input.dataDir, EVIDENCE_DIR, input.sha256);
  const info = await lstat(path).catch(() => null);
  // Only a plain file: a link planted under the name is not followed.
  if (!info?.isFile()) throw new NotFoundError('This evidence file is not on this desk.');
  if ((await heldOnServer(pool, [input.sha256])).size) return { uploaded: false };
  const handle = await open(path, 'r');
  try {
    return await inTransaction(pool, async (client) => {
      await client.query('SELECT redress_evidence_clear_partial($1)', [input.sha256]);
      const buffer = Buffer.alloc(EVIDENCE_CHUNK);
      let size = 0;
      for (let n = 0; ; n += 1) {
        const { bytesRead } = await handle.read(buffer, 0, EVIDENCE_CHUNK, size);
        if (bytesRead === 0) break;
        await client.query(
          'INSERT INTO evidence_chunks (sha256, n, bytes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [input.sha256, n, buffer.subarray(0, bytesRead)],
        );
        size += bytesRead;
      }
      try {
        const done = await client.query<{ done: boolean }>(
          'SELECT redress_evidence_complete($1, $2, $3) AS done',
          [input.sha256, size, input.deskId],
        );
        return { uploaded: done.rows[0]!.done };
      } catch (error) {
        if ((error as { code?: string }).code === '23514') {
          throw new ValidationError(
            'The team server refused this evidence file: its bytes do not match its fingerprint. The copy on this desk may be damaged; check it with “Verify integrity” on the case’s Investigation tab.',
          );
        }
        throw error;
      }
    });
  } finally {
    await handle.close();
  }
}

/** Which of `hashes` the server holds whole, whoever may read them (migration 20). */
async function heldOnServer(
  client: Pick<PoolClient, 'query'>,
  hashes: readonly string[],
): Promise<Set<string>> {
  const { rows } = await client.query<{ sha256: string }>('SELECT redress_evidence_held($1) AS sha256', [
    hashes,
  ]);
  return new Set(rows.map((r) => r.sha256));
}

export const EVIDENCE_NOT_VISIBLE =
  'This evidence file belongs to a restricted case you may not see, so the team server does not give it to this desk.';

export const EVIDENCE_SESSION_CLOSED =
  'This evidence file is not on this desk yet, and your session on the team server has ended: sign in again to fetch it.';

/**
 * Brings the evidence file `sha256` from the server into this desk's store, unless it is there,
 * under `session` (the signed-in person's): the server gives it only when they may see a record
 * naming it (`EVIDENCE_NOT_VISIBLE` otherwise), and nothing under a session it no longer takes
 * (`EVIDENCE_SESSION_CLOSED`). The store keeps it only when the bytes hash to the fingerprint.
 */
export async function fetchEvidence(
  pool: Pool,
  store: Pick<EvidenceStore, 'exists' | 'start' | 'chunk' | 'finish' | 'cancel'>,
  input: { sha256: string; name: string },
  session: string | null,
): Promise<{ fetched: boolean }> {
  checkFingerprint(input.sha256);
  if (await store.exists(input.sha256)) return { fetched: false };
  try {
    // One snapshot under the session: the file row and its chunks, each under its policy.
    return await readOnly(pool, session, async (client) => {
      const file = await client.query<{ size: string; chunks: number }>(
        'SELECT size, chunks FROM evidence_files WHERE sha256 = $1',
        [input.sha256],
      );
      const row = file.rows[0];
      if (!row) {
        if ((await heldOnServer(client, [input.sha256])).size)
          throw new PermissionError(EVIDENCE_NOT_VISIBLE);
        throw new NotFoundError(
          'The team server does not have this evidence file yet: the desk that added it has not sent it.',
        );
      }
      const { uploadId } = await store.start({
        name: input.name,
        size: Number(row.size),
        sha256: input.sha256,
      });
      try {
        let offset = 0;
        // One chunk at a time: a large file never sits whole in memory.
        for (let n = 0; n < row.chunks; n += 1) {
          const chunk = await client.query<{ bytes: Buffer }>(
            'SELECT bytes FROM evidence_chunks WHERE sha256 = $1 AND n = $2',
            [input.sha256, n],
          );
          const bytes = chunk.rows[0]?.bytes;
          if (!bytes) throw new NotFoundError('Part of this evidence file is missing on the team server.');
          await store.chunk({ uploadId, offset, data: bytes });
          offset += bytes.length;
        }
        await store.finish({ uploadId });
        return { fetched: true };
      } catch (error) {
        await store.cancel({ uploadId }).catch(() => undefined);
        throw error;
      }
    });
  } catch (error) {
    if (error instanceof TeamSessionClosed) throw new SessionError('SIGNED_OUT', EVIDENCE_SESSION_CLOSED);
    throw error;
  }
}

export const REMOVED_CASE_COPY_REFUSED =
  'The team server refused this evidence file: its bytes do not match its fingerprint. Its case has left this desk, so it cannot be checked from the case here.';

/**
 * Removes this desk's copies of the evidence files `hashes` (a removed case's, that no record on the
 * desk names), so that nothing of the case stays readable here. A file the server does not hold
 * yet (its upload never went) is sent first, so the team keeps it; a copy the server refuses (its
 * bytes no longer match its name) stays, and is named in `kept`. Only plain files are touched: a
 * link planted under a name is neither followed nor removed. The server away throws (nothing of
 * the batch after it is touched; the runner tries again).
 */
export async function dropEvidenceCopies(
  pool: Pool,
  input: { dataDir: string; deskId: string; hashes: readonly string[] },
): Promise<{ removed: number; sent: number; kept: { sha256: string; message: string }[] }> {
  const hashes = [...new Set(input.hashes)];
  for (const sha256 of hashes) checkFingerprint(sha256);
  // Whoever may see them: these are a case's that has left this desk, hidden from its person.
  const held = await heldOnServer(pool, hashes);
  let removed = 0;
  let sent = 0;
  const kept: { sha256: string; message: string }[] = [];
  for (const sha256 of hashes) {
    const path = join(input.dataDir, EVIDENCE_DIR, sha256);
    const info = await lstat(path).catch(() => null);
    if (!info?.isFile()) continue;
    if (!held.has(sha256)) {
      try {
        if ((await uploadEvidence(pool, { dataDir: input.dataDir, deskId: input.deskId, sha256 })).uploaded)
          sent += 1;
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        // Not the upload's own advice: the case has left this desk, so nobody here can open it to
        // check the file.
        kept.push({ sha256, message: REMOVED_CASE_COPY_REFUSED });
        continue;
      }
    }
    await rm(path, { force: true });
    removed += 1;
  }
  return { removed, sent, kept };
}

export const TEAM_SETTINGS_UNREADABLE =
  'This evidence file is not on this desk yet, and the team server’s connection settings on this computer could not be read to fetch it. Check the data folder, then Settings → Team server.';

export const EVIDENCE_SERVER_AWAY =
  'This evidence file is not on this desk yet, and the team server cannot be reached to fetch it. Try again when the network is back.';

/**
 * For the evidence open path: in team mode, a file missing from this desk's store is fetched from
 * the server first, under the signed-in person's team session (`session`, auth.teamToken()); in
 * single-desk mode nothing happens (the store then says the file is missing).
 * Settings that cannot be read (a damaged team.json, a saved password the key store no longer
 * unlocks) are said in their own words, not taken for single-desk mode and a file "missing".
 */
export function createEvidenceFetcher(
  config: () => Promise<ClientConfig | null>,
  store: Pick<EvidenceStore, 'exists' | 'start' | 'chunk' | 'finish' | 'cancel'>,
  session: () => string | null,
) {
  return async (input: { sha256: string; name: string }): Promise<void> => {
    if (await store.exists(input.sha256)) return;
    let saved: ClientConfig | null;
    try {
      saved = await config();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('IO', TEAM_SETTINGS_UNREADABLE, undefined, { cause: error });
    }
    if (!saved) return;
    const pool = teamPool({ ...saved, max: 1, connectionTimeoutMillis: 8000 });
    try {
      await fetchEvidence(pool, store, input, session());
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('IO', EVIDENCE_SERVER_AWAY, undefined, { cause: error });
    } finally {
      await pool.end().catch(() => undefined);
    }
  };
}
