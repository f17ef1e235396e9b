// Demo and training data at size: writes generated complaints as complete cases, each with the audit
// trail its history would have left (create, every status change, assignment, checklist, finding,
// escalation), hash-chained after the current head, plus every counter the app keeps.
//
// The same rules as the repository (cases.ts) apply: the workflow's checkTransition guards every move,
// records carry the derived fields updateCase keeps, and audit changes are diffFields of before and
// after. Cases go in creation order, 1,000 per transaction, with references continuing each year's
// counter. Audit entries go in time order across cases, as a live office would have written them: an
// entry waits in a queue until no case still to come can have an earlier one.
import Dexie, { type Table } from 'dexie';
import { AUDIT_HEAD_KEY } from './audit-log';
import {
  CASES_OPEN_KEY,
  CASES_TOTAL_KEY,
  CREATION_UNLISTED,
  DERIVED_FIELDS,
  newCaseRecord,
  statusCounterKey,
  transitionContext,
  transitionPatch,
  withDerivedFields,
  type CaseRules,
} from './cases';
import type { CounterRow, RedressDB } from './schema';
import { chainAuditEntry, type AuditDraft, type AuditEntry } from '../../src-shared/domain/audit';
import { makeNewCaseSchema, type Actor, type CaseRecord } from '../../src-shared/domain/case';
import { creationChanges, diffFields } from '../../src-shared/domain/diff';
import { formatReference, referenceCounterKey } from '../../src-shared/domain/reference';
import type { UserRecord } from '../../src-shared/domain/users';
import { checkTransition } from '../../src-shared/domain/workflow';
import { DEMO_USERS, demoCase, planDemoData, type DemoCase } from '../../src-shared/demo/generate';
import { demoResolutions, type DemoResolutionContext, type DemoTransition } from './seed-resolutions';
import {
  DEFAULT_APPROVAL_RULES,
  type ApprovalRules,
  type ResolutionRecord,
} from '../../src-shared/domain/resolution';
import { mixSeed, rngFor } from '../../src-shared/demo/rng';
import { PermissionError } from '../../src-shared/errors';
import type { ProfileKind } from '../../src-shared/ipc/channels/training';
import { tm } from '../i18n';
import { TRAINING_DATABASE_KEY, trainingDatabaseRow } from './training-mark';

export interface SeedOptions {
  /** The profile main opened (app:info): demo data goes only into a training profile's database. */
  profile: ProfileKind;
  count: number;
  seed: number;
  /** Received dates end here; nothing is dated later. */
  now: Date;
  rules: CaseRules;
  onProgress?: (done: number, total: number) => void;
  /** Stops between two transactions; cases already written keep their full trail. */
  signal?: AbortSignal;
  /** Cases per transaction. */
  chunkSize?: number;
  /** How far back received dates go (default 18). */
  months?: number;
  /** When a demo proposal needs a manager's approval (default: the shipped rules). */
  approvalRules?: ApprovalRules;
  /**
   * The demo staff as accounts made by the main process's account service, in DEMO_USERS order
   * (the app's "Load demo data" makes them first). Without them (the benchmark, unit tests) the
   * seed writes directory entries of its own with fixed ids.
   */
  people?: readonly Actor[];
}

export interface SeedResult {
  cases: number;
  auditEntries: number;
  users: UserRecord[];
  seconds: number;
}

/** The ids of the demo staff: the same on every seeding, so a second load reuses them. */
export const demoUserId = (key: string) => `demo-${key}`;

/** No demo case has more resolution proposals than this (a reopened case has a few at most). */
export const MAX_DEMO_PROPOSALS = 16;

/**
 * The ids of a seeding's records. Derived from the seed, so the same seed on an empty database gives
 * the same data; mixing in the audit head keeps a second load into the same database from colliding.
 *
 * Each id is the first draw of a stream of its own, and each stream's seed is mixSeed of one serial
 * number, which is one-to-one in it: so no two records share a stream start, and no two ids are
 * equal. (An id drawn part-way along a stream is not safe: mulberry32 streams are windows on one
 * cycle of 2^32 states, and among 100,000 of them some start a few draws apart, so one stream's
 * later draws repeat another's first ones.)
 */
export function demoIds(seed: number, headBefore: number, count: number) {
  const idSeed = mixSeed(seed, headBefore, 0x1d);
  const proposalSeed = mixSeed(idSeed, 0x2f);
  if (count * MAX_DEMO_PROPOSALS > 0xffff_ffff)
    throw new RangeError(`Demo data is limited to ${Math.floor(0xffff_ffff / MAX_DEMO_PROPOSALS)} cases.`);
  return {
    seed: idSeed,
    caseId: (index: number) => rngFor(idSeed, index, 0x1d).uuid(),
    proposalId: (index: number, n: number) => {
      if (n >= MAX_DEMO_PROPOSALS)
        throw new RangeError(`Demo case ${index} has more than ${MAX_DEMO_PROPOSALS} proposals.`);
      return rngFor(proposalSeed, index * MAX_DEMO_PROPOSALS + n, 0x2f).uuid();
    },
  };
}

/** An audit entry's salt (32 hex digits) drawn from the seeding's own stream. */
const demoSalt = (seed: number, seq: number) => rngFor(seed, seq, 0x5a).uuid().replace(/-/g, '');

/** Seeds `count` demo cases with their audit trail and counters. */
export async function seedDemoData(db: RedressDB, options: SeedOptions): Promise<SeedResult> {
  const started = performance.now();
  // Made-up cases in a real office's database could never be told apart from its own, nor removed.
  if (options.profile !== 'training') throw new PermissionError(tm('errors.demo.trainingOnly'));
  const { count, seed, now, rules, onProgress, signal } = options;
  const chunkSize = Math.max(1, options.chunkSize ?? 1000);
  signal?.throwIfAborted();
  onProgress?.(0, count);

  const plan = planDemoData({
    count,
    seed,
    now,
    taxonomy: rules.taxonomy,
    timeZone: rules.calendar.timeZone,
    months: options.months ?? 18,
    requiredChecklistItems: rules.requiredChecklistItems,
  });

  const headBefore = (await db.counters.get(AUDIT_HEAD_KEY))?.value ?? 0;
  const ids = demoIds(seed, headBefore, count);
  const idOf = ids.caseId;
  const approvalRules = options.approvalRules ?? DEFAULT_APPROVAL_RULES;

  const firstCreated = count ? plan.createdMs[plan.order[0]!]! : now.getTime();
  if (options.people && options.people.length !== DEMO_USERS.length) {
    throw new Error(`Demo data needs ${DEMO_USERS.length} people; ${options.people.length} were given.`);
  }
  const users = options.people ? [] : await ensureDemoUsers(db, new Date(firstCreated - 14 * 86_400_000));
  const actors: Actor[] = options.people
    ? options.people.map((p) => ({ id: p.id, name: p.name }))
    : DEMO_USERS.map((u) => ({ id: demoUserId(u.key), name: u.name }));
  const manager = actors[DEMO_USERS.findIndex((u) => u.role === 'manager')]!;
  // Every other case still under investigation (in logging order) has a proposal waiting for a
  // manager: a training manager always finds some, whatever the seed.
  const pendingApproval = new Set<number>();
  let investigating = 0;
  for (const index of plan.order)
    if (plan.status[index] === 'investigating' && investigating++ % 2 === 0) pendingApproval.add(index);
  const resolutionContext = (demo: DemoCase, startedAt: string): DemoResolutionContext => ({
    rng: rngFor(ids.seed, demo.index, 0x2e),
    proposalId: (n) => ids.proposalId(demo.index, n),
    now,
    manager,
    approvalRules,
    startedAt,
    pendingApproval: pendingApproval.has(demo.index),
  });

  const queue = new DraftQueue();
  const schema = makeNewCaseSchema(now);
  let written = 0;
  let entries = 0;

  for (let start = 0; start < count || queue.size > 0; start += chunkSize) {
    const aborted = signal?.aborted ?? false;
    const end = aborted ? start : Math.min(count, start + chunkSize);
    const chunk: Simulated[] = [];
    for (let k = start; k < end; k++)
      chunk.push(simulate(demoCase(plan, plan.order[k]!), schema, rules, actors, idOf, resolutionContext));
    // No case still to come has an entry before its creation, and entries come after their case's creation.
    const cutoff = end < count && !aborted ? plan.createdMs[plan.order[end]!]! : Infinity;

    entries += await db.transaction('rw', [db.cases, db.resolutions, db.audit, db.counters], async () => {
      const years = [...new Set(chunk.map((s) => new Date(s.record.createdAt).getFullYear()))];
      const statusKeys = [...new Set(chunk.map((s) => statusCounterKey(s.record.status)))];
      const keys = [
        AUDIT_HEAD_KEY,
        CASES_TOTAL_KEY,
        CASES_OPEN_KEY,
        ...statusKeys,
        ...years.map(referenceCounterKey),
      ];
      const counters = new Map<string, CounterRow>();
      (await db.counters.bulkGet(keys)).forEach((row, i) =>
        counters.set(keys[i]!, row ?? { key: keys[i]!, value: 0 }),
      );
      const bump = (key: string, by = 1) => {
        const row = counters.get(key)!;
        row.value += by;
        return row.value;
      };

      // References are allocated here, inside the transaction, like createCase does.
      for (const s of chunk) {
        const year = new Date(s.record.createdAt).getFullYear();
        s.record.reference = s.initial.reference = formatReference(year, bump(referenceCounterKey(year)));
        for (const r of s.resolutions) r.caseReference = s.record.reference;
        queue.push(Date.parse(s.initial.createdAt), createDraft(s.initial));
        for (const draft of s.drafts) queue.push(Date.parse(draft.at), draft);
        bump(CASES_TOTAL_KEY);
        if (s.record.open) bump(CASES_OPEN_KEY);
        bump(statusCounterKey(s.record.status));
      }

      const head = counters.get(AUDIT_HEAD_KEY)!;
      let link: { seq: number; hash: string } | null = head.value
        ? { seq: head.value, hash: head.hash ?? '' }
        : null;
      const audit: AuditEntry[] = [];
      for (let draft = queue.popBefore(cutoff); draft; draft = queue.popBefore(cutoff)) {
        // Salts from the seed too: the same seed gives the same trail.
        const entry = chainAuditEntry(draft, link, demoSalt(ids.seed, (link?.seq ?? 0) + 1));
        audit.push(entry);
        link = { seq: entry.seq, hash: entry.hash };
      }
      if (link) counters.set(AUDIT_HEAD_KEY, { key: AUDIT_HEAD_KEY, value: link.seq, hash: link.hash });
      counters.set(TRAINING_DATABASE_KEY, trainingDatabaseRow());

      await bulkAddOrExplain(
        db.cases,
        chunk.map((s) => s.record),
        (c) => `case ${c.reference} (id ${c.id})`,
      );
      await bulkAddOrExplain(
        db.resolutions,
        chunk.flatMap((s) => s.resolutions),
        (r) => `resolution ${r.id} of case ${r.caseReference}`,
      );
      await bulkAddOrExplain(db.audit, audit, (e) => `audit entry ${e.seq} (${e.entity} ${e.entityId})`);
      await db.counters.bulkPut([...counters.values()]);
      return audit.length;
    });
    written += chunk.length;
    onProgress?.(written, count);
    if (aborted) break;
  }
  signal?.throwIfAborted();
  return { cases: written, auditEntries: entries, users, seconds: (performance.now() - started) / 1000 };
}

/**
 * bulkAdd, but a refused row is named: Dexie's BulkError says only how many rows failed, and hides
 * which row and why in failuresByPos. The error still aborts the transaction.
 */
async function bulkAddOrExplain<T>(table: Table<T>, rows: readonly T[], describe: (row: T) => string) {
  if (rows.length === 0) return;
  try {
    await table.bulkAdd(rows as T[]);
  } catch (error) {
    if (!(error instanceof Dexie.BulkError)) throw error;
    const [pos, inner] = Object.entries(error.failuresByPos)[0] ?? [];
    const row = pos === undefined ? undefined : rows[Number(pos)];
    const what = row === undefined ? 'a row' : describe(row);
    const others = error.failures.length > 1 ? ` (and ${error.failures.length - 1} more)` : '';
    throw new Error(
      `Seeding demo data: the ${table.name} table refused ${what}${others}: ${inner?.message ?? error.message}`,
      { cause: error },
    );
  }
}

/** Adds the demo staff who are not there yet to the directory, each with an audit entry. */
async function ensureDemoUsers(db: RedressDB, createdAt: Date): Promise<UserRecord[]> {
  const ids = DEMO_USERS.map((u) => demoUserId(u.key));
  return db.transaction('rw', [db.users, db.audit, db.counters], async () => {
    const existing = await db.users.bulkGet(ids);
    const missing: UserRecord[] = DEMO_USERS.flatMap((u, i) =>
      existing[i]
        ? []
        : [
            {
              id: ids[i]!,
              name: u.name,
              roles: [u.role],
              disabled: false,
              createdAt: createdAt.toISOString(),
            },
          ],
    );
    if (missing.length) {
      const head = await db.counters.get(AUDIT_HEAD_KEY);
      let link: { seq: number; hash: string } | null = head
        ? { seq: head.value, hash: head.hash ?? '' }
        : null;
      const audit = missing.map((user) => {
        const entry = chainAuditEntry(
          {
            at: user.createdAt,
            actor: { id: user.id, name: user.name },
            entity: 'user',
            entityId: user.id,
            caseId: null,
            action: 'create',
            changes: [
              { field: 'name', before: null, after: user.name },
              { field: 'roles', before: null, after: user.roles.join(', ') },
            ],
          },
          link,
          demoSalt(0x05ee_d5a1, (link?.seq ?? 0) + 1),
        );
        link = { seq: entry.seq, hash: entry.hash };
        return entry;
      });
      await db.users.bulkAdd(missing);
      await db.audit.bulkAdd(audit);
      await db.counters.put({ key: AUDIT_HEAD_KEY, value: link!.seq, hash: link!.hash });
    }
    return ids.map((id, i) => (existing[i] as UserRecord | undefined) ?? missing.find((u) => u.id === id)!);
  });
}

interface Simulated {
  /** The case as createCase stored it (reference filled in the transaction). */
  initial: CaseRecord;
  /** The case after its whole history. */
  record: CaseRecord;
  /** The audit drafts of its history, after the create entry. */
  drafts: AuditDraft[];
  /** Its resolution proposals (their drafts are among `drafts`). */
  resolutions: ResolutionRecord[];
}

function createDraft(initial: CaseRecord): AuditDraft {
  return {
    at: initial.createdAt,
    actor: initial.createdBy,
    entity: 'case',
    entityId: initial.id,
    caseId: initial.id,
    action: 'create',
    // As createCase's.
    changes: creationChanges(initial as unknown as Record<string, unknown>, CREATION_UNLISTED),
  };
}

/** Plays a demo case's history through the repository's rules: the stored record and its audit drafts. */
function simulate(
  demo: DemoCase,
  schema: ReturnType<typeof makeNewCaseSchema>,
  rules: CaseRules,
  actors: readonly Actor[],
  idOf: (index: number) => string,
  resolutionContext: (demo: DemoCase, startedAt: string) => DemoResolutionContext,
): Simulated {
  const parsed = schema.safeParse(demo.input);
  if (!parsed.success)
    throw new Error(`Demo case ${demo.index} is not valid: ${parsed.error.issues[0]?.message}`);
  const data = parsed.data;
  const id = idOf(demo.index);
  const creator = actors[demo.createdBy]!;
  const initial: CaseRecord = {
    ...newCaseRecord(data, rules, {
      id,
      reference: '',
      at: demo.createdAt,
      by: creator,
      assignee: creator,
    }),
    relatedCaseIds: demo.relatedTo === null ? [] : [idOf(demo.relatedTo)],
  };

  const drafts: AuditDraft[] = [];
  const transitions: DemoTransition[] = [];
  let current = initial;
  for (const event of demo.events) {
    const at = event.at;
    const actor = actors[event.by]!;
    let patch: Partial<CaseRecord>;
    let action: string;
    let reason: string | undefined;
    switch (event.kind) {
      case 'transition': {
        reason = event.reason;
        // Demo cases have no communications log: the outcome put to the complainant is taken as the
        // final response, a summary close as its summary resolution communication.
        const sent: Partial<CaseRecord> =
          event.to === 'resolution-proposed' && !current.finalResponseAt
            ? { finalResponseAt: at }
            : event.to === 'closed' && (current.status === 'received' || current.status === 'acknowledged')
              ? { summaryResolutionAt: at }
              : {};
        // seed-resolutions writes each case the approved proposal its history implies.
        const check = checkTransition(
          current.status,
          event.to,
          transitionContext({ ...current, ...sent }, rules, at, 'approved', reason),
        );
        if (!check.ok) {
          throw new Error(
            `Demo case ${demo.index}: ${current.status} → ${event.to} at ${at} refused: ${check.message}`,
          );
        }
        action = 'transition';
        patch = { ...sent, ...transitionPatch(current, event.to, at) };
        transitions.push({ to: event.to, at, by: actor, ...(reason ? { reason } : {}) });
        break;
      }
      case 'assign':
        action = 'assign';
        reason = event.reason;
        patch = { assignee: event.to === null ? null : actors[event.to]! };
        break;
      case 'checklist': {
        action = 'checklist-tick';
        const checklist = { ...current.checklist };
        for (const item of event.items) checklist[item] = { by: actor, at };
        patch = { checklist };
        break;
      }
      case 'finding':
        action = 'finding';
        patch = { finding: event.finding, rootCause: event.rootCause };
        break;
      case 'escalate':
        action = 'escalate';
        reason = event.reason;
        patch = { escalation: { reason: event.reason, owner: actors[event.owner]!, at, by: actor } };
        break;
      case 'de-escalate':
        action = 'de-escalate';
        patch = { escalation: null };
        break;
      case 'sla-pause':
        // As pauseSla.
        if (!current.open || current.slaPauses.some((p) => !p.to))
          throw new Error(`Demo case ${demo.index}: cannot pause its clock at ${at}.`);
        action = 'sla-pause';
        reason = event.reason;
        patch = { slaPauses: [...current.slaPauses, { from: at, to: null, reason: event.reason }] };
        break;
      case 'satisfaction':
        // As the follow-up feature records it: the answer on the case.
        action = 'satisfaction';
        patch = { satisfaction: { score: event.score, resolved: event.resolved, at } };
        break;
      case 'sla-resume':
        if (!current.slaPauses.some((p) => !p.to))
          throw new Error(`Demo case ${demo.index}: its clock is not paused at ${at}.`);
        action = 'sla-resume';
        patch = { slaPauses: current.slaPauses.map((p) => (p.to ? p : { ...p, to: at })) };
        break;
    }
    // As updateCase: derived fields follow, and the audit lists what changed. Diffing only the fields
    // that are not the very same value as before gives diffFields' answer for the whole record, cheaply.
    const next = withDerivedFields({ ...current, ...patch });
    const fields = Object.keys(next).filter(
      (k) =>
        (next as unknown as Record<string, unknown>)[k] !==
        (current as unknown as Record<string, unknown>)[k],
    );
    const changes = diffFields(pick(current, fields), pick(next, fields), DERIVED_FIELDS);
    if (changes.length === 0) continue;
    next.updatedAt = at;
    next.lastActivityAt = at;
    // Demo cases have no communications log: each step is taken as told to the complainant.
    if (action === 'transition') next.informedAt = at;
    drafts.push({
      at,
      actor,
      entity: 'case',
      entityId: id,
      caseId: id,
      action,
      changes,
      ...(reason ? { reason } : {}),
    });
    current = next;
  }
  if (current.status !== demo.status)
    throw new Error(`Demo case ${demo.index} ended ${current.status}, not ${demo.status}.`);
  const proposals = demoResolutions(current, transitions, drafts, resolutionContext(demo, initial.createdAt));
  return { initial, record: current, drafts: [...drafts, ...proposals.drafts], resolutions: proposals.rows };
}

function pick(record: CaseRecord, fields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) out[field] = (record as unknown as Record<string, unknown>)[field];
  return out;
}

/** Audit drafts waiting for their turn, earliest first (ties: first queued first). */
class DraftQueue {
  private heap: { at: number; order: number; draft: AuditDraft }[] = [];
  private counter = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, draft: AuditDraft): void {
    const heap = this.heap;
    heap.push({ at, order: this.counter++, draft });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      [heap[i], heap[parent]] = [heap[parent]!, heap[i]!];
      i = parent;
    }
  }

  /** The earliest draft dated before `cutoff`, or undefined. */
  popBefore(cutoff: number): AuditDraft | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (!top || top.at >= cutoff) return undefined;
    const last = heap.pop()!;
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && this.less(l, m)) m = l;
        if (r < heap.length && this.less(r, m)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
    return top.draft;
  }

  private less(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.at < y.at || (x.at === y.at && x.order < y.order);
  }
}
