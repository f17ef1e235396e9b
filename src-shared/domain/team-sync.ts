// Team mode's sync rules (DESIGN.md, "Team mode"): what a desk sends for each local change, and
// whether the server takes it. One home for the rule, so main (which pushes) and the server side
// of the tests agree on it.
//
// A change names the record (kind = the desk's table, id), the version the desk last had of it,
// and each field it changed with the value before and after. The server takes the change when the
// desk was up to date, or when it was behind but every field it touched still holds the value the
// desk saw (edits of different fields merge). Anything else is a conflict, returned to the desk with
// the server's value: nothing is overwritten silently. Append-only records (the audit trail,
// communications) are only ever created, so they never conflict.
import { z } from 'zod';
import { canonicalJson } from './audit';
import { interviewContentHash } from './investigation';
import { officeFormatter } from './office-time';
import { overLimitMessage } from './permissions';

/**
 * Kinds whose records are written once and never edited: they never conflict. Notes (their author
 * edits the text, anyone pins them) and evidence (superseded with a reason) are edited on the desks,
 * so they are ordinary records whose fields merge; an interview's addenda live in the interview.
 */
export const APPEND_ONLY_KINDS = ['audit', 'communications'] as const;
export const isAppendOnly = (kind: string): boolean =>
  (APPEND_ONLY_KINDS as readonly string[]).includes(kind);

/** The most changes one push carries: a larger outbox goes in several pushes, in order. */
export const MAX_PUSH_CHANGES = 500;

/**
 * The most changes one pull may ask for (the desk picks its page size up to this). The server's cost
 * per change is the same at any size; a page's bytes are held in main and the renderer at once
 * (about 3 KB a change), so desks ask for a few thousand (docs/ARCHITECTURE.md, "Team mode").
 */
export const MAX_PULL_PAGE = 20_000;

const FieldName = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, 'A field name is letters, digits and _, starting with a letter.');

export const FieldEditSchema = z.object({ before: z.unknown(), after: z.unknown() });
export type FieldEdit = z.output<typeof FieldEditSchema>;

export const SyncChangeSchema = z.object({
  /** Made by the desk when it wrote the change; the same key sent again is the same change. */
  idempotencyKey: z.string().min(8).max(200),
  kind: z.string().regex(/^[a-z][A-Za-z0-9_-]{0,39}$/, 'A kind is a table name.'),
  id: z.string().min(1).max(200),
  /** The record's version the desk changed (0 when the desk created it). */
  baseVersion: z.number().int().min(0),
  fields: z
    .record(FieldName, FieldEditSchema)
    .refine((fields) => Object.keys(fields).length > 0, 'A change changes at least one field.'),
  actor: z.object({ id: z.string().min(1).max(200), name: z.string().max(400) }),
  at: z.iso.datetime({ offset: true }),
  /**
   * A disposal's change (erasureEdits): it withholds the `before` values, which were personal, and
   * stands over what other desks changed meanwhile (the office decided the data goes).
   */
  erasure: z.literal(true).optional(),
});
export type SyncChange = z.output<typeof SyncChangeSchema>;

export const SyncBatchSchema = z.array(SyncChangeSchema).max(MAX_PUSH_CHANGES);

export type RecordData = Record<string, unknown>;

/** The server's copy of a record, when it has one. */
export interface ServerRecord {
  version: number;
  data: RecordData;
}

export interface FieldConflict {
  field: string;
  /** What the desk saw and what it wrote. */
  yours: FieldEdit;
  /** What the server holds now. */
  server: unknown;
}

export type ConflictReason =
  /** Another desk changed a field this change changed too. */
  | 'field'
  /** An append-only record that already exists: it is never changed. */
  | 'append-only'
  /** The desk claims a version the server never gave: its replica is not this server's. */
  | 'unknown-version';

/**
 * A push's change refused by a rule the server keeps (migration 11: an approval the person may not
 * make) carries permissions.ts's code (role, own-proposal, edited-proposal, over-limit), or one of
 * the server's own: the session names nobody (signed-out), the approval names someone else
 * (not-the-approver), or it followed a refused change to the same record in that push.
 */
export const FOLLOWS_REFUSED_CODE = 'follows-refused';

/** The figures of an over-limit refusal, as the server sends them (migration 14, in its HINT). */
export const RefusalFiguresSchema = z.object({
  currency: z.string().min(1).max(10),
  amount: z.number(),
  limit: z.number(),
});
export type RefusalFigures = z.infer<typeof RefusalFiguresSchema>;

/**
 * Refused by the server's row-level security: a restricted case (or one of its records) the
 * account may not write, e.g. a note added offline to a case restricted meanwhile to others.
 */
export const RESTRICTED_CODE = 'restricted';

/** Refused: a disposal (its erasures and its trail entry) pushed for an account that may not decide retention. */
export const DISPOSAL_REFUSED_CODE = 'disposal-refused';

/**
 * Not a choice to offer: the desk changed a record the server has no copy of that this account may
 * see (a conflict of reason 'unknown-version' without the server's data). The desk keeps its copy
 * and is told, as of a refusal; nothing of the server's is shown, so nothing hidden leaks.
 */
export const NOT_ON_SERVER_CODE = 'not-on-server';
export const NOT_ON_SERVER =
  'The team server has no copy of this record that you may see: its case may have been restricted to others since, or this desk’s copy never reached this server. Your change was not sent; this desk keeps its copy.';

/**
 * Not a refusal of a change: a case this desk held was restricted to others on the server (or taken
 * from this account) since it was pulled, and row-level security hid that change with the rest
 * (migration 17). The desk removes its copy and says so in the sync notices.
 */
export const HIDDEN_CASE_CODE = 'hidden-case';
export const HIDDEN_CASE =
  'This case was restricted to others on the team server, or taken from you, after this desk received it: this desk no longer keeps its copy.';

/** A change refused because its case was disposed of before it reached the server (migration 15). */
export const DISPOSED_CASE_CODE = 'disposed-case';

/** The disposal the server remembers of a case (migration 15): which, and when. */
export const DisposedCaseSchema = z.object({
  caseId: z.string().min(1).max(200),
  /** The disposal's trail action: dispose-erasure, dispose-delete, dispose-anonymise. */
  disposal: z.string().max(100),
  /** Its disposal record's id (what an entry erased for it is marked with). */
  recordId: z.string().max(200),
  /** When it was made (ISO instant). */
  at: z.string().max(100),
});
export type DisposedCase = z.infer<typeof DisposedCaseSchema>;

/** The office's locale and time zone (Settings): a refusal's money and dates are written in them. */
export interface OfficeWording {
  locale: string;
  timeZone: string;
}

/** The words for a change to a case disposed of before it reached the server, dated on the office's calendar. */
export function disposedCaseMessage(disposed: DisposedCase, office: OfficeWording): string {
  const day = officeFormatter({ ...office, showZone: false }).date(disposed.at);
  return `This case was disposed of under the retention policy on ${day}; your change was not kept, and what it held was removed from this desk.`;
}

/**
 * The words for a change the server refused: an over-limit refusal with its figures is worded as
 * the desk's own check words it, the money in the office's locale; any other keeps the server's.
 */
export function refusalMessage(
  refusal: {
    code: string;
    message: string;
    figures?: RefusalFigures | null;
    disposed?: DisposedCase | null;
  },
  office: OfficeWording,
): string {
  if (refusal.code === DISPOSED_CASE_CODE && refusal.disposed)
    return disposedCaseMessage(refusal.disposed, office);
  const { figures } = refusal;
  if (refusal.code !== 'over-limit' || !figures) return refusal.message;
  return overLimitMessage(
    { amount: figures.amount, currency: figures.currency },
    figures.limit,
    office.locale,
  );
}

/** A change the rule refuses outright: there is nothing for the person to choose. */
export interface MergeRefusal {
  code: string;
  message: string;
}

export type MergeOutcome =
  | { ok: true; data: RecordData }
  | { ok: false; reason: ConflictReason; conflicts: FieldConflict[] }
  | { ok: false; refusal: MergeRefusal };

/** A change to the agreed content of an interview the server holds as signed off. */
export const SIGNED_OFF_CODE = 'signed-off';
export const SIGNED_OFF_REFUSED =
  'This interview was signed off on another desk before your change reached the team server, and a signed-off interview is locked. Your change was not kept; add an addendum to correct or add to it.';

/** A sign-off of an interview whose content another desk changed before the sign-off arrived. */
export const SIGN_OFF_STALE_CODE = 'sign-off-stale';
export const SIGN_OFF_STALE =
  'This interview was changed on another desk before your sign-off reached the team server, so your sign-off was not kept. Read it as it stands now and sign it off again if you agree with it.';

/**
 * Whether `change` signs off an interview whose content on the server is not what the sign-off
 * agreed to (another desk's edit arrived first): its fingerprint (interviewContentHash) differs.
 */
function signsOffOtherContent(current: ServerRecord | null, change: SyncChange): boolean {
  if (change.kind !== 'interviews' || !current || change.fields.status?.after !== 'signed-off') return false;
  const agreed = (change.fields.signedOff?.after as { contentHash?: unknown } | null | undefined)
    ?.contentHash;
  // A sign-off made before the fingerprint was kept cannot be checked: it stands, as it did.
  return typeof agreed === 'string' && agreed !== interviewContentHash(current.data);
}

/** Fields a signed-off interview still takes: its addenda (appended) and when it last changed. */
const SIGNED_OFF_OPEN_FIELDS = ['addenda', 'updatedAt'];

interface AddendumLike {
  id?: unknown;
}
const addendaOf = (value: unknown): AddendumLike[] => (Array.isArray(value) ? (value as AddendumLike[]) : []);

/**
 * Whether `change` would alter what an interview the server holds as signed off agreed. Signing off
 * sends only its status, so without this a desk's earlier offline edit of the statement would merge
 * on top of it (its fields still hold what that desk saw). Addenda may only be appended: a change
 * that drops or rewrites one the desk saw is refused too. A disposal's erasure stands over it.
 */
function altersSignedOff(current: ServerRecord | null, change: SyncChange): boolean {
  if (change.kind !== 'interviews' || current?.data.status !== 'signed-off' || change.erasure) return false;
  return Object.entries(change.fields).some(([field, edit]) => {
    if (field === 'addenda') {
      const after = addendaOf(edit.after);
      return !addendaOf(edit.before).every((seen) => after.some((a) => sameValue(a, seen)));
    }
    return !SIGNED_OFF_OPEN_FIELDS.includes(field) && !sameValue(edit.after, current.data[field]);
  });
}

/** The server's addenda, then the change's new ones it does not hold yet (by id): nothing is lost. */
function appendAddenda(server: unknown, edit: FieldEdit): unknown[] {
  const held = addendaOf(server);
  const known = new Set(held.map((a) => a.id));
  const seen = new Set(addendaOf(edit.before).map((a) => a.id));
  return [...held, ...addendaOf(edit.after).filter((a) => !seen.has(a.id) && !known.has(a.id))];
}

/**
 * Bookkeeping instants every write moves (when the record last changed, when the case last saw
 * activity): two desks editing different fields both move them, which is no conflict. The later
 * instant stands.
 */
export const LATEST_WINS_FIELDS = ['updatedAt', 'lastActivityAt'] as const;
const isLatestWins = (field: string) => (LATEST_WINS_FIELDS as readonly string[]).includes(field);
const later = (a: unknown, b: unknown): unknown =>
  typeof a === 'string' && typeof b === 'string' ? (a > b ? a : b) : (a ?? b ?? null);

/** Equal as stored JSON (key order aside); a missing value and null are the same. */
export const sameValue = (a: unknown, b: unknown): boolean =>
  canonicalJson(a ?? null) === canonicalJson(b ?? null);

/**
 * Whether the server takes `change` over its copy `current` (null when it has none), and the
 * record's data after it if so. `latestInstant` (an ISO instant from the server's clock): no
 * bookkeeping instant is kept later than it, so a desk whose clock runs fast cannot pin a case's
 * last activity in the future (which would hide it from the "untouched" warning) and win every
 * later merge.
 */
export function mergeChange(
  current: ServerRecord | null,
  change: SyncChange,
  latestInstant?: string,
): MergeOutcome {
  const edits = Object.entries(change.fields);
  const serverValue = (field: string) => (current ? (current.data[field] ?? null) : null);
  const all = (): FieldConflict[] =>
    edits.map(([field, yours]) => ({ field, yours, server: serverValue(field) }));
  if (current && isAppendOnly(change.kind)) return { ok: false, reason: 'append-only', conflicts: all() };
  const serverVersion = current?.version ?? 0;
  if (change.baseVersion > serverVersion) return { ok: false, reason: 'unknown-version', conflicts: all() };
  const behind = change.baseVersion < serverVersion;
  // A deletion by a disposal leaves only its trace: nothing of the record stays on the server.
  if (change.erasure && isDeletion(change)) return { ok: true, data: afterValues(change) };
  // Refused, not a conflict: "keep mine" could only be refused again, and the desk's own refusal
  // path (storeRefusal) already does what this needs: puts the signed-off copy back, records the
  // undoing in the trail and keeps a sync notice with the reason until the person has read it.
  if (altersSignedOff(current, change))
    return { ok: false, refusal: { code: SIGNED_OFF_CODE, message: SIGNED_OFF_REFUSED } };
  if (signsOffOtherContent(current, change))
    return { ok: false, refusal: { code: SIGN_OFF_STALE_CODE, message: SIGN_OFF_STALE } };
  // Two desks adding addenda to the same signed-off interview: both stand (an erasure's stand alone).
  const signedOff = change.kind === 'interviews' && current?.data.status === 'signed-off' && !change.erasure;
  if (!change.erasure) {
    // Each field must still hold what the desk saw, or already hold what it wrote: behind or not.
    // A desk told of a version its copy lacks fields of (another desk's edit merged into its own
    // push's answer, not yet pulled) sends a change "at" the server's version from a stale copy.
    const conflicts = all().filter(
      ({ field, yours, server }) =>
        !isLatestWins(field) &&
        !(signedOff && field === 'addenda') &&
        !sameValue(yours.before, server) &&
        !sameValue(yours.after, server),
    );
    if (conflicts.length) return { ok: false, reason: 'field', conflicts };
  }
  const data: RecordData = { ...(current?.data ?? {}) };
  const notAfterNow = (value: unknown): unknown =>
    latestInstant && typeof value === 'string' && value > latestInstant ? latestInstant : value;
  for (const [field, edit] of edits)
    data[field] =
      signedOff && field === 'addenda'
        ? appendAddenda(data[field], edit)
        : isLatestWins(field)
          ? notAfterNow(behind ? later(edit.after, data[field]) : (edit.after ?? null))
          : (edit.after ?? null);
  return { ok: true, data };
}

/**
 * An audit change's fields (their `after` values): the entry as the desk wrote it, chain fields
 * aside. The server links it after its own newest entry, keeping the desk's salt so the
 * commitment to the payload is the same on both.
 */
export const AuditPushSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  actor: z.object({ id: z.string().min(1), name: z.string() }),
  entity: z.string().min(1),
  entityId: z.string(),
  caseId: z.string().nullable(),
  action: z.string().min(1),
  changes: z.array(z.object({ field: z.string(), before: z.unknown(), after: z.unknown() })),
  reason: z.string().optional(),
  erases: z.array(z.number().int().positive()).optional(),
  erasesPayloads: z.array(z.string().regex(/^[0-9a-f]{64}$/)).optional(),
  salt: z.string().regex(/^[0-9a-f]{32}$/),
});
export type AuditPush = z.output<typeof AuditPushSchema>;

/** The `after` values of a change's fields, as one object. */
export const afterValues = (change: Pick<SyncChange, 'fields'>): RecordData =>
  Object.fromEntries(Object.entries(change.fields).map(([field, edit]) => [field, edit.after]));

/**
 * The desk's tables whose records go to the team server (the case and everything that belongs to
 * a case, and the trail). Counters, the search index, the dashboard's snapshot, templates, users
 * and the retention policy stay each desk's own.
 */
export const SYNCED_KINDS = [
  'cases',
  'audit',
  'planItems',
  'notes',
  'interviews',
  'evidence',
  'enquiries',
  'communications',
  'resolutions',
  'consultations',
  'actions',
  'followUps',
  'improvements',
] as const;
export type SyncedKind = (typeof SYNCED_KINDS)[number];
export const isSyncedKind = (kind: string): kind is SyncedKind =>
  (SYNCED_KINDS as readonly string[]).includes(kind);

/** A record deleted on a desk travels as a change that sets this field (every other field to null). */
export const DELETED_FIELD = 'syncDeleted';

/**
 * The top-level fields that differ between a record before and after a write ({before, after},
 * null for a field that was not there). A created record has every field, with before = null; a
 * deleted one every field with after = null, and DELETED_FIELD set.
 */
export function fieldEdits(before: RecordData | null, after: RecordData | null): Record<string, FieldEdit> {
  const edits: Record<string, FieldEdit> = {};
  const names = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})]);
  for (const name of names) {
    const was = before?.[name] ?? null;
    const now = after?.[name] ?? null;
    // A new record sends every field, empty ones too, so each desk stores the same record.
    if (!before || !sameValue(was, now)) edits[name] = { before: was, after: now };
  }
  if (before && !after) edits[DELETED_FIELD] = { before: null, after: true };
  return edits;
}

function isDeletion(change: Pick<SyncChange, 'fields'>): boolean {
  return change.fields[DELETED_FIELD]?.after === true;
}

/**
 * A disposal's edits (retention.ts): what fieldEdits gives, without a single `before` value (the
 * personal data the disposal removes must not travel once more). A deleted record is only its
 * trace: the delete mark and, for a record of a case, the case it belonged to (so the server can
 * find its history to scrub); an anonymised one its stripped values.
 */
export function erasureEdits(before: RecordData | null, after: RecordData | null): Record<string, FieldEdit> {
  if (before && !after) {
    const caseId = before.caseId;
    return {
      ...(typeof caseId === 'string' ? { caseId: { before: null, after: caseId } } : {}),
      [DELETED_FIELD]: { before: null, after: true },
    };
  }
  return Object.fromEntries(
    Object.entries(fieldEdits(before, after)).map(([field, edit]) => [
      field,
      { before: null, after: edit.after },
    ]),
  );
}

/** Whether a record the server sent is the trace of a deletion. */
export const isDeletedRecord = (data: RecordData): boolean => data[DELETED_FIELD] === true;
