// Case bundles on the renderer's side: reading cases with everything that belongs to them for a
// bundle, and writing received cases into this office's database, one transaction per case with
// its own audit entry chained into this office's trail. The sender's trail is not spliced in: main
// keeps it read-only beside the case (bundle:sender-history).
import type { Table } from 'dexie';
import {
  BUNDLE_TABLES,
  placeReceivedCase,
  type BundleCase,
  type BundleSender,
  type BundleTable,
  type Placement,
} from '../../src-shared/domain/bundle';
import type { CaseRecord } from '../../src-shared/domain/case';
import { caseSubject, personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import { formatReference, parseReference, referenceCounterKey } from '../../src-shared/domain/reference';
import { NotFoundError } from '../../src-shared/errors';
import { tm } from '../i18n';
import { appendAudit, caseAuditTrail } from './audit-log';
import { bumpCounters, CASES_OPEN_KEY, CASES_TOTAL_KEY, statusCounterKey, withDerivedFields } from './cases';
import { assertMay } from './guard';
import { rowsOfCase } from './retention';
import type { RedressDB } from './schema';
import { indexCase } from './search-sync';

type Row = { id: string; caseId: string } & Record<string, unknown>;
const tableOf = (db: RedressDB, name: BundleTable) => db.table(name) as Table<Row, string>;

/** Each case with its related rows and its audit entries, for a bundle; only cases this person may export. */
export async function readCasesForBundle(
  db: RedressDB,
  ids: readonly string[],
  by: ActingPerson,
): Promise<BundleCase[]> {
  return db.transaction(
    'r',
    [db.cases, db.audit, db.auditPacks, ...BUNDLE_TABLES.map((n) => db.table(n))],
    async () => {
      const out: BundleCase[] = [];
      for (const id of ids) {
        const record = await db.cases.get(id);
        if (!record) throw new NotFoundError(tm('errors.caseNotFound'));
        assertMay(by, 'report.case-export', { case: caseSubject(record) });
        const rows: BundleCase['rows'] = {};
        for (const name of BUNDLE_TABLES) {
          const found = (await rowsOfCase(db, name, id).toArray()) as Row[];
          if (found.length) rows[name] = found;
        }
        const audit = await caseAuditTrail(db, id);
        out.push({
          case: record as unknown as BundleCase['case'],
          rows,
          audit: audit as unknown as BundleCase['audit'],
        });
      }
      return out;
    },
  );
}

export interface ReceivedCase {
  id: string;
  /** The reference the sending office gave it. */
  sentAs: string;
  placement: Placement;
  /** The reference it has here (the sender's, or a new one); null when it was refused. */
  reference: string | null;
}

/** What would happen to each case of a bundle here, before anything is written. */
export async function planReceipt(db: RedressDB, cases: readonly BundleCase[]): Promise<ReceivedCase[]> {
  return Promise.all(
    cases.map(async (c) => {
      const [byId, byReference] = await Promise.all([
        db.cases.get(c.case.id),
        db.cases.where('reference').equals(c.case.reference).first(),
      ]);
      const placement = placeReceivedCase({ idExists: !!byId, referenceExists: !!byReference });
      return {
        id: c.case.id,
        sentAs: c.case.reference,
        placement,
        reference: placement === 'duplicate' ? null : placement === 'as-sent' ? c.case.reference : '',
      };
    }),
  );
}

/**
 * Writes one received case with its rows and a "received" audit entry, in one transaction. The
 * case is assigned to the person taking it in: the sender's people are not known here.
 */
export async function receiveCase(
  db: RedressDB,
  bundleCase: BundleCase,
  sender: BundleSender,
  by: ActingPerson,
  now = new Date(),
): Promise<ReceivedCase> {
  assertMay(by, 'case.create');
  const actor = personOf(by);
  const at = now.toISOString();
  const sent = bundleCase.case as unknown as CaseRecord;
  const tables = [db.cases, db.audit, db.counters, ...BUNDLE_TABLES.map((n) => db.table(n))];
  const result = await db.transaction('rw', tables, async () => {
    const [byId, byReference] = await Promise.all([
      db.cases.get(sent.id),
      db.cases.where('reference').equals(sent.reference).first(),
    ]);
    const placement = placeReceivedCase({ idExists: !!byId, referenceExists: !!byReference });
    if (placement === 'duplicate')
      return { id: sent.id, sentAs: sent.reference, placement, reference: null, record: null };
    const year = now.getFullYear();
    // A reference kept as sent moves this office's numbering past it, so that a case logged here
    // later is never given the same reference.
    const kept = placement === 'as-sent' ? parseReference(sent.reference) : null;
    const keptCounter = kept ? referenceCounterKey(kept.year) : null;
    const skip = keptCounter
      ? Math.max(0, kept!.sequence - ((await db.counters.get(keptCounter))?.value ?? 0))
      : 0;
    const counters = await bumpCounters(db, {
      ...(placement === 'new-reference' ? { [referenceCounterKey(year)]: 1 } : {}),
      ...(keptCounter && skip > 0 ? { [keptCounter]: skip } : {}),
      [CASES_TOTAL_KEY]: 1,
      ...(sent.open ? { [CASES_OPEN_KEY]: 1 } : {}),
      [statusCounterKey(sent.status)]: 1,
    });
    const reference =
      placement === 'new-reference'
        ? formatReference(year, counters[referenceCounterKey(year)]!)
        : sent.reference;
    const record = withDerivedFields({
      ...sent,
      reference,
      assignee: actor,
      updatedAt: at,
      lastActivityAt: at,
    });
    await db.cases.add(record);
    for (const name of BUNDLE_TABLES) {
      const rows = bundleCase.rows[name];
      // Added, never put: a received case's rows are new here, and overwrite nothing of another case.
      if (rows?.length) await tableOf(db, name).bulkAdd(rows as Row[]);
    }
    await appendAudit(db, {
      at,
      actor,
      entity: 'case',
      entityId: record.id,
      caseId: record.id,
      action: 'bundle-receive',
      changes: [
        { field: 'office', before: null, after: sender.office },
        { field: 'bundleId', before: null, after: sender.bundleId },
        { field: 'fingerprint', before: null, after: sender.fingerprint },
        { field: 'signer', before: null, after: sender.signer },
        { field: 'reference', before: sent.reference, after: reference },
      ],
    });
    return { id: record.id, sentAs: sent.reference, placement, reference, record };
  });
  if (result.record) void indexCase(result.record);
  return { id: result.id, sentAs: result.sentAs, placement: result.placement, reference: result.reference };
}
