// Row-level security for restricted cases on a real throwaway PostgreSQL: the SQL rule agrees with
// permissions.ts on a table of cases × people, a pull carries only what the session's account may
// see, a push writes only what it may, and the desks' role without a session sees no restricted row.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { createEvidenceStore, EVIDENCE_DIR } from '../../../../../src-main/services/evidence/evidence-store';
import { evidenceHandlers } from '../../../../../src-main/services/evidence/handlers';
import { readOnly } from '../../../../../src-main/services/team/pool';
import {
  createEvidenceFetcher,
  EVIDENCE_NOT_VISIBLE,
  EVIDENCE_SESSION_CLOSED,
  fetchEvidence,
  uploadEvidence,
} from '../../../../../src-main/services/team/team-evidence';
import { readTrailPage } from '../../../../../src-main/services/team/team-trail';
import { createPasswordHasher } from '../../../../../src-main/services/accounts/passwords';
import {
  RESTRICTED_REFUSED,
  TeamSessionClosed,
  type TeamSync,
} from '../../../../../src-main/services/team/sync';
import { promoteAccounts, signInToTeam } from '../../../../../src-main/services/team/team-accounts';
import { defaultSecurityPolicy, type AccountRole } from '../../../../../src-shared/domain/accounts';
import { seesCase } from '../../../../../src-shared/domain/case-visibility';
import type { CaseSubject } from '../../../../../src-shared/domain/permissions';
import { chainAuditEntry, GENESIS_HASH } from '../../../../../src-shared/domain/audit';
import { PermissionError, SessionError } from '../../../../../src-shared/errors';
import {
  FOLLOWS_REFUSED_CODE,
  RESTRICTED_CODE,
  type SyncChange,
} from '../../../../../src-shared/domain/team-sync';
import { storedAccount, type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';
import { TEST_SCRYPT } from '../accounts/fixtures';

const team = useTeamCluster();
let server: TeamServer;
let app: Client;
let pool: Pool | undefined;
const dirs: string[] = [];

afterEach(async () => {
  await app?.end();
  await pool?.end();
  pool = undefined;
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const hasher = createPasswordHasher({ insecureTestParams: TEST_SCRYPT });
const PASSWORD = 'lantern harbour copper tide';

/** The office: who holds which roles. */
const PEOPLE: Record<string, { name: string; roles: AccountRole[] }> = {
  'u-officer': { name: 'Aoife Ní Fhaoláin', roles: ['officer'] },
  'u-officer2': { name: 'Kwame Mensah-Bonsu', roles: ['officer'] },
  'u-investigator': { name: 'Đặng Thị Hoa', roles: ['investigator'] },
  'u-manager': { name: 'Tomás Øberg-Nakamura', roles: ['manager'] },
  'u-admin': { name: 'Zoë Adeyemi', roles: ['administrator'] },
  'u-officer-admin': { name: 'Li Wei', roles: ['officer', 'administrator'] },
};

async function office(): Promise<void> {
  server = await team.newServer();
  app = new Client(team.cluster.config(team.cluster.app, server.database));
  await app.connect();
  const hash = await hasher.hash(PASSWORD);
  const accounts = Object.entries(PEOPLE).map(([id, { name, roles }]) =>
    storedAccount({ id, name, roles, passwordHash: hash }),
  );
  await promoteAccounts(app, { policy: defaultSecurityPolicy(), accounts });
}

async function tokenOf(id: string): Promise<string> {
  const result = await signInToTeam(app, {
    name: PEOPLE[id]!.name,
    password: PASSWORD,
    deskId: `desk-${id}`,
  });
  if (result.outcome !== 'ok') throw new Error(`${id} could not sign in: ${result.outcome}`);
  return result.session.token;
}

const actorOf = (id: string) => ({ id, name: PEOPLE[id]!.name });

function change(
  kind: string,
  id: string,
  baseVersion: number,
  fields: SyncChange['fields'],
  by: string,
): SyncChange {
  return {
    idempotencyKey: `${by}:${randomUUID()}`,
    kind,
    id,
    baseVersion,
    fields,
    actor: actorOf(by),
    at: '2026-12-01T10:30:00.000Z',
  };
}

const created = (data: Record<string, unknown>): SyncChange['fields'] =>
  Object.fromEntries(Object.entries(data).map(([k, v]) => [k, { before: null, after: v }]));

/** A case as a desk pushes it: logged by an officer, maybe restricted, assigned, escalated. */
const newCase = (
  reference: string,
  facts: { assigneeId: string; restricted: boolean; escalatedTo?: string },
) =>
  created({
    reference,
    status: 'investigating',
    assigneeId: facts.assigneeId,
    createdBy: actorOf('u-officer'),
    restricted: facts.restricted,
    escalation: facts.escalatedTo
      ? {
          reason: 'Complaint about a manager',
          owner: actorOf(facts.escalatedTo),
          at: '2026-12-01T10:00:00Z',
          by: actorOf('u-manager'),
        }
      : null,
    description: 'Whistleblowing: “expenses signed off without receipts” — see attached e-mail.',
  });

const headSeq = async () =>
  Number(
    (await server.query<{ last_seq: string }>('SELECT last_seq FROM sync_head', [], team.cluster.owner))[0]!
      .last_seq,
  );

const note = (caseId: string, text: string) => created({ caseId, text, author: actorOf('u-manager') });

/** A trail entry about `caseId`, as a manager's desk pushes it. */
const audit = (id: string, caseId: string): SyncChange => {
  const entry = chainAuditEntry(
    {
      at: '2026-12-01T10:31:00.000Z',
      actor: actorOf('u-manager'),
      entity: 'case',
      entityId: caseId,
      caseId,
      action: 'update',
      changes: [{ field: 'status', before: 'open', after: 'investigating' }],
      reason: 'Referred by HR — “sensitive”',
    },
    null,
  );
  // What a desk sends: the entry's content with its salt (as sync.test.ts does).
  const { at, actor, entity, entityId, action, changes, reason, salt } = entry;
  const content = { at, actor, entity, entityId, caseId, action, changes, reason, salt };
  return change('audit', id, 0, created(content), 'u-manager');
};

const pulledIds = async (sync: TeamSync, token: string | null) =>
  (await sync.pull(0, 1000, token)).changes.map((c) => `${c.kind}/${c.id}`);

describe('the rule in SQL agrees with permissions.ts', () => {
  it('on every case × person in the table', { timeout: 60_000 }, async () => {
    await office();
    const ids = Object.keys(PEOPLE);
    const subjects: CaseSubject[] = [];
    for (const restricted of [false, true])
      for (const assigneeId of ['', 'u-officer', 'u-investigator', 'u-officer2'])
        for (const escalationOwnerId of [null, 'u-officer', 'u-manager'])
          subjects.push({ assigneeId, escalationOwnerId, createdById: 'u-officer', restricted });
    const rows: { who: string; subject: CaseSubject; sql: boolean; ts: boolean }[] = [];
    for (const who of [...ids, 'u-nobody'])
      for (const subject of subjects) {
        const sql = (
          await app.query<{ sees: boolean }>('SELECT redress_sees_case($1, $2, $3, $4) AS sees', [
            who,
            subject.restricted,
            subject.assigneeId,
            subject.escalationOwnerId,
          ])
        ).rows[0]!.sees;
        const roles = PEOPLE[who]?.roles ?? [];
        rows.push({ who, subject, sql, ts: seesCase({ id: who, roles }, subject) });
      }
    expect(rows.filter((r) => r.sql !== r.ts)).toEqual([]);
    // The table is not trivial: both answers occur, and the creator of a restricted case is refused.
    expect(rows.some((r) => r.sql) && rows.some((r) => !r.sql)).toBe(true);
    expect(
      rows.find((r) => r.who === 'u-officer' && r.subject.restricted && r.subject.assigneeId === 'u-officer2')
        ?.sql,
    ).toBe(false);
  });
});

describe('row-level security on records and changes', { timeout: 60_000 }, () => {
  it('an officer’s pull does not carry a restricted case (nor its notes) that others see', async () => {
    await office();
    const [manager, officer, investigator] = await Promise.all([
      tokenOf('u-manager'),
      tokenOf('u-officer'),
      tokenOf('u-investigator'),
    ]);
    const desk = server.sync();
    await desk.push(
      'desk-m',
      [
        change(
          'cases',
          'case-open',
          0,
          newCase('CMP-2026-0101', { assigneeId: 'u-officer2', restricted: false }),
          'u-manager',
        ),
        change(
          'cases',
          'case-secret',
          0,
          newCase('CMP-2026-0102', { assigneeId: 'u-investigator', restricted: true }),
          'u-manager',
        ),
        change('notes', 'note-secret', 0, note('case-secret', 'Spoke to HR in confidence.'), 'u-manager'),
        change('notes', 'note-open', 0, note('case-open', 'Called back, left a message.'), 'u-manager'),
      ],
      manager,
    );
    const everything = ['cases/case-open', 'cases/case-secret', 'notes/note-secret', 'notes/note-open'];
    expect(await pulledIds(desk, manager)).toEqual(everything);
    expect(await pulledIds(desk, investigator)).toEqual(everything);
    // Even though the officer logged it (createdBy), a restricted case not given to them stays away.
    expect(await pulledIds(desk, officer)).toEqual(['cases/case-open', 'notes/note-open']);
    expect(await pulledIds(desk, null)).toEqual(['cases/case-open', 'notes/note-open']);
    // A token that is no one's (or a session ended or expired) pulls nothing at all: answering as for
    // nobody would pass the desk over the restricted changes its person may see.
    await expect(pulledIds(desk, 'f'.repeat(64))).rejects.toThrow(TeamSessionClosed);
    // catchUp passes the session to every page.
    const pages: string[] = [];
    await desk.catchUp(0, 1, async (page) => void pages.push(...page.changes.map((c) => c.id)), officer);
    expect(pages).toEqual(['case-open', 'note-open']);
  });

  it('the desks’ role without a session sees no restricted row by direct SQL; the owner sees them all', async () => {
    await office();
    const manager = await tokenOf('u-manager');
    await server
      .sync()
      .push(
        'desk-m',
        [
          change(
            'cases',
            'case-secret',
            0,
            newCase('CMP-2026-0103', { assigneeId: 'u-officer', restricted: true }),
            'u-manager',
          ),
          change('notes', 'note-secret', 0, note('case-secret', 'Grievance meeting on Friday.'), 'u-manager'),
        ],
        manager,
      );
    expect(await app.query('SELECT id FROM records')).toMatchObject({ rowCount: 0 });
    expect(await app.query('SELECT seq FROM changes')).toMatchObject({ rowCount: 0 });
    expect(await app.query("SELECT id FROM records WHERE data->>'text' LIKE '%Friday%'")).toMatchObject({
      rowCount: 0,
    });
    const owner = await server.query<{ id: string; restricted: boolean }>(
      'SELECT id, restricted FROM records ORDER BY id',
      [],
      team.cluster.owner,
    );
    // The server marked the note restricted itself, from its case.
    expect(owner).toEqual([
      { id: 'case-secret', restricted: true },
      { id: 'note-secret', restricted: true },
    ]);
    // Nor can the role rewrite history or unmark a row it cannot see.
    await expect(app.query("UPDATE audit SET desk_id = 'x'")).rejects.toThrow(/permission denied/);
    expect(await app.query('UPDATE records SET restricted = false')).toMatchObject({ rowCount: 0 });
  });

  it('refuses each change that writes a restricted case the account may not, takes the rest, and leaks nothing in the refusal', async () => {
    await office();
    const [manager, officer] = await Promise.all([tokenOf('u-manager'), tokenOf('u-officer')]);
    const desk = server.sync();
    await desk.push(
      'desk-m',
      [
        change(
          'cases',
          'case-secret',
          0,
          newCase('CMP-2026-0104', { assigneeId: 'u-investigator', restricted: true }),
          'u-manager',
        ),
      ],
      manager,
    );
    const headBefore = await headSeq();
    // One push, as a desk back from a day offline sends it: a new restricted case given to someone
    // else, a note on someone else's restricted case (and the note edited after), overwriting that
    // case as if new, and the officer's ordinary work between them.
    const batch = [
      change(
        'cases',
        'case-mine',
        0,
        newCase('CMP-2026-0105', { assigneeId: 'u-officer2', restricted: true }),
        'u-officer',
      ),
      change(
        'cases',
        'case-open',
        0,
        newCase('CMP-2026-0106', { assigneeId: 'u-officer', restricted: false }),
        'u-officer',
      ),
      change('notes', 'n-1', 0, note('case-secret', 'Peeking.'), 'u-officer'),
      change('notes', 'n-1', 1, { text: { before: 'Peeking.', after: 'Peeking again.' } }, 'u-officer'),
      change('cases', 'case-secret', 0, created({ status: 'closed' }), 'u-officer'),
      change('notes', 'n-open', 0, note('case-open', 'Rang the complainant back.'), 'u-officer'),
    ];
    const pushed = await desk.push('desk-o', batch, officer);
    expect(pushed.results.map((r) => [r.status, 'code' in r ? r.code : null])).toEqual([
      ['refused', RESTRICTED_CODE],
      ['applied', null],
      ['refused', RESTRICTED_CODE],
      ['refused', FOLLOWS_REFUSED_CODE],
      ['refused', RESTRICTED_CODE],
      ['applied', null],
    ]);
    expect(pushed.results[0]).toMatchObject({ message: RESTRICTED_REFUSED, serverData: null });
    // Nothing of the restricted case travels back in the refusal of its overwrite.
    expect(pushed.results[4]).toMatchObject({ serverVersion: 0, serverData: null });
    // The seqs stay gap-free: two changes taken, two seqs.
    expect(pushed.headSeq).toBe(headBefore + 2);
    expect(pushed.results.filter((r) => r.status === 'applied').map((r) => r.seq)).toEqual([
      headBefore + 1,
      headBefore + 2,
    ]);
    // The same batch sent again (the answer lost): the taken ones replay, the refused are refused again.
    const again = await desk.push('desk-o', batch, officer);
    expect(again.headSeq).toBe(headBefore + 2);
    expect(again.results.map((r) => (r.status === 'applied' ? r.replayed : r.status))).toEqual([
      'refused',
      true,
      'refused',
      'refused',
      'refused',
      true,
    ]);
    // Editing it: the server answers as if it had no such record, without its data.
    const edit = await desk.push(
      'desk-o',
      [
        change(
          'cases',
          'case-secret',
          1,
          { status: { before: 'investigating', after: 'closed' } },
          'u-officer',
        ),
      ],
      officer,
    );
    expect(edit.results).toEqual([
      expect.objectContaining({ status: 'conflict', reason: 'unknown-version', serverData: null }),
    ]);
    // Nothing of the refused pushes stayed.
    const rows = await server.query<{ id: string; status: string }>(
      "SELECT id, data->>'status' AS status FROM records ORDER BY id",
      [],
      team.cluster.owner,
    );
    expect(rows).toEqual([
      { id: 'case-open', status: 'investigating' },
      { id: 'case-secret', status: 'investigating' },
      { id: 'n-open', status: null },
    ]);
    // The one it is given to may write it and its notes.
    const investigator = await tokenOf('u-investigator');
    const ok = await desk.push(
      'desk-i',
      [
        change(
          'cases',
          'case-secret',
          1,
          { status: { before: 'investigating', after: 'proposed' } },
          'u-investigator',
        ),
        change('notes', 'n-2', 0, note('case-secret', 'Interviewed the witness.'), 'u-investigator'),
      ],
      investigator,
    );
    expect(ok.results.map((r) => r.status)).toEqual(['applied', 'applied']);
  });

  it('a case restricted later takes its notes out of an officer’s pull, and escalating it to them brings them back', async () => {
    await office();
    const [manager, officer] = await Promise.all([tokenOf('u-manager'), tokenOf('u-officer2')]);
    const desk = server.sync();
    await desk.push(
      'desk-m',
      [
        change(
          'cases',
          'c-1',
          0,
          newCase('CMP-2026-0106', { assigneeId: 'u-investigator', restricted: false }),
          'u-manager',
        ),
        change('notes', 'n-1', 0, note('c-1', 'First call with the complainant.'), 'u-manager'),
      ],
      manager,
    );
    expect(await pulledIds(desk, officer)).toEqual(['cases/c-1', 'notes/n-1']);
    await desk.push(
      'desk-m',
      [change('cases', 'c-1', 1, { restricted: { before: false, after: true } }, 'u-manager')],
      manager,
    );
    expect(await pulledIds(desk, officer)).toEqual([]);
    // Escalated to the officer: now theirs to see, notes and all.
    await desk.push(
      'desk-m',
      [
        change(
          'cases',
          'c-1',
          2,
          {
            escalation: {
              before: null,
              after: {
                reason: 'Needs a second look',
                owner: actorOf('u-officer2'),
                at: '2026-12-02T09:00:00Z',
                by: actorOf('u-manager'),
              },
            },
          },
          'u-manager',
        ),
      ],
      manager,
    );
    expect(await pulledIds(desk, officer)).toEqual(['cases/c-1', 'notes/n-1', 'cases/c-1', 'cases/c-1']);
  });
  it('a push sent again after its answer was lost replays, though the case was restricted from its sender meanwhile', async () => {
    await office();
    const [manager, officer] = await Promise.all([tokenOf('u-manager'), tokenOf('u-officer2')]);
    const desk = server.sync();
    await desk.push(
      'desk-m',
      [
        change(
          'cases',
          'c-2',
          0,
          newCase('CMP-2026-0107', { assigneeId: 'u-investigator', restricted: false }),
          'u-manager',
        ),
      ],
      manager,
    );
    // The officer's note reaches the server; its answer does not reach the desk.
    const batch = [change('notes', 'n-2', 0, note('c-2', 'Called back at 14:10.'), 'u-officer2')];
    const first = await desk.push('desk-o2', batch, officer);
    expect(first.results).toEqual([expect.objectContaining({ status: 'applied', replayed: false })]);
    const head = await headSeq();
    await desk.push(
      'desk-m',
      [change('cases', 'c-2', 1, { restricted: { before: false, after: true } }, 'u-manager')],
      manager,
    );
    // Sent again: the server knows the key though the officer may no longer see the note, and
    // nothing is written twice (it took it as new, failed on the key, and the desk stalled).
    const again = await desk.push('desk-o2', batch, officer);
    expect(again.results).toEqual([{ ...first.results[0], replayed: true }]);
    expect(again.headSeq).toBe(head + 1);
    // From a new desk id (this desk restored onto another computer), the same: a replay.
    expect((await desk.push('desk-restored', batch, officer)).results).toEqual([
      { ...first.results[0], replayed: true },
    ]);
  });

  it('an audit entry about a restricted case goes only to those who see the case', async () => {
    await office();
    const [manager, officer] = await Promise.all([tokenOf('u-manager'), tokenOf('u-officer')]);
    const desk = server.sync();
    await desk.push(
      'desk-m',
      [
        change(
          'cases',
          'c-secret',
          0,
          newCase('CMP-2026-0107', { assigneeId: 'u-manager', restricted: true }),
          'u-manager',
        ),
        change(
          'cases',
          'c-open',
          0,
          newCase('CMP-2026-0108', { assigneeId: 'u-officer', restricted: false }),
          'u-manager',
        ),
        audit('desk-m:1', 'c-secret'),
        audit('desk-m:2', 'c-open'),
      ],
      manager,
    );
    expect(await pulledIds(desk, manager)).toEqual([
      'cases/c-secret',
      'cases/c-open',
      'audit/desk-m:1',
      'audit/desk-m:2',
    ]);
    expect(await pulledIds(desk, officer)).toEqual(['cases/c-open', 'audit/desk-m:2']);
  });

  it('a page whose newest changes are hidden ends at the head; a full page ends at its last change', async () => {
    await office();
    const [manager, officer] = await Promise.all([tokenOf('u-manager'), tokenOf('u-officer')]);
    const desk = server.sync();
    const secret = (id: string, reference: string) =>
      change('cases', id, 0, newCase(reference, { assigneeId: 'u-manager', restricted: true }), 'u-manager');
    const open = (id: string, reference: string) =>
      change('cases', id, 0, newCase(reference, { assigneeId: 'u-officer', restricted: false }), 'u-manager');
    // seq 1 open, 2 hidden, 3 open, 4–5 hidden.
    await desk.push(
      'desk-m',
      [
        open('c-1', 'CMP-2026-0111'),
        secret('s-1', 'CMP-2026-0112'),
        open('c-2', 'CMP-2026-0113'),
        secret('s-2', 'CMP-2026-0114'),
        secret('s-3', 'CMP-2026-0115'),
      ],
      manager,
    );
    const page = async (since: number, limit: number) => {
      const p = await desk.pull(since, limit, officer);
      return { ids: p.changes.map((c) => c.id), lastSeq: p.lastSeq, headSeq: p.headSeq };
    };
    // Full pages end at their last change: c-2 is not skipped, the hidden s-1 before it is.
    expect(await page(0, 1)).toEqual({ ids: ['c-1'], lastSeq: 1, headSeq: 5 });
    expect(await page(1, 1)).toEqual({ ids: ['c-2'], lastSeq: 3, headSeq: 5 });
    // Short pages hold all the officer may see up to the head: they end there.
    expect(await page(3, 1)).toEqual({ ids: [], lastSeq: 5, headSeq: 5 });
    expect(await page(0, 10)).toEqual({ ids: ['c-1', 'c-2'], lastSeq: 5, headSeq: 5 });
    expect(await page(5, 10)).toEqual({ ids: [], lastSeq: 5, headSeq: 5 });
    // Never behind the seq asked from (a desk that is ahead of this server stays where it is).
    expect(await page(9, 10)).toEqual({ ids: [], lastSeq: 9, headSeq: 5 });
    // The manager, who sees them all, gets each change.
    expect((await desk.pull(3, 10, manager)).changes.map((c) => c.id)).toEqual(['s-2', 's-3']);
    // catchUp stores the empty page's place too.
    const stored: number[] = [];
    expect(await desk.catchUp(1, 1, async (p) => void stored.push(p.lastSeq), officer)).toBe(5);
    expect(stored).toEqual([3, 5]);
  });

  it('an audit entry written before its case was restricted leaves an officer’s pull with the case, and comes back when the case is opened', async () => {
    await office();
    const [manager, officer] = await Promise.all([tokenOf('u-manager'), tokenOf('u-officer')]);
    const desk = server.sync();
    await desk.push(
      'desk-m',
      [
        change(
          'cases',
          'c-later',
          0,
          newCase('CMP-2026-0109', { assigneeId: 'u-investigator', restricted: false }),
          'u-manager',
        ),
        audit('desk-m:later-1', 'c-later'),
        audit('desk-m:open-1', 'c-other'),
      ],
      manager,
    );
    expect(await pulledIds(desk, officer)).toEqual([
      'cases/c-later',
      'audit/desk-m:later-1',
      'audit/desk-m:open-1',
    ]);
    const restrict = (restricted: boolean, base: number) =>
      desk.push(
        'desk-m',
        [
          change(
            'cases',
            'c-later',
            base,
            { restricted: { before: !restricted, after: restricted } },
            'u-manager',
          ),
        ],
        manager,
      );
    await restrict(true, 1);
    // Neither the case's changes nor the entry written before it was restricted; not by direct SQL either.
    expect(await pulledIds(desk, officer)).toEqual(['audit/desk-m:open-1']);
    await app.query('BEGIN');
    await app.query("SELECT set_config('redress.session', $1, true)", [officer]);
    const direct = await app.query<{ id: string }>(
      "SELECT id FROM changes WHERE kind = 'audit' ORDER BY seq",
    );
    await app.query('COMMIT');
    expect(direct.rows.map((r) => r.id)).toEqual(['desk-m:open-1']);
    // The manager still sees it all.
    expect(await pulledIds(desk, manager)).toEqual([
      'cases/c-later',
      'audit/desk-m:later-1',
      'audit/desk-m:open-1',
      'cases/c-later',
    ]);
    await restrict(false, 2);
    expect(await pulledIds(desk, officer)).toEqual([
      'cases/c-later',
      'audit/desk-m:later-1',
      'audit/desk-m:open-1',
      'cases/c-later',
      'cases/c-later',
    ]);
  });
});

describe('row-level security on the trail and on evidence (migration 19)', { timeout: 60_000 }, () => {
  /** A desk's evidence store in a folder of its own. */
  async function deskStore() {
    const dir = await mkdtemp(join(tmpdir(), 'redress-rls-evidence-'));
    dirs.push(dir);
    const store = createEvidenceStore(dir, {
      maxBytes: async () => 50 * 1024 * 1024,
      openPath: async () => '',
    });
    return { dir, store };
  }

  const evidenceOf = (caseId: string, name: string, sha256: string) =>
    created({
      caseId,
      name,
      size: 40,
      type: 'application/pdf',
      sha256,
      description: '',
      addedBy: actorOf('u-manager'),
    });

  const byManager = (kind: string, id: string, fields: SyncChange['fields']) =>
    change(kind, id, 0, fields, 'u-manager');

  /**
   * A restricted case given to the investigator and an open one, each with an evidence file (sent
   * before its record, as a desk does) and trail entries; the newest entry is the restricted case's.
   */
  async function restrictedCaseOnServer() {
    await office();
    pool = new Pool(team.cluster.config(team.cluster.app, server.database));
    const manager = await tokenOf('u-manager');
    const { dir, store } = await deskStore();
    const secret = await store.importBytes(
      'statement.pdf',
      Buffer.from('%PDF-1.7 Zoë’s statement: the name of the whistleblower'),
    );
    const open = await store.importBytes('receipt.pdf', Buffer.from('%PDF-1.7 Receipt 4411'));
    for (const { sha256 } of [secret, open])
      expect(await uploadEvidence(pool, { dataDir: dir, deskId: 'desk-m', sha256 })).toEqual({
        uploaded: true,
      });
    await server
      .sync()
      .push(
        'desk-m',
        [
          byManager(
            'cases',
            'c-secret',
            newCase('CMP-2026-0120', { assigneeId: 'u-investigator', restricted: true }),
          ),
          byManager(
            'cases',
            'c-open',
            newCase('CMP-2026-0121', { assigneeId: 'u-officer', restricted: false }),
          ),
          byManager('evidence', 'e-secret', evidenceOf('c-secret', 'statement.pdf', secret.sha256)),
          byManager('evidence', 'e-open', evidenceOf('c-open', 'receipt.pdf', open.sha256)),
          audit('desk-m:secret-1', 'c-secret'),
          audit('desk-m:open-1', 'c-open'),
          audit('desk-m:secret-2', 'c-secret'),
        ],
        manager,
      );
    return { secret: secret.sha256, open: open.sha256 };
  }

  /** `sql`'s rows as the desks' role, under `session` (claimed as a desk claims it). */
  const asDesk = async <R extends Record<string, unknown>>(
    session: string | null,
    sql: string,
    params: unknown[] = [],
  ) => readOnly(pool!, session, async (client) => (await client.query<R>(sql, params)).rows);

  it('a session that may not see a restricted case reads none of its trail entries by direct SQL; one that may reads them all', async () => {
    await restrictedCaseOnServer();
    const [officer, investigator, manager] = await Promise.all([
      tokenOf('u-officer'),
      tokenOf('u-investigator'),
      tokenOf('u-manager'),
    ]);
    const casesOfTrail = async (session: string | null) =>
      (
        await asDesk<{ case_id: string }>(
          session,
          "SELECT entry->>'caseId' AS case_id FROM audit ORDER BY seq",
        )
      ).map((r) => r.case_id);
    expect(await casesOfTrail(officer)).toEqual(['c-open']);
    expect(await casesOfTrail(null)).toEqual(['c-open']);
    expect(await casesOfTrail(investigator)).toEqual(['c-secret', 'c-open', 'c-secret']);
    expect(await casesOfTrail(manager)).toEqual(['c-secret', 'c-open', 'c-secret']);
    // Not by a value either: the restricted entries' payloads match nothing for the officer.
    expect(
      await asDesk(
        officer,
        "SELECT seq FROM audit WHERE entry->>'caseId' = 'c-secret' OR entry::text LIKE '%c-secret%'",
      ),
    ).toEqual([]);
    // Still insert-only for the desks' role.
    await expect(app.query("UPDATE audit SET desk_id = 'x'")).rejects.toThrow(/permission denied/);
    await expect(app.query('DELETE FROM audit')).rejects.toThrow(/permission denied/);
  });

  it('the chain extends past an entry the pushing session may not see, and verifies for every session without giving hidden entries', async () => {
    await restrictedCaseOnServer();
    const [officer, investigator] = await Promise.all([tokenOf('u-officer'), tokenOf('u-investigator')]);
    // The newest entry is the restricted case's: the officer's push links after it all the same.
    const pushed = await server
      .sync()
      .push('desk-o', [{ ...audit('desk-o:1', 'c-open'), actor: actorOf('u-officer') }], officer);
    expect(pushed.results).toEqual([expect.objectContaining({ status: 'applied' })]);
    const page = (session: string | null) =>
      readTrailPage(pool!, { afterSeq: 0, prevHash: GENESIS_HASH, limit: 100 }, session);
    for (const session of [officer, investigator, null]) {
      const checked = await page(session);
      expect(checked.broken).toBeNull();
      expect(checked.entries).toHaveLength(4);
      expect(checked.last).toEqual(checked.head);
    }
    const seenBy = async (session: string | null) =>
      (await page(session)).entries.map((e) => e.digest !== null);
    expect(await seenBy(officer)).toEqual([false, true, false, true]);
    expect(await seenBy(investigator)).toEqual([true, true, true, true]);
    // What the server gives of a hidden entry: its links and key, never its header or payload.
    const rows = await asDesk<{ entry: unknown; key: string }>(
      officer,
      'SELECT entry, key FROM redress_trail_page(0, 100)',
    );
    expect(rows.map((r) => r.entry === null)).toEqual([true, false, true, false]);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key))).toBe(true);
  });

  it('evidence of a restricted case cannot be read or fetched by a session that may not see the case; its investigator gets it', async () => {
    const { secret, open } = await restrictedCaseOnServer();
    const [officer, investigator] = await Promise.all([tokenOf('u-officer'), tokenOf('u-investigator')]);
    // By direct SQL, the officer's session (or none) sees only the open case's file and chunks.
    for (const session of [officer, null]) {
      expect(await asDesk(session, 'SELECT sha256 FROM evidence_files')).toEqual([{ sha256: open }]);
      expect(await asDesk(session, 'SELECT sha256 FROM evidence_chunks')).toEqual([{ sha256: open }]);
    }
    expect(
      await asDesk(investigator, 'SELECT sha256 FROM evidence_chunks WHERE sha256 = $1', [secret]),
    ).toEqual([{ sha256: secret }]);
    // The unused table of version 3 keeps to the same rule.
    const bytes = Buffer.from('%PDF-1.7 Zoë’s statement: the name of the whistleblower');
    await server.query(
      "INSERT INTO evidence_blobs (sha256, size, bytes, desk_id) VALUES ($1, $2, $3, 'desk-m')",
      [secret, bytes.length, bytes],
      team.cluster.owner,
    );
    expect(await asDesk(officer, 'SELECT sha256 FROM evidence_blobs')).toEqual([]);
    expect(await asDesk(investigator, 'SELECT sha256 FROM evidence_blobs')).toEqual([{ sha256: secret }]);

    // Fetched by main: refused, and nothing of it on the officer's desk; the open case's file comes.
    const o = await deskStore();
    for (const session of [officer, null]) {
      const refusal = fetchEvidence(pool!, o.store, { sha256: secret, name: 'statement.pdf' }, session);
      await expect(refusal).rejects.toThrow(EVIDENCE_NOT_VISIBLE);
      await expect(refusal).rejects.toBeInstanceOf(PermissionError);
    }
    expect(await o.store.exists(secret)).toBe(false);
    expect(await fetchEvidence(pool!, o.store, { sha256: open, name: 'receipt.pdf' }, officer)).toEqual({
      fetched: true,
    });
    // Opened on the officer's desk (evidence:open fetches a missing file under the person's session).
    const config = team.cluster.config(team.cluster.app, server.database);
    const opens = (store: typeof o.store, session: string | null) =>
      evidenceHandlers(
        store,
        undefined,
        createEvidenceFetcher(
          async () => config,
          store,
          () => session,
        ),
      )['evidence:open']({ sha256: secret, name: 'statement.pdf' });
    await expect(opens(o.store, officer)).rejects.toThrow(EVIDENCE_NOT_VISIBLE);
    expect(await o.store.exists(secret)).toBe(false);

    // The investigator's desk gets it, whole.
    const i = await deskStore();
    expect(await opens(i.store, investigator)).toEqual({ opened: true });
    expect(await readFile(join(i.dir, EVIDENCE_DIR, secret))).toEqual(bytes);

    // A session ended on the server fetches nothing, and says so.
    await app.query('SELECT redress_sign_out($1)', [investigator]);
    const ended = await deskStore();
    const closed = fetchEvidence(pool!, ended.store, { sha256: secret, name: 'statement.pdf' }, investigator);
    await expect(closed).rejects.toThrow(EVIDENCE_SESSION_CLOSED);
    await expect(closed).rejects.toBeInstanceOf(SessionError);
    expect(await ended.store.exists(secret)).toBe(false);
  });

  it('a file sent before its record, or again by a desk that may not see its case, is taken without being sent twice', async () => {
    const { secret } = await restrictedCaseOnServer();
    const officer = await tokenOf('u-officer');
    const o = await deskStore();
    const early = await o.store.importBytes('photo.jpg', Buffer.from('JFIF a photo of the damaged parcel'));
    expect(await uploadEvidence(pool!, { dataDir: o.dir, deskId: 'desk-o', sha256: early.sha256 })).toEqual({
      uploaded: true,
    });
    // No record names it yet: nobody reads it through the desks' role, but the server holds it.
    expect(
      await asDesk(officer, 'SELECT sha256 FROM evidence_files WHERE sha256 = $1', [early.sha256]),
    ).toEqual([]);
    expect(await uploadEvidence(pool!, { dataDir: o.dir, deskId: 'desk-o', sha256: early.sha256 })).toEqual({
      uploaded: false,
    });
    // The restricted case's file, held by this desk too: the server has it, nothing is sent.
    await o.store.importBytes(
      'statement.pdf',
      Buffer.from('%PDF-1.7 Zoë’s statement: the name of the whistleblower'),
    );
    const chunksBefore = await server.query(
      'SELECT count(*)::int AS n FROM evidence_chunks',
      [],
      team.cluster.owner,
    );
    expect(await uploadEvidence(pool!, { dataDir: o.dir, deskId: 'desk-o', sha256: secret })).toEqual({
      uploaded: false,
    });
    expect(
      await server.query('SELECT count(*)::int AS n FROM evidence_chunks', [], team.cluster.owner),
    ).toEqual(chunksBefore);
    // Once its record is pushed, the photo is the open case's like any other.
    await server.sync().push(
      'desk-o',
      [
        {
          ...change('evidence', 'e-photo', 0, evidenceOf('c-open', 'photo.jpg', early.sha256), 'u-officer'),
        },
      ],
      officer,
    );
    expect(
      await asDesk(officer, 'SELECT sha256 FROM evidence_files WHERE sha256 = $1', [early.sha256]),
    ).toEqual([{ sha256: early.sha256 }]);
  });
});
