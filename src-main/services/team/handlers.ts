import type { TeamChannel } from '../../../src-shared/ipc/channels/team';
import type { Handlers } from '../../../src-shared/ipc/contract';
import { setUpTeamServer, type TeamConnectionService } from './connection';
import type { SecurityLog } from '../accounts/security-log';
import type { Promotion } from './team-promote';

/** Settings → Team: the saved connection, saving it, trying it, setting up the server, and promoting this desk. */
export function teamHandlers(
  connection: TeamConnectionService,
  promotion: Promotion,
  log: Pick<SecurityLog, 'append'>,
  now: () => Date = () => new Date(),
): Pick<Handlers, TeamChannel> {
  return {
    'team:status': () => connection.status(),
    'team:configure': (input) => connection.configure(input),
    'team:test-connection': (input) => connection.test(input),
    'team:set-up-server': (input) => setUpTeamServer(input),
    'team:promote-accounts': () => promotion.promoteAccounts(),
    'team:connection-problem': async () => ({ problem: await connection.problem() }),
    // Nobody is signed in to be named: the log says what was mended, and where it points now.
    'team:repair-connection': async (input) => {
      const problem = await connection.problem();
      const status = await connection.repair(input);
      const to = status.connection;
      await log.append({
        time: now().toISOString(),
        event: 'team-connection-mended',
        actor: null,
        subject: null,
        detail: `${problem === 'damaged' ? 'team.json was damaged' : 'The saved password could not be unlocked'}; now ${to?.user} on ${to?.host}:${to?.port}, database ${to?.database}.`,
      });
      return status;
    },
  };
}
