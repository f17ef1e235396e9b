// The team server's schema on a real throwaway PostgreSQL: an empty server migrates to the newest
// version, and so does a server left at each earlier version, keeping what it held.
import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { migrate, schemaVersion, TeamSchemaError } from '../../../../../src-main/services/team/migrate';
import { MIGRATIONS, SCHEMA_VERSION } from '../../../../../src-main/services/team/migrations';
import type { PgLogin } from '../../../../support/pg-cluster';
import { useTeamCluster } from '../../../../support/use-team-cluster';

const team = useTeamCluster();
let databases = 0;

/** A fresh empty database and a client on it as `login` (the owner unless given); closed after `use`. */
async function withDatabase<T>(use: (owner: Client, db: string) => Promise<T>): Promise<T> {
  databases += 1;
  const db = `m${databases}`;
  await team.cluster.createDatabase(db);
  const client = await connect(team.cluster.owner, db);
  try {
    return await use(client, db);
  } finally {
    await client.end();
  }
}

async function connect(login: PgLogin, db: string): Promise<Client> {
  const client = new Client(team.cluster.config(login, db));
  await client.connect();
  return client;
}

const tables = async (client: Client) =>
  (
    await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    )
  ).rows.map((r) => r.tablename);

const appRole = () => team.cluster.app.user;

/** What each version adds, checked right after it is applied (on a server that has it and no later one). */
const CHECKS: Record<number, (owner: Client, db: string) => Promise<void>> = {
  1: async (owner) => {
    expect(await tables(owner)).toEqual(['changes', 'records', 'schema_migrations', 'sync_head']);
    expect((await owner.query('SELECT last_seq FROM sync_head')).rows).toEqual([{ last_seq: '0' }]);
    await owner.query('UPDATE sync_head SET last_seq = 5');
    await expect(owner.query('UPDATE sync_head SET last_seq = 4')).rejects.toThrow(/only moves forward/);
    await expect(owner.query('DELETE FROM sync_head')).rejects.toThrow(/never removed/);
  },
  2: async (owner, db) => {
    expect(await tables(owner)).toContain('audit');
    await owner.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at)
       VALUES (1, 'desk-a', 'k1', 'audit', 'a1', 1, '{}', '{}', now())`,
    );
    const genesis = '0'.repeat(64);
    await owner.query(
      `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES (1, $1, 'h1', '{}', 'desk-a', 1)`,
      [genesis],
    );
    // Out of order or off the chain: refused.
    await expect(
      owner.query(
        `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES (3, 'h1', 'h3', '{}', 'd', 1)`,
      ),
    ).rejects.toThrow(/does not follow/);
    await expect(
      owner.query(
        `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES (2, 'other', 'h2', '{}', 'd', 1)`,
      ),
    ).rejects.toThrow(/does not follow/);
    // Insert-only, even for the owner.
    await expect(owner.query('UPDATE audit SET entry = \'{"x":1}\'')).rejects.toThrow(/insert-only: UPDATE/);
    await expect(owner.query('DELETE FROM audit')).rejects.toThrow(/insert-only: DELETE/);
    await expect(owner.query('TRUNCATE audit')).rejects.toThrow(/insert-only: TRUNCATE/);
    const app = await connect(team.cluster.app, db);
    try {
      expect((await app.query('SELECT count(*)::int AS n FROM audit')).rows).toEqual([{ n: 1 }]);
      await expect(app.query('UPDATE audit SET desk_id = $1', ['x'])).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  },
  3: async (owner, db) => {
    expect(await tables(owner)).toEqual(
      expect.arrayContaining(['accounts', 'account_roles', 'roles', 'evidence_blobs']),
    );
    const roles = (await owner.query<{ name: string }>('SELECT name FROM roles ORDER BY name')).rows;
    expect(roles.map((r) => r.name)).toEqual(['administrator', 'investigator', 'manager', 'officer']);
    const app = await connect(team.cluster.app, db);
    try {
      const bytes = Buffer.from('Scan of the letter, 3 pages');
      const sha = (await app.query<{ h: string }>("SELECT encode(sha256($1), 'hex') AS h", [bytes])).rows[0]!
        .h;
      await app.query('INSERT INTO evidence_blobs (sha256, size, bytes, desk_id) VALUES ($1, $2, $3, $4)', [
        sha,
        bytes.length,
        bytes,
        'desk-a',
      ]);
      // Bytes that do not hash to their name are refused by the server itself.
      await expect(
        app.query('INSERT INTO evidence_blobs (sha256, size, bytes, desk_id) VALUES ($1, $2, $3, $4)', [
          'a'.repeat(64),
          3,
          Buffer.from('abc'),
          'desk-a',
        ]),
      ).rejects.toThrow(/evidence_blobs_check/);
      await expect(app.query("INSERT INTO roles VALUES ('auditor', 'x')")).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await app.end();
    }
  },
  4: async (owner, db) => {
    expect(await tables(owner)).toEqual(
      expect.arrayContaining(['sessions', 'security_policy', 'sign_in_secret']),
    );
    await owner.query(
      `INSERT INTO accounts (id, name, name_key, password_hash) VALUES ('u1', 'Zoë Ng', 'zoe ng', '$scrypt$x')`,
    );
    const app = await connect(team.cluster.app, db);
    try {
      expect((await app.query('SELECT id, name FROM accounts')).rows).toEqual([{ id: 'u1', name: 'Zoë Ng' }]);
      await expect(app.query('SELECT password_hash FROM accounts')).rejects.toThrow(/permission denied/);
      await expect(app.query('SELECT * FROM sessions')).rejects.toThrow(/permission denied/);
      const params = await app.query('SELECT key_bytes FROM redress_sign_in_params($1)', ['zoe ng']);
      expect(params.rows).toEqual([{ key_bytes: 32 }]);
      expect((await app.query('SELECT current_account() AS a')).rows).toEqual([{ a: null }]);
    } finally {
      await app.end();
    }
  },
  5: async (owner, db) => {
    const rls = await owner.query<{ relname: string; relrowsecurity: boolean }>(
      "SELECT relname, relrowsecurity FROM pg_class WHERE relname IN ('records', 'changes') ORDER BY relname",
    );
    expect(rls.rows).toEqual([
      { relname: 'changes', relrowsecurity: true },
      { relname: 'records', relrowsecurity: true },
    ]);
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES
         ('cases', 'c-r', 1, '{"restricted":true,"assigneeId":"u-9"}', 1),
         ('notes', 'n-r', 1, '{"caseId":"c-r","text":"Confidential"}', 2),
         ('cases', 'c-o', 1, '{"assigneeId":"u-9"}', 3)`,
    );
    // The server derives the restriction and the case of each record.
    const derived = await owner.query('SELECT id, case_id, restricted FROM records ORDER BY id');
    expect(derived.rows).toEqual([
      { id: 'c-o', case_id: 'c-o', restricted: false },
      { id: 'c-r', case_id: 'c-r', restricted: true },
      { id: 'n-r', case_id: 'c-r', restricted: true },
    ]);
    const app = await connect(team.cluster.app, db);
    try {
      expect((await app.query('SELECT id FROM records')).rows).toEqual([{ id: 'c-o' }]);
    } finally {
      await app.end();
    }
  },
  6: async (owner, db) => {
    expect(await tables(owner)).toEqual(expect.arrayContaining(['reference_heads', 'reference_ranges']));
    const app = await connect(team.cluster.app, db);
    try {
      const first = await app.query('SELECT * FROM redress_allocate_references($1, 2026, 100)', ['desk-a']);
      const second = await app.query('SELECT * FROM redress_allocate_references($1, 2026, 10)', ['desk-b']);
      expect([first.rows[0], second.rows[0]]).toEqual([
        { first_seq: '1', last_seq: '100' },
        { first_seq: '101', last_seq: '110' },
      ]);
    } finally {
      await app.end();
    }
  },
  7: async (owner, db) => {
    expect(await tables(owner)).toEqual(expect.arrayContaining(['evidence_chunks', 'evidence_files']));
    const app = await connect(team.cluster.app, db);
    try {
      const bytes = Buffer.from('Interview notes, 2 pages');
      const sha = (await app.query<{ h: string }>("SELECT encode(sha256($1), 'hex') AS h", [bytes])).rows[0]!
        .h;
      await app.query('INSERT INTO evidence_chunks (sha256, n, bytes) VALUES ($1, 0, $2)', [sha, bytes]);
      await expect(
        app.query('SELECT redress_evidence_complete($1, $2, $3)', [sha, bytes.length + 1, 'desk-a']),
      ).rejects.toThrow(/not all there/);
      const done = await app.query('SELECT redress_evidence_complete($1, $2, $3) AS done', [
        sha,
        bytes.length,
        'desk-a',
      ]);
      expect(done.rows).toEqual([{ done: true }]);
      await expect(
        app.query("INSERT INTO evidence_files VALUES ($1, 1, 1, 'd')", ['b'.repeat(64)]),
      ).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  },
  8: async (owner, db) => {
    // Written at version 7 (see the test below): a restricted case, its note, an audit entry about
    // it, and an open case with its entry. The migration marks the changes of the restricted ones.
    const marked = async () =>
      (await owner.query('SELECT id, restricted FROM changes ORDER BY seq')).rows.map(
        (r: { id: string; restricted: boolean }) => `${r.id}:${r.restricted ? 'restricted' : 'open'}`,
      );
    expect(await marked()).toEqual([
      'c-secret:restricted',
      'n-secret:restricted',
      'a-secret:restricted',
      'c-open:open',
      'a-open:open',
    ]);
    // A change written now is marked by the server, whatever the desk sends.
    const app = await connect(team.cluster.app, db);
    try {
      await app.query(
        `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at, restricted)
         VALUES (6, 'desk-b', 'k6', 'audit', 'a-secret-2', 1, '{"caseId":{"before":null,"after":"c-secret"}}', '{}', now(), false)`,
      );
      // The desks' role without a session sees only the open ones.
      expect((await app.query('SELECT id FROM changes ORDER BY seq')).rows).toEqual([
        { id: 'c-open' },
        { id: 'a-open' },
      ]);
    } finally {
      await app.end();
    }
    expect((await owner.query("SELECT restricted FROM changes WHERE id = 'a-secret-2'")).rows).toEqual([
      { restricted: true },
    ]);
    // Opening the case opens its changes, its note's and the entries about it; restricting it again closes them.
    await owner.query(`UPDATE records SET data = data || '{"restricted":false}' WHERE id = 'c-secret'`);
    expect(await marked()).toEqual([
      'c-secret:open',
      'n-secret:open',
      'a-secret:open',
      'c-open:open',
      'a-open:open',
      'a-secret-2:open',
    ]);
    await owner.query(`UPDATE records SET data = data || '{"restricted":true}' WHERE id = 'c-secret'`);
    expect((await marked()).filter((m) => m.endsWith(':restricted'))).toEqual([
      'c-secret:restricted',
      'n-secret:restricted',
      'a-secret:restricted',
      'a-secret-2:restricted',
    ]);
  },
  9: async (owner, db) => {
    // The desks' role may call it; without a session it changes nothing and says so.
    const hash = '$scrypt$ln=4,r=8,p=1$c2FsdHNhbHRzYWx0$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U';
    const app = await connect(team.cluster.app, db);
    try {
      expect((await app.query('SELECT * FROM redress_change_password($1, $2)', ['key', hash])).rows).toEqual([
        { outcome: 'signed-out', locked_until: null },
      ]);
    } finally {
      await app.end();
    }
    // Another role may not (only the desks' role is granted it).
    expect(
      (
        await owner.query(
          "SELECT has_function_privilege('public', 'redress_change_password(text, text)', 'EXECUTE') AS public",
        )
      ).rows,
    ).toEqual([{ public: false }]);
  },
  10: async (owner, db) => {
    // An account from before keeps its dates: its password dates from its creation.
    expect(
      (
        await owner.query(
          "SELECT created_by, password_changed_at = created_at AS dated FROM accounts WHERE id = 'u-before'",
        )
      ).rows,
    ).toEqual([{ created_by: null, dated: true }]);
    // A new hash dates itself, whoever writes it.
    await owner.query("UPDATE accounts SET password_hash = '$scrypt$new' WHERE id = 'u-before'");
    expect(
      (
        await owner.query(
          "SELECT password_changed_at > created_at AS moved FROM accounts WHERE id = 'u-before'",
        )
      ).rows,
    ).toEqual([{ moved: true }]);
    // The desks' role may call the administrators' functions; without a session they refuse.
    const app = await connect(team.cluster.app, db);
    try {
      for (const call of [
        'SELECT redress_list_accounts()',
        "SELECT redress_reset_password('u-before', '$scrypt$ln=4,r=8,p=1$c2FsdA$a2V5')",
        `SELECT redress_update_account('u-before', NULL, '{"disabled":true}')`,
      ])
        await expect(app.query(call)).rejects.toMatchObject({ code: 'RDA01' });
      // Its helpers are the owner's alone.
      await expect(app.query('SELECT redress_administrator()')).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
    expect(
      (
        await owner.query(
          "SELECT has_function_privilege('public', 'redress_list_accounts()', 'EXECUTE') AS public",
        )
      ).rows,
    ).toEqual([{ public: false }]);
  },
  11: async (owner, db) => {
    const waiting = {
      state: 'awaiting-approval',
      createdBy: { id: 'u-officer', name: 'Aoife Ní Fhaoláin' },
      remedies: [{ type: 'refund', amount: 120, currency: 'GBP', rationale: 'Double charge' }],
      decision: null,
    };
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES ('resolutions', 'res-1', 1, $1, 1)`,
      [JSON.stringify(waiting)],
    );
    // Moving it to approved without a session names no approver the server knows: refused, with the
    // app's own SQLSTATE and the refusal's code.
    const approved = {
      ...waiting,
      state: 'approved',
      decision: { outcome: 'approved', by: { id: 'u-head' } },
    };
    const refusal = await owner
      .query(`UPDATE records SET data = $1 WHERE kind = 'resolutions' AND id = 'res-1'`, [
        JSON.stringify(approved),
      ])
      .catch((e: unknown) => e as { code?: string; detail?: string; message?: string });
    expect(refusal).toMatchObject({
      code: 'RD001',
      detail: 'signed-out',
      message: expect.stringMatching(/Sign in again/),
    });
    expect((await owner.query(`SELECT data->>'state' AS state FROM records`)).rows).toEqual([
      { state: 'awaiting-approval' },
    ]);
    // Other kinds, and other moves of a proposal, are not its business.
    await owner.query(`UPDATE records SET data = data || '{"summary":"Refund and apology"}'`);
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES ('notes', 'n-1', 1, '{"state":"approved"}', 2)`,
    );
    // The desks' role may ask the rule; nobody else was given it.
    const app = await connect(team.cluster.app, db);
    try {
      const answer = await app.query('SELECT code FROM redress_approval_refusal($1, $2)', [
        'u-nobody',
        JSON.stringify(waiting),
      ]);
      expect(answer.rows).toEqual([{ code: 'role' }]);
    } finally {
      await app.end();
    }
    expect(
      (
        await owner.query(
          "SELECT has_function_privilege('public', 'redress_approval_refusal(text, jsonb)', 'EXECUTE') AS public",
        )
      ).rows,
    ).toEqual([{ public: false }]);
  },
  12: async (owner, db) => {
    // An entry with a payload, and a disposal naming it by its commitment.
    const genesis = '0'.repeat(64);
    const entry = {
      seq: 1,
      caseId: 'c-1',
      action: 'intake',
      changes: [{ field: 'complainant', before: null, after: 'Żaneta Brzęczyszczykiewicz' }],
      reason: 'Phoned in',
      salt: 's'.repeat(32),
      payloadHash: 'p'.repeat(64),
    };
    const disposal = {
      seq: 2,
      caseId: 'c-1',
      at: '2026-12-04T10:00:00.000Z',
      action: 'dispose-erasure',
      changes: [{ field: 'disposal', before: null, after: 'd-1' }],
      erasesPayloads: ['p'.repeat(64)],
      salt: 't'.repeat(32),
      payloadHash: 'q'.repeat(64),
    };
    await owner.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at) VALUES
         (1, 'desk-a', 'k1', 'audit', $1, 1, '{"caseId":{"before":null,"after":"c-1"},"reason":{"before":null,"after":"Phoned in"}}', '{}', now()),
         (2, 'desk-a', 'k2', 'audit', $2, 1, '{"caseId":{"before":null,"after":"c-1"}}', '{}', now())`,
      [entry.salt, disposal.salt],
    );
    await owner.query(
      `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES
         (1, $1, 'h1', $2, 'desk-a', 1), (2, 'h1', 'h2', $3, 'desk-a', 2)`,
      [genesis, entry, disposal],
    );
    // Every other rewrite is still refused, the owner's too.
    for (const sql of [
      `UPDATE audit SET entry = entry || '{"action":"edited"}' WHERE seq = 1`,
      `UPDATE audit SET hash = 'forged' WHERE seq = 1`,
      `UPDATE audit SET entry = (entry - 'reason' - 'salt' - 'payloadHash') || '{"changes":[],"erased":{"at":"x","recordId":"d-1"}}' WHERE seq = 1`,
      `UPDATE audit SET entry = (entry - 'reason' - 'salt') || '{"changes":[],"erased":{"at":"x","recordId":"d-1","by":"me"}}' WHERE seq = 1`,
      'DELETE FROM audit WHERE seq = 1',
      'TRUNCATE audit CASCADE',
    ]) {
      await expect(owner.query(sql), sql).rejects.toThrow(/insert-only/);
    }
    // The desks' role may not update it at all, and without a manager's session may not erase.
    const app = await connect(team.cluster.app, db);
    try {
      await expect(app.query(`UPDATE audit SET entry = entry WHERE seq = 1`)).rejects.toThrow(
        /permission denied/,
      );
      await expect(app.query('SELECT redress_erase_disposed(2)')).rejects.toThrow(/Only a manager/);
    } finally {
      await app.end();
    }
    // The erase-shaped update passes, once: header, commitment and links as they were.
    await owner.query(
      `UPDATE audit SET entry = (entry - 'reason' - 'salt') || '{"changes":[],"erased":{"at":"x","recordId":"d-1"}}' WHERE seq = 1`,
    );
    const [erased] = (await owner.query('SELECT hash, entry FROM audit WHERE seq = 1')).rows;
    expect(erased).toEqual({
      hash: 'h1',
      entry: {
        seq: 1,
        caseId: 'c-1',
        action: 'intake',
        changes: [],
        payloadHash: 'p'.repeat(64),
        erased: { at: 'x', recordId: 'd-1' },
      },
    });
    await expect(
      owner.query(`UPDATE audit SET entry = entry || '{"erased":{"at":"y","recordId":"d-2"}}' WHERE seq = 1`),
    ).rejects.toThrow(/insert-only/);
    expect(
      (
        await owner.query(
          "SELECT has_function_privilege('public', 'redress_erase_disposed(bigint)', 'EXECUTE') AS public",
        )
      ).rows,
    ).toEqual([{ public: false }]);
  },
  13: async (owner, db) => {
    // The row from before keeps its lockout values (BEFORE[13] set them); the new columns take the defaults.
    expect(
      (
        await owner.query(
          'SELECT lockout_attempts, lockout_minutes, min_password_length, idle_lock_minutes FROM security_policy',
        )
      ).rows,
    ).toEqual([{ lockout_attempts: 3, lockout_minutes: 45, min_password_length: 12, idle_lock_minutes: 10 }]);
    // The bounds are the desk's.
    for (const sql of [
      'UPDATE security_policy SET min_password_length = 7',
      'UPDATE security_policy SET min_password_length = 129',
      'UPDATE security_policy SET idle_lock_minutes = 0',
      'UPDATE security_policy SET idle_lock_minutes = 481',
    ])
      await expect(owner.query(sql), sql).rejects.toMatchObject({ code: '23514' });
    // Without a session the desks' role can neither read nor set it; the helper is the owner's alone.
    const app = await connect(team.cluster.app, db);
    try {
      await expect(app.query('SELECT redress_security_policy()')).rejects.toMatchObject({ code: 'RDA01' });
      await expect(
        app.query(`SELECT redress_set_security_policy('{"lockoutAttempts":9}')`),
      ).rejects.toMatchObject({ code: 'RDA01' });
      await expect(app.query('SELECT redress_security_policy_json()')).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  },
  14: async (owner, db) => {
    // An approved proposal created without a session is refused, whatever its key.
    const approved = {
      state: 'approved',
      createdBy: { id: 'u-officer', name: 'Aoife Ní Fhaoláin' },
      remedies: [{ type: 'goodwill', amount: 75, currency: 'GBP', rationale: 'Kept waiting' }],
      decision: { outcome: 'approved', by: { id: 'u-admin' } },
    };
    await owner.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at)
       VALUES (1, 'desk-a', 'promote|resolutions|res-1', 'resolutions', 'res-1', 1, '{}', '{}', now())`,
    );
    await expect(
      owner.query(
        `INSERT INTO records (kind, id, version, data, updated_seq) VALUES ('resolutions', 'res-1', 1, $1, 1)`,
        [JSON.stringify(approved)],
      ),
    ).rejects.toMatchObject({ code: 'RD001', detail: 'no-session' });
    // Promotion opens a session for its administrator, and for nobody else.
    const accounts = (roles: string[]) =>
      JSON.stringify([
        {
          id: 'u-admin',
          name: 'Zoë Adeyemi',
          nameKey: 'zoe adeyemi',
          passwordHash: '$scrypt$ln=4,r=8,p=1$c2FsdA$a2V5',
          roles,
          approvalLimit: null,
          disabled: false,
        },
      ]);
    const app = await connect(team.cluster.app, db);
    try {
      const promote = 'SELECT * FROM redress_promote_accounts($1, 5, 15, $2, $3, 60)';
      await expect(app.query(promote, [accounts(['officer']), 'u-admin', 'desk-a'])).rejects.toMatchObject({
        code: '23514',
      });
      expect((await owner.query('SELECT count(*)::int AS n FROM accounts')).rows).toEqual([{ n: 0 }]);
      const { rows } = await app.query<{ promoted: number; token: string }>(promote, [
        accounts(['administrator']),
        'u-admin',
        'desk-a',
      ]);
      expect(rows[0]!.promoted).toBe(1);
      await app.query('BEGIN');
      await app.query("SELECT set_config('redress.session', $1, true)", [rows[0]!.token]);
      expect((await app.query('SELECT current_account() AS me')).rows).toEqual([{ me: 'u-admin' }]);
      await app.query('COMMIT');
    } finally {
      await app.end();
    }
  },
  15: async (owner, db) => {
    // A case disposed of before this version is remembered from its disposal entry (BEFORE[15]).
    expect(
      (await owner.query('SELECT case_id, disposal, record_id, disposed_at FROM disposed_cases')).rows,
    ).toEqual([
      {
        case_id: 'c-old',
        disposal: 'dispose-delete',
        record_id: 'd-old',
        disposed_at: '2026-11-02T10:00:00.000Z',
      },
    ]);
    // Its records are refused from now on, with the app's SQLSTATE, the code and the disposal.
    const refusal = await owner
      .query(
        `INSERT INTO records (kind, id, version, data, updated_seq)
         VALUES ('notes', 'n-late', 1, '{"caseId":"c-old","text":"Rang Øystein Ngũgĩ back"}', 3)`,
      )
      .catch((e: unknown) => e as { code?: string; detail?: string; hint?: string; message?: string });
    expect(refusal).toMatchObject({
      code: 'RD001',
      detail: 'disposed-case',
      message: expect.stringMatching(/disposed of under the retention policy on 2026-11-02/),
    });
    expect(JSON.parse((refusal as { hint: string }).hint)).toEqual({
      code: 'disposed-case',
      caseId: 'c-old',
      disposal: 'dispose-delete',
      at: '2026-11-02T10:00:00.000Z',
    });
    // Another case's records are not its business; the desks' role reads the table, and may ask
    // for an entry's erasure (which erases only entries of disposed cases).
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES ('notes', 'n-2', 1, '{"caseId":"c-other"}', 3)`,
    );
    const app = await connect(team.cluster.app, db);
    try {
      expect((await app.query('SELECT count(*)::int AS n FROM disposed_cases')).rows).toEqual([{ n: 1 }]);
      expect((await app.query('SELECT redress_erase_after_disposal(1) AS erased')).rows).toEqual([
        { erased: false },
      ]);
      await expect(app.query('DELETE FROM disposed_cases')).rejects.toThrow(/permission denied/);
      // Only a manager's session marks a case disposed of.
      await expect(app.query('SELECT redress_remember_disposal(1)')).rejects.toThrow(/Only a manager/);
    } finally {
      await app.end();
    }
  },
  16: async (owner, db) => {
    // A desk listens as the desks' role; what it hears is read after each step (the server sends a
    // committed transaction's notifications before it answers the listener's next query).
    const listener = await connect(team.cluster.app, db);
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(`${n.channel} ${n.payload}`));
    await listener.query('LISTEN redress_accounts');
    const hears = async (sql: string) => {
      heard.length = 0;
      await owner.query(sql);
      await listener.query('SELECT 1');
      return [...heard];
    };
    try {
      await owner.query(
        `INSERT INTO accounts (id, name, name_key, password_hash)
         VALUES ('u-zoe', 'Zoë Ng-Ó Briain', 'zoe ng o briain', '$scrypt$ln=17,r=8,p=1$c2FsdA$a2V5')`,
      );
      expect(await hears(`INSERT INTO account_roles (account_id, role) VALUES ('u-zoe', 'manager')`)).toEqual(
        ['redress_accounts u-zoe'],
      );
      expect(await hears(`UPDATE accounts SET approval_limit = 500 WHERE id = 'u-zoe'`)).toEqual([
        'redress_accounts u-zoe',
      ]);
      expect(await hears(`UPDATE accounts SET disabled = true WHERE id = 'u-zoe'`)).toEqual([
        'redress_accounts u-zoe',
      ]);
      expect(await hears(`UPDATE accounts SET version = version + 1 WHERE id = 'u-zoe'`)).toEqual([
        'redress_accounts u-zoe',
      ]);
      expect(await hears(`DELETE FROM account_roles WHERE account_id = 'u-zoe'`)).toEqual([
        'redress_accounts u-zoe',
      ]);
      await owner.query(
        `INSERT INTO sessions (token_hash, account_id, desk_id, expires_at)
         VALUES ($1, 'u-zoe', 'desk-b', now() + interval '1 hour')`,
        ['a'.repeat(64)],
      );
      expect(await hears(`UPDATE sessions SET ended_at = now() WHERE account_id = 'u-zoe'`)).toEqual([
        'redress_accounts u-zoe',
      ]);
      // Ended already: nothing new.
      expect(await hears(`UPDATE sessions SET ended_at = now() WHERE account_id = 'u-zoe'`)).toEqual([]);
      // A failed sign-in counts an attempt and wakes nobody.
      expect(
        await hears(`SELECT * FROM redress_sign_in('zoe ng o briain', 'not-the-key', 'desk-c', 60)`),
      ).toEqual([]);
      expect((await owner.query(`SELECT failed_attempts FROM accounts WHERE id = 'u-zoe'`)).rows).toEqual([
        { failed_attempts: 1 },
      ]);
      // The office's policy concerns every session; set to what it is, nothing.
      expect(await hears('UPDATE security_policy SET idle_lock_minutes = 4')).toEqual(['redress_accounts *']);
      expect(await hears('UPDATE security_policy SET idle_lock_minutes = 4')).toEqual([]);
      // Nothing is heard of a change rolled back.
      heard.length = 0;
      await owner.query('BEGIN');
      await owner.query(`UPDATE accounts SET disabled = false WHERE id = 'u-zoe'`);
      await owner.query('ROLLBACK');
      await listener.query('SELECT 1');
      expect(heard).toEqual([]);
    } finally {
      await listener.end();
    }
  },
  17: async (owner, db) => {
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES
         ('cases', 'c-hidden-early', 1, '{"restricted":true,"assigneeId":"u-other"}', 2),
         ('cases', 'c-hidden', 1, '{"restricted":true,"assigneeId":"u-other"}', 5),
         ('cases', 'c-mine', 1, '{"restricted":true,"assigneeId":"u-mine"}', 6),
         ('cases', 'c-open', 1, '{"assigneeId":"u-other"}', 7),
         ('notes', 'n-hidden', 1, '{"caseId":"c-hidden","text":"Whistleblower: see file"}', 8)`,
    );
    const app = await connect(team.cluster.app, db);
    try {
      // Without a session the desks' role sees no restricted case: both after seq 3 are named, by id
      // and seq only (their data is not the function's to give).
      const hidden = await app.query('SELECT * FROM redress_cases_hidden_since(3)');
      expect(hidden.rows).toEqual([
        { case_id: 'c-hidden', seq: '5' },
        { case_id: 'c-mine', seq: '6' },
      ]);
      expect((await app.query('SELECT * FROM redress_cases_hidden_since(6)')).rows).toEqual([]);
    } finally {
      await app.end();
    }
  },
  18: async (owner, db) => {
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES
         ('cases', 'c-secret', 1, '{"restricted":true,"assigneeId":"u-other"}', 900),
         ('notes', 'n-secret', 3, '{"caseId":"c-secret","text":"Whistleblower"}', 901)`,
    );
    await owner.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at) VALUES
         (901, 'desk-a', 'desk-a:1', 'notes', 'n-secret', 3, '{"text":{"before":null,"after":"Whistleblower"}}', '{}', now()),
         (902, 'desk-a', 'desk-a:2', 'audit', '${'p'.repeat(64)}', 1, '{}', '{}', now())`,
    );
    await owner.query(
      `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES (1, $1, 'h1', $2, 'desk-a', 902)`,
      ['0'.repeat(64), { erased: { at: '2026-11-02T10:00:00.000Z' }, payloadHash: 'p'.repeat(64) }],
    );
    const app = await connect(team.cluster.app, db);
    try {
      // Without a session the desks' role sees no change row, yet finds its own by key: where it
      // went and whether it was erased since, never its fields.
      expect(
        (await app.query(`SELECT count(*)::int AS n FROM changes WHERE idempotency_key = 'desk-a:1'`)).rows,
      ).toEqual([{ n: 0 }]);
      expect((await app.query(`SELECT * FROM redress_change_by_key('desk-a:1')`)).rows).toEqual([
        { seq: '901', version: '3', kind: 'notes', id: 'n-secret', erased: false },
      ]);
      expect((await app.query(`SELECT erased FROM redress_change_by_key('desk-a:2')`)).rows).toEqual([
        { erased: true },
      ]);
      expect((await app.query(`SELECT * FROM redress_change_by_key('no-such-key')`)).rows).toEqual([]);
    } finally {
      await app.end();
    }
  },
  19: async (owner, db) => {
    const app = await connect(team.cluster.app, db);
    try {
      // Without a session the desks' role reads the open case's entry only (BEFORE[19]); the
      // owner reads both.
      expect((await app.query('SELECT seq, desk_id FROM audit ORDER BY seq')).rows).toEqual([
        { seq: '1', desk_id: 'desk-a' },
      ]);
      expect((await owner.query('SELECT seq FROM audit ORDER BY seq')).rows).toEqual([
        { seq: '1' },
        { seq: '2' },
      ]);
      // The chain for a desk's check: every link and key, the hidden entry's content withheld.
      expect((await app.query('SELECT * FROM redress_trail_page(0, 10)')).rows).toEqual([
        {
          seq: '1',
          prev_hash: '0'.repeat(64),
          hash: 'h1',
          change_seq: '1',
          entry: { caseId: 'c-open', payloadHash: 'o'.repeat(64) },
          key: 'o'.repeat(64),
          erased: false,
        },
        {
          seq: '2',
          prev_hash: 'h1',
          hash: 'h2',
          change_seq: '2',
          entry: null,
          key: 's'.repeat(64),
          erased: false,
        },
      ]);
      expect((await app.query('SELECT seq FROM redress_trail_page(1, 10)')).rows).toEqual([{ seq: '2' }]);
      // The role links after the newest entry though it may not see it, and still only adds.
      await app.query(
        `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at)
         VALUES (3, 'desk-b', 'k3', 'audit', 'a3', 1, '{"caseId":{"before":null,"after":"c-open"}}', '{}', now())`,
      );
      await app.query(
        `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES (3, 'h2', 'h3', '{}', 'desk-b', 3)`,
      );
      await expect(app.query("UPDATE audit SET desk_id = 'x'")).rejects.toThrow(/permission denied/);
      await expect(app.query('DELETE FROM audit')).rejects.toThrow(/permission denied/);
    } finally {
      await app.end();
    }
  },
  20: async (owner, db) => {
    const [open, secret, unnamed] = ['a', 'b', 'c'].map((c) => c.repeat(64));
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES
         ('cases', 'c-open', 1, '{"assigneeId":"u-other"}', 1),
         ('cases', 'c-secret', 1, '{"restricted":true,"assigneeId":"u-other"}', 2),
         ('evidence', 'e-open', 1, $1, 3),
         ('evidence', 'e-secret', 1, $2, 4)`,
      [
        { caseId: 'c-open', sha256: open },
        { caseId: 'c-secret', sha256: secret },
      ],
    );
    for (const sha256 of [open, secret, unnamed]) {
      await owner.query(`INSERT INTO evidence_chunks (sha256, n, bytes) VALUES ($1, 0, '\\x01')`, [sha256]);
      await owner.query(
        `INSERT INTO evidence_files (sha256, size, chunks, desk_id) VALUES ($1, 1, 1, 'desk-a')`,
        [sha256],
      );
    }
    const app = await connect(team.cluster.app, db);
    try {
      // Without a session: the open case's file only; not the restricted case's, nor one no record names.
      expect((await app.query('SELECT sha256 FROM evidence_files')).rows).toEqual([{ sha256: open }]);
      expect((await app.query('SELECT sha256 FROM evidence_chunks')).rows).toEqual([{ sha256: open }]);
      expect((await app.query('SELECT sha256 FROM evidence_blobs')).rows).toEqual([]);
      // Which the server holds, for an upload: all three, by fingerprint only.
      expect(
        (
          await app.query('SELECT redress_evidence_held($1) AS sha256 ORDER BY 1', [
            [open, secret, unnamed, 'd'.repeat(64)],
          ])
        ).rows,
      ).toEqual([{ sha256: open }, { sha256: secret }, { sha256: unnamed }]);
      // Chunks are still added by the desks' role, and a chunk it cannot read is not overwritten.
      await app.query(`INSERT INTO evidence_chunks (sha256, n, bytes) VALUES ($1, 1, '\\x02')`, [unnamed]);
      await app.query(
        `INSERT INTO evidence_chunks (sha256, n, bytes) VALUES ($1, 0, '\\x03') ON CONFLICT DO NOTHING`,
        [secret],
      );
      expect(
        (await owner.query('SELECT n, bytes FROM evidence_chunks WHERE sha256 = $1', [secret])).rows,
      ).toEqual([{ n: 0, bytes: Buffer.from([1]) }]);
      await expect(app.query("UPDATE evidence_chunks SET bytes = '\\x00'")).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await app.end();
    }
  },
};

/** What a server at version 7 holds before version 8 is checked (CHECKS[8] reads it). */
const BEFORE: Record<number, (owner: Client) => Promise<void>> = {
  19: async (owner) => {
    // An entry about an open case, then one about a restricted case (the newest).
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES
         ('cases', 'c-open', 1, '{"assigneeId":"u-other"}', 1),
         ('cases', 'c-secret', 1, '{"restricted":true,"assigneeId":"u-other"}', 2)`,
    );
    await owner.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at) VALUES
         (1, 'desk-a', 'k1', 'audit', 'a1', 1, '{"caseId":{"before":null,"after":"c-open"}}', '{}', now()),
         (2, 'desk-a', 'k2', 'audit', 'a2', 1, '{"caseId":{"before":null,"after":"c-secret"}}', '{}', now())`,
    );
    await owner.query(
      `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES
         (1, $1, 'h1', $2, 'desk-a', 1), (2, 'h1', 'h2', $3, 'desk-a', 2)`,
      [
        '0'.repeat(64),
        { caseId: 'c-open', payloadHash: 'o'.repeat(64) },
        { caseId: 'c-secret', payloadHash: 's'.repeat(64), reason: 'Whistleblower’s name' },
      ],
    );
  },
  15: async (owner) => {
    const disposal = {
      seq: 1,
      caseId: 'c-old',
      at: '2026-11-02T10:00:00.000Z',
      action: 'dispose-delete',
      changes: [{ field: 'disposal', before: null, after: 'd-old' }],
      erasesPayloads: [],
      payloadHash: 'q'.repeat(64),
    };
    await owner.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at) VALUES
         (1, 'desk-a', 'k1', 'audit', 'salt-1', 1, '{"caseId":{"before":null,"after":"c-old"}}', '{}', now())`,
    );
    await owner.query(
      `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq) VALUES (1, $1, 'h1', $2, 'desk-a', 1)`,
      ['0'.repeat(64), disposal],
    );
  },
  13: async (owner) => {
    await owner.query('UPDATE security_policy SET lockout_attempts = 3, lockout_minutes = 45');
  },
  10: async (owner) => {
    await owner.query(
      `INSERT INTO accounts (id, name, name_key, password_hash, created_at)
       VALUES ('u-before', 'Zoë Ng-Ó Briain', 'zoe ng o briain', '$scrypt$x', now() - interval '30 days')`,
    );
  },
  8: async (owner) => {
    await owner.query(
      `INSERT INTO records (kind, id, version, data, updated_seq) VALUES
         ('cases', 'c-secret', 1, '{"restricted":true,"assigneeId":"u-9"}', 1),
         ('notes', 'n-secret', 1, '{"caseId":"c-secret","text":"Whistleblower’s name: see file"}', 2),
         ('cases', 'c-open', 1, '{"assigneeId":"u-9"}', 4)`,
    );
    await owner.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at) VALUES
         (1, 'desk-a', 'k1', 'cases', 'c-secret', 1, '{}', '{}', now()),
         (2, 'desk-a', 'k2', 'notes', 'n-secret', 1, '{}', '{}', now()),
         (3, 'desk-a', 'k3', 'audit', 'a-secret', 1, '{"caseId":{"before":null,"after":"c-secret"}}', '{}', now()),
         (4, 'desk-a', 'k4', 'cases', 'c-open', 1, '{}', '{}', now()),
         (5, 'desk-a', 'k5', 'audit', 'a-open', 1, '{"caseId":{"before":null,"after":"c-open"}}', '{}', now())`,
    );
  },
};

describe('team server migrations', () => {
  it('has a check for every version, numbered 1, 2, 3… without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(Object.keys(CHECKS).map(Number)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(SCHEMA_VERSION).toBe(MIGRATIONS.length);
  });

  it('migrates an empty server to the newest version, recording each step', async () => {
    await withDatabase(async (owner) => {
      expect(await schemaVersion(owner)).toBe(0);
      const result = await migrate(owner, { appRole: appRole() });
      expect(result).toEqual({ from: 0, to: SCHEMA_VERSION, applied: MIGRATIONS.map((m) => m.version) });
      const ledger = await owner.query('SELECT version, name FROM schema_migrations ORDER BY version');
      expect(ledger.rows).toEqual(MIGRATIONS.map(({ version, name }) => ({ version, name })));
      // Again: nothing to do.
      expect(await migrate(owner, { appRole: appRole() })).toEqual({
        from: SCHEMA_VERSION,
        to: SCHEMA_VERSION,
        applied: [],
      });
    });
  });

  it.each(MIGRATIONS.map((m) => [m.version, m.name] as const))(
    'version %i (%s): applied on a server at the version before, it does what it says',
    async (version) => {
      await withDatabase(async (owner, db) => {
        await migrate(owner, { appRole: appRole(), to: version - 1 });
        expect(await schemaVersion(owner)).toBe(version - 1);
        await BEFORE[version]?.(owner);
        const result = await migrate(owner, { appRole: appRole(), to: version });
        expect(result.applied).toEqual([version]);
        await CHECKS[version]!(owner, db);
      });
    },
  );

  it.each(MIGRATIONS.slice(0, -1).map((m) => m.version))(
    'a server left at version %i migrates to the newest, keeping its records and changes',
    async (version) => {
      await withDatabase(async (owner) => {
        await migrate(owner, { appRole: appRole(), to: version });
        await owner.query(
          `INSERT INTO records (kind, id, version, data, updated_seq)
           VALUES ('case', 'c-1', 3, '{"reference":"CMP-2026-0042","status":"investigating"}', 7)`,
        );
        await owner.query(
          `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at)
           VALUES (7, 'desk-b', 'key-7', 'case', 'c-1', 3, '{"status":{"before":"open","after":"investigating"}}',
                   '{"id":"u1","name":"Siobhán Ní Bhriain"}', '2026-11-30T09:15:00Z')`,
        );
        await owner.query('UPDATE sync_head SET last_seq = 7');
        const result = await migrate(owner, { appRole: appRole() });
        expect(result.applied).toEqual(MIGRATIONS.filter((m) => m.version > version).map((m) => m.version));
        expect((await owner.query('SELECT data->>$1 AS status FROM records', ['status'])).rows).toEqual([
          { status: 'investigating' },
        ]);
        expect((await owner.query('SELECT last_seq FROM sync_head')).rows[0].last_seq).toBe('7');
        expect((await owner.query('SELECT actor->>$1 AS name FROM changes', ['name'])).rows).toEqual([
          { name: 'Siobhán Ní Bhriain' },
        ]);
      });
    },
  );

  it('refuses a server newer than this build, and says to update', async () => {
    await withDatabase(async (owner) => {
      await migrate(owner, { appRole: appRole() });
      await owner.query("INSERT INTO schema_migrations (version, name) VALUES ($1, 'from the future')", [
        SCHEMA_VERSION + 1,
      ]);
      const error = await migrate(owner, { appRole: appRole() }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TeamSchemaError);
      expect((error as Error).message).toMatch(/newer than this Redress knows.*update Redress/);
    });
  });

  it('keeps nothing of a migration that fails halfway', async () => {
    await withDatabase(async (owner) => {
      const broken = [
        ...MIGRATIONS.slice(0, 1),
        { version: 2, name: 'broken', sql: 'CREATE TABLE half_done (n int); SELECT 1/0;' },
      ];
      const error = await migrate(owner, { appRole: appRole(), migrations: broken }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(
        /could not be brought to version 2 \(broken\); nothing of that step/,
      );
      expect(await schemaVersion(owner)).toBe(1);
      expect(await tables(owner)).not.toContain('half_done');
    });
  });

  it('applies each migration once when two desks upgrade the same server at the same time', async () => {
    await withDatabase(async (owner, db) => {
      const other = await connect(team.cluster.owner, db);
      try {
        const [a, b] = await Promise.all([
          migrate(owner, { appRole: appRole() }),
          migrate(other, { appRole: appRole() }),
        ]);
        expect([...a.applied, ...b.applied].sort((x, y) => x - y)).toEqual(MIGRATIONS.map((m) => m.version));
        expect(await schemaVersion(owner)).toBe(SCHEMA_VERSION);
      } finally {
        await other.end();
      }
    });
  });
});
