import type { AccountsChannel } from '../../../src-shared/ipc/channels/accounts';
import type { Handlers } from '../../../src-shared/ipc/contract';
import type { AuthService } from './auth';

/** The accounts and session channels over the one auth service of this process. */
export function accountsHandlers(auth: AuthService): Pick<Handlers, AccountsChannel> {
  return {
    'auth:status': () => auth.status(),
    'auth:setup': (input) => auth.setup(input),
    'auth:sign-in': (input) => auth.signIn(input),
    'auth:sign-out': () => auth.signOut(),
    'auth:lock': () => auth.lock(),
    'auth:unlock': (input) => auth.unlock(input),
    'accounts:list': () => auth.list(),
    'accounts:add': (input) => auth.add(input),
    'accounts:update': (input) => auth.update(input),
    'accounts:reset-password': (input) => auth.resetPassword(input),
    'accounts:change-password': (input) => auth.changePassword(input),
    'accounts:set-policy': (input) => auth.setPolicy(input),
    'accounts:security-log': (input) => auth.securityLog(input),
  };
}
