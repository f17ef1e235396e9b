// What a disposal asks of the rest of the app once each case's transaction has committed: main
// removes the evidence files no case uses any more, and the search index forgets or re-reads the case.
import type { CaseRecord } from '../../../src-shared/domain/case';
import { api, call } from '../../api/client';
import type { EvidenceFiles } from '../../db/retention';
import { indexCase } from '../../db/search-sync';
import { getCaseSearch } from '../../search/search-client';

export const evidenceFiles: EvidenceFiles = {
  dispose: (hashes) => call(api().evidence.dispose({ hashes })),
};

const warn = (error: unknown) =>
  console.warn('Search index update failed; it will catch up on restart.', error);

/** After one case was deleted (after = null) or anonymised. */
export async function reindexDisposed(caseId: string, after: CaseRecord | null): Promise<void> {
  if (after) await indexCase(after);
  else await getCaseSearch().removeCases([caseId]).catch(warn);
}

/** Saves the index at once, so the old words leave its saved copy too. */
export const saveSearchIndex = () => getCaseSearch().flush().catch(warn);
