// Letter templates: every edit is a new version (rows are never changed), so a letter sent with
// version 2 can always be traced to its exact wording. The defaults ship as version 1; when Redress
// ships new wording, an office's unedited copy gets it as its next version, by "Redress".
import Dexie from 'dexie';
import type { Actor } from '../../src-shared/domain/case';
import {
  DEFAULT_TEMPLATES,
  defaultTemplateStanding,
  TEMPLATE_KINDS,
  type DefaultTemplateStanding,
} from '../../src-shared/domain/default-templates';
import type { TemplateInput, TemplateRecord } from '../../src-shared/domain/template-record';
import { personOf, type ActingPerson } from '../../src-shared/domain/permissions';
import { checkTemplate, describeProblem } from '../../src-shared/domain/templates';
import { ValidationError } from '../../src-shared/errors';
import { tm } from '../i18n';
import { appendAudit } from './audit-log';
import { assertMay } from './guard';
import type { RedressDB } from './schema';

export const SYSTEM_ACTOR: Actor = { id: 'redress', name: 'Redress' };

/** Where a template's versions (newest first, as templateVersions lists them) stand against the shipped wording. */
export function standingOf(versions: readonly TemplateRecord[]): DefaultTemplateStanding | null {
  const key = versions[0]?.key;
  const shipped = DEFAULT_TEMPLATES.find((d) => d.key === key);
  if (!shipped) return null;
  return defaultTemplateStanding(
    versions.toReversed().map((v) => ({ ...v, shipped: v.createdBy.id === SYSTEM_ACTOR.id })),
    shipped,
  );
}

/** The shipped templates this library lacks or holds in an older, unedited wording, with their next version. */
async function defaultsToWrite(db: RedressDB) {
  const byKey = new Map<string, TemplateRecord[]>();
  for (const t of await db.templates.toArray()) byKey.set(t.key, [...(byKey.get(t.key) ?? []), t]);
  return DEFAULT_TEMPLATES.flatMap((d) => {
    const versions = (byKey.get(d.key) ?? []).sort((a, b) => b.version - a.version);
    const standing = versions.length ? standingOf(versions) : 'missing';
    return standing === 'missing' || standing === 'outdated'
      ? [{ d, version: (versions[0]?.version ?? 0) + 1 }]
      : [];
  });
}

/**
 * Adds version 1 of any shipped template the library lacks, and the shipped wording as the next
 * version of any the office has not edited; safe to call on every start. An edited template keeps
 * the office's wording (the Templates page says a newer default exists).
 */
export async function ensureDefaultTemplates(db: RedressDB, now = new Date()): Promise<void> {
  // The library is small (tens of rows): one read answers "anything to do?" without a write lock.
  if (!(await defaultsToWrite(db)).length) return;
  await db.transaction('rw', [db.templates, db.audit, db.counters], async () => {
    // Asked again inside the transaction: another start may have written them meanwhile.
    for (const { d, version } of await defaultsToWrite(db))
      await addVersion(
        db,
        { name: d.name, kind: d.kind, subject: d.subject, body: d.body },
        d.key,
        version,
        SYSTEM_ACTOR,
        now,
      );
  });
}

async function addVersion(
  db: RedressDB,
  input: TemplateInput,
  key: string,
  version: number,
  actor: Actor,
  now: Date,
): Promise<TemplateRecord> {
  const row: TemplateRecord = {
    id: crypto.randomUUID(),
    key,
    version,
    kind: input.kind,
    name: input.name.trim(),
    subject: input.subject,
    body: input.body,
    createdAt: now.toISOString(),
    createdBy: actor,
    ...(input.basedOnDefault ? { basedOnDefault: input.basedOnDefault } : {}),
  };
  await db.templates.add(row);
  await appendAudit(db, {
    at: row.createdAt,
    actor,
    entity: 'template',
    entityId: key,
    caseId: null,
    action: version === 1 ? 'template-create' : 'template-version',
    changes: [
      { field: 'name', before: null, after: row.name },
      { field: 'version', before: version === 1 ? null : version - 1, after: version },
    ],
  });
  return row;
}

/** Refuses a template that is empty, of an unknown kind, or does not parse, saying where. */
export function validateTemplateInput(input: TemplateInput): void {
  if (!input.name.trim()) throw new ValidationError(tm('errors.template.nameMissing'), 'name');
  if (!TEMPLATE_KINDS.includes(input.kind))
    throw new ValidationError(tm('errors.template.kindMissing'), 'kind');
  if (!input.body.trim()) throw new ValidationError(tm('errors.template.bodyMissing'), 'body');
  for (const field of ['subject', 'body'] as const) {
    const checked = checkTemplate(input[field]);
    if (!checked.ok) {
      const problems = checked.problems.map(describeProblem);
      throw new ValidationError(
        (field === 'subject'
          ? problems.map((problem) => tm('errors.template.inSubject', { problem }))
          : problems
        ).join('\n'),
        field,
      );
    }
  }
}

/** Saves an edit as the next version of `key`, or a new template when `key` is null. */
export async function saveTemplate(
  db: RedressDB,
  key: string | null,
  input: TemplateInput,
  by: ActingPerson,
  now = new Date(),
): Promise<TemplateRecord> {
  assertMay(by, 'templates.edit');
  const actor = personOf(by);
  validateTemplateInput(input);
  return db.transaction('rw', [db.templates, db.audit, db.counters], async () => {
    if (key === null) return addVersion(db, input, crypto.randomUUID(), 1, actor, now);
    const latest = await latestVersion(db, key);
    if (!latest) throw new ValidationError(tm('errors.template.notFound'));
    return addVersion(db, input, key, latest.version + 1, actor, now);
  });
}

export function latestVersion(db: RedressDB, key: string): Promise<TemplateRecord | undefined> {
  return db.templates.where('[key+version]').between([key, Dexie.minKey], [key, Dexie.maxKey]).last();
}

/** The newest version of each template, by name. The library is small (tens of rows). */
export async function listTemplates(db: RedressDB): Promise<TemplateRecord[]> {
  const latest = new Map<string, TemplateRecord>();
  for (const t of await db.templates.toArray()) {
    if ((latest.get(t.key)?.version ?? 0) < t.version) latest.set(t.key, t);
  }
  return [...latest.values()].sort((a, b) => a.name.localeCompare(b.name));
}

export function templateVersions(db: RedressDB, key: string): Promise<TemplateRecord[]> {
  return db.templates
    .where('[key+version]')
    .between([key, Dexie.minKey], [key, Dexie.maxKey])
    .reverse()
    .toArray();
}
