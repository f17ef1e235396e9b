// Team mode's sync channels (DESIGN.md, "Team mode"). The renderer keeps the outbox and the replica;
// main alone talks to the server. Every answer says whether the server was reached: a server or
// network that is away is an `online: false` answer with words to show, not an error.
//
// - `team:sync-status`: whether this desk is in team mode, and its desk id.
// - `team:push`: a batch from the outbox, in order (main sets the actor: the author each entry
//   names if the server has that account, else its own session's person).
// - `team:pull`: the server's changes after a seq, with each record as the server holds it (or the
//   audit entry); a change's `fields` only when the page has neither (`{}` otherwise). The last
//   page of a pass also says whether the signed-in person's session moved on the server.
// - `team:wait-for-changes`: resolves when the server's head passes `afterSeq` (LISTEN/NOTIFY), when
//   the signed-in person's account changed there and main's session followed it, or after
//   `timeoutMs` with the head unchanged: the renderer's long poll, since main sends no events.
import { z } from 'zod';
import {
  MAX_PULL_PAGE,
  MAX_PUSH_CHANGES,
  DisposedCaseSchema,
  RefusalFiguresSchema,
  SyncChangeSchema,
} from '../../domain/team-sync';
import { NoInput, strictInput } from './input';

/**
 * The server could not be used. `session`: main's session followed the server meanwhile (it no
 * longer takes the person's session: the desk is locked), as a pull's or a wait's answer says it.
 */
const Offline = z.object({
  online: z.literal(false),
  message: z.string(),
  session: z.enum(['changed', 'locked']).optional(),
});

/**
 * A change as the outbox holds it. `author`: the person signed in when it was written; main keeps
 * it as the change's actor only if the server has that account, else uses its signed-in session's.
 */
export const OutboxChangeSchema = SyncChangeSchema.omit({ actor: true }).extend({
  author: SyncChangeSchema.shape.actor.optional(),
});
export type OutboxChange = z.output<typeof OutboxChangeSchema>;

const FieldConflictSchema = z.object({
  field: z.string(),
  yours: z.object({ before: z.unknown(), after: z.unknown() }),
  server: z.unknown(),
});

const PushOutcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('applied'),
    idempotencyKey: z.string(),
    seq: z.number().int(),
    version: z.number().int(),
    replayed: z.boolean(),
    /** A trail entry about a case disposed of before it arrived: the server erased its payload. */
    erasedForDisposal: DisposedCaseSchema.optional(),
  }),
  z.object({
    status: z.literal('conflict'),
    idempotencyKey: z.string(),
    kind: z.string(),
    id: z.string(),
    reason: z.enum(['field', 'append-only', 'unknown-version']),
    conflicts: z.array(FieldConflictSchema),
    serverVersion: z.number().int(),
    serverData: z.record(z.string(), z.unknown()).nullable(),
  }),
  // A rule the server keeps refused the change (an approval the person may not make), or it
  // followed a refused change to the same record in this push: nothing of it was written.
  z.object({
    status: z.literal('refused'),
    idempotencyKey: z.string(),
    kind: z.string(),
    id: z.string(),
    code: z.string(),
    message: z.string(),
    /** An over-limit refusal's figures: the desk words them in the office's locale. */
    figures: RefusalFiguresSchema.optional(),
    /** A change to a case disposed of before it arrived (migration 15): which disposal, when. */
    disposed: DisposedCaseSchema.optional(),
    actor: z.object({ id: z.string(), name: z.string() }),
    serverVersion: z.number().int(),
    serverData: z.record(z.string(), z.unknown()).nullable(),
  }),
]);

export const PulledChangeSchema = z.object({
  seq: z.number().int(),
  deskId: z.string(),
  kind: z.string(),
  id: z.string(),
  version: z.number().int(),
  fields: z.record(z.string(), z.object({ before: z.unknown(), after: z.unknown() })),
  actor: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
  record: z
    .object({ version: z.number().int(), data: z.record(z.string(), z.unknown()), restricted: z.boolean() })
    .nullable(),
  auditEntry: z.record(z.string(), z.unknown()).nullable(),
});
export type PulledChangeOut = z.output<typeof PulledChangeSchema>;

export const TeamSyncStatusSchema = z.object({
  /** False: single-desk mode (no server set). */
  teamMode: z.boolean(),
  /** This desk's id (made once, kept in the data folder); null in single-desk mode. */
  deskId: z.string().nullable(),
});

export const TeamPushAnswerSchema = z.discriminatedUnion('online', [
  z.object({ online: z.literal(true), results: z.array(PushOutcomeSchema), headSeq: z.number().int() }),
  Offline,
]);
export type TeamPushAnswer = z.output<typeof TeamPushAnswerSchema>;

export const TeamPullAnswerSchema = z.discriminatedUnion('online', [
  z.object({
    online: z.literal(true),
    changes: z.array(PulledChangeSchema),
    lastSeq: z.number().int(),
    headSeq: z.number().int(),
    /**
     * On a pass's last page: the signed-in person's session moved on the server, and main's
     * followed (`changed`: name, roles or approval limit; `locked`: ended there or turned off).
     * The renderer asks `auth:status` again.
     */
    session: z.enum(['changed', 'locked']).optional(),
  }),
  Offline,
]);
export type TeamPullAnswer = z.output<typeof TeamPullAnswerSchema>;

export const TeamWaitAnswerSchema = z.discriminatedUnion('online', [
  z.object({
    online: z.literal(true),
    /** The server's head when it passed afterSeq; null when the wait timed out or ended for `session`. */
    headSeq: z.number().int().nullable(),
    /**
     * The signed-in person's account or session changed on the server (migration 16 wakes the
     * wait), and main's session followed it at once, as `team:pull`'s `session` says.
     */
    session: z.enum(['changed', 'locked']).optional(),
  }),
  Offline,
]);
export type TeamWaitAnswer = z.output<typeof TeamWaitAnswerSchema>;

/** The longest a wait for changes may last (the renderer asks again after it). */
export const MAX_WAIT_MS = 25_000;
/** The most changes one pull asks for. */
export const PULL_PAGE = 1000;
/**
 * The changes one pull asks for while a desk joins (more than this many behind the server): fewer,
 * larger transactions, and the top bar's count still moves every few seconds.
 */
export const JOIN_PULL_PAGE = 5000;

export const teamSyncChannels = {
  'team:sync-status': { input: NoInput, output: TeamSyncStatusSchema },
  'team:push': {
    input: strictInput({ changes: z.array(OutboxChangeSchema).max(MAX_PUSH_CHANGES) }),
    output: TeamPushAnswerSchema,
  },
  'team:pull': {
    input: strictInput({
      sinceSeq: z.number().int().min(0),
      limit: z.number().int().min(1).max(MAX_PULL_PAGE),
    }),
    output: TeamPullAnswerSchema,
  },
  'team:wait-for-changes': {
    input: strictInput({
      afterSeq: z.number().int().min(0),
      timeoutMs: z.number().int().min(0).max(MAX_WAIT_MS),
    }),
    output: TeamWaitAnswerSchema,
  },
} as const;

export type TeamSyncChannel = keyof typeof teamSyncChannels;
