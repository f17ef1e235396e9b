// The case database (Dexie over IndexedDB). Every schema change is a new entry in SCHEMA_VERSIONS
// with an upgrade function when data must move, and a migration test from the version before.
import { diskGuardMiddleware } from './disk-guard';
import { openPersonKeysOf, personKeys } from '../../src-shared/domain/complainant-match';
import Dexie, { type EntityTable, type IndexableType, type Table, type Transaction } from 'dexie';
import {
  chainAuditEntry,
  GENESIS_HASH,
  relinkAuditEntry,
  toPayloadFormat,
  type AuditEntry,
  type AuditPack,
} from '../../src-shared/domain/audit';
import type { DisposalRecord } from '../../src-shared/domain/retention';
import { matchKey, type CaseRecord, type CaseRegimeId } from '../../src-shared/domain/case';
import type {
  Enquiry,
  EvidenceRecord,
  InterviewRecord,
  InvestigationNote,
  PlanItem,
} from '../../src-shared/domain/investigation';
import {
  letterKindOfTemplate,
  responseStamp,
  type CommunicationRecord,
} from '../../src-shared/domain/communications';
import { nextDeadlineDue, type ResponsesSent } from '../../src-shared/domain/deadlines';
import type { TemplateKind } from '../../src-shared/domain/default-templates';
import type { ActionRecord, FollowUpRecord } from '../../src-shared/domain/follow-up';
import type { ConsultationRecord, ResolutionRecord } from '../../src-shared/domain/resolution';
import type { TemplateRecord } from '../../src-shared/domain/template-record';
import type { ImprovementRecord } from '../../src-shared/domain/improvements';
import type { UserRecord } from '../../src-shared/domain/users';
import type { AnalyticsSnapshotRow } from '../analytics/snapshot';
import { returnFactOf, type ReturnFact, type ReturnFactPack } from '../../src-shared/returns/period';
import {
  packsOf,
  RETURN_FACT_PACKS,
  RETURN_FACTS,
  returnFactsMiddleware,
  type OwedReturnFacts,
  type StoredReturnFact,
} from './return-facts';
import { outboxMiddleware, type OutboxEntry, type SyncConflict, type SyncStateRow } from './sync-outbox';

export const DB_NAME = 'redress';
/** The counters row a restore writes into a database it imported whole (see active-database.ts). */
export const IMPORT_COMPLETE_KEY = 'restore:imported';

/** Counter row that holds the newest audit entry's seq and hash (the v10 upgrade moves it too). */
export const AUDIT_HEAD_KEY = 'audit:head';

export interface CounterRow {
  key: string;
  value: number;
  /** Used by the audit head, which also keeps the newest hash. */
  hash?: string;
  /** Used by the database generation: its random id (value holds when it was made, epoch ms). */
  id?: string;
}

/** Years a regime's closed cases are kept (retention.ts); a regime without a row keeps the default. */
export interface RetentionPolicyRow {
  regime: CaseRegimeId;
  years: number;
}

export interface SearchIndexRow {
  key: string;
  data: string;
}

export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** The cases table's indexes as of version 3 (later versions add to them). */
const CASES_V3 = [
  'id',
  '&reference',
  '[receivedAt+id]',
  'updatedAt',
  '[status+receivedAt+id]',
  '[category+receivedAt+id]',
  '[channel+receivedAt+id]',
  '[severityRank+receivedAt+id]',
  '[regime+receivedAt+id]',
  '[assigneeId+receivedAt+id]',
  '[open+nextDueAt+id]',
  '[assigneeId+open+nextDueAt+id]',
  'complainantKey',
  'accountKey',
] as const;

/** The cases table's indexes as of version 11. */
const CASES_V11 = [
  ...CASES_V3,
  '[open+informedAt+id]',
  'restrictedKey',
  '[regime+retentionFrom+id]',
  '*personKeys',
  'escalationOwnerId',
] as const;

/**
 * The cases table's indexes as of version 21: nothing reads complainantKey or accountKey by index
 * (the case list checks complainantKey row by row; the complainant page reads *personKeys).
 */
const CASES_V21 = [...CASES_V11, 'externalRef', '*openPersonKeys'].filter(
  (index) => index !== 'complainantKey' && index !== 'accountKey',
);

/** The full history of the schema, oldest first. Never edit a released entry: add one. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      cases: 'id, &reference, [receivedAt+id], createdAt, updatedAt, status',
      audit: 'seq, caseId, [caseId+seq], at',
      counters: 'key',
      users: 'id, name',
    },
  },
  {
    // Full intake, workflow and deadlines. One compound index per filter, each ending in
    // receivedAt+id for newest-first keyset paging; [open+nextDueAt+id] drives due/overdue views.
    version: 2,
    stores: {
      cases: [
        'id',
        '&reference',
        '[receivedAt+id]',
        'createdAt',
        'updatedAt',
        '[status+receivedAt+id]',
        '[category+receivedAt+id]',
        '[channel+receivedAt+id]',
        '[severityRank+receivedAt+id]',
        '[regime+receivedAt+id]',
        '[assigneeId+receivedAt+id]',
        '[open+nextDueAt+id]',
        '[assigneeId+open+nextDueAt+id]',
        'complainantKey',
        'accountKey',
      ].join(', '),
      // The full-text index (FlexSearch, built in a worker) persisted as exported chunks.
      searchIndex: 'key',
    },
    upgrade: upgradeV1Cases,
  },
  {
    // Nothing queries cases by createdAt, and each index costs every case write.
    version: 3,
    stores: { cases: CASES_V3.join(', ') },
  },
  {
    // The investigation workspace. Each table is read a case at a time through caseId;
    // the compound indexes give a case's rows already in order (newest note first, etc.).
    version: 4,
    stores: {
      planItems: 'id, [caseId+createdAt]',
      notes: 'id, [caseId+createdAt]',
      interviews: 'id, [caseId+createdAt]',
      evidence: 'id, [caseId+addedAt], sha256',
      enquiries: 'id, [caseId+createdAt]',
    },
  },
  {
    // Letters, communications, resolution, approvals, actions and follow-up. Every
    // case-owned table is read through a [caseId+…] index; the rest serve the cross-case views
    // (manager's approvals, officer's actions, similar-case remedies).
    version: 5,
    stores: {
      templates: 'id, [key+version]',
      communications: 'id, [caseId+at], [caseId+direction+at]',
      resolutions: 'id, [caseId+createdAt], similarKey, [state+updatedAt]',
      consultations: 'id, [caseId+askedAt]',
      actions: 'id, [caseId+createdAt], [ownerId+done+dueAt]',
      followUps: 'id, [caseId+createdAt]',
    },
  },
  {
    // The improvement register (multiEntry caseIds: a case's improvements by index) and the
    // dashboard's persisted case projection (one snapshot row, read back by the analytics worker).
    version: 6,
    stores: {
      improvements: 'id, status, updatedAt, *caseIds',
      analyticsSnapshot: 'key',
    },
  },
  {
    // "Keep the complainant informed": [open+informedAt+id] lists open cases by when the
    // complainant last heard from us, oldest first, for the "Update owed" view.
    version: 7,
    stores: { cases: [...CASES_V3, '[open+informedAt+id]'].join(', ') },
    upgrade: upgradeV6InformedAt,
  },
  {
    // Deadlines are met by the letter that meets them: each contact says what it is (its letter
    // kind) and each case when its holding reply, final response and summary resolution were sent.
    version: 8,
    stores: {},
    upgrade: upgradeV7ResponseStamps,
  },
  {
    // Restricted cases (staff complaints, whistleblowing): restrictedKey is set on them alone, so
    // this sparse index lists just those few, and a reader finds whom to leave out without a scan.
    // No upgrade: no case stored before this version is restricted, so the index starts right empty.
    version: 9,
    stores: { cases: [...CASES_V3, '[open+informedAt+id]', 'restrictedKey'].join(', ') },
  },
  {
    // Retention and erasure. retentionFrom is set on closed cases not yet anonymised, so the sparse
    // [regime+retentionFrom+id] lists, per regime and oldest closure first, exactly the cases
    // retention must look at (whatever the policy, which can change). disposals: what was disposed
    // of, newest first; retentionPolicy: years kept per regime. The audit trail moves to format 2
    // (audit.ts: a salted commitment to each payload, so a payload can be erased and the chain
    // still verify): re-chained once, the former head recorded in an entry of its own.
    version: 10,
    stores: {
      cases: [...CASES_V3, '[open+informedAt+id]', 'restrictedKey', '[regime+retentionFrom+id]'].join(', '),
      disposals: 'id, [at+id]',
      retentionPolicy: 'regime',
    },
    upgrade: upgradeV9Retention,
  },
  {
    // The complainant across cases: *personKeys (multi-entry) holds each case's name, e-mail, phone
    // and account keys (complainant-match.ts), so a repeat complainant is found by any of them.
    // escalationOwnerId (sparse: escalated cases only) gives an escalation owner their cases.
    version: 11,
    stores: { cases: CASES_V11.join(', ') },
    upgrade: upgradeV10PersonKeys,
  },
  {
    // Spreadsheet import: externalRef (sparse: imported cases only) is the complaint's reference in
    // the system it came from, so importing the same row twice finds the case and skips it.
    // No upgrade: no case stored before this version was imported.
    version: 13,
    stores: {
      cases: [...CASES_V11, 'externalRef'].join(', '),
    },
  },
  {
    // Intake's repeat check: *openPersonKeys (multi-entry, open cases only) holds each person key
    // with the case's receipt after it, so a person's recent open cases come newest first from the
    // index's keys, and only the rows shown are read (a common name has hundreds of cases).
    version: 14,
    stores: {
      cases: [...CASES_V11, 'externalRef', '*openPersonKeys'].join(', '),
    },
    upgrade: upgradeV13OpenPersonKeys,
  },
  {
    // The returns read a slim fact row per case (return-facts.ts keeps it with every case write),
    // found by the period it can count in: received in it, answered from its start ('' while
    // unanswered; [answeredAt+id] reads them a page at a time), or redress paid in it (*paidOn).
    version: 15,
    // Its facts are written by version 17's upgrade (their keys changed there), so a database from
    // before 15 writes them once.
    stores: { returnFacts: 'id, receivedAt, [answeredAt+id], *paidOn' },
  },
  {
    // Team mode (sync-outbox.ts): the outbox of local changes waiting for the server, in the order
    // written, findable by record; the sync state (team-mode flag, last seq pulled, each record's
    // server version); and the conflicts the server refused, waiting for the person's choice.
    // No upgrade: a desk starts in single-desk mode with nothing to send.
    version: 16,
    stores: {
      outbox: '++seq, [kind+id]',
      syncState: 'key',
      conflicts: 'id, caseId, [kind+recordId]',
    },
  },
  {
    // The returns find every fact a period needs in one index range (countsFrom: the later of
    // receipt and answer, '' while unanswered) rather than three (received, answered, unanswered)
    // whose keys had to be read and merged first: most of the return's time at 100,000 cases. The
    // facts are written again from the cases, as version 15 first wrote them.
    version: 17,
    stores: { returnFacts: 'id, [countsFrom+id], *paidOn' },
    upgrade: writeReturnFacts,
  },
  {
    // The returns read their facts gathered in packs (one row per day of receipt while unanswered,
    // else per day of countsFrom; return-facts.ts keeps them with every case write): at 100,000
    // cases, stepping over the 41,000 index entries of a half-year's facts alone cost seconds. The
    // packs are built by version 20's upgrade (their keys changed there), so a database from before
    // 18 builds them once.
    version: 18,
    stores: { returnFactPacks: 'key' },
  },
  {
    // The trail is read by seq (the chain, its verification) and by case ([caseId+seq], which
    // also answers caseId alone); nothing read the caseId and at indexes, yet every entry wrote
    // them: half the index entries of a team join's million trail entries. Dropped; no upgrade.
    version: 19,
    stores: { audit: 'seq, [caseId+seq]' },
  },
  {
    // A day's facts in numbered packs of at most FACTS_PER_PACK (period.ts), each fact naming its
    // pack: one pack a day grew with every case of that day, so each batch of a 100,000-row import
    // rewrote its days' ever larger packs (quadratic), as would any legacy import stamped with a
    // few dates. The packs are built again from the facts, and every fact told its pack.
    version: 20,
    stores: { returnFactPacks: 'key' },
    upgrade: writeReturnFactPacks,
  },
  {
    // Two index entries every case write paid for and no read used (see CASES_V21): about a tenth
    // of what an import's IndexedDB stores per case. Dropped; no upgrade (the fields stay on each case).
    version: 21,
    stores: { cases: CASES_V21.join(', ') },
  },
  {
    // An import's batches leave their cases' return facts owed (return-facts.ts: placed afterwards
    // in day order, each day's packs written about once, instead of with every batch). No upgrade:
    // nothing is owed before this version.
    version: 22,
    stores: { returnFactsOwed: '++seq' },
  },
  {
    // A team join's trail entries many to a row (audit-store.ts): IndexedDB pays per row, and a join
    // brings a million entries. By seq (the chain) and by the cases the entries name (a case's
    // trail). No upgrade: entries already stored stay rows.
    version: 23,
    stores: { auditPacks: 'seq, *caseIds' },
  },
  {
    // The returns read the packs (version 18), and nothing has read the facts by [countsFrom+id]
    // since: an index entry every case write paid for. Dropped; no upgrade.
    version: 24,
    stores: { returnFacts: 'id, *paidOn' },
  },
  {
    // A return fact keeps when the case was closed or withdrawn: a complaint withdrawn before it was
    // answered ends on that day (ASIC reports it closed, period.ts endedAt) instead of staying open
    // in every later report. The facts are written again from the cases, and their packs built anew.
    version: 25,
    stores: {},
    upgrade: async (tx) => {
      await writeReturnFacts(tx);
      await writeReturnFactPacks(tx);
    },
  },
];

/** Who the trail names for what the upgrade itself wrote. */
export const SYSTEM_ACTOR = { id: 'system', name: 'Redress' } as const;

/** v10: closed cases get retentionFrom; a trail in format 1 is converted to format 2, re-chained once. */
async function upgradeV9Retention(tx: Transaction): Promise<void> {
  // Only closed and withdrawn cases have a closure (a key may hold Dexie.maxKey once only).
  for (const status of ['closed', 'withdrawn']) {
    await tx
      .table('cases')
      .where('[status+receivedAt+id]')
      .between([status, '', ''], [status, '\uffff', Dexie.maxKey])
      .modify((c: CaseRecord) => {
        if (c.closedAt) c.retentionFrom = c.closedAt;
      });
  }
  const audit = tx.table('audit');
  const formatOne = await audit.filter((e: AuditEntry) => e.payloadHash === undefined).first();
  if (!formatOne) return;
  const counters = tx.table('counters');
  const formerHead = (await counters.get(AUDIT_HEAD_KEY)) as CounterRow | undefined;
  let prevHash = GENESIS_HASH;
  let last = 0;
  let converted = 0;
  // In seq order (the primary key): each entry's new hash is the next one's prevHash.
  await audit.toCollection().modify((e: AuditEntry) => {
    const next = relinkAuditEntry(toPayloadFormat(e), prevHash);
    if (e.payloadHash === undefined) converted += 1;
    Object.assign(e, next);
    prevHash = next.hash;
    last = next.seq;
  });
  // The conversion is itself on the trail: what the chain ended with before, and with after.
  const entry = chainAuditEntry(
    {
      at: new Date().toISOString(),
      actor: SYSTEM_ACTOR,
      entity: 'audit',
      entityId: 'format-2',
      caseId: null,
      action: 'audit-format',
      changes: [
        { field: 'headHash', before: formerHead?.hash ?? null, after: prevHash },
        { field: 'headSeq', before: formerHead?.value ?? null, after: last },
        { field: 'converted', before: null, after: converted },
      ],
    },
    { seq: last, hash: prevHash },
  );
  await audit.add(entry);
  await counters.put({ key: AUDIT_HEAD_KEY, value: entry.seq, hash: entry.hash });
}

/**
 * v8: a contact's letter kind comes from the template it was written from (others are 'other');
 * a case's response stamps from its earliest outbound contact of each kind. A case closed before
 * this version with no final response on record keeps being counted as it was then: its closure
 * stands as the response, so history is not rewritten as missed.
 */
async function upgradeV7ResponseStamps(tx: Transaction): Promise<void> {
  const templateKinds = new Map<string, TemplateKind>();
  await tx
    .table('templates')
    .toCollection()
    .each((t: { key: string; kind: TemplateKind }) => void templateKinds.set(t.key, t.kind));
  const stamps = new Map<string, Partial<ResponsesSent>>();
  await tx
    .table('communications')
    .toCollection()
    .modify((m: CommunicationRecord) => {
      const templateKind = m.template ? templateKinds.get(m.template.key) : undefined;
      m.kind = templateKind ? letterKindOfTemplate(templateKind) : 'other';
      const current = stamps.get(m.caseId) ?? { acknowledgedAt: null };
      stamps.set(m.caseId, { ...current, ...responseStamp(current as ResponsesSent, m) });
    });
  await tx
    .table('cases')
    .toCollection()
    .modify((c: CaseRecord) => {
      const s = stamps.get(c.id) ?? {};
      c.holdingReplyAt = s.holdingReplyAt ?? null;
      c.finalResponseAt = s.finalResponseAt ?? null;
      c.summaryResolutionAt = s.summaryResolutionAt ?? null;
      // An acknowledgement letter sent before the Acknowledge step was recorded is when it was met.
      if (s.acknowledgedAt && (!c.acknowledgedAt || s.acknowledgedAt < c.acknowledgedAt))
        c.acknowledgedAt = s.acknowledgedAt;
      if (c.status === 'closed' && c.closedAt && !c.finalResponseAt && !c.summaryResolutionAt)
        c.finalResponseAt = c.closedAt;
      c.nextDueAt = nextDeadlineDue(c);
    });
}

/** v7: each case's informedAt from its latest outbound contact, or its receipt when there is none. */
async function upgradeV10PersonKeys(tx: Transaction): Promise<void> {
  await tx
    .table('cases')
    .toCollection()
    .modify((c: CaseRecord) => {
      // Rows from the first versions may lack contact fields: read what is there.
      const who: Partial<CaseRecord['complainant']> = c.complainant ?? {};
      c.personKeys = c.anonymised
        ? []
        : personKeys({
            name: who.name ?? '',
            email: who.email ?? '',
            phone: who.phone ?? '',
            accountRef: c.accountRef ?? '',
          });
      if (c.escalation) c.escalationOwnerId = c.escalation.owner.id;
    });
}

/**
 * A stored case with its openPersonKeys (complainant-match.ts), for rows written before version 14:
 * its upgrade, and a restore of a backup made by an older version (whose rows go in as they were).
 */
export function withOpenPersonKeys<C extends Pick<CaseRecord, 'open' | 'personKeys' | 'receivedAt'>>(
  c: C,
): C {
  const keys = openPersonKeysOf(c);
  return keys.length ? { ...c, openPersonKeys: keys } : c;
}

const UPGRADE_PAGE = 2000;

/** Every row of a table keyed by id, in id order, handed to `each` a page at a time. */
async function forEachPage<T extends { id: string }>(
  table: Table<T>,
  each: (page: T[]) => Promise<unknown> | void,
): Promise<void> {
  let last: IndexableType | undefined;
  for (;;) {
    const page = await (last === undefined ? table.orderBy(':id') : table.where(':id').above(last))
      .limit(UPGRADE_PAGE)
      .toArray();
    if (!page.length) return;
    await each(page);
    last = page.at(-1)!.id;
  }
}

/** v17: a return fact for every case, a page at a time (written again over any older fact). */
async function writeReturnFacts(tx: Transaction): Promise<void> {
  const facts = tx.table(RETURN_FACTS);
  await forEachPage(tx.table<CaseRecord>('cases'), (page) => facts.bulkPut(page.map((c) => returnFactOf(c))));
}

/** v20: the return facts gathered into their packs anew, each fact told its pack (see returnFactsMiddleware). */
async function writeReturnFactPacks(tx: Transaction): Promise<void> {
  const all: ReturnFact[] = [];
  await forEachPage(tx.table<ReturnFact>(RETURN_FACTS), (page) => void all.push(...page));
  const { packs, placed } = packsOf(all);
  await tx.table(RETURN_FACT_PACKS).clear();
  for (let i = 0; i < packs.length; i += UPGRADE_PAGE)
    await tx.table(RETURN_FACT_PACKS).bulkPut(packs.slice(i, i + UPGRADE_PAGE));
  for (let i = 0; i < placed.length; i += UPGRADE_PAGE)
    await tx.table(RETURN_FACTS).bulkPut(placed.slice(i, i + UPGRADE_PAGE));
}

/** v14: each open case's person keys with its receipt. */
async function upgradeV13OpenPersonKeys(tx: Transaction): Promise<void> {
  await tx
    .table('cases')
    .filter((c: CaseRecord) => withOpenPersonKeys(c) !== c)
    .modify((c: CaseRecord) => {
      c.openPersonKeys = withOpenPersonKeys(c).openPersonKeys;
    });
}

async function upgradeV6InformedAt(tx: Transaction): Promise<void> {
  const latestOut = new Map<string, string>();
  await tx
    .table('communications')
    .toCollection()
    .each((m: { caseId: string; direction: string; at: string }) => {
      if (m.direction === 'out' && m.at > (latestOut.get(m.caseId) ?? '')) latestOut.set(m.caseId, m.at);
    });
  await tx
    .table('cases')
    .toCollection()
    .modify((c: CaseRecord) => {
      const out = latestOut.get(c.id);
      c.informedAt = out && out > c.receivedAt ? out : c.receivedAt;
    });
}

/** v1 cases had a name, channel and description only: fill in what v2 needs, losing nothing. */
async function upgradeV1Cases(tx: Transaction): Promise<void> {
  await tx
    .table('cases')
    .toCollection()
    .modify((c: Record<string, unknown>) => {
      const old = c as {
        complainant: { name: string };
        receivedAt: string;
        status: string;
        updatedAt: string;
      };
      const received = Date.parse(old.receivedAt);
      const weeks8 = new Date(received + 56 * 86_400_000).toISOString();
      const nextDay = new Date(received + 86_400_000).toISOString();
      Object.assign(c, {
        complainant: {
          email: '',
          phone: '',
          address: '',
          preferredContact: 'email',
          needs: '',
          vulnerable: false,
          consentToContact: true,
          ...old.complainant,
        },
        category: 'Other',
        subcategory: '',
        product: '',
        accountRef: '',
        desiredOutcome: '',
        severity: 'medium',
        severityRank: 2,
        regime: 'uk-fca-general',
        relatedCaseIds: [],
        assignee: null,
        assigneeId: '',
        escalation: null,
        // v1 had no deadlines: the FCA general rule in calendar days is the safe approximation
        // (it never pushes a deadline later than the business-day rule would).
        deadlines: { acknowledgeDue: nextDay, finalResponseDue: weeks8 },
        nextDueAt: old.status === 'received' ? nextDay : weeks8,
        acknowledgedAt: null,
        closedAt: null,
        open: 1,
        checklist: {},
        finding: null,
        rootCause: '',
        slaPauses: [],
        statusChangedAt: old.updatedAt,
        lastActivityAt: old.updatedAt,
        complainantKey: matchKey(old.complainant.name),
        accountKey: '',
      });
    });
}

export class RedressDB extends Dexie {
  cases!: EntityTable<CaseRecord, 'id'>;
  audit!: EntityTable<AuditEntry, 'seq'>;
  /** A team join's entries, many to a row; read through audit-store.ts with the rows. */
  auditPacks!: EntityTable<AuditPack, 'seq'>;
  counters!: EntityTable<CounterRow, 'key'>;
  users!: EntityTable<UserRecord, 'id'>;
  searchIndex!: EntityTable<SearchIndexRow, 'key'>;
  // Investigation rows always carry their id (a UUID made by the repository).
  planItems!: Table<PlanItem, string>;
  notes!: Table<InvestigationNote, string>;
  interviews!: Table<InterviewRecord, string>;
  evidence!: Table<EvidenceRecord, string>;
  enquiries!: Table<Enquiry, string>;
  templates!: EntityTable<TemplateRecord, 'id'>;
  communications!: EntityTable<CommunicationRecord, 'id'>;
  resolutions!: EntityTable<ResolutionRecord, 'id'>;
  consultations!: EntityTable<ConsultationRecord, 'id'>;
  actions!: EntityTable<ActionRecord, 'id'>;
  followUps!: EntityTable<FollowUpRecord, 'id'>;
  improvements!: EntityTable<ImprovementRecord, 'id'>;
  analyticsSnapshot!: EntityTable<AnalyticsSnapshotRow, 'key'>;
  disposals!: EntityTable<DisposalRecord, 'id'>;
  retentionPolicy!: EntityTable<RetentionPolicyRow, 'regime'>;
  /** Written by returnFactsMiddleware alone, with the case it follows; read by return-cases.ts. */
  returnFacts!: EntityTable<StoredReturnFact, 'id'>;
  /** The same facts in packs (returnFactsMiddleware writes them too); what a return reads. */
  returnFactPacks!: EntityTable<ReturnFactPack, 'key'>;
  /** Import batches' cases whose facts wait for settleReturnFacts. */
  returnFactsOwed!: EntityTable<OwedReturnFacts, 'seq'>;
  outbox!: EntityTable<OutboxEntry, 'seq'>;
  syncState!: EntityTable<SyncStateRow, 'key'>;
  conflicts!: EntityTable<SyncConflict, 'id'>;

  constructor(name = DB_NAME, options: ConstructorParameters<typeof Dexie>[1] = {}) {
    // 'strict' durability: a committed complaint is on disk, not in an OS buffer.
    super(name, { chromeTransactionDurability: 'strict', ...options });
    for (const v of SCHEMA_VERSIONS) {
      const declared = this.version(v.version).stores(v.stores);
      if (v.upgrade) declared.upgrade(v.upgrade);
    }
    // The outbox first (inner): it must run within Dexie's zone, which the return facts' awaits
    // (outer) would leave before the outbox's own reads.
    this.use(outboxMiddleware());
    this.use(returnFactsMiddleware);
    // Outermost: a write refused for want of disk space reaches none of the others.
    this.use(diskGuardMiddleware);
  }
}

let instance: RedressDB | undefined;
let activeName = DB_NAME;

/**
 * Names the database main points at (it changes when a restore is committed). Start-up sets it
 * before anything opens the database; the workers are given it as their name (see caseDbNameInWorker).
 */
export function setActiveDatabaseName(name: string): void {
  if (instance && instance.name !== name)
    throw new Error('The case database is already open under another name.');
  activeName = name;
}

export function activeDatabaseName(): string {
  return activeName;
}

/** The app's one database connection, to the database main points at. */
export function getDb(): RedressDB {
  instance ??= new RedressDB(activeName);
  return instance;
}

/**
 * In a worker that opens the case database: the page starts it with the database's name as the
 * worker's name (`{ type: 'module', name: activeDatabaseName() }`), read here as `self.name`.
 */
export function caseDbNameInWorker(scope: { name?: string }): string {
  return scope.name || DB_NAME;
}

/** Asks the browser to keep the database even under storage pressure. */
export async function requestPersistentStorage(): Promise<boolean> {
  try {
    return (await navigator.storage?.persist?.()) ?? false;
  } catch {
    return false;
  }
}
