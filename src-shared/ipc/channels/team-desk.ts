// Team mode's desk channels beside the sync (DESIGN.md, "Team mode"): this desk's reference ranges
// from the server, and the evidence files its pushed records name, uploaded before the records.
// Like the sync channels, a server that is away is an `online: false` answer, not an error.
//
// - `team:reference-range`: the next range of `year`'s references for this desk (desk id from
//   main); `atLeast` is the highest sequence this desk used that year before team mode.
// - `team:upload-evidence`: sends the file of this desk's evidence store named by `sha256` (main
//   reads it from its own store; the renderer never names a path). `sent` false: the server had it.
//   `refused`: the server (or the store) will not take it, with the words to show. `ifHeld`: a file
//   not in this desk's store is no refusal but `absent` (the catch-up of sendHeldEvidence: a record
//   another desk added, whose file this desk never opened).
// - `team:trail-page`: the next page of the server's audit chain after `afterSeq`, whose entry is
//   expected to hash to `prevHash`, checked link by link by main; each entry as its key and header
//   digest (trailEntryKey, trailHeaderDigest), without the digest for an entry about a case this
//   account may not see. The desk compares them with its own copies (db/team-trail-check.ts).
// - `team:trail-payloads`: the payloads of a case's trail entries on the server (not erased there,
//   visible to this account): a desk whose disposal of the case the server refused takes back the
//   details it erased, each checked against its commitment (restoreRefusedDisposalTrail).
// - `team:hidden-cases`: the restricted cases this account may not see whose record changed after
//   `afterSeq` (ids and seqs only, migration 17): the desk removes its copies (db/hidden-cases.ts).
// - `team:case-history`: a case's changes (the case, its records, its trail entries) after
//   `afterSeq` and up to `beforeSeq` that this account may see, a page at a time (`more`): for a
//   restricted case given to this account after the desk pulled past its history (fillCaseHistories).
// - `team:drop-evidence-copies`: removes this desk's copies of evidence files no record on the desk
//   names any more (a removed hidden case's); one the server does not hold yet is sent to it first
//   (`sent`), since the desk's may be the only copy. `kept`: copies the server refused (their bytes
//   no longer match their fingerprint), which the desk keeps.
import { z } from 'zod';
import { strictInput } from './input';
import { PulledChangeSchema } from './team-sync';

const Offline = z.object({ online: z.literal(false), message: z.string() });
const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'That is not an evidence fingerprint.');

export const TeamReferenceRangeAnswerSchema = z.discriminatedUnion('online', [
  z.object({
    online: z.literal(true),
    range: z.object({ year: z.number().int(), first: z.number().int(), last: z.number().int() }),
  }),
  Offline,
]);
export type TeamReferenceRangeAnswer = z.output<typeof TeamReferenceRangeAnswerSchema>;

// A plain union: two answers share `online: true` (a discriminated union on it throws at first parse).
export const TeamUploadEvidenceAnswerSchema = z.union([
  z.object({ online: z.literal(true), outcome: z.literal('sent'), sent: z.boolean() }),
  z.object({ online: z.literal(true), outcome: z.literal('refused'), message: z.string() }),
  z.object({ online: z.literal(true), outcome: z.literal('absent') }),
  Offline,
]);
export type TeamUploadEvidenceAnswer = z.output<typeof TeamUploadEvidenceAnswerSchema>;

/** Why the server's chain does not hold at an entry (the desk says it in the user's language). */
export const TRAIL_PROBLEMS = ['missing', 'unlinked', 'changed', 'short'] as const;
export type TrailProblem = (typeof TRAIL_PROBLEMS)[number];

export const TRAIL_PAGE_MAX = 5000;

export const TeamTrailPageAnswerSchema = z.discriminatedUnion('online', [
  z.object({
    online: z.literal(true),
    /** The entries checked (up to the broken one), oldest first. */
    entries: z.array(
      z.object({
        key: z.string(),
        digest: z.string().nullable(),
        changeSeq: z.number().int(),
        /** Its payload was erased by a disposal (a desk pulling it after that never stored it). */
        erased: z.boolean(),
      }),
    ),
    /** The last entry that holds (the next page's start); the one asked after when none does. */
    last: z.object({ seq: z.number().int(), hash: z.string() }),
    /** The server's head when the page was read (its snapshot). */
    head: z.object({ seq: z.number().int(), hash: z.string() }),
    broken: z.object({ seq: z.number().int(), problem: z.enum(TRAIL_PROBLEMS) }).nullable(),
  }),
  Offline,
]);
export type TeamTrailPageAnswer = z.output<typeof TeamTrailPageAnswerSchema>;

export const TeamTrailPayloadsAnswerSchema = z.discriminatedUnion('online', [
  z.object({
    online: z.literal(true),
    payloads: z.array(
      z.object({
        payloadHash: z.string(),
        salt: z.string(),
        changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
        reason: z.string().optional(),
      }),
    ),
  }),
  Offline,
]);
export type TeamTrailPayloadsAnswer = z.output<typeof TeamTrailPayloadsAnswerSchema>;

export const TeamHiddenCasesAnswerSchema = z.discriminatedUnion('online', [
  z.object({
    online: z.literal(true),
    cases: z.array(z.object({ caseId: z.string(), seq: z.number().int() })),
  }),
  Offline,
]);
export type TeamHiddenCasesAnswer = z.output<typeof TeamHiddenCasesAnswerSchema>;

export const TeamCaseHistoryAnswerSchema = z.discriminatedUnion('online', [
  z.object({ online: z.literal(true), changes: z.array(PulledChangeSchema), more: z.boolean() }),
  Offline,
]);
export type TeamCaseHistoryAnswer = z.output<typeof TeamCaseHistoryAnswerSchema>;

export const TeamDropEvidenceAnswerSchema = z.discriminatedUnion('online', [
  z.object({
    online: z.literal(true),
    removed: z.number().int(),
    sent: z.number().int(),
    /** Copies the server refused as damaged: they stay on the desk (the only copy), with why. */
    kept: z.array(z.object({ sha256: z.string(), message: z.string() })),
  }),
  Offline,
]);
export type TeamDropEvidenceAnswer = z.output<typeof TeamDropEvidenceAnswerSchema>;

/** The most evidence files one request drops. */
export const DROP_EVIDENCE_MAX = 1000;

/** The most references one request asks for (the server's own limit is higher). */
export const MAX_RANGE_REQUEST = 1000;

export const teamDeskChannels = {
  'team:reference-range': {
    input: strictInput({
      year: z.number().int().min(1900).max(9999),
      size: z.number().int().min(1).max(MAX_RANGE_REQUEST),
      atLeast: z.number().int().min(0),
    }),
    output: TeamReferenceRangeAnswerSchema,
  },
  'team:upload-evidence': {
    input: strictInput({ sha256: Sha256, ifHeld: z.boolean().optional() }),
    output: TeamUploadEvidenceAnswerSchema,
  },
  'team:trail-page': {
    input: strictInput({
      afterSeq: z.number().int().min(0),
      prevHash: z.string().regex(/^[0-9a-f]{64}$/, 'That is not an audit hash.'),
      limit: z.number().int().min(1).max(TRAIL_PAGE_MAX),
    }),
    output: TeamTrailPageAnswerSchema,
  },
  'team:trail-payloads': {
    input: strictInput({ caseId: z.string().min(1).max(200) }),
    output: TeamTrailPayloadsAnswerSchema,
  },
  'team:hidden-cases': {
    input: strictInput({ afterSeq: z.number().int().min(0) }),
    output: TeamHiddenCasesAnswerSchema,
  },
  'team:case-history': {
    input: strictInput({
      caseId: z.string().min(1).max(200),
      afterSeq: z.number().int().min(0),
      beforeSeq: z.number().int().min(1),
    }),
    output: TeamCaseHistoryAnswerSchema,
  },
  'team:drop-evidence-copies': {
    input: strictInput({ hashes: z.array(Sha256).min(1).max(DROP_EVIDENCE_MAX) }),
    output: TeamDropEvidenceAnswerSchema,
  },
} as const;

export type TeamDeskChannel = keyof typeof teamDeskChannels;
