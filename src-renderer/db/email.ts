// Imported e-mails in the case database: a new complaint with the mail's files as evidence, or an
// inbound contact with its files as evidence, each in one transaction (all saved, or nothing).
import type { CaseRecord, NewCaseInput } from '../../src-shared/domain/case';
import type { CommunicationInput, CommunicationRecord } from '../../src-shared/domain/communications';
import type { EvidenceInput } from '../../src-shared/domain/investigation';
import type { ActingPerson } from '../../src-shared/domain/permissions';
import { ConflictError } from '../../src-shared/errors';
import { tm } from '../i18n';
import { caseCreationTables, createCase, transitionTables, type CaseRules } from './cases';
import { recordCommunication } from './communications';
import { addEvidence } from './investigation';
import type { RedressDB } from './schema';

/** Logs the complaint and records each file already in the evidence store against it. */
export function createCaseWithEvidence(
  db: RedressDB,
  input: NewCaseInput,
  files: readonly EvidenceInput[],
  by: ActingPerson,
  rules: Pick<CaseRules, 'calendar' | 'taxonomy' | 'customRegime'>,
  now = new Date(),
): Promise<CaseRecord> {
  return db.transaction('rw', [...caseCreationTables(db), db.evidence], async () => {
    const record = await createCase(db, input, by, rules, now);
    for (const file of files) await addEvidence(db, record.id, file, by, now);
    return record;
  });
}

/**
 * Records an inbound e-mail in the communications log and its files as the case's evidence. The
 * same mail file (by its SHA-256, stored as evidence the first time) is refused a second time, so
 * a mail dropped twice is one contact, not two.
 */
export function recordInboundEmail(
  db: RedressDB,
  caseId: string,
  mail: { sha256: string; subject: string },
  contact: CommunicationInput,
  files: readonly EvidenceInput[],
  by: ActingPerson,
  now = new Date(),
): Promise<CommunicationRecord> {
  return db.transaction('rw', [...transitionTables(db), db.communications, db.evidence], async () => {
    const already = await db.evidence
      .where('sha256')
      .equals(mail.sha256)
      .filter((e) => e.caseId === caseId)
      .count();
    if (already) throw new ConflictError(tm('errors.email.alreadyRecorded', { subject: mail.subject }));
    const row = await recordCommunication(db, caseId, contact, by, { now });
    for (const file of files) await addEvidence(db, caseId, file, by, now);
    return row;
  });
}
