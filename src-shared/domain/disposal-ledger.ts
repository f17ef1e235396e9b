// The disposal ledger: what retention and erasure disposed of, kept by main outside the case
// database (`<dataDir>/disposal-ledger.jsonl`; a backup holds its entries, which a restore adds to,
// never puts over, the restoring computer's), so that restoring a backup made
// before a disposal disposes of those cases again instead of bringing an erased person back.
// Each line names one case of one disposal (or the evidence files it removed), never personal data:
// the same facts the disposal record shows (reference, method, when, by whom).
import { z } from 'zod';
import { SHA256_HEX } from './investigation';
import { DISPOSAL_METHODS, type DisposalMethod } from './retention';

const Id = z.string().min(1).max(200);
const Person = z.strictObject({ id: z.string().max(200), name: z.string().max(300) });

export const LedgerEntrySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('case'),
    recordId: Id,
    at: z.iso.datetime(),
    by: Person,
    method: z.enum(DISPOSAL_METHODS),
    caseId: Id,
    reference: z.string().max(100),
  }),
  /** The evidence files a disposal removed (no case row named them any more). */
  z.strictObject({
    kind: z.literal('files'),
    recordId: Id,
    files: z.array(z.string().regex(SHA256_HEX)).min(1).max(10_000),
  }),
]);
export type LedgerEntry = z.output<typeof LedgerEntrySchema>;

/** One disposal of the ledger, to be made again on a restored database. */
export interface LedgerDisposal {
  recordId: string;
  at: string;
  by: { id: string; name: string };
  method: DisposalMethod;
  cases: { id: string; reference: string }[];
  files: string[];
}

/** The ledger's lines grouped by disposal, in the order they were made; a case named twice once. */
export function ledgerDisposals(entries: readonly LedgerEntry[]): LedgerDisposal[] {
  const byRecord = new Map<string, LedgerDisposal>();
  const files = new Map<string, string[]>();
  for (const e of entries) {
    if (e.kind === 'files') {
      files.set(e.recordId, [...(files.get(e.recordId) ?? []), ...e.files]);
      continue;
    }
    let d = byRecord.get(e.recordId);
    if (!d) {
      d = { recordId: e.recordId, at: e.at, by: e.by, method: e.method, cases: [], files: [] };
      byRecord.set(e.recordId, d);
    }
    if (!d.cases.some((c) => c.id === e.caseId)) d.cases.push({ id: e.caseId, reference: e.reference });
  }
  for (const [recordId, hashes] of files) {
    const d = byRecord.get(recordId);
    if (d) d.files = [...new Set([...d.files, ...hashes])];
  }
  return [...byRecord.values()];
}

/** Every evidence file the ledger says a disposal removed. */
export const ledgerFiles = (entries: readonly LedgerEntry[]): Set<string> =>
  new Set(entries.flatMap((e) => (e.kind === 'files' ? e.files : [])));

/**
 * Which of a ledger disposal's cases a restored database should have disposed of again: those it
 * holds, not yet anonymised (unless the disposal deleted them), and not named by the database's own
 * copy of that disposal's record or of one repeating it (`recorded`): such a database was backed up
 * after the disposal, so a case it holds came back later (a case bundle keeps its id).
 */
export function casesToDisposeAgain(
  d: Pick<LedgerDisposal, 'method'>,
  found: readonly ({ id: string; reference: string; anonymised?: unknown } | undefined)[],
  recorded: ReadonlySet<string>,
): string[] {
  return found.flatMap((c) =>
    c && !recorded.has(c.reference) && (d.method === 'delete' || !c.anonymised) ? [c.id] : [],
  );
}
