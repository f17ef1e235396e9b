// Letter templates: every edit is a new version (rows are never changed), so a letter sent with
// version 2 can always be traced to its exact wording, and the defaults ship as version 1.
import Dexie from 'dexie';
import type { Actor } from '../../src-shared/domain/case';
import { DEFAULT_TEMPLATES, type TemplateKind } from '../../src-shared/domain/default-templates';
import { TemplateInputSchema, type TemplateInput } from '../../src-shared/domain/template-input';
import { ValidationError, validationErrorFromZod } from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import type { RedressDB } from './schema';

export interface TemplateRecord {
  id: string;
  /** Stable across versions. */
  key: string;
  version: number;
  kind: TemplateKind;
  name: string;
  subject: string;
  body: string;
  createdAt: string;
  createdBy: Actor;
}

export type { TemplateInput };

export const SYSTEM_ACTOR: Actor = { id: 'redress', name: 'Redress' };

/** Adds version 1 of any shipped template the library lacks; safe to call on every start. */
export async function ensureDefaultTemplates(db: RedressDB, now = new Date()): Promise<void> {
  const present = await db.templates
    .where('[key+version]')
    .between([Dexie.minKey, 1], [Dexie.maxKey, 1])
    .toArray();
  const have = new Set(present.map((t) => t.key));
  const missing = DEFAULT_TEMPLATES.filter((d) => !have.has(d.key));
  if (!missing.length) return;
  await db.transaction('rw', [db.templates, db.audit, db.counters], async () => {
    for (const d of missing) {
      if (await db.templates.where('[key+version]').equals([d.key, 1]).count()) continue;
      await addVersion(db, { ...d }, d.key, 1, SYSTEM_ACTOR, now);
    }
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
  const parsed = TemplateInputSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
}

/** Saves an edit as the next version of `key`, or a new template when `key` is null. */
export async function saveTemplate(
  db: RedressDB,
  key: string | null,
  input: TemplateInput,
  actor: Actor,
  now = new Date(),
): Promise<TemplateRecord> {
  validateTemplateInput(input);
  return db.transaction('rw', [db.templates, db.audit, db.counters], async () => {
    if (key === null) return addVersion(db, input, crypto.randomUUID(), 1, actor, now);
    const latest = await latestVersion(db, key);
    if (!latest) throw new ValidationError('This template no longer exists.');
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
