// What team sync noted for the person to see, beside the conflicts (DESIGN.md, "Team mode": never
// silent): evidence files the team server refused (their bytes did not match their fingerprint, so
// other desks cannot open them), and cases pulled under a reference a case on this desk already had
// (kept as `<reference>~<id>`, reference.ts), and changes the server refused by one of its rules
// (an approval the person may not make, a change to a case disposed of: put back to the server's
// copy or removed, sync-replica.ts), one notice per sync pass and reason. Each is listed with the
// cases it concerns.
import type { CaseRecord } from '../../src-shared/domain/case';
import type { Actor } from '../../src-shared/domain/permissions';
import { caseViewFilter } from './case-visibility';
import { keptEvidenceCopies } from './hidden-cases';
import type { RedressDB } from './schema';
import { referenceClashes, refusedChanges, refusedEvidence } from './sync-replica';
import type { RefusedRecord } from './sync-outbox';
import { FOLLOWS_REFUSED_CODE, HIDDEN_CASE_CODE } from '../../src-shared/domain/team-sync';

export interface RefusedEvidenceNotice {
  sha256: string;
  message: string;
  /** The evidence records holding that file (one file may be attached to several cases). */
  files: { evidenceId: string; name: string; caseId: string; reference: string | null }[];
  /**
   * The file belonged to a case removed from this desk, and its copy stays here only because the
   * server refused it and holds none (hidden-cases.ts evidenceCopiesKept).
   */
  keptCopy: boolean;
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

/** The changes the server refused in one sync pass for one reason. */
export interface RefusedChangeNotice {
  /** Its key, to dismiss it once read (`dismissRefusal`). */
  key: string;
  code: string;
  /** The reason (empty when every case it concerns is on this desk and hidden from the viewer). */
  message: string;
  at: string;
  records: RefusedRecordNotice[];
}

export interface RefusedRecordNotice {
  kind: string;
  recordId: string;
  caseId: string | null;
  /** The case's reference; null when the viewer may not open the case (or it is not on this desk). */
  reference: string | null;
  /** What was refused: a proposal's approval, or another change. */
  what: 'approval' | 'change';
  by: { id: string; name: string } | null;
  /** What the desk did with its copy: put back the server's, removed it, kept it alone, or nothing. */
  outcome: RefusedRecord['outcome'];
}

export interface SyncNotices {
  refusedEvidence: RefusedEvidenceNotice[];
  referenceClashes: ReferenceClashNotice[];
  refusedChanges: RefusedChangeNotice[];
  /**
   * Cases removed from this desk because the team server restricted them to others (or took them
   * from this account) after the desk pulled them: told apart from refusals, as nothing the person
   * did was refused. Each record names the case by the reference the desk held.
   */
  removedCases: RefusedChangeNotice[];
}

/** How many notices wait (the top bar's count), without reading the cases they concern. */
export async function syncNoticeCount(db: RedressDB): Promise<number> {
  const [refused, clashes, changes] = await Promise.all([
    refusedEvidence(db),
    referenceClashes(db),
    refusedChanges(db),
  ]);
  return refused.length + clashes.length + changes.length;
}

/**
 * The notices waiting, with the cases they concern. A case `viewer` may not open is named by
 * nothing more than its being there (no reference, no file name).
 */
export async function syncNotices(db: RedressDB, viewer: Actor): Promise<SyncNotices> {
  const [refused, clashes, changes, filter] = await Promise.all([
    refusedEvidence(db),
    referenceClashes(db),
    refusedChanges(db),
    caseViewFilter(db, viewer),
  ]);
  const sees = (c: CaseRecord | undefined) => !!c && filter !== 'nothing' && (filter === null || filter(c));
  const evidence = await db.evidence
    .where('sha256')
    .anyOf(refused.map((r) => r.sha256))
    .toArray();
  const kept = await keptEvidenceCopies(
    db,
    refused.map((r) => r.sha256),
  );
  const caseIds = [
    ...new Set([
      ...evidence.map((e) => e.caseId),
      ...clashes.map((c) => c.caseId),
      ...changes.flatMap((c) => c.records.flatMap((r) => (r.caseId ? [r.caseId] : []))),
    ]),
  ];
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
    keptCopy: kept.has(sha256),
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
  // The reason is the same words for each record: hidden only when every case it concerns is on
  // this desk and one the viewer may not open (a case removed since says nothing of itself).
  const hiddenFrom = (caseId: string | null) => !!caseId && cases.has(caseId) && !seen(caseId);
  const refusedChangeNotices = changes.map((c): RefusedChangeNotice => ({
    key: c.key,
    code: c.code,
    message: c.records.every((r) => hiddenFrom(r.caseId)) ? '' : c.message,
    at: c.at,
    records: c.records.map((r) => ({
      kind: r.kind,
      recordId: r.recordId,
      caseId: r.caseId,
      reference: r.outcome === 'hidden' ? (r.reference ?? null) : r.caseId ? referenceOf(r.caseId) : null,
      what: r.kind === 'resolutions' && c.code !== FOLLOWS_REFUSED_CODE ? 'approval' : 'change',
      by: r.by,
      outcome: r.outcome,
    })),
  }));
  return {
    refusedEvidence: refusedNotices,
    referenceClashes: clashNotices,
    refusedChanges: refusedChangeNotices.filter((n) => n.code !== HIDDEN_CASE_CODE),
    removedCases: refusedChangeNotices.filter((n) => n.code === HIDDEN_CASE_CODE),
  };
}
