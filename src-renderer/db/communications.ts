// The communications log: every contact with the complainant, in or out, with its audit entry.
// A letter is stored with the exact text sent and the template version it started from.
import Dexie from 'dexie';
import { z } from 'zod';
import type { Actor } from '../../src-shared/domain/case';
import { diffFields } from '../../src-shared/domain/diff';
import { NotFoundError, validationErrorFromZod } from '../../src-shared/errors';
import { appendAudit } from './audit-log';
import { transitionCase, type CaseRules } from './cases';
import type { RedressDB } from './schema';

export const COMM_CHANNELS = ['email', 'letter', 'phone', 'in-person', 'portal', 'other'] as const;
export const DIRECTIONS = ['out', 'in'] as const;

export const CommunicationSchema = z.object({
  direction: z.enum(DIRECTIONS, { error: 'Choose in or out.' }),
  channel: z.enum(COMM_CHANNELS, { error: 'Choose how the contact was made.' }),
  at: z.iso.datetime({ offset: true, error: 'Enter when the contact happened.' }),
  from: z.string().trim().max(300, 'Use at most 300 characters.'),
  to: z.string().trim().max(300, 'Use at most 300 characters.'),
  subject: z.string().trim().min(1, 'Enter a subject.').max(300, 'Use at most 300 characters.'),
  body: z
    .string()
    .trim()
    .min(1, 'Enter a summary or the full text.')
    .max(100_000, 'Use at most 100,000 characters.'),
});
export type CommunicationInput = z.input<typeof CommunicationSchema>;

export interface CommunicationRecord extends z.output<typeof CommunicationSchema> {
  id: string;
  caseId: string;
  /** The template (and version) a letter was written from. */
  template: { key: string; version: number; name: string } | null;
  recordedAt: string;
  recordedBy: Actor;
}

export interface RecordOptions {
  template?: CommunicationRecord['template'];
  /** Sending the acknowledgement can mark the case acknowledged (a workflow transition). */
  acknowledge?: { rules: CaseRules };
  now?: Date;
}

/** Stores one contact and its audit entry; optionally acknowledges the case in the same transaction. */
export async function recordCommunication(
  db: RedressDB,
  caseId: string,
  input: CommunicationInput,
  actor: Actor,
  options: RecordOptions = {},
): Promise<CommunicationRecord> {
  const parsed = CommunicationSchema.safeParse(input);
  if (!parsed.success) throw validationErrorFromZod(parsed.error);
  const now = options.now ?? new Date();
  return db.transaction('rw', [db.cases, db.communications, db.audit, db.counters], async () => {
    const c = await db.cases.get(caseId);
    if (!c) throw new NotFoundError('This case no longer exists.');
    const row: CommunicationRecord = {
      ...parsed.data,
      at: new Date(parsed.data.at).toISOString(),
      id: crypto.randomUUID(),
      caseId,
      template: options.template ?? null,
      recordedAt: now.toISOString(),
      recordedBy: actor,
    };
    await db.communications.add(row);
    // The case keeps when the complainant last heard from us, for the indexed "Update owed" view.
    if (row.direction === 'out' && row.at > c.informedAt)
      await db.cases.update(caseId, { informedAt: row.at });
    await appendAudit(db, {
      at: row.recordedAt,
      actor,
      entity: 'communication',
      entityId: row.id,
      caseId,
      action: row.direction === 'out' ? 'communication-out' : 'communication-in',
      changes: diffFields({}, row as unknown as Record<string, unknown>, [
        'id',
        'caseId',
        'recordedAt',
        'recordedBy',
      ]),
    });
    if (options.acknowledge && c.status === 'received') {
      await transitionCase(db, caseId, 'acknowledged', actor, options.acknowledge.rules, { now });
    }
    return row;
  });
}

/** The case's contacts, newest first. */
export function caseCommunications(db: RedressDB, caseId: string): Promise<CommunicationRecord[]> {
  return db.communications
    .where('[caseId+at]')
    .between([caseId, Dexie.minKey], [caseId, Dexie.maxKey])
    .reverse()
    .toArray();
}
