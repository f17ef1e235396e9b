import type { TeamDeskChannel } from '../../../src-shared/ipc/channels/team-desk';
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { DeskSync } from './desk-sync';

/** Beside the sync: reference ranges, evidence files sent to the server, the server's chain to check. */
export function teamDeskHandlers(desk: DeskSync): Pick<Handlers, TeamDeskChannel> {
  return {
    'team:reference-range': (input) => desk.referenceRange(input),
    'team:upload-evidence': ({ sha256, ifHeld }) => desk.uploadEvidence(sha256, { ifHeld }),
    'team:trail-page': (input) => desk.trailPage(input),
    'team:trail-payloads': ({ caseId }) => desk.trailPayloads(caseId),
    'team:hidden-cases': ({ afterSeq }) => desk.hiddenCases(afterSeq),
    'team:case-history': (input) => desk.caseHistory(input),
    'team:drop-evidence-copies': ({ hashes }) => desk.dropEvidenceCopies(hashes),
  };
}
