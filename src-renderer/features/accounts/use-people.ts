// The office's accounts and security policy as the main process holds them, for the administrators'
// screen, with the calls that change them. Every change answers with main's refusal as an ApiError
// (its field names the box to show it beside).
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, SecurityPolicy } from '../../../src-shared/domain/accounts';
import type { InputOf, OutputOf } from '../../../src-shared/ipc/contract';
import { api, ApiError, call } from '../../api/client';
import { messageOf } from '../investigation/Section';

export interface People {
  /** Undefined while loading (or when loading failed). */
  accounts: Account[] | undefined;
  policy: SecurityPolicy | undefined;
  error: string | null;
  reload: () => Promise<void>;
}

async function fetchPeople(refused: string): Promise<{ accounts: Account[]; policy: SecurityPolicy }> {
  const [list, status] = await Promise.all([call(api().accounts.list()), call(api().auth.status())]);
  // Main gives the full view to administrators only: anyone else is refused here as on the page.
  if (list.view !== 'full') throw new ApiError('PERMISSION', refused);
  return { accounts: list.accounts, policy: status.policy };
}

export function usePeople(): People {
  const { t } = useTranslation();
  const refused = t('accounts.refusedTitle');
  const [accounts, setAccounts] = useState<Account[]>();
  const [policy, setPolicy] = useState<SecurityPolicy>();
  const [error, setError] = useState<string | null>(null);

  const apply = useCallback((people: { accounts: Account[]; policy: SecurityPolicy }) => {
    setAccounts(people.accounts);
    setPolicy(people.policy);
    setError(null);
  }, []);
  const reload = useCallback(
    () => fetchPeople(refused).then(apply, (e: unknown) => setError(messageOf(e))),
    [refused, apply],
  );

  useEffect(() => {
    let alive = true;
    fetchPeople(refused).then(
      (people) => alive && apply(people),
      (e: unknown) => alive && setError(messageOf(e)),
    );
    return () => {
      alive = false;
    };
  }, [refused, apply]);

  return { accounts, policy, error, reload };
}

/** One page of the security log, newest first; `version` changes reload it (after an account change). */
export function useSecurityLog(offset: number, limit: number, version: number) {
  const [attempt, setAttempt] = useState(0);
  const request = `${offset}:${limit}:${version}:${attempt}`;
  // The last page read stays on screen while the next one loads.
  const [page, setPage] = useState<OutputOf<'accounts:security-log'>>();
  const [answered, setAnswered] = useState<{ request: string; error: string | null }>();

  useEffect(() => {
    let alive = true;
    call(api().accounts.securityLog({ offset, limit })).then(
      (value) => {
        if (!alive) return;
        setPage(value);
        setAnswered({ request, error: null });
      },
      (e: unknown) => alive && setAnswered({ request, error: messageOf(e) }),
    );
    return () => {
      alive = false;
    };
  }, [offset, limit, request]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { page, error: answered?.error ?? null, loading: answered?.request !== request, retry };
}

export const addPerson = (input: InputOf<'accounts:add'>) => call(api().accounts.add(input));
export const updatePerson = (input: InputOf<'accounts:update'>) => call(api().accounts.update(input));
export const resetPassword = (input: InputOf<'accounts:reset-password'>) =>
  call(api().accounts.resetPassword(input));
export const setSecurityPolicy = (input: InputOf<'accounts:set-policy'>) =>
  call(api().accounts.setPolicy(input));
