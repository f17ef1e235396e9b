// Issue 17 on two (or three) desks and one real throwaway PostgreSQL: references taken from the
// server's ranges never repeat across desks, online or offline, and a desk whose ranges ran out
// offline uses its desk-prefixed fallback; a pulled case whose reference a local case already has is
// kept beside it; evidence files go to the server before their records and another desk opens them;
// a change written offline keeps its author when another person pushes it.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { diskSpaceOf } from '../../../../../src-main/services/disk/disk-space';
import { evidenceStoreOf } from '../../../../../src-main/services/evidence/handlers';
import { createSettingsStore } from '../../../../../src-main/services/settings/settings-store';
import { createEvidenceFetcher } from '../../../../../src-main/services/team/team-evidence';
import { clashingReferenceLabel, REFERENCE_RANGE_SIZE } from '../../../../../src-shared/domain/reference';
import { createCase, createCases } from '../../../../../src-renderer/db/cases';
import { addEvidence, addNote } from '../../../../../src-renderer/db/investigation';
import { REFERENCE_RANGES_KEY, setOutboxAuthor } from '../../../../../src-renderer/db/sync-outbox';
import { referenceClashes, refusedEvidence, setTeamMode } from '../../../../../src-renderer/db/sync-replica';
import { reserveReferences } from '../../../../../src-renderer/features/team/reserve-references';
import { HELD_EVIDENCE_KEY, syncOnce } from '../../../../../src-renderer/features/team/sync-runner';
import { MAX_RANGE_REQUEST } from '../../../../../src-shared/ipc/channels/team-desk';
import { openTeamDesk, storeDeskFile, type TestDesk } from './team-desk';
import type { TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { intake, person, testRules } from '../../db/test-db';

const aoife = person('u-a', 'Aoife Ní Fhaoláin', 'officer', 'investigator');
const tomas = person('u-b', 'Tomás Øberg-Nakamura', 'officer', 'manager');
const rules = testRules();
const year = new Date().getFullYear();

const team = useTeamCluster();
let server: TeamServer;
const desk = (who: typeof aoife) =>
  openTeamDesk(
    team,
    () => server,
    () => ({ id: who.id, name: who.name }),
  );

afterEach(() => setOutboxAuthor(null));

async function referencesOf(d: TestDesk): Promise<string[]> {
  return (await d.db.cases.toArray()).map((c) => c.reference).sort();
}

async function logCase(d: TestDesk, who: typeof aoife, name: string) {
  return createCase(d.db, intake('2026-11-30T09:15:00Z', { complainant: { name } }), who, rules);
}

describe('references in team mode', () => {
  it('two desks logging cases in turn, online and offline, never share a reference', async () => {
    server = await team.newServer();
    const [a, b] = [await desk(aoife), await desk(tomas)];
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    for (let round = 0; round < 3; round += 1) {
      await logCase(a, aoife, `Đặng Thị Hoa ${round}`);
      await a.sync();
      await logCase(b, tomas, `O’Brien-Ngata ${round}`);
      await b.sync();
    }
    // Desk B is cut off and goes on logging; desk A goes on online.
    b.online.value = false;
    for (let round = 0; round < 3; round += 1) {
      await logCase(b, tomas, `Zoë Ångström ${round}`);
      await logCase(a, aoife, `José Müller ${round}`);
      await a.sync();
    }
    expect(await b.sync()).toMatchObject({ online: false });
    b.online.value = true;
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });

    const [onA, onB] = [await referencesOf(a), await referencesOf(b)];
    expect(onA).toHaveLength(12);
    expect(new Set(onA).size).toBe(12);
    expect(onB).toEqual(onA);
    // All from the server's ranges: the year's sequence, no fallback needed.
    expect(onA.every((r) => new RegExp(`^CMP-${year}-\\d{6}$`).test(r))).toBe(true);
    const ranges = await server.query<{ desk_id: string }>('SELECT desk_id FROM reference_ranges');
    expect(new Set(ranges.map((r) => r.desk_id))).toEqual(new Set([a.deskId, b.deskId]));
  }, 90_000);

  it('a desk whose ranges run out offline takes its desk-prefixed fallback, which no other desk repeats', async () => {
    server = await team.newServer();
    const [a, b] = [await desk(aoife), await desk(tomas)];
    await a.sync();
    // A desk that never reached the server has no range: its first case is a fallback one.
    b.online.value = false;
    const first = await logCase(b, tomas, 'Nguyễn Văn An');
    const tagB = `D${b.deskId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
    expect(first.reference).toBe(`CMP-${year}-${tagB}-0001`);
    // Desk A offline with a batch larger than its range: the range first, then its own fallback.
    a.online.value = false;
    const batch = await createCases(
      a.db,
      Array.from({ length: REFERENCE_RANGE_SIZE + 3 }, (_, i) => ({
        input: intake('2026-11-30T09:15:00Z', { complainant: { name: `Łukasz Wójcik ${i}` } }),
      })),
      aoife,
      rules,
    );
    const made = batch.flatMap((r) => (r.ok ? [r.record.reference] : []));
    expect(made).toHaveLength(REFERENCE_RANGE_SIZE + 3);
    const tagA = `D${a.deskId.replace(/-/g, '').slice(0, 8).toUpperCase()}`;
    expect(made.slice(-3)).toEqual([1, 2, 3].map((n) => `CMP-${year}-${tagA}-000${n}`));
    expect(made.slice(0, REFERENCE_RANGE_SIZE).every((r) => /^CMP-\d{4}-\d{6}$/.test(r))).toBe(true);

    a.online.value = b.online.value = true;
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    expect(await a.sync()).toEqual({ online: true });
    const all = await referencesOf(a);
    expect(all).toHaveLength(REFERENCE_RANGE_SIZE + 4);
    expect(new Set(all).size).toBe(all.length);
    expect(await referencesOf(b)).toEqual(all);
    // Back online, the desk holds a fresh range again.
    expect((await logCase(a, aoife, 'Ana Lúcia')).reference).toMatch(new RegExp(`^CMP-${year}-\\d{6}$`));
  }, 90_000);

  it('an import reserves its rows’ worth of references first, so none takes the fallback; offline it says how many lack', async () => {
    server = await team.newServer();
    const [a, b] = [await desk(tomas), await desk(aoife)];
    expect(await a.sync()).toEqual({ online: true });
    expect(await b.sync()).toEqual({ online: true });
    // More than one request's worth, with the few a pass keeps in hand already there.
    const rows = MAX_RANGE_REQUEST + REFERENCE_RANGE_SIZE + 7;
    const heard: [number, number][] = [];
    const hear = (held: number, wanted: number) => void heard.push([held, wanted]);
    // Cancelled before it asked: nothing is requested, and all but the few in hand lack.
    const cancelled = new AbortController();
    cancelled.abort();
    const inHandFirst =
      rows - (await reserveReferences(a.db, a.transport, rows, { signal: cancelled.signal }));
    expect(inHandFirst).toBeGreaterThan(0);
    expect(inHandFirst).toBeLessThanOrEqual(REFERENCE_RANGE_SIZE);
    expect(await reserveReferences(a.db, a.transport, rows, { onProgress: hear })).toBe(0);
    // The Import screen's bar: how many it held before each of its two requests.
    expect(heard).toHaveLength(2);
    expect(heard[0]![1]).toBe(rows);
    expect(heard[1]).toEqual([heard[0]![0] + MAX_RANGE_REQUEST, rows]);
    const imported = (from: number, n: number) =>
      Array.from({ length: n }, (_, i) => ({
        input: intake('2024-03-04T09:15:00Z', { complainant: { name: `Zoë O’Brien-Ngata ${from + i}` } }),
        imported: { externalRef: `OLD-${from + i}`, reason: 'Imported from legacy.csv' },
      }));
    const made = (await createCases(a.db, imported(0, rows), tomas, rules)).flatMap((r) =>
      r.ok ? [r.record.reference] : [],
    );
    expect(made).toHaveLength(rows);
    expect(made.every((r) => new RegExp(`^CMP-${year}-\\d{6}$`).test(r))).toBe(true);
    // Meanwhile desk B logs a case: its number is not one of the import's.
    const other = await logCase(b, aoife, 'Nguyễn Văn An');
    expect(made).not.toContain(other.reference);

    // Cut off: what the desk holds is counted, the rest lack, and those cases take the fallback.
    await a.sync();
    a.online.value = false;
    const held = (await a.db.syncState.get(REFERENCE_RANGES_KEY))?.ranges ?? [];
    const inHand = held.reduce((sum, r) => sum + (r.last - r.next + 1), 0);
    expect(await reserveReferences(a.db, a.transport, inHand + 5)).toBe(5);
    const offline = (await createCases(a.db, imported(rows, inHand + 5), tomas, rules)).flatMap((r) =>
      r.ok ? [r.record.reference] : [],
    );
    expect(offline.filter((r) => /-D[0-9A-F]{8}-\d{4}$/.test(r))).toHaveLength(5);

    // A single desk numbers its own cases: nothing is asked of a server.
    await setTeamMode(b.db, false, null);
    b.online.value = false;
    expect(await reserveReferences(b.db, b.transport, 10_000)).toBe(0);
  }, 120_000);

  it('a pulled case whose reference a local case already has is kept beside it under a marked reference', async () => {
    server = await team.newServer();
    const [a, b] = [await desk(aoife), await desk(tomas)];
    // Desk B numbered a case on its own before it joined the team.
    await setTeamMode(b.db, false, null);
    const before = await logCase(b, tomas, 'Siobhán Ó Súilleabháin');
    expect(before.reference).toBe(`CMP-${year}-000001`);
    await setTeamMode(b.db, true, b.deskId);
    // Desk A's range starts at the year's first number too (the server never saw desk B's).
    await a.sync();
    const theirs = await logCase(a, aoife, 'Chidi Okonkwo');
    expect(theirs.reference).toBe(`CMP-${year}-000001`);
    const later = await logCase(a, aoife, 'Ines Ferreira');
    expect(await a.sync()).toEqual({ online: true });

    expect(await b.sync()).toEqual({ online: true });
    expect((await b.db.cases.get(before.id))!.reference).toBe(`CMP-${year}-000001`);
    expect((await b.db.cases.get(theirs.id))!.reference).toBe(
      clashingReferenceLabel(`CMP-${year}-000001`, theirs.id),
    );
    expect((await b.db.cases.get(later.id))!.reference).toBe(later.reference);
    expect(await referenceClashes(b.db)).toEqual([{ caseId: theirs.id, reference: `CMP-${year}-000001` }]);
    // The marked reference stays this desk's own view: editing the case sends no reference change.
    await addNote(b.db, theirs.id, { text: 'Called back', pinned: false }, tomas);
    expect(await b.sync()).toEqual({ online: true });
    expect((await a.db.cases.get(theirs.id))!.reference).toBe(`CMP-${year}-000001`);
  }, 60_000);
});

describe('evidence in team mode', () => {
  it('a file added on desk A goes to the server before its record, once, and desk B opens it', async () => {
    server = await team.newServer();
    const [a, b] = [await desk(aoife), await desk(tomas)];
    await a.sync();
    const logged = await logCase(a, aoife, 'Đặng Thị Hoa');
    const bytes = Buffer.from('%PDF-1.4 bank statement, March: £42.10 taken twice\n');
    const sha256 = await storeDeskFile(a, bytes);
    const file = {
      name: 'statement (1).pdf',
      size: bytes.length,
      type: 'application/pdf',
      sha256,
      description: 'Statement',
    };
    // The server away: nothing is sent, everything waits.
    a.online.value = false;
    await addEvidence(a.db, logged.id, file, aoife);
    expect(await a.sync()).toMatchObject({ online: false });
    expect(await a.db.outbox.where('kind').equals('evidence').count()).toBe(1);
    a.online.value = true;
    expect(await a.sync()).toEqual({ online: true });
    expect(await a.db.outbox.count()).toBe(0);
    expect(await server.query('SELECT sha256 FROM evidence_files')).toEqual([{ sha256 }]);
    // A file the server has is not sent again.
    expect(await a.main.uploadEvidence(sha256)).toEqual({ online: true, outcome: 'sent', sent: false });

    expect(await b.sync()).toEqual({ online: true });
    const record = (await b.db.evidence.toArray())[0]!;
    expect(record.sha256).toBe(sha256);
    const store = evidenceStoreOf({ dataDir: b.dataDir }, createSettingsStore(b.dataDir), () =>
      diskSpaceOf([b.dataDir]),
    );
    const fetchMissing = createEvidenceFetcher(
      async () => team.cluster.config(team.cluster.app, server.database),
      store,
      // No session: the case is open to every desk.
      () => null,
    );
    await fetchMissing({ sha256, name: record.name });
    expect(await readFile(join(b.dataDir, 'evidence', sha256))).toEqual(bytes);
  }, 60_000);

  it('a tampered local file is refused by the server, and desk A is told once, not retried for ever', async () => {
    server = await team.newServer();
    const a = await desk(aoife);
    const logged = await logCase(a, aoife, 'Mary-Jane O’Connor');
    const real = Buffer.from('photo of the letter');
    const sha256 = createHash('sha256').update(real).digest('hex');
    await storeDeskFile(a, Buffer.from('photo of the letter, edited'), sha256);
    await addEvidence(
      a.db,
      logged.id,
      { name: 'letter.jpg', size: real.length, type: 'image/jpeg', sha256, description: '' },
      aoife,
    );
    expect(await a.sync()).toEqual({ online: true });
    const refused = await refusedEvidence(a.db);
    expect(refused).toEqual([
      { sha256, message: expect.stringContaining('refused this evidence file') as string },
    ]);
    // Its record went on (nothing held back), and nothing of the file is on the server.
    expect(await a.db.outbox.count()).toBe(0);
    expect(await server.query('SELECT sha256 FROM evidence_files')).toEqual([]);
    expect(await a.sync()).toEqual({ online: true });
    expect(await refusedEvidence(a.db)).toHaveLength(1);
  }, 60_000);
});

describe('evidence files that never went up with their records', () => {
  it('are sent by the desk that holds them, once; a record whose file a desk never held is passed over', async () => {
    server = await team.newServer();
    const [a, b] = [await desk(aoife), await desk(tomas)];
    const logged = await logCase(a, aoife, 'Siobhán Ní Bhriain');
    const files = await Promise.all(
      ['call notes 1 – Zoë.txt', 'call notes 2 – Zoë.txt', 'call notes 3 – Zoë.txt'].map(async (name) => {
        const bytes = Buffer.from(`${name}: the fee was taken twice in March\n`);
        return {
          name,
          size: bytes.length,
          type: 'text/plain',
          sha256: await storeDeskFile(a, bytes),
          description: '',
        };
      }),
    );
    for (const file of files) await addEvidence(a.db, logged.id, file, aoife);
    // Desk A's records went up without their files, as on a desk promoted before promotion sent
    // files (its transport then had no upload), so no pass after sends them with a record.
    const { uploadEvidence: _none, ...withoutUpload } = a.transport;
    expect(await syncOnce(a.db, withoutUpload, a.deskId)).toEqual({ online: true });
    expect(await server.query('SELECT sha256 FROM evidence_files')).toEqual([]);
    // Desk B pulls the records; it never held their files.
    expect(await b.sync()).toEqual({ online: true });
    expect(await b.db.evidence.count()).toBe(3);

    const sent = () => server.query<{ sha256: string }>('SELECT sha256 FROM evidence_files ORDER BY sha256');
    // The next pass sends them.
    expect(await a.sync()).toEqual({ online: true });
    expect((await sent()).map((r) => r.sha256)).toEqual(files.map((f) => f.sha256).sort());
    expect((await a.db.syncState.get(HELD_EVIDENCE_KEY))?.heldEvidence).toMatchObject({ done: true });
    // Desk B's pass finds none of them in its store: no refusal, nothing to tell.
    expect(await b.sync()).toEqual({ online: true });
    expect(await refusedEvidence(b.db)).toEqual([]);
    expect((await b.db.syncState.get(HELD_EVIDENCE_KEY))?.heldEvidence).toMatchObject({ done: true });
    // Once done, a pass asks nothing more.
    let asked = 0;
    const counting = {
      ...a.transport,
      uploadEvidence: (...args: Parameters<NonNullable<typeof a.transport.uploadEvidence>>) => {
        asked += 1;
        return a.transport.uploadEvidence!(...args);
      },
    };
    expect(await syncOnce(a.db, counting, a.deskId)).toEqual({ online: true });
    expect(asked).toBe(0);
  }, 60_000);
});

describe('authors of offline work', () => {
  /** A new server on which Aoife has an account. */
  async function serverWithAoife() {
    server = await team.newServer();
    await server.query(
      `INSERT INTO accounts (id, name, name_key, password_hash) VALUES ($1, $2, $3, '$scrypt$x')`,
      [aoife.id, aoife.name, 'aoife ni fhaolain'],
      team.cluster.owner,
    );
  }

  it('a change keeps the person who made it when someone else pushes it, if the server knows them', async () => {
    await serverWithAoife();
    let signedIn = aoife;
    const a = await openTeamDesk(
      team,
      () => server,
      () => ({ id: signedIn.id, name: signedIn.name }),
    );
    a.online.value = false;
    setOutboxAuthor(aoife);
    const logged = await logCase(a, aoife, 'Ngũgĩ wa Thiong’o');
    const stranger = person('u-x', 'Not On The Server', 'officer', 'manager');
    setOutboxAuthor(stranger);
    await addNote(a.db, logged.id, { text: 'Note by an account the server lacks', pinned: false }, stranger);
    // Tomás signs in at the desk and the changes go out under his session.
    signedIn = tomas;
    setOutboxAuthor(tomas);
    a.online.value = true;
    expect(await a.sync()).toEqual({ online: true });
    const actors = await server.query<{ kind: string; actor: { id: string; name: string } }>(
      `SELECT kind, actor FROM changes WHERE kind IN ('cases', 'notes') ORDER BY seq`,
    );
    expect(actors).toEqual([
      { kind: 'cases', actor: { id: aoife.id, name: aoife.name } },
      { kind: 'notes', actor: { id: tomas.id, name: tomas.name } },
    ]);
  }, 60_000);

  it('names an author only if they signed in on this desk: a desk cannot write under anyone else’s name', async () => {
    await serverWithAoife();
    // Aoife is an account on the server, but only Tomás has ever signed in here.
    const a = await openTeamDesk(
      team,
      () => server,
      () => ({ id: tomas.id, name: tomas.name }),
      { signedInHere: async (id) => id === tomas.id },
    );
    setOutboxAuthor(aoife);
    await logCase(a, aoife, 'Ngũgĩ wa Thiong’o');
    setOutboxAuthor(tomas);
    expect(await a.sync()).toEqual({ online: true });
    expect(await server.query(`SELECT actor FROM changes WHERE kind = 'cases' ORDER BY seq`)).toEqual([
      { actor: { id: tomas.id, name: tomas.name } },
    ]);
  }, 60_000);
});
