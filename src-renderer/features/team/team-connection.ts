import { useCallback, useEffect, useState } from 'react';
import type { TeamStatus, TeamTestResult } from '../../../src-shared/ipc/channels/team';
import type { InputOf } from '../../../src-shared/ipc/contract';
import { api, call } from '../../api/client';

export type TeamConnectionInput = InputOf<'team:configure'>;

/** This desk's team server connection: what is saved, saving it, and trying it. */
export function useTeamConnection() {
  const [status, setStatus] = useState<TeamStatus | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  useEffect(() => {
    call(api().team.status()).then(setStatus, setLoadError);
  }, []);
  const save = useCallback(async (input: TeamConnectionInput) => {
    const saved = await call(api().team.configure(input));
    setStatus(saved);
    setLoadError(null);
    return saved;
  }, []);
  const test = useCallback(
    (input: TeamConnectionInput): Promise<TeamTestResult> => call(api().team.testConnection(input)),
    [],
  );
  return { status, loadError, save, test };
}
