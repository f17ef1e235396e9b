import type { TeamChannel } from '../../../src-shared/ipc/channels/team';
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { TeamConnectionService } from './connection';

/** Settings → Team: the saved connection, saving it, and trying it. */
export function teamHandlers(connection: TeamConnectionService): Pick<Handlers, TeamChannel> {
  return {
    'team:status': () => connection.status(),
    'team:configure': (input) => connection.configure(input),
    'team:test-connection': (input) => connection.test(input),
  };
}
