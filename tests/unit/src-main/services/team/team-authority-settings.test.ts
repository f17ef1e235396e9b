// Sign-in against the team server tells "cannot be reached" from "this desk's settings cannot be
// used": only the first is the network's fault, and only it may be waited out.
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTeamAuthority } from '../../../../../src-main/services/team/team-accounts';
import { AppError } from '../../../../../src-shared/errors';

/** A loopback port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('team sign-in', () => {
  it('says the desk’s own connection settings cannot be used, rather than that the server is away', async () => {
    const unreadable = new AppError(
      'VALIDATION',
      'The team server password saved on this computer can no longer be unlocked.',
    );
    const team = createTeamAuthority(async () => {
      throw unreadable;
    }, 'desk-1');
    await expect(team.signIn('Ada Admin', 'correct horse battery')).rejects.toBe(unreadable);
  });

  it('answers "away" when the server cannot be reached', async () => {
    const port = await closedPort();
    const team = createTeamAuthority(
      async () => ({ host: '127.0.0.1', port, database: 'redress', user: 'desk', password: 'x' }),
      'desk-1',
    );
    expect(await team.signIn('Ada Admin', 'correct horse battery')).toMatchObject({ outcome: 'away' });
  });
});
