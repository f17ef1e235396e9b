// The sync service against a real throwaway PostgreSQL, as the desks' role: idempotent pushes,
// merges and refused conflicts, a gap-free sequence under concurrent desks, the insert-only audit
// chain, and NOTIFY.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  chainAuditEntry,
  createChainVerifier,
  type AuditDraft,
} from '../../../../../src-shared/domain/audit';
import { ValidationError } from '../../../../../src-shared/errors';
import {
  listenForChanges,
  RESTRICTED_REFUSED,
  type PushConflict,
} from '../../../../../src-main/services/team/sync';
import {
  FOLLOWS_REFUSED_CODE,
  MAX_PULL_PAGE,
  RESTRICTED_CODE,
  SIGNED_OFF_CODE,
  SIGNED_OFF_REFUSED,
  type SyncChange,
} from '../../../../../src-shared/domain/team-sync';
import { type TeamServer } from '../../../../support/team-server';
import { useTeamCluster } from '../../../../support/use-team-cluster';

const team = useTeamCluster();
let server: TeamServer;

const OFFICER = { id: 'u-officer', name: 'Aoife Ní Fhaoláin' };
const MANAGER = { id: 'u-manager', name: 'Tomás Øberg-Nakamura' };

let keys = 0;
const key = (desk: string) => `${desk}:${String((keys += 1)).padStart(6, '0')}:${randomUUID()}`;

function caseChange(
  desk: string,
  id: string,
  baseVersion: number,
  fields: SyncChange['fields'],
  actor = OFFICER,
): SyncChange {
  return {
    idempotencyKey: key(desk),
    kind: 'cases',
    id,
    baseVersion,
    fields,
    actor,
    at: '2026-11-30T09:15:00.000Z',
  };
}

const NEW_CASE: SyncChange['fields'] = {
  reference: { before: null, after: 'CMP-2026-0042' },
  status: { before: null, after: 'open' },
  assigneeId: { before: null, after: 'u-officer' },
  complainant: {
    before: null,
    after: { name: 'Đặng Thị Hoa', email: 'hoa@example.vn', phone: '+84 24 3825 1234' },
  },
  description: {
    before: null,
    after: 'Charged twice for the October direct debit — “no refund yet”.\nRef: DD/10/77',
  },
};

const count = async (table: string) =>
  Number((await server.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n);

describe('push and pull', () => {
  it('applies a new case, then returns it to another desk with the data and version', async () => {
    server = await team.newServer();
    const deskA = server.sync();
    const created = await deskA.push('desk-a', [caseChange('a', 'case-1', 0, NEW_CASE)]);
    expect(created.results).toEqual([
      expect.objectContaining({ status: 'applied', seq: 1, version: 1, replayed: false }),
    ]);
    const pulled = await server.sync().pull(0, 100);
    expect(pulled.lastSeq).toBe(1);
    expect(pulled.headSeq).toBe(1);
    expect(pulled.changes).toHaveLength(1);
    expect(pulled.changes[0]).toMatchObject({
      seq: 1,
      deskId: 'desk-a',
      kind: 'cases',
      id: 'case-1',
      version: 1,
      actor: OFFICER,
      at: '2026-11-30T09:15:00.000Z',
      record: { version: 1, restricted: false },
    });
    expect(pulled.changes[0]!.record!.data).toEqual({
      reference: 'CMP-2026-0042',
      status: 'open',
      assigneeId: 'u-officer',
      complainant: { name: 'Đặng Thị Hoa', email: 'hoa@example.vn', phone: '+84 24 3825 1234' },
      description: 'Charged twice for the October direct debit — “no refund yet”.\nRef: DD/10/77',
    });
    // The record says it all: the change's fields, which repeat it, are not sent again.
    expect(pulled.changes[0]!.fields).toEqual({});
    expect(await deskA.pull(1, 100)).toEqual({ changes: [], lastSeq: 1, headSeq: 1 });
    // A desk may ask for pages of up to MAX_PULL_PAGE changes.
    expect((await deskA.pull(0, MAX_PULL_PAGE)).changes).toHaveLength(1);
    await expect(deskA.pull(0, MAX_PULL_PAGE + 1)).rejects.toThrow(
      `A pull asks for 1 to ${MAX_PULL_PAGE} changes.`,
    );
  });

  it('returns the earlier result for a replayed idempotency key and applies nothing', async () => {
    server = await team.newServer();
    const desk = server.sync();
    const batch = [
      caseChange('a', 'case-1', 0, NEW_CASE),
      caseChange('a', 'case-1', 1, { status: { before: 'open', after: 'investigating' } }),
    ];
    const first = await desk.push('desk-a', batch);
    const again = await desk.push('desk-a', batch);
    expect(again.results).toEqual(first.results.map((r) => ({ ...r, replayed: true })));
    expect(await count('changes')).toBe(2);
    const [record] = await server.query<{ version: string; status: string }>(
      "SELECT version, data->>'status' AS status FROM records",
    );
    expect(record).toEqual({ version: '2', status: 'investigating' });
    // A key reused for another record is a desk's bug, not a replay: refused, nothing applied.
    const reused = { ...caseChange('a', 'case-2', 0, NEW_CASE), idempotencyKey: batch[0]!.idempotencyKey };
    await expect(desk.push('desk-a', [reused])).rejects.toThrow(/already used for another record/);
    expect(await count('changes')).toBe(2);
  });

  it('merges edits of different fields made on two desks from the same version', async () => {
    server = await team.newServer();
    const [deskA, deskB] = [server.sync(), server.sync()];
    await deskA.push('desk-a', [caseChange('a', 'case-1', 0, NEW_CASE)]);
    // Both desks hold version 1. A moves the status, B (offline meanwhile) reassigns.
    await deskA.push('desk-a', [
      caseChange('a', 'case-1', 1, { status: { before: 'open', after: 'investigating' } }),
    ]);
    const merged = await deskB.push('desk-b', [
      caseChange('b', 'case-1', 1, { assigneeId: { before: 'u-officer', after: 'u-investigator' } }, MANAGER),
    ]);
    expect(merged.results[0]).toMatchObject({ status: 'applied', version: 3, seq: 3 });
    const pulled = await deskA.pull(2, 10);
    expect(pulled.changes[0]!.record!.data).toMatchObject({
      status: 'investigating',
      assigneeId: 'u-investigator',
    });
  });

  it('refuses the same field edited on two desks, returning the server value and version, and writes nothing', async () => {
    server = await team.newServer();
    const [deskA, deskB] = [server.sync(), server.sync()];
    await deskA.push('desk-a', [caseChange('a', 'case-1', 0, NEW_CASE)]);
    await deskA.push('desk-a', [
      caseChange('a', 'case-1', 1, { status: { before: 'open', after: 'investigating' } }),
    ]);
    const refused = await deskB.push('desk-b', [
      caseChange(
        'b',
        'case-1',
        1,
        {
          status: { before: 'open', after: 'closed' },
          assigneeId: { before: 'u-officer', after: 'u-manager' },
        },
        MANAGER,
      ),
    ]);
    const conflict = refused.results[0] as PushConflict;
    expect(conflict).toMatchObject({
      status: 'conflict',
      kind: 'cases',
      id: 'case-1',
      reason: 'field',
      serverVersion: 2,
      conflicts: [{ field: 'status', yours: { before: 'open', after: 'closed' }, server: 'investigating' }],
    });
    expect(conflict.serverData).toMatchObject({ status: 'investigating', assigneeId: 'u-officer' });
    expect(refused.headSeq).toBe(2);
    expect(await count('changes')).toBe(2);
    // The desk resolves it (keeps the server's status, says why) and sends a new change on version 2.
    const resolved = await deskB.push('desk-b', [
      caseChange('b', 'case-1', 2, { assigneeId: { before: 'u-officer', after: 'u-manager' } }, MANAGER),
    ]);
    expect(resolved.results[0]).toMatchObject({ status: 'applied', seq: 3, version: 3 });
  });

  it('keeps going past a conflict: the other changes of the batch are applied', async () => {
    server = await team.newServer();
    const desk = server.sync();
    await desk.push('desk-a', [caseChange('a', 'case-1', 0, NEW_CASE)]);
    await desk.push('desk-a', [
      caseChange('a', 'case-1', 1, { status: { before: 'open', after: 'closed' } }),
    ]);
    const { results } = await desk.push('desk-b', [
      caseChange('b', 'case-1', 1, { status: { before: 'open', after: 'investigating' } }),
      caseChange('b', 'case-2', 0, { ...NEW_CASE, reference: { before: null, after: 'CMP-2026-0043' } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['conflict', 'applied']);
    expect(results[1]).toMatchObject({ seq: 3 });
  });

  it('keeps a signed-off interview as agreed: an earlier offline edit of its statement is refused, and the desk told why', async () => {
    server = await team.newServer();
    const [deskA, deskB] = [server.sync(), server.sync()];
    await deskA.push('desk-a', [caseChange('a', 'case-1', 0, NEW_CASE)]);
    const AGREED = 'I was charged twice — “in October”.\nNothing since.';
    const interview = (desk: string, baseVersion: number, fields: SyncChange['fields'], actor = OFFICER) => ({
      ...caseChange(desk, 'int-1', baseVersion, fields, actor),
      kind: 'interviews',
    });
    await deskA.push('desk-a', [
      interview('a', 0, {
        caseId: { before: null, after: 'case-1' },
        statement: { before: null, after: AGREED },
        status: { before: null, after: 'draft' },
        signedOff: { before: null, after: null },
        addenda: { before: null, after: [] },
        updatedAt: { before: null, after: '2026-11-30T09:00:00.000Z' },
      }),
    ]);
    // Both desks hold version 1. Desk A signs off (what signOffInterview sends); desk B, offline,
    // had edited the statement and pushes when back.
    const signedOff = { by: OFFICER, at: '2026-11-30T10:00:00.000Z' };
    await deskA.push('desk-a', [
      interview('a', 1, {
        status: { before: 'draft', after: 'signed-off' },
        signedOff: { before: null, after: signedOff },
        updatedAt: { before: '2026-11-30T09:00:00.000Z', after: signedOff.at },
      }),
    ]);
    const late = await deskB.push('desk-b', [
      interview(
        'b',
        1,
        {
          statement: { before: AGREED, after: 'I was charged three times.' },
          updatedAt: { before: '2026-11-30T09:00:00.000Z', after: '2026-11-30T11:00:00.000Z' },
        },
        MANAGER,
      ),
      // Built on the refused edit: not sent either.
      interview('b', 1, { keyPoints: { before: null, after: 'Three charges' } }, MANAGER),
    ]);
    expect(late.results).toEqual([
      expect.objectContaining({
        status: 'refused',
        code: SIGNED_OFF_CODE,
        message: SIGNED_OFF_REFUSED,
        actor: MANAGER,
        serverVersion: 2,
        serverData: expect.objectContaining({ statement: AGREED, status: 'signed-off', signedOff }),
      }),
      expect.objectContaining({ status: 'refused', code: FOLLOWS_REFUSED_CODE }),
    ]);
    // The server, and so every other desk and a new joiner, keeps the signed-off text.
    const pulled = await server.sync().pull(0, 100);
    expect(pulled.headSeq).toBe(3);
    expect(pulled.changes.at(-1)!.record).toMatchObject({
      version: 2,
      data: { statement: AGREED, status: 'signed-off', signedOff },
    });
    // An addendum still goes on.
    const addendum = {
      id: 'add-1',
      text: 'Also charged in November.',
      reason: 'Recalled',
      by: MANAGER,
      at: 'x',
    };
    const added = await deskB.push('desk-b', [
      interview('b', 2, { addenda: { before: [], after: [addendum] } }, MANAGER),
    ]);
    expect(added.results[0]).toMatchObject({ status: 'applied', version: 3 });
  });

  it('refuses malformed changes with the field to blame, applying nothing', async () => {
    server = await team.newServer();
    const desk = server.sync();
    const bad = { ...caseChange('a', 'case-1', 0, NEW_CASE), at: '30/11/2026 09:15' };
    const error = await desk
      .push('desk-a', [caseChange('a', 'case-0', 0, NEW_CASE), bad])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).field).toBe('1.at');
    expect(await count('changes')).toBe(0);
    await expect(desk.pull(-1, 10)).rejects.toThrow(/whole number/);
  });

  it('refuses a restricted case pushed without a session: no account, no restricted writes', async () => {
    server = await team.newServer();
    const pushed = await server
      .sync()
      .push('desk-a', [
        caseChange('a', 'case-1', 0, { ...NEW_CASE, restricted: { before: null, after: true } }),
        caseChange('a', 'case-2', 0, NEW_CASE),
      ]);
    // With a session that may, it is taken and marked restricted (row-security.test.ts). The open
    // case of the same push is taken: one refusal holds up nothing else.
    expect(pushed.results).toEqual([
      expect.objectContaining({ status: 'refused', code: RESTRICTED_CODE, message: RESTRICTED_REFUSED }),
      expect.objectContaining({ status: 'applied', seq: 1 }),
    ]);
    expect(await server.query('SELECT id FROM records', [], team.cluster.owner)).toEqual([{ id: 'case-2' }]);
  });
});

describe('append-only records and the audit chain', () => {
  const auditChange = (desk: string, localSeq: number, draft: AuditDraft): SyncChange => {
    // What a desk sends: its local entry's content (with its salt), keyed by its own seq.
    const local = chainAuditEntry(draft, null);
    const fields: SyncChange['fields'] = {};
    for (const name of [
      'at',
      'actor',
      'entity',
      'entityId',
      'caseId',
      'action',
      'changes',
      'reason',
      'salt',
    ] as const) {
      if (local[name] !== undefined) fields[name] = { before: null, after: local[name] };
    }
    return {
      idempotencyKey: key(desk),
      kind: 'audit',
      id: `${desk}:${localSeq}`,
      baseVersion: 0,
      fields,
      actor: draft.actor,
      at: draft.at,
    };
  };
  const draft = (caseId: string, n: number, actor = OFFICER): AuditDraft => ({
    at: `2026-11-30T10:${String(n).padStart(2, '0')}:00.000Z`,
    actor,
    entity: 'case',
    entityId: caseId,
    caseId,
    action: 'update',
    changes: [{ field: 'status', before: 'open', after: `step ${n} — ünïcode` }],
    reason: n % 2 ? 'Complainant rang: “please hurry”' : undefined,
  });

  it('never conflicts: notes and audit entries from two desks on the same case all land, chained in one order', async () => {
    server = await team.newServer();
    const [deskA, deskB] = [server.sync(), server.sync()];
    const note = (desk: string, text: string): SyncChange => ({
      idempotencyKey: key(desk),
      kind: 'notes',
      id: randomUUID(),
      baseVersion: 0,
      fields: { caseId: { before: null, after: 'case-1' }, text: { before: null, after: text } },
      actor: OFFICER,
      at: '2026-11-30T10:00:00.000Z',
    });
    const pushes = await Promise.all([
      deskA.push('desk-a', [
        note('a', 'Rang complainant'),
        auditChange('a', 1, draft('case-1', 1)),
        auditChange('a', 2, draft('case-1', 2)),
      ]),
      deskB.push('desk-b', [
        note('b', 'Bank statement received'),
        auditChange('b', 1, draft('case-1', 3, MANAGER)),
      ]),
    ]);
    expect(pushes.flatMap((p) => p.results).every((r) => r.status === 'applied')).toBe(true);
    const pulled = await deskA.pull(0, 100);
    const entries = pulled.changes.filter((c) => c.kind === 'audit').map((c) => c.auditEntry!);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    // Each entry comes whole; the change's fields, which repeat it, do not.
    expect(pulled.changes.filter((c) => c.kind === 'audit').map((c) => c.fields)).toEqual([{}, {}, {}]);
    const verifier = createChainVerifier();
    for (const entry of entries) expect(verifier.push(entry)).toBeNull();
    const head = await server.query<{ audit_seq: string; audit_hash: string }>(
      'SELECT audit_seq, audit_hash FROM sync_head',
    );
    expect(verifier.finish({ seq: Number(head[0]!.audit_seq), hash: head[0]!.audit_hash })).toMatchObject({
      ok: true,
      count: 3,
    });
    // The same audit entry sent under a new key is refused, not chained twice.
    const again = auditChange('a', 1, draft('case-1', 1));
    const refused = await deskA.push('desk-a', [again]);
    expect(refused.results[0]).toMatchObject({ status: 'conflict', reason: 'append-only' });
    expect(await count('audit')).toBe(3);
  });

  it("refuses the desks' role any UPDATE, DELETE or TRUNCATE of the audit table, and of changes", async () => {
    server = await team.newServer();
    await server.sync().push('desk-a', [auditChange('a', 1, draft('case-1', 1))]);
    await expect(server.query("UPDATE audit SET entry = '{}'")).rejects.toThrow(
      /permission denied for table audit/,
    );
    await expect(server.query('DELETE FROM audit')).rejects.toThrow(/permission denied for table audit/);
    await expect(server.query('TRUNCATE audit')).rejects.toThrow(/permission denied for table audit/);
    await expect(server.query("UPDATE changes SET desk_id = 'x'")).rejects.toThrow(
      /permission denied for table changes/,
    );
    await expect(server.query('DELETE FROM changes')).rejects.toThrow(/permission denied for table changes/);
    // Forging a link by hand is refused too: the chain is extended in one order only.
    await expect(
      server.query(
        "INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES (5, 'x', 'y', '{}', 'desk-z', 1)",
      ),
    ).rejects.toThrow(/does not follow the newest entry/);
    // And the owner cannot rewrite it either.
    await expect(server.query("UPDATE audit SET entry = '{}'", [], team.cluster.owner)).rejects.toThrow(
      /insert-only/,
    );
    expect(await count('audit')).toBe(1);
  });
});

describe('many desks at once', () => {
  it('gives gap-free seqs in one order while desks push concurrently, conflict, and roll back', async () => {
    server = await team.newServer();
    const DESKS = 6;
    const ROUNDS = 12;
    // Every third push of desk 0 fails after writing (a crash in the middle): it rolls back.
    let failures = 0;
    const desks = Array.from({ length: DESKS }, (_, d) =>
      server.sync(
        d === 0
          ? {
              afterWrite: () => {
                failures += 1;
                if (failures % 3 === 0) throw new Error('desk 0 lost its power');
              },
            }
          : {},
      ),
    );
    await desks[1]!.push('desk-1', [
      caseChange('1', 'shared', 0, { status: { before: null, after: 'open' } }),
    ]);
    let applied = 1;
    let rolledBack = 0;
    await Promise.all(
      desks.map(async (desk, d) => {
        for (let round = 0; round < ROUNDS; round += 1) {
          const batch = [
            caseChange(String(d), `case-${d}-${round}`, 0, NEW_CASE),
            // All desks fight over one field of one case from version 1: most of these conflict.
            caseChange(String(d), 'shared', 1, { status: { before: 'open', after: `desk ${d}` } }),
            // And each edits its own field of it: these merge.
            caseChange(String(d), 'shared', 1, { [`note${d}`]: { before: null, after: round } }),
          ];
          // A field another round of this desk already set is not "before: null" any more.
          if (round > 0) batch[2]!.fields = { [`note${d}`]: { before: round - 1, after: round } };
          try {
            const { results } = await desk.push(`desk-${d}`, batch);
            applied += results.filter((r) => r.status === 'applied' && !r.replayed).length;
          } catch (error) {
            expect(String(error)).toMatch(/lost its power/);
            rolledBack += 1;
            // The desk retries the same batch with the same keys after its restart.
            const { results } = await desk.push(`desk-${d}`, batch);
            applied += results.filter((r) => r.status === 'applied' && !r.replayed).length;
          }
        }
      }),
    );
    expect(rolledBack).toBeGreaterThan(0);
    const seqs = (await server.query<{ seq: string }>('SELECT seq FROM changes ORDER BY seq')).map((r) =>
      Number(r.seq),
    );
    expect(seqs).toEqual(Array.from({ length: applied }, (_, i) => i + 1));
    const [head] = await server.query<{ last_seq: string }>('SELECT last_seq FROM sync_head');
    expect(Number(head!.last_seq)).toBe(applied);
    // Each desk's own field ended at its last round: nothing lost, nothing applied twice.
    const [shared] = await server.query<{ data: Record<string, unknown>; version: string }>(
      "SELECT data, version FROM records WHERE id = 'shared'",
    );
    for (let d = 0; d < DESKS; d += 1) expect(shared!.data[`note${d}`]).toBe(ROUNDS - 1);
    const sharedChanges = await server.query<{ n: string }>(
      "SELECT count(*) AS n FROM changes WHERE id = 'shared'",
    );
    expect(Number(shared!.version)).toBe(Number(sharedChanges[0]!.n));
    expect(await count('records')).toBe(DESKS * ROUNDS + 1);
  }, 60_000);

  it('wakes a listening desk when another desk pushes', async () => {
    server = await team.newServer();
    const heard: number[] = [];
    let wake: (seq: number) => void = () => undefined;
    const next = () => new Promise<number>((resolve) => (wake = resolve));
    let woken = next();
    const listener = await listenForChanges(team.cluster.config(team.cluster.app, server.database), (seq) => {
      heard.push(seq);
      wake(seq);
    });
    try {
      const desk = server.sync();
      const batch = [caseChange('a', 'case-1', 0, NEW_CASE), caseChange('a', 'case-2', 0, NEW_CASE)];
      await desk.push('desk-a', batch);
      expect(await woken).toBe(2);
      // A push with nothing new (a replay) notifies nobody; the next one does.
      woken = next();
      await desk.push('desk-a', batch);
      await desk.push('desk-a', [caseChange('a', 'case-3', 0, NEW_CASE)]);
      expect(await woken).toBe(3);
      expect(heard).toEqual([2, 3]);
    } finally {
      await listener.close();
    }
  });
});
