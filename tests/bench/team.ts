// Team mode's performance budgets (issue 17, "Performance", loopback server), for `npm run bench`:
//   team.initialPull   a desk joining a server that holds 100,000 cases and 1,000,000 audit events:
//                      main's pull (desk-sync.ts over sync.ts, the runner's page size) and the
//                      renderer's apply into IndexedDB (sync-replica.ts, in the bench page); < 60 s.
//   team.changeVisible one change pushed on desk A, seen by desk B (LISTEN/NOTIFY, then a pull); p95 < 2 s.
//   team.tenDesks      ten desks pushing and pulling at once for --team-minutes; afterwards every
//                      idempotency key is on the server exactly once, the seqs have no gap, and every
//                      desk pulled exactly the server's changes. lost and duplicated must be 0.
//   team.trailCheck    main's half of a desk's trail check against a server holding a valid chain of
//                      1,000,000 entries: every page read and checked through desk-sync's trailPage
//                      (no budget; the desk's comparison with its own entries is not included).
//
// The bench starts its own throwaway PostgreSQL (tests/support/pg-cluster.ts) and destroys it after;
// without PostgreSQL the figures are reported as skipped, with the reason.
//
// The server is seeded in the shape real pushes produce: the bench page logs a case, a note and a
// finding through the repositories, the outbox entries are pushed through the real push, and those
// rows (changes, records, audit) are the templates of a bulk INSERT … SELECT generate_series.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { Client } from 'pg';
import { createDeskSync, type DeskSync } from '../../src-main/services/team/desk-sync';
import { migrate } from '../../src-main/services/team/migrate';
import {
  chainAuditEntry,
  GENESIS_HASH,
  hashAuditPayloads,
  newSalt,
  type AuditEntry,
} from '../../src-shared/domain/audit';
import type { RecordData } from '../../src-shared/domain/team-sync';
import { TRAIL_PAGE_MAX } from '../../src-shared/ipc/channels/team-desk';
import {
  JOIN_PULL_PAGE,
  PULL_PAGE,
  type OutboxChange,
  type PulledChangeOut,
  type TeamPullAnswer,
} from '../../src-shared/ipc/channels/team-sync';
import { findPgBin, startPgCluster, type PgCluster } from '../support/pg-cluster';
import { bench, log, topSelf, type CpuProfile } from './lib';

export interface TeamOptions {
  cases: number;
  auditPerCase: number;
  /** How many of the pulled changes the page applies (the rest is extrapolated); all when >= the total. */
  applyChanges: number;
  samples: number;
  minutes: number;
  desks: number;
  /** Runs the apply under Chromium's CPU profiler and reports its top self-time functions. */
  profile?: boolean;
  /** Measures only the initial pull (not the change seen on another desk, nor the ten desks). */
  pullOnly?: boolean;
  /** Measures only the trail check against the server (team.trailCheck). */
  trailOnly?: boolean;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const ACTOR = { id: 'bench-officer', name: 'Siobhán Ó Briain' };

type Change = OutboxChange;
type Pulled = Extract<TeamPullAnswer, { online: true }>;

function online<T extends { online: boolean }>(answer: T): Extract<T, { online: true }> {
  if (!answer.online)
    throw new Error(`The team server did not answer: ${(answer as { message?: string }).message}`);
  return answer as Extract<T, { online: true }>;
}

/** A migrated database on the cluster; its name. */
async function newDatabase(cluster: PgCluster, name: string): Promise<string> {
  await cluster.createDatabase(name);
  await asOwner(cluster, name, (c) => migrate(c, { appRole: cluster.app.user }));
  return name;
}

async function asOwner<T>(cluster: PgCluster, database: string, use: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client(cluster.config(cluster.owner, database));
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

interface Desk {
  main: DeskSync;
  deskId: string;
  close(): Promise<void>;
}

/** Main's side of one desk (its own data folder, so its own desk id) on `database`. */
async function openDesk(cluster: PgCluster, database: string): Promise<Desk> {
  const dataDir = await mkdtemp(join(tmpdir(), 'redress-bench-desk-'));
  const main = createDeskSync({
    dataDir,
    connection: { clientConfig: async () => cluster.config(cluster.app, database) },
    actor: () => ACTOR,
  });
  const { deskId } = await main.status();
  return {
    main,
    deskId: deskId!,
    async close() {
      await main.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The sample's changes with new record ids: a realistic change for another record. */
function retarget(
  change: Change,
  ids: { id: string; caseId?: string },
  at = new Date().toISOString(),
): Change {
  const fields = { ...change.fields };
  if ('id' in fields) fields.id = { before: null, after: ids.id };
  if (ids.caseId && 'caseId' in fields) fields.caseId = { before: null, after: ids.caseId };
  if (change.kind === 'audit') {
    fields.entityId = { before: null, after: ids.caseId ?? ids.id };
    fields.caseId = { before: null, after: ids.caseId ?? null };
    fields.salt = { before: null, after: randomUUID().replace(/-/g, '') };
    fields.at = { before: null, after: at };
  }
  if (change.kind === 'cases' && 'reference' in fields)
    fields.reference = { before: null, after: `B-${ids.id.slice(-12)}` };
  return { ...change, idempotencyKey: randomUUID(), id: ids.id, baseVersion: 0, fields, at };
}

interface Templates {
  caseChange: Change;
  caseAudit: Change;
  note: Change;
  noteAudit: Change;
  finding: Change;
  findingAudit: Change;
}

/** Pushes the page's sample through the real push; the changes as templates. */
async function learnShape(page: Page, cluster: PgCluster): Promise<Templates> {
  const sample = await bench(page, 'teamSample', new Date().toISOString());
  const database = await newDatabase(cluster, 'bench_sample');
  const desk = await openDesk(cluster, database);
  try {
    const answer = online(await desk.main.push(sample));
    const refused = answer.results.filter((r) => r.status !== 'applied');
    if (refused.length) throw new Error(`The sample push was refused: ${JSON.stringify(refused[0])}`);
  } finally {
    await desk.close();
  }
  // In the outbox's order: the case and its trail entry, the note and its entry, the finding and its entry.
  const records = sample.filter((c) => c.kind !== 'audit');
  const audits = sample.filter((c) => c.kind === 'audit');
  const of = (kind: string, nth = 0) => {
    const found = records.filter((c) => c.kind === kind)[nth];
    if (!found)
      throw new Error(
        `The sample has no ${kind} change #${nth} (kinds: ${sample.map((c) => c.kind).join(', ')})`,
      );
    return found;
  };
  if (audits.length < 3) throw new Error(`The sample has ${audits.length} trail entries, not 3.`);
  return {
    caseChange: of('cases'),
    caseAudit: audits[0]!,
    note: of('notes'),
    noteAudit: audits[1]!,
    finding: of('cases', 1),
    findingAudit: audits[2]!,
  };
}

/** The first row's `value` of a query on the sample's database (learnShape's real push). */
async function sampleValue<T>(cluster: PgCluster, sql: string): Promise<T> {
  return (await asOwner(cluster, 'bench_sample', (c) => c.query<{ value: T }>(sql))).rows[0]!.value;
}

/** The case's trail entry as the server chained it in the sample push. */
const sampleAuditEntry = (cluster: PgCluster) =>
  sampleValue<AuditEntry>(cluster, 'SELECT entry AS value FROM audit ORDER BY seq LIMIT 1');

/** 100,000 cases with 10 trail entries each, as pushes would have left them; seconds taken. */
async function seedServer(cluster: PgCluster, database: string, t: Templates, options: TeamOptions) {
  const began = performance.now();
  const per = options.auditPerCase + 1;
  const data = await sampleValue<RecordData>(
    cluster,
    "SELECT data AS value FROM records WHERE kind = 'cases'",
  );
  const entry = await sampleAuditEntry(cluster);
  await asOwner(cluster, database, async (c) => {
    await c.query('BEGIN');
    // Seeding only: the rows are made already derived (case_id, restricted; every case open, so every
    // change's restricted stays false) and already in chain order.
    await c.query('ALTER TABLE records DISABLE TRIGGER USER');
    await c.query('ALTER TABLE changes DISABLE TRIGGER USER');
    await c.query('ALTER TABLE audit DISABLE TRIGGER USER');
    const n = options.cases;
    const caseId = `'bench-case-' || lpad(i::text, 7, '0')`;
    const changeSeq = `(i - 1) * ${per} + 1`;
    await c.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at)
       SELECT ${changeSeq}, 'bench-desk-' || (i % 10), 'bench-case-key-' || i, 'cases', ${caseId}, 1,
              $1::jsonb || jsonb_build_object('id', jsonb_build_object('before', null, 'after', ${caseId}),
                                              'reference', jsonb_build_object('before', null, 'after', 'BENCH-' || i)),
              $2::jsonb, now() - make_interval(mins => $3 - i)
         FROM generate_series(1, $3::int) i`,
      [JSON.stringify(t.caseChange.fields), JSON.stringify(ACTOR), n],
    );
    await c.query(
      `INSERT INTO records (kind, id, version, data, restricted, updated_seq, case_id)
       SELECT 'cases', ${caseId}, 1,
              $1::jsonb || jsonb_build_object('id', ${caseId}, 'reference', 'BENCH-' || i, 'restricted', false),
              false, ${changeSeq}, ${caseId}
         FROM generate_series(1, $2::int) i`,
      [JSON.stringify(data), n],
    );
    log(`team seed: ${n} cases in ${round((performance.now() - began) / 1000)} s`);
    const a = `((i - 1) * ${options.auditPerCase} + j)`;
    await c.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at)
       SELECT ${changeSeq} + j, 'bench-desk-' || (i % 10), 'bench-audit-key-' || ${a}, 'audit', 'bench-audit-' || ${a}, 1,
              $1::jsonb || jsonb_build_object(
                'caseId', jsonb_build_object('before', null, 'after', ${caseId}),
                'entityId', jsonb_build_object('before', null, 'after', ${caseId}),
                'salt', jsonb_build_object('before', null, 'after', md5(${a}::text))),
              $2::jsonb, now() - make_interval(mins => $3 - i)
         FROM generate_series(1, $3::int) i, generate_series(1, $4::int) j`,
      [JSON.stringify(t.caseAudit.fields), JSON.stringify(ACTOR), n, options.auditPerCase],
    );
    log(`team seed: changes in ${round((performance.now() - began) / 1000)} s`);
    const hash = (x: string) => `encode(sha256(('bench-audit-' || ${x})::text::bytea), 'hex')`;
    await c.query(
      `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq)
       SELECT ${a}, CASE WHEN ${a} = 1 THEN repeat('0', 64) ELSE ${hash(`${a} - 1`)} END, ${hash(a)},
              $1::jsonb || jsonb_build_object('seq', ${a}, 'caseId', ${caseId}, 'entityId', ${caseId},
                'salt', md5(${a}::text), 'prevHash', CASE WHEN ${a} = 1 THEN repeat('0', 64) ELSE ${hash(`${a} - 1`)} END,
                'hash', ${hash(a)}),
              'bench-desk-' || (i % 10), ${changeSeq} + j
         FROM generate_series(1, $2::int) i, generate_series(1, $3::int) j`,
      [JSON.stringify(entry), n, options.auditPerCase],
    );
    const total = n * per;
    const audits = n * options.auditPerCase;
    await c.query(
      `UPDATE sync_head SET last_seq = $1, audit_seq = $2, audit_hash = encode(sha256(('bench-audit-' || $2::bigint)::text::bytea), 'hex')`,
      [total, audits],
    );
    await c.query('ALTER TABLE records ENABLE TRIGGER USER');
    await c.query('ALTER TABLE changes ENABLE TRIGGER USER');
    await c.query('ALTER TABLE audit ENABLE TRIGGER USER');
    await c.query('COMMIT');
    // As a server that has held its data a while (autovacuum has been by): without it the first
    // reader of each just-written row sets its hint bits, and the first pull writes every page.
    await c.query('VACUUM ANALYZE');
  });
  return (performance.now() - began) / 1000;
}

/** A desk joining: every page pulled through main, the first `applyChanges` applied in the page. */
async function measureInitialPull(page: Page, cluster: PgCluster, database: string, options: TeamOptions) {
  const desk = await openDesk(cluster, database);
  try {
    await bench(page, 'teamReplicaReset', desk.deskId);
    const cdp = options.profile ? await page.context().newCDPSession(page) : null;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    let since = 0;
    let pulled = 0;
    let applied = 0;
    let pullMs = 0;
    let applyMs = 0;
    const pageMs: number[] = [];
    let batch: { changes: PulledChangeOut[]; lastSeq: number }[] = [];
    const flush = async () => {
      if (!batch.length) return;
      const times = await bench(page, 'teamApply', { pages: batch, deskId: desk.deskId });
      applyMs += times.reduce((s, t) => s + t, 0);
      applied += batch.reduce((s, p) => s + p.changes.length, 0);
      batch = [];
    };
    let lastLog = performance.now();
    for (;;) {
      const began = performance.now();
      // A desk this far behind joins: the runner asks for JOIN_PULL_PAGE (syncOnce).
      const answer: Pulled = online(await desk.main.pull(since, JOIN_PULL_PAGE));
      const ms = performance.now() - began;
      pullMs += ms;
      pageMs.push(ms);
      if (!answer.changes.length) break;
      pulled += answer.changes.length;
      since = answer.lastSeq;
      if (applied + batch.reduce((s, p) => s + p.changes.length, 0) < options.applyChanges) {
        batch.push({ changes: answer.changes, lastSeq: answer.lastSeq });
        // About 30 MB of JSON per call into the page.
        if (batch.reduce((s, p) => s + p.changes.length, 0) >= 10_000) await flush();
      }
      if (performance.now() - lastLog > 10_000) {
        lastLog = performance.now();
        log(`team.initialPull: pulled ${pulled}, applied ${applied}`);
      }
      if (since >= answer.headSeq) break;
    }
    await flush();
    // The join's end: return facts and search index for every case applied (measured when all were).
    const finish = await bench(page, 'teamFinishJoin', undefined);
    const profile = cdp ? topSelf((await cdp.send('Profiler.stop')).profile as CpuProfile, 20) : null;
    const replica = await bench(page, 'teamReplicaCounts', undefined);
    const pullSeconds = pullMs / 1000;
    const applySeconds = applyMs / 1000;
    const applyRate = applied / applySeconds;
    // The join's end grows with the cases applied: scaled to all when only part was applied.
    const finishSeconds = ((finish.returnsMs + finish.searchMs) / 1000) * (pulled / applied);
    const estimated = pullSeconds + pulled / applyRate + finishSeconds;
    return {
      changes: pulled,
      pullSeconds: round(pullSeconds),
      pullChangesPerSecond: Math.round(pulled / pullSeconds),
      pullPageMs: {
        p50: round(percentile(pageMs, 50)),
        p95: round(percentile(pageMs, 95)),
        pageSize: JOIN_PULL_PAGE,
      },
      appliedChanges: applied,
      applySeconds: round(applySeconds),
      applyChangesPerSecond: Math.round(applyRate),
      finishJoin: {
        returnFactsSeconds: round(finish.returnsMs / 1000),
        searchIndexSeconds: round(finish.searchMs / 1000),
        casesBuilt: replica.cases,
      },
      replica,
      seconds: round(estimated),
      estimated: applied < pulled,
      changesPerSecond: Math.round(pulled / estimated),
      budget: 60,
      ok: estimated <= 60,
      ...(profile ? { profileTop: profile } : {}),
    };
  } finally {
    await desk.close();
  }
}

/** Desk A pushes one note, desk B hears it (LISTEN/NOTIFY) and pulls it: milliseconds, `samples` times. */
async function measureChangeVisible(cluster: PgCluster, database: string, t: Templates, samples: number) {
  const [a, b] = [await openDesk(cluster, database), await openDesk(cluster, database)];
  try {
    let seen = online(await b.main.pull(0, 1)).headSeq;
    const times: number[] = [];
    for (let i = 0; i < samples + 3; i++) {
      const change = retarget(t.note, {
        id: `bench-visible-note-${randomUUID()}`,
        caseId: 'bench-case-0000001',
      });
      const waiting = b.main.waitForChanges(seen, 10_000);
      const began = performance.now();
      online(await a.main.push([change]));
      const woke = online(await waiting);
      if (woke.headSeq === null) throw new Error('Desk B was not woken within 10 s.');
      const answer = online(await b.main.pull(seen, PULL_PAGE));
      if (!answer.changes.some((c) => c.id === change.id))
        throw new Error('Desk B pulled without the change.');
      seen = answer.lastSeq;
      if (i >= 3) times.push(performance.now() - began);
    }
    const p95 = round(percentile(times, 95));
    return {
      samples: times.length,
      p50: round(percentile(times, 50)),
      p95,
      max: round(Math.max(...times)),
      unit: 'ms',
      budget: 2000,
      ok: p95 <= 2000,
    };
  } finally {
    await a.close();
    await b.close();
  }
}

/** Ten desks writing at once: realistic batches, retries of the same batch, pulls of everyone's. */
async function measureTenDesks(cluster: PgCluster, t: Templates, options: TeamOptions) {
  const database = await newDatabase(cluster, 'bench_ten_desks');
  const desks = await Promise.all(Array.from({ length: options.desks }, () => openDesk(cluster, database)));
  const pushMs: number[] = [];
  const sent = new Set<string>();
  let refused = 0;
  let replayMoved = 0;
  let retries = 0;
  const pulledBy = desks.map(() => new Map<number, string>());
  let pulledTwice = 0;
  const deadline = performance.now() + options.minutes * 60_000;
  const began = performance.now();

  const pullAll = async (d: number, since: number) => {
    for (;;) {
      const answer = online(await desks[d]!.main.pull(since, PULL_PAGE));
      for (const c of answer.changes) {
        if (pulledBy[d]!.has(c.seq)) pulledTwice += 1;
        pulledBy[d]!.set(c.seq, c.kind === 'audit' ? `audit:${c.id}` : `${c.kind}:${c.id}:${c.version}`);
      }
      since = answer.lastSeq;
      if (!answer.changes.length || since >= answer.headSeq) return since;
    }
  };

  await Promise.all(
    desks.map(async (desk, d) => {
      const mine: { id: string; version: number; rootCause: unknown }[] = [];
      let since = 0;
      let round_ = 0;
      while (performance.now() < deadline) {
        round_ += 1;
        const batch: Change[] = [];
        const edited = new Set<string>();
        for (let k = 0; k < 3; k++) {
          const caseId = `desk${d}-case-${randomUUID()}`;
          batch.push(
            retarget(t.caseChange, { id: caseId }),
            retarget(t.caseAudit, { id: randomUUID(), caseId }),
          );
          batch.push(
            retarget(t.note, { id: `desk${d}-note-${randomUUID()}`, caseId }),
            retarget(t.noteAudit, { id: randomUUID(), caseId }),
          );
          const earlier = mine[Math.floor(Math.random() * mine.length)];
          if (earlier && !edited.has(earlier.id)) {
            edited.add(earlier.id);
            const after = `Finding ${round_}.${k} on desk ${d}: direct debit ran twice`;
            batch.push(
              {
                ...t.finding,
                idempotencyKey: randomUUID(),
                id: earlier.id,
                baseVersion: earlier.version,
                fields: { rootCause: { before: earlier.rootCause, after } },
                at: new Date().toISOString(),
              },
              retarget(t.findingAudit, { id: randomUUID(), caseId: earlier.id }),
            );
            earlier.rootCause = after;
          }
        }
        const start = performance.now();
        const answer = online(await desk.main.push(batch));
        pushMs.push(performance.now() - start);
        for (const c of batch) sent.add(c.idempotencyKey);
        for (const [i, r] of answer.results.entries()) {
          if (r.status !== 'applied') {
            refused += 1;
            continue;
          }
          const c = batch[i]!;
          if (c.kind !== 'cases') continue;
          const known = mine.find((m) => m.id === c.id);
          if (known) known.version = r.version;
          else mine.push({ id: c.id, version: r.version, rootCause: c.fields.rootCause?.after ?? null });
        }
        // Every fifth batch is sent again, as after an answer lost on the way: nothing may apply twice.
        if (round_ % 5 === 0) {
          retries += 1;
          const again = online(await desk.main.push(batch));
          for (const [i, r] of again.results.entries()) {
            const first = answer.results[i]!;
            if (
              r.status === 'applied' &&
              (!r.replayed || (first.status === 'applied' && r.seq !== first.seq))
            )
              replayMoved += 1;
          }
        }
        since = await pullAll(d, since);
      }
      await pullAll(d, since);
    }),
  );
  const seconds = (performance.now() - began) / 1000;
  // Everyone has written: each desk pulls what came after its last pass.
  await Promise.all(desks.map((_, d) => pullAll(d, Math.max(0, ...pulledBy[d]!.keys()))));

  const server = await asOwner(cluster, database, async (c) => ({
    changes: (
      await c.query<{ seq: string; idempotency_key: string; kind: string; id: string; version: string }>(
        'SELECT seq, idempotency_key, kind, id, version FROM changes ORDER BY seq',
      )
    ).rows,
    audit: (
      await c.query<{ n: string; max: string | null }>('SELECT count(*) AS n, max(seq) AS max FROM audit')
    ).rows[0]!,
  }));
  const keys = new Map<string, number>();
  for (const row of server.changes) keys.set(row.idempotency_key, (keys.get(row.idempotency_key) ?? 0) + 1);
  const lost = [...sent].filter((k) => !keys.has(k)).length;
  const duplicated = [...keys.values()].filter((n) => n > 1).length + replayMoved + pulledTwice;
  const gaps = server.changes.filter((row, i) => Number(row.seq) !== i + 1).length;
  const auditGaps = Number(server.audit.max ?? 0) - Number(server.audit.n);
  const expected = new Map(
    server.changes.map((r) => [
      Number(r.seq),
      r.kind === 'audit' ? `audit:${r.id}` : `${r.kind}:${r.id}:${r.version}`,
    ]),
  );
  const desksDiffering = pulledBy.filter(
    (m) => m.size !== expected.size || [...expected].some(([seq, what]) => m.get(seq) !== what),
  ).length;
  await Promise.all(desks.map((d) => d.close()));
  const applied = server.changes.length;
  return {
    desks: options.desks,
    minutes: options.minutes,
    seconds: round(seconds),
    changes: applied,
    changesPerSecond: Math.round(applied / seconds),
    pushes: pushMs.length,
    retriedBatches: retries,
    pushP95: round(percentile(pushMs, 95)),
    pushP50: round(percentile(pushMs, 50)),
    refused,
    lost,
    duplicated,
    seqGaps: gaps + auditGaps,
    desksDiffering,
    ok: lost === 0 && duplicated === 0 && gaps + auditGaps === 0 && desksDiffering === 0,
  };
}

/**
 * A valid chain of cases × auditPerCase entries on a fresh database, chained in Node by the server's
 * own chainAuditEntry (seedServer's hashes are fake, so its chain cannot be checked); seconds taken.
 */
async function seedTrail(cluster: PgCluster, database: string, options: TeamOptions) {
  const began = performance.now();
  const total = options.cases * options.auditPerCase;
  const {
    seq: _s,
    prevHash: _p,
    hash: _h,
    salt: _salt,
    payloadHash: _ph,
    erased: _e,
    ...draft
  } = await sampleAuditEntry(cluster);
  const start = Date.now() - total * 1000;
  let head: { seq: number; hash: string } | null = null;
  await asOwner(cluster, database, async (c) => {
    await c.query('BEGIN');
    // As seedServer: rows made already derived and in chain order, the per-row triggers off.
    await c.query('ALTER TABLE changes DISABLE TRIGGER USER');
    await c.query('ALTER TABLE audit DISABLE TRIGGER USER');
    // One audit change per entry (change_seq references it, and readTrailPage's LEFT JOIN through
    // the changes' row-level policy is what makes an entry visible); restricted stays false.
    const caseId = `'bench-case-' || lpad(((i - 1) / ${options.auditPerCase} + 1)::text, 7, '0')`;
    await c.query(
      `INSERT INTO changes (seq, desk_id, idempotency_key, kind, id, version, fields, actor, at)
       SELECT i, 'bench-desk-' || (i % 10), 'bench-audit-key-' || i, 'audit', 'bench-audit-' || i, 1,
              jsonb_build_object('caseId', jsonb_build_object('before', null, 'after', ${caseId}),
                                 'entityId', jsonb_build_object('before', null, 'after', ${caseId})),
              $1::jsonb, to_timestamp($2::double precision / 1000 + i)
         FROM generate_series(1, $3::int) i`,
      [JSON.stringify(ACTOR), start, total],
    );
    log(`team trail seed: changes in ${round((performance.now() - began) / 1000)} s`);
    // Chunks chained in Node while the previous chunk is written (PostgreSQL is another process).
    const CHUNK = 5000;
    let writing: Promise<unknown> = Promise.resolve();
    for (let first = 1; first <= total; first += CHUNK) {
      const drafts = Array.from({ length: Math.min(CHUNK, total + 1 - first) }, (_, k) => {
        const seq = first + k;
        const id = `bench-case-${String(Math.floor((seq - 1) / options.auditPerCase) + 1).padStart(7, '0')}`;
        return {
          ...draft,
          caseId: id,
          entityId: id,
          at: new Date(start + seq * 1000).toISOString(),
          salt: newSalt(),
        };
      });
      // The commitments by native SHA-256, as the app's import batches make them.
      const payloadHashes = await hashAuditPayloads(drafts);
      const rows = drafts.map(
        ({ salt, ...d }, k) => (head = chainAuditEntry(d, head, salt, payloadHashes[k])),
      );
      await writing;
      writing = c.query(
        `INSERT INTO audit (seq, prev_hash, hash, entry, desk_id, change_seq)
         SELECT seq, prev_hash, hash, entry::jsonb, 'bench-desk-' || (seq % 10), seq
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[]) AS u(seq, prev_hash, hash, entry)`,
        [
          rows.map((r) => r.seq),
          rows.map((r) => r.prevHash),
          rows.map((r) => r.hash),
          rows.map((r) => JSON.stringify(r)),
        ],
      );
      if (first % 100_000 === 1) log(`team trail seed: ${first - 1 + rows.length} of ${total} entries`);
    }
    await writing;
    await c.query('UPDATE sync_head SET last_seq = $1, audit_seq = $1, audit_hash = $2', [
      total,
      head?.hash ?? GENESIS_HASH,
    ]);
    await c.query('ALTER TABLE changes ENABLE TRIGGER USER');
    await c.query('ALTER TABLE audit ENABLE TRIGGER USER');
    await c.query('COMMIT');
    await c.query('VACUUM ANALYZE'); // as seedServer: hint bits set, as on a server that has run a while
  });
  return { seconds: (performance.now() - began) / 1000, entries: total };
}

/**
 * Main's half of a desk's trail check (TeamTrailCheck): every page of the server's chain read and
 * checked through desk-sync's trailPage, as checkTrailAgainstServer asks for them.
 */
async function measureTrailCheck(cluster: PgCluster, options: TeamOptions) {
  const database = await newDatabase(cluster, 'bench_trail_check');
  log(`team: chaining ${options.cases * options.auditPerCase} trail entries…`);
  const seed = await seedTrail(cluster, database, options);
  log(`team: trail seeded in ${round(seed.seconds)} s; checking it through main…`);
  const desk = await openDesk(cluster, database);
  try {
    let after = { seq: 0, hash: GENESIS_HASH };
    let entries = 0;
    let hidden = 0;
    const pageMs: number[] = [];
    const cpu = process.cpuUsage();
    const began = performance.now();
    for (;;) {
      const start = performance.now();
      const answer = online(
        await desk.main.trailPage({ afterSeq: after.seq, prevHash: after.hash, limit: TRAIL_PAGE_MAX }),
      );
      pageMs.push(performance.now() - start);
      if (answer.broken)
        throw new Error(`The seeded trail is broken at ${answer.broken.seq}: ${answer.broken.problem}`);
      entries += answer.entries.length;
      hidden += answer.entries.filter((e) => e.digest === null).length;
      const done = answer.last.seq >= answer.head.seq || answer.entries.length === 0;
      after = answer.last;
      if (done) break;
    }
    const seconds = (performance.now() - began) / 1000;
    const used = process.cpuUsage(cpu);
    if (entries !== seed.entries || after.seq !== seed.entries || hidden)
      throw new Error(
        `The trail check read ${entries} entries to seq ${after.seq} (${hidden} hidden), not the ${seed.entries} seeded.`,
      );
    return {
      entries,
      seconds: round(seconds),
      entriesPerSecond: Math.round(entries / seconds),
      seedSeconds: round(seed.seconds),
      pages: pageMs.length,
      pageMs: {
        p50: round(percentile(pageMs, 50)),
        p95: round(percentile(pageMs, 95)),
        pageSize: TRAIL_PAGE_MAX,
      },
      /** This process's CPU while reading (pg's parse of the rows and the check); the rest is PostgreSQL's and waiting. */
      mainCpuSeconds: round((used.user + used.system) / 1e6),
    };
  } finally {
    await desk.close();
  }
}

export type TeamReport =
  | { skipped: string }
  | { 'team.trailCheck': Awaited<ReturnType<typeof measureTrailCheck>>; notes: string[] }
  | {
      seedSeconds: number;
      'team.initialPull': Awaited<ReturnType<typeof measureInitialPull>>;
      /** Left out with `pullOnly`. */
      'team.changeVisible'?: Awaited<ReturnType<typeof measureChangeVisible>>;
      'team.tenDesks'?: Awaited<ReturnType<typeof measureTenDesks>>;
      'team.trailCheck'?: Awaited<ReturnType<typeof measureTrailCheck>>;
      notes: string[];
    };

/** All four team figures, on a cluster of their own. */
export async function measureTeam(page: Page, options: TeamOptions): Promise<TeamReport> {
  try {
    findPgBin();
  } catch (error) {
    return { skipped: error instanceof Error ? error.message : String(error) };
  }
  const cluster = await startPgCluster();
  try {
    const templates = await learnShape(page, cluster);
    const trailNote = `team.trailCheck: main's half of a desk's trail check: a valid chain of ${options.cases * options.auditPerCase} entries (chained in Node with chainAuditEntry from the sample's case entry, one audit change each) read from the server and checked link by link through desk-sync's trailPage, ${TRAIL_PAGE_MAX} entries a page, from seq 0 to the head. Not included: the desk's side (reading its own entries from IndexedDB and comparing, checkTrailAgainstServer). seedSeconds: chaining and writing the seed. Main's code runs here under tsx, whose CommonJS loading of @noble/hashes made SHA-256 about 15 times slower than the same code bundled as the app bundles it (2.5 KB: about 0.8 ms against 0.05 ms), so seconds are an upper bound for the built app.`;
    if (options.trailOnly)
      return { 'team.trailCheck': await measureTrailCheck(cluster, options), notes: [trailNote] };
    const database = await newDatabase(cluster, 'bench_initial_pull');
    log(`team: seeding ${options.cases} cases and ${options.cases * options.auditPerCase} audit events…`);
    const seedSeconds = round(await seedServer(cluster, database, templates, options));
    log(`team: seeded in ${seedSeconds} s; a desk joins…`);
    const initialPull = await measureInitialPull(page, cluster, database, options);
    const pullNote = initialPull.estimated
      ? `team.initialPull: every page pulled through main's desk-sync (page size ${JOIN_PULL_PAGE}, a join's); the first ${initialPull.appliedChanges} changes applied in the bench page's IndexedDB with applyPulledPage as a join, then the join's end (return facts, search index) over the cases applied; seconds = pull time + all changes at the measured apply rate + the join's end scaled to all.`
      : `team.initialPull: every page pulled through main's desk-sync (page size ${JOIN_PULL_PAGE}, a join's) and applied in the bench page's IndexedDB with applyPulledPage as a join, then the join's end (return facts, search index); seconds = pull + apply + the join's end, measured.`;
    if (options.pullOnly) return { seedSeconds, 'team.initialPull': initialPull, notes: [pullNote] };
    log(
      `team: initial pull ${initialPull.seconds} s; a change seen on another desk, ${options.samples} times…`,
    );
    const changeVisible = await measureChangeVisible(cluster, database, templates, options.samples);
    log(`team: ${options.desks} desks writing for ${options.minutes} min…`);
    const tenDesks = await measureTenDesks(cluster, templates, options);
    const trailCheck = await measureTrailCheck(cluster, options);
    const notes = [
      `team: a throwaway PostgreSQL on 127.0.0.1 (fsync off, as the tests run it). The server was seeded with ${options.cases} cases and ${options.auditPerCase} trail entries each, shaped on a case, note and finding pushed through the real push.`,
      pullNote,
      `team.changeVisible: desk A pushes one note, desk B waits with waitForChanges (LISTEN/NOTIFY) and pulls it; from before the push to the end of B's pull.`,
      `team.tenDesks: each push is 3 new cases, 3 notes and up to 3 findings on the desk's earlier cases, each with its trail entry; every fifth batch is sent again (an answer lost); lost = keys sent but not on the server (refused included), duplicated = keys twice on the server + replays that moved + seqs pulled twice.`,
      trailNote,
    ];
    return {
      seedSeconds,
      'team.initialPull': initialPull,
      'team.changeVisible': changeVisible,
      'team.tenDesks': tenDesks,
      'team.trailCheck': trailCheck,
      notes,
    };
  } finally {
    await cluster.destroy();
  }
}
