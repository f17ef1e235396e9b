// Improvement register repository: each write commits with its audit entries in one transaction.
// The improvement's own entry has no case; linking or unlinking a case adds an entry on that case's
// trail, so the case timeline says which improvement it led to.
import {
  ImprovementInputSchema,
  type ImprovementInput,
  type ImprovementRecord,
  type ImprovementReportRow,
} from '../../src-shared/domain/improvements';
import type { Actor } from '../../src-shared/domain/case';
import { personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import { diffFields } from '../../src-shared/domain/diff';
import { officeDayOf } from '../../src-shared/domain/office-time';
import {
  ConflictError,
  NotFoundError,
  ValidationError,
  validationErrorFromZod,
} from '../../src-shared/errors';
import { tm } from '../i18n';
import { appendAudit } from './audit-log';
import { assertMay } from './guard';
import type { RedressDB } from './schema';

const IGNORED = ['id', 'createdAt', 'createdBy', 'updatedAt'];

function parse(input: ImprovementInput) {
  const parsed = ImprovementInputSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const v = parsed.data;
  // The same cause or case twice is one link.
  return {
    ...v,
    rootCauses: [...new Set(v.rootCauses)],
    categories: [...new Set(v.categories)],
    caseIds: [...new Set(v.caseIds)],
  };
}

async function writeCaseLinks(
  db: RedressDB,
  record: ImprovementRecord,
  before: readonly string[],
  actor: Actor,
): Promise<void> {
  const added = record.caseIds.filter((id) => !before.includes(id));
  const removed = before.filter((id) => !record.caseIds.includes(id));
  if (added.length) {
    const found = await db.cases.bulkGet(added);
    if (found.some((c) => !c)) throw new ValidationError(tm('errors.linkedCaseMissing'), 'caseIds');
  }
  for (const [ids, action] of [
    [added, 'improvement-link'],
    [removed, 'improvement-unlink'],
  ] as const) {
    for (const caseId of ids) {
      await appendAudit(db, {
        at: record.updatedAt,
        actor,
        entity: 'improvement',
        entityId: record.id,
        caseId,
        action,
        changes: [{ field: 'improvement', before: null, after: record.title }],
      });
    }
  }
}

export async function createImprovement(
  db: RedressDB,
  input: ImprovementInput,
  by: ActingPerson,
  now = new Date(),
): Promise<ImprovementRecord> {
  assertMay(by, 'improvements.edit');
  const actor = personOf(by);
  const data = parse(input);
  const at = now.toISOString();
  const record: ImprovementRecord = {
    ...data,
    id: crypto.randomUUID(),
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
  };
  await db.transaction('rw', [db.improvements, db.cases, db.audit, db.counters], async () => {
    await db.improvements.add(record);
    await appendAudit(db, {
      at,
      actor,
      entity: 'improvement',
      entityId: record.id,
      caseId: null,
      action: 'create',
      changes: diffFields({}, record as unknown as Record<string, unknown>, IGNORED),
    });
    await writeCaseLinks(db, record, [], actor);
  });
  return record;
}

export async function updateImprovement(
  db: RedressDB,
  id: string,
  input: ImprovementInput,
  by: ActingPerson,
  options: { now?: Date; expectedUpdatedAt?: string } = {},
): Promise<ImprovementRecord> {
  assertMay(by, 'improvements.edit');
  const actor = personOf(by);
  const data = parse(input);
  const now = options.now ?? new Date();
  return db.transaction('rw', [db.improvements, db.cases, db.audit, db.counters], async () => {
    const current = await db.improvements.get(id);
    if (!current) throw new NotFoundError(tm('errors.improvement.notFound'));
    if (options.expectedUpdatedAt && current.updatedAt !== options.expectedUpdatedAt) {
      throw new ConflictError(tm('errors.improvement.changedMeanwhile'));
    }
    const next: ImprovementRecord = { ...current, ...data };
    const changes = diffFields(
      current as unknown as Record<string, unknown>,
      next as unknown as Record<string, unknown>,
      IGNORED,
    );
    if (changes.length === 0) return current;
    next.updatedAt = now.toISOString();
    await db.improvements.put(next);
    await appendAudit(db, {
      at: next.updatedAt,
      actor,
      entity: 'improvement',
      entityId: id,
      caseId: null,
      action: 'update',
      changes,
    });
    await writeCaseLinks(db, next, current.caseIds, actor);
    return next;
  });
}

/** Newest first. The register holds hundreds of rows, not thousands: read whole. */
export async function listImprovements(db: RedressDB): Promise<ImprovementRecord[]> {
  return (await db.improvements.orderBy('updatedAt').reverse().toArray()) as ImprovementRecord[];
}

export async function getImprovement(db: RedressDB, id: string): Promise<ImprovementRecord | null> {
  return (await db.improvements.get(id)) ?? null;
}

/** The improvements a case led to, through the multiEntry caseIds index. */
export function improvementsForCase(db: RedressDB, caseId: string): Promise<ImprovementRecord[]> {
  return db.improvements.where('caseIds').equals(caseId).toArray();
}

/**
 * Plain rows for the management report: improvements open at some point in [from, to] (created by
 * `to`, and not completed or cancelled before `from`), due date first.
 */
export async function listImprovementsForReport(
  db: RedressDB,
  range: { from: string; to: string },
  timeZone: string,
): Promise<ImprovementReportRow[]> {
  const all = await db.improvements.toArray();
  // Change dates are office days: compare with the office day the range starts on.
  const fromDay = officeDayOf(range.from, timeZone);
  return all
    .filter((i) => i.createdAt <= range.to)
    .filter((i) => {
      if (i.status === 'completed') return !i.changeDate || i.changeDate >= fromDay;
      if (i.status === 'cancelled') return i.updatedAt >= range.from;
      return true;
    })
    .sort(
      (a, b) => (a.dueDate || '9999').localeCompare(b.dueDate || '9999') || a.title.localeCompare(b.title),
    )
    .map((i) => ({
      title: i.title,
      status: i.status,
      owner: i.owner?.name ?? '',
      due: i.dueDate,
      changeDate: i.changeDate,
      rootCauses: [...i.rootCauses],
      caseCount: i.caseIds.length,
    }));
}
