// An imported e-mail's case or contact and its evidence rows are saved together, or not at all.
import { describe, expect, it } from 'vitest';
import { caseAuditTrail } from '../../../../src-renderer/db/audit-log';
import { createCase } from '../../../../src-renderer/db/cases';
import { createCaseWithEvidence, recordInboundEmail } from '../../../../src-renderer/db/email';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import type { EvidenceInput } from '../../../../src-shared/domain/investigation';
import { useFreshDb, intake, person, testRules } from './test-db';

const priya = person('u1', 'Priya Shah', 'officer');
const rules = testRules();
const AT = '2026-03-02T10:00:00.000Z';
const file = (name: string, sha: string): EvidenceInput => ({
  name,
  size: 120,
  type: 'application/pdf',
  sha256: sha.repeat(64),
  description: 'Attachment of the e-mail “Refund missing”',
});
const FILES = [file('mail.eml', 'a'), file('statement.pdf', 'b')];
const MAIL = { sha256: FILES[0]!.sha256, subject: 'Refund missing' };

let db: RedressDB;
useFreshDb((fresh) => (db = fresh));

describe('an imported e-mail in the case database', () => {
  it('logs the complaint with its files as evidence, each with its audit entry', async () => {
    const c = await createCaseWithEvidence(db, intake(AT), FILES, priya, rules, new Date(AT));
    const evidence = await db.evidence.where('caseId').equals(c.id).toArray();
    expect(evidence.map((e) => e.name).sort()).toEqual(['mail.eml', 'statement.pdf']);
    expect((await caseAuditTrail(db, c.id)).map((e) => e.action)).toEqual([
      'create',
      'evidence-add',
      'evidence-add',
    ]);
  });

  it('saves no case when a file is refused', async () => {
    const bad = { ...file('bad.pdf', 'c'), sha256: 'not-a-hash' };
    await expect(createCaseWithEvidence(db, intake(AT), [bad], priya, rules, new Date(AT))).rejects.toThrow();
    expect(await db.cases.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);
  });

  it('records an inbound contact and its files on the case', async () => {
    const c = await createCase(db, intake(AT), priya, rules, new Date(AT));
    const contact = {
      direction: 'in' as const,
      channel: 'email' as const,
      at: AT,
      from: 'Zoë <zoe@example.com>',
      to: 'complaints@bank.example',
      subject: 'Refund missing',
      body: 'Where is my refund?',
    };
    await recordInboundEmail(db, c.id, MAIL, contact, FILES, priya, new Date(AT));
    expect(await db.communications.where('caseId').equals(c.id).count()).toBe(1);
    expect(await db.evidence.where('caseId').equals(c.id).count()).toBe(2);

    // The same mail dropped again is refused by name, and nothing is recorded twice.
    await expect(recordInboundEmail(db, c.id, MAIL, contact, FILES, priya, new Date(AT))).rejects.toThrow(
      /“Refund missing” is already on this case/,
    );
    expect(await db.communications.where('caseId').equals(c.id).count()).toBe(1);
    expect(await db.evidence.where('caseId').equals(c.id).count()).toBe(2);
    // On another case it is a first time.
    const d = await createCase(db, intake(AT), priya, rules, new Date(AT));
    await recordInboundEmail(db, d.id, MAIL, contact, FILES, priya, new Date(AT));
    expect(await db.communications.where('caseId').equals(d.id).count()).toBe(1);
  });

  it('records nothing for someone who may not record the case’s communications', async () => {
    const c = await createCase(db, intake(AT), priya, rules, new Date(AT));
    const other = person('u2', 'Sam Other', 'officer');
    const contact = {
      direction: 'in' as const,
      channel: 'email' as const,
      at: AT,
      from: '',
      to: '',
      subject: 'x',
      body: 'y',
    };
    await expect(recordInboundEmail(db, c.id, MAIL, contact, FILES, other, new Date(AT))).rejects.toThrow();
    expect(await db.communications.count()).toBe(0);
    expect(await db.evidence.count()).toBe(0);
  });
});
