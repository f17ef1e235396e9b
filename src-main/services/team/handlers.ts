import type { TeamChannel } from '../../../src-shared/ipc/channels/team';
import type { Handlers } from '../../../src-shared/ipc/contract';
import { setUpTeamServer, type TeamConnectionService } from './connection';
import type { Promotion } from './team-promote';

/** Settings → Team: the saved connection, saving it, trying it, setting up the server, and promoting this desk. */
export function teamHandlers(
  connection: TeamConnectionService,
  promotion: Promotion,
): Pick<Handlers, TeamChannel> {
  return {
    'team:status': () => connection.status(),
    'team:configure': (input) => connection.configure(input),
    'team:test-connection': (input) => connection.test(input),
    'team:set-up-server': (input) => setUpTeamServer(input),
    'team:promote-accounts': () => promotion.promoteAccounts(),
  };
}
