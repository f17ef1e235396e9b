// The session as the renderer shows it: first-run setup, the sign-in screen, or the app with the
// lock screen over it. The main process holds the session; this only follows `auth:status`. While
// locked, the app stays mounted beneath the lock screen, so a half-typed note is still there after
// unlocking.
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { may, type ActingPerson } from '../../../src-shared/domain/permissions';
import type { AuthStatus } from '../../../src-shared/ipc/channels/accounts';
import { api, call, onSessionLost } from '../../api/client';
import { useNotify } from '../../app/notifications';
import { getDb } from '../../db/schema';
import { flushCheckpoint } from '../anchor/checkpoints';
import { DatabaseCensusGate } from '../anchor/DatabaseCensusGate';
import { RestoreLatestAction } from '../backup/RestoreLatestAction';
import { syncDirectory } from '../../db/users';
import { CurrentUserContext, type CurrentUserState } from '../users/current-user';
import { isLockShortcut, useIdleLock } from './idle-lock';
import { LockScreen } from './LockScreen';
import { SetupScreen } from './SetupScreen';
import { SignInScreen } from './SignInScreen';
import { StatusProblem } from './StatusProblem';
import { errorText } from '../../api/error-text';

export function SessionGate({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const refresh = useCallback(
    () =>
      call(api().auth.status())
        .then((next) => {
          setStatus(next);
          setProblem(null);
        })
        .catch((e: unknown) => setProblem(errorText(e))),
    [],
  );
  useEffect(() => {
    void refresh();
  }, [refresh]);
  // Main refused a call for want of a session, or because it is locked: show why, at once.
  useEffect(() => onSessionLost(() => void refresh()), [refresh]);

  const user = status?.user ?? null;
  const signedIn = !!user;
  const locked = status?.locked ?? false;

  const lock = useCallback(() => {
    // The audit anchor takes the newest changes before the screen locks (and before sign-out).
    flushCheckpoint()
      .then(() => call(api().auth.lock()))
      .then(setStatus)
      .catch(() => void refresh());
  }, [refresh]);
  useIdleLock(status?.policy.idleLockMinutes ?? 10, signedIn && !locked, lock);
  useEffect(() => {
    if (!signedIn || locked) return;
    const onKey = (e: KeyboardEvent) => {
      if (!isLockShortcut(e)) return;
      e.preventDefault();
      lock();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [signedIn, locked, lock]);

  const signOut = useCallback(async () => {
    await flushCheckpoint();
    setStatus(await call(api().auth.signOut()));
  }, []);

  // After an administrator's change: the people, and the session (its roles, the idle minutes).
  const refreshDirectory = useCallback(async () => {
    const list = await call(api().accounts.list());
    await syncDirectory(getDb(), list.accounts);
    await refresh();
  }, [refresh]);
  // The directory follows the accounts at every sign-in (names and roles may have changed).
  const directoryFor = useRef<string | null>(null);
  useEffect(() => {
    if (!user || locked || directoryFor.current === user.id) return;
    directoryFor.current = user.id;
    refreshDirectory().catch((e: unknown) =>
      notify(t('session.directoryFailed', { reason: errorText(e) }), 'error'),
    );
  }, [user, locked, refreshDirectory, notify, t]);

  const value = useMemo<CurrentUserState | null>(() => {
    if (!user) return null;
    const actor: ActingPerson = {
      id: user.id,
      name: user.name,
      roles: user.roles,
      approvalLimit: user.approvalLimit,
    };
    return {
      user,
      actor,
      can: (action, subject) => may(actor, action, subject),
      lock,
      signOut,
      refreshDirectory,
      refreshSession: refresh,
    };
  }, [user, lock, signOut, refreshDirectory, refresh]);

  if (problem && !status) return <StatusProblem message={problem} onRetry={() => void refresh()} />;
  if (!status) return null; // asking main; a moment at most
  if (!status.setUp) return <SetupScreen policy={status.policy} onDone={setStatus} />;
  if (!value) return <SignInScreen onDone={setStatus} />;
  return (
    <CurrentUserContext.Provider value={value}>
      {/* Keyed by person: another sign-in never sees the last person's screens or drafts. Inert while
          locked: the work stays mounted (nothing typed is lost) but cannot be focused, selected or
          copied (Select All, then Copy, would take every name on the screen). */}
      <div key={value.user.id} inert={locked}>
        {/* A database that silently lost its data shows the loss screen instead of the app. */}
        <DatabaseCensusGate restoreAction={RestoreLatestAction}>{children}</DatabaseCensusGate>
      </div>
      {locked && (
        <LockScreen user={value.user} because={status.lockedFor} onDone={setStatus} onSignOut={signOut} />
      )}
    </CurrentUserContext.Provider>
  );
}
