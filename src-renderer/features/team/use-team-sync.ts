import { useEffect, useRef, useState } from 'react';
import { useSettings } from '../../app/settings-context';
import { api, call } from '../../api/client';
import { forgetCaseDrafts } from '../../components/form-draft';
import { getDb } from '../../db/schema';
import { indexCase, rebuildSearchIndex } from '../../db/search-sync';
import { getCaseSearch } from '../../search/search-client';
import { setOutboxAuthor } from '../../db/sync-outbox';
import { useCurrentUser } from '../users/current-user';
import { startSyncRunner, type SyncStatus, type SyncTransport } from './sync-runner';

/** main's sync channels, as the runner uses them. */
export const windowTransport = {
  status: () => call(api().team.syncStatus()),
  push: (changes) => call(api().team.push({ changes })),
  pull: (sinceSeq, limit) => call(api().team.pull({ sinceSeq, limit })),
  waitForChanges: (afterSeq, timeoutMs) => call(api().team.waitForChanges({ afterSeq, timeoutMs })),
  referenceRange: (year, size, atLeast) => call(api().team.referenceRange({ year, size, atLeast })),
  uploadEvidence: (sha256: string, options?: { ifHeld?: boolean }) =>
    call(api().team.uploadEvidence({ sha256, ...options })),
  trailPayloads: (caseId: string) => call(api().team.trailPayloads({ caseId })),
  hiddenCases: (afterSeq: number) => call(api().team.hiddenCases({ afterSeq })),
  caseHistory: (caseId: string, afterSeq: number, beforeSeq: number) =>
    call(api().team.caseHistory({ caseId, afterSeq, beforeSeq })),
  dropEvidenceCopies: (hashes: string[]) => call(api().team.dropEvidenceCopies({ hashes })),
} satisfies Required<SyncTransport>;

/**
 * Runs this desk's sync while someone is signed in (single-desk mode: it only looks now and then
 * whether a server was set) and reports where it stands.
 */
export function useTeamSync(): SyncStatus {
  const [status, setStatus] = useState<SyncStatus>({ mode: 'single' });
  const { user, refreshSession } = useCurrentUser();
  const { id, name } = user;
  // The office's locale and time zone as they are at each pass, for a refused change's words.
  const { locale, timeZone } = useSettings().settings;
  const officeNow = useRef({ locale, timeZone });
  useEffect(() => {
    officeNow.current = { locale, timeZone };
  }, [locale, timeZone]);
  // The runner outlives renders: it asks for the session through the latest refresh.
  const followSession = useRef(refreshSession);
  useEffect(() => {
    followSession.current = refreshSession;
  }, [refreshSession]);
  // The outbox names who made each change: pushed later under someone else's session, it keeps them.
  useEffect(() => {
    setOutboxAuthor({ id, name });
    return () => setOutboxAuthor(null);
  }, [id, name]);
  useEffect(() => {
    const runner = startSyncRunner(getDb(), windowTransport, {
      onStatus: setStatus,
      // Cases other desks wrote join this desk's search index.
      onCases: (cases) => cases.forEach((c) => void indexCase(c)),
      // Cases another desk deleted (disposal), or this person may no longer see, leave it and the
      // drafts typed on them, so their words are not kept there.
      onCasesDeleted: (ids) => {
        forgetCaseDrafts(ids);
        void getCaseSearch()
          .removeCases(ids)
          .catch((error: unknown) =>
            console.warn('Search index update failed; it will catch up on restart.', error),
          );
      },
      // A join's cases are indexed once, at its end. A failed build leaves the join to finish at
      // the next pass, which builds it again.
      onJoined: (onProgress) => rebuildSearchIndex(onProgress),
      office: () => officeNow.current,
      // The team server changed the person's roles or limit, or ended the session: main followed it.
      onSessionMoved: () => void followSession.current(),
    });
    return () => runner.stop();
  }, []);
  return status;
}
