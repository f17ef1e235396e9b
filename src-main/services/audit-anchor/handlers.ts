import { personRef } from '../../../src-shared/domain/accounts';
import type { AuditAnchorChannel } from '../../../src-shared/ipc/channels/audit-anchor';
import type { Handlers } from '../../../src-shared/ipc/contract';
import { signedOut, type SessionState } from '../accounts/auth';
import type { AuditAnchor } from './anchor-store';

/** The anchor and census channels; the access rules (authorize.ts) have already checked the session. */
export function auditAnchorHandlers(
  anchor: AuditAnchor,
  session: () => SessionState | null,
): Pick<Handlers, AuditAnchorChannel> {
  const actor = () => {
    const current = session();
    if (!current) throw signedOut();
    return personRef(current.user);
  };
  return {
    'anchor:checkpoint': (input) => anchor.checkpoint(input, actor()),
    'anchor:read': () => anchor.read(),
    'database:census': (input) => anchor.census(input),
    'database:start-empty': ({ confirmed: _confirmed, ...input }) => anchor.startEmpty(input, actor()),
  };
}
