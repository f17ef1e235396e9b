import type { TeamSyncChannel } from '../../../src-shared/ipc/channels/team-sync';
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { DeskSync } from './desk-sync';

/** Team sync: the renderer's outbox pushed, the server's changes pulled, and the wait for more. */
export function teamSyncHandlers(desk: DeskSync): Pick<Handlers, TeamSyncChannel> {
  return {
    'team:sync-status': () => desk.status(),
    'team:push': ({ changes }) => desk.push(changes),
    'team:pull': ({ sinceSeq, limit }) => desk.pull(sinceSeq, limit),
    'team:wait-for-changes': ({ afterSeq, timeoutMs }) => desk.waitForChanges(afterSeq, timeoutMs),
  };
}
