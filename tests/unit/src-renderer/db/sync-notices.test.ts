import { describe, expect, it } from 'vitest';
import { createCase } from '../../../../src-renderer/db/cases';
import { addEvidence } from '../../../../src-renderer/db/investigation';
import { setCaseRestricted } from '../../../../src-renderer/db/restricted';
import type { RedressDB } from '../../../../src-renderer/db/schema';
import { syncNoticeCount, syncNotices } from '../../../../src-renderer/db/sync-notices';
import { referenceClashKey } from '../../../../src-renderer/db/sync-outbox';
import { noteEvidenceRefused } from '../../../../src-renderer/db/sync-replica';
import { sendEvidenceFile } from '../../../../src-renderer/features/team/sync-runner';
import { intake, MANAGER, person, testRules, useFreshDb } from './test-db';

const rules = testRules();
const received = '2026-03-02T10:00:00.000Z';
const priya = person('u1', 'Priya Shah', 'officer');
const other = person('u2', 'Olu Bello', 'officer');
const DAMAGED = 'd'.repeat(64);
const GONE = 'e'.repeat(64);
const REFUSAL = 'The team server refused this evidence file: its bytes do not match its fingerprint.';

let db: RedressDB;
useFreshDb((d) => (db = d));

const file = (name: string, sha256: string) => ({
  name,
  size: 2048,
  type: 'application/pdf',
  sha256,
  description: 'Scanned letter',
});

describe('sync notices', () => {
  it('lists refused files with their cases and clashing references, hiding what the viewer may not open', async () => {
    const open = await createCase(db, intake(received), priya, rules, new Date(received));
    const secret = await createCase(db, intake(received), priya, rules, new Date(received));
    await setCaseRestricted(db, secret.id, { restricted: true, reason: 'Staff complaint.' }, MANAGER);
    // One damaged file attached to both cases (the same bytes), a name as people type it.
    await addEvidence(db, open.id, file('Bank statement (March) – Zoë’s copy.pdf', DAMAGED), priya);
    await addEvidence(db, secret.id, file('HR notes.pdf', DAMAGED), priya);
    await noteEvidenceRefused(db, DAMAGED, REFUSAL);
    // A refusal whose record is gone from this desk since.
    await noteEvidenceRefused(db, GONE, REFUSAL);
    // A case pulled under the reference `open` already had.
    const pulled = await createCase(db, intake(received), priya, rules, new Date(received));
    await db.syncState.put({ key: referenceClashKey(pulled.id), reference: open.reference });

    expect(await syncNoticeCount(db)).toBe(3);

    const seen = await syncNotices(db, other);
    expect(seen.refusedEvidence).toEqual([
      {
        sha256: DAMAGED,
        message: REFUSAL,
        files: expect.arrayContaining([
          {
            evidenceId: expect.any(String),
            name: 'Bank statement (March) – Zoë’s copy.pdf',
            caseId: open.id,
            reference: open.reference,
          },
          { evidenceId: expect.any(String), name: '', caseId: secret.id, reference: null },
        ]),
      },
      { sha256: GONE, message: REFUSAL, files: [] },
    ]);
    expect(seen.referenceClashes).toEqual([
      {
        caseId: pulled.id,
        shownAs: pulled.reference,
        reference: open.reference,
        localCase: { id: open.id, reference: open.reference },
      },
    ]);

    const manager = await syncNotices(db, MANAGER);
    expect(manager.refusedEvidence[0]!.files).toContainEqual(
      expect.objectContaining({ name: 'HR notes.pdf', reference: secret.reference }),
    );
  });

  it('names no case when the local holder of a clashing reference is restricted from the viewer', async () => {
    const mine = await createCase(db, intake(received), priya, rules, new Date(received));
    await setCaseRestricted(db, mine.id, { restricted: true, reason: 'Whistleblowing.' }, MANAGER);
    const pulled = await createCase(db, intake(received), priya, rules, new Date(received));
    await db.syncState.put({ key: referenceClashKey(pulled.id), reference: mine.reference });
    const { referenceClashes } = await syncNotices(db, other);
    expect(referenceClashes).toEqual([
      { caseId: pulled.id, shownAs: pulled.reference, reference: mine.reference, localCase: null },
    ]);
  });

  it('forgets a refusal once the file is sent again and taken, and keeps it while refused or offline', async () => {
    await noteEvidenceRefused(db, DAMAGED, REFUSAL);
    const answers = [
      { online: false as const, message: 'Connection refused.' },
      { online: true as const, outcome: 'refused' as const, message: 'Still damaged.' },
      { online: true as const, outcome: 'sent' as const, sent: true },
    ];
    const sent: string[] = [];
    const upload = async (sha256: string) => {
      sent.push(sha256);
      return answers.shift()!;
    };
    await sendEvidenceFile(db, upload, DAMAGED);
    expect((await syncNotices(db, MANAGER)).refusedEvidence).toMatchObject([{ message: REFUSAL }]);
    await sendEvidenceFile(db, upload, DAMAGED);
    expect((await syncNotices(db, MANAGER)).refusedEvidence).toMatchObject([{ message: 'Still damaged.' }]);
    await sendEvidenceFile(db, upload, DAMAGED);
    expect(await syncNoticeCount(db)).toBe(0);
    expect(sent).toEqual([DAMAGED, DAMAGED, DAMAGED]);
  });
});
