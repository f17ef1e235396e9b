// The team server's disk fills up (a real full filesystem under the tables the desks write, on a
// real throwaway PostgreSQL): the desk's case, note and evidence file are refused whole, the desk
// says why in words that do not send anyone to the connection details, keeps all its work, and
// sends it once, exactly once, when the space is freed; the other desk then opens the file.
import { randomBytes } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diskSpaceOf } from '../../../../../src-main/services/disk/disk-space';
import { evidenceStoreOf } from '../../../../../src-main/services/evidence/handlers';
import { createSettingsStore } from '../../../../../src-main/services/settings/settings-store';
import { createEvidenceFetcher } from '../../../../../src-main/services/team/team-evidence';
import { createCase } from '../../../../../src-renderer/db/cases';
import { addEvidence, addNote } from '../../../../../src-renderer/db/investigation';
import { refusedEvidence } from '../../../../../src-renderer/db/sync-replica';
import { fillServerDisk } from '../../../../support/full-disk';
import type { TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, testRules } from '../../db/test-db';
import { MANAGER, OFFICER, openTeamDesk, storeDeskFile } from './team-desk';

const rules = testRules();
const team = useTeamCluster();
let server: TeamServer;

const NOTE = 'Rang twice; says the branch “lost” her cheque — £1,250.';

const count = async (table: string) =>
  Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('the team server’s disk is full', () => {
  it('a desk’s case, note and evidence file are refused whole, kept on the desk, and sent once when space is freed', async () => {
    server = await team.newServer();
    const [a, b] = [
      await openTeamDesk(
        team,
        () => server,
        () => OFFICER,
      ),
      await openTeamDesk(
        team,
        () => server,
        () => MANAGER,
      ),
    ];
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    const changesBefore = await count('changes');

    const full = await fillServerDisk(team.cluster, server, ['changes', 'evidence_chunks']);
    team.later(() => full.remove());

    const logged = await createCase(
      a.db,
      intake('2026-11-30T09:15:00Z', { complainant: { name: 'Siobhán Ó Briain' } }),
      OFFICER,
      rules,
    );
    await addNote(a.db, logged.id, { text: NOTE, pinned: false }, OFFICER);
    // Two of the server's 1 MB chunks: a file that cannot fit in what little room is left.
    const bytes = randomBytes(1024 * 1024 + 4096);
    const sha256 = await storeDeskFile(a, bytes);
    await addEvidence(
      a.db,
      logged.id,
      {
        name: 'Zoë’s statement (2).pdf',
        size: bytes.length,
        type: 'application/pdf',
        sha256,
        description: '',
      },
      OFFICER,
    );
    const waiting = await a.db.outbox.count();
    expect(waiting).toBeGreaterThan(2);

    for (let attempt = 0; attempt < 2; attempt += 1) {
      const pass = await a.sync();
      expect(pass).toEqual({ online: false, message: expect.stringContaining('run out of disk space') });
      // Not the connection details: they are right.
      expect((pass as { message: string }).message).not.toMatch(/check the details|address|password/i);
      expect((pass as { message: string }).message).toContain('Nothing is lost');
      // Nothing half-kept on the server, everything kept on the desk.
      expect(await count('changes')).toBe(changesBefore);
      expect(await count('evidence_files')).toBe(0);
      expect(await count('evidence_chunks')).toBe(0);
      expect(await a.db.outbox.count()).toBe(waiting);
      expect(await readFile(join(a.dataDir, 'evidence', sha256))).toEqual(bytes);
      // A server that could not take the file is not a refusal of the file.
      expect(await refusedEvidence(a.db)).toEqual([]);
    }

    await full.free();
    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.outbox.count()).toBe(0);
    expect(await count('changes')).toBe(changesBefore + waiting);
    const keys = await server.query<{ n: string }>(
      'SELECT count(DISTINCT idempotency_key) AS n FROM changes',
    );
    expect(Number(keys[0]!.n)).toBe(changesBefore + waiting);
    expect(await server.query('SELECT sha256 FROM evidence_files')).toEqual([{ sha256 }]);

    expect(await b.sync()).toEqual({ online: true });
    expect((await b.db.cases.get(logged.id))?.reference).toBe(logged.reference);
    expect((await b.db.notes.where('caseId').equals(logged.id).toArray()).map((n) => n.text)).toEqual([NOTE]);
    const fetchMissing = createEvidenceFetcher(
      async () => team.cluster.config(team.cluster.app, server.database),
      evidenceStoreOf({ dataDir: b.dataDir }, createSettingsStore(b.dataDir), () => diskSpaceOf([b.dataDir])),
      // No session: the case is open to every desk.
      () => null,
    );
    await fetchMissing({ sha256, name: 'Zoë’s statement (2).pdf' });
    expect((await stat(join(b.dataDir, 'evidence', sha256))).size).toBe(bytes.length);
    expect(await readFile(join(b.dataDir, 'evidence', sha256))).toEqual(bytes);
  }, 120_000);
});
