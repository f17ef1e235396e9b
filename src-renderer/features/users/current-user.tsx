// Who is acting: the person signed in to the main process's session. Every screen asks
// `useCurrentUser()`; the audit trail names `actor`, the permission rules ask `can`.
import { createContext, useContext } from 'react';
import type { SessionUser } from '../../../src-shared/domain/accounts';
import type { Action, ActingPerson, Permission, Subject } from '../../../src-shared/domain/permissions';

export interface CurrentUserState {
  user: SessionUser;
  /** Who is acting: the audit trail names them, the permission rules ask about their roles. */
  actor: ActingPerson;
  /** May the current user do this (to this case)? The one question every screen asks. */
  can: (action: Action, subject?: Subject) => Permission;
  /** Locks the screen now (Ctrl+L does the same). */
  lock: () => void;
  /** Ends the session; the sign-in screen follows. */
  signOut: () => Promise<void>;
  /** Reads the office's people again from the main process (after an administrator changed them). */
  refreshDirectory: () => Promise<void>;
  /** Asks main for the session again (the team server changed the person's roles, or ended it). */
  refreshSession: () => Promise<void>;
}

export const CurrentUserContext = createContext<CurrentUserState | null>(null);

export function useCurrentUser(): CurrentUserState {
  const value = useContext(CurrentUserContext);
  if (!value) throw new Error('useCurrentUser outside the signed-in app');
  return value;
}
