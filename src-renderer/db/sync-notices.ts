// What team sync noted for the person to see, beside the conflicts (DESIGN.md, "Team mode": never
// silent): evidence files the team server refused (their bytes did not match their fingerprint, so
// other desks cannot open them), and cases pulled under a reference a case on this desk already had
// (kept as `<reference>~<id>`, reference.ts). Each is listed with the cases it concerns.
import type { CaseRecord } from '../../src-shared/domain/case';
import type { Actor } from '../../src-shared/domain/permissions';
import { caseViewFilter } from './case-visibility';
import type { RedressDB } from './schema';
import { referenceClashes, refusedEvidence } from './sync-replica';

export interface RefusedEvidenceNotice {
  sha256: string;
  message: string;
  /** The evidence records holding that file (one file may be attached to several cases). */
  files: { evidenceId: string; name: string; caseId: string; reference: string | null }[];
}

export interface ReferenceClashNotice {
  /** The case pulled from the server, and the reference it is shown under on this desk. */
  caseId: string;
  shownAs: string | null;
  /** The reference the server holds for it. */
  reference: string;
  /** The case made on this desk that already had that reference (null: it is gone since). */
  localCase: { id: string; reference: string } | null;
}

export interface SyncNotices {
  refusedEvidence: RefusedEvidenceNotice[];
  referenceClashes: ReferenceClashNotice[];
}

/** How many notices wait (the top bar's count), without reading the cases they concern. */
export async function syncNoticeCount(db: RedressDB): Promise<number> {
  const [refused, clashes] = await Promise.all([refusedEvidence(db), referenceClashes(db)]);
  return refused.length + clashes.length;
}

/**
 * The notices waiting, with the cases they concern. A case `viewer` may not open is named by
 * nothing more than its being there (no reference, no file name).
 */
export async function syncNotices(db: RedressDB, viewer: Actor): Promise<SyncNotices> {
  const [refused, clashes, filter] = await Promise.all([
    refusedEvidence(db),
    referenceClashes(db),
    caseViewFilter(db, viewer),
  ]);
  const sees = (c: CaseRecord | undefined) => !!c && filter !== 'nothing' && (filter === null || filter(c));
  const evidence = await db.evidence
    .where('sha256')
    .anyOf(refused.map((r) => r.sha256))
    .toArray();
  const caseIds = [...new Set(evidence.map((e) => e.caseId)), ...clashes.map((c) => c.caseId)];
  const cases = new Map((await db.cases.bulkGet(caseIds)).flatMap((c) => (c ? [[c.id, c] as const] : [])));
  const seen = (caseId: string) => sees(cases.get(caseId));
  const referenceOf = (caseId: string) => (seen(caseId) ? (cases.get(caseId)?.reference ?? null) : null);

  const refusedNotices = refused.map(({ sha256, message }) => ({
    sha256,
    message,
    files: evidence
      .filter((e) => e.sha256 === sha256)
      .map((e) => ({
        evidenceId: e.id,
        name: seen(e.caseId) ? e.name : '',
        caseId: e.caseId,
        reference: referenceOf(e.caseId),
      })),
  }));

  const holders = await db.cases
    .where('reference')
    .anyOf(clashes.map((c) => c.reference))
    .toArray();
  const clashNotices = clashes.map(({ caseId, reference }) => {
    const holder = holders.find((h) => h.reference === reference && h.id !== caseId);
    return {
      caseId,
      shownAs: referenceOf(caseId),
      reference: seen(caseId) ? reference : '',
      localCase: holder && sees(holder) ? { id: holder.id, reference: holder.reference } : null,
    };
  });
  return { refusedEvidence: refusedNotices, referenceClashes: clashNotices };
}
