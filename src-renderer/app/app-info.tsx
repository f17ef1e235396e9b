// What main says about this app at start (app:info): its version, its runtime and, above all, the
// profile of its data folder. Read once, before sign-in, so that even first-run setup says TRAINING.
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import type { AppInfo } from '../../src-shared/ipc/contract';
import { api, call } from '../api/client';

const AppInfoContext = createContext<AppInfo | null>(null);

export function AppInfoProvider({ children }: { children: ReactNode }) {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    let alive = true;
    call(api().app.info()).then(
      (value) => alive && setInfo(value),
      (error: unknown) => console.error('Could not ask which profile this is', error),
    );
    return () => {
      alive = false;
    };
  }, []);
  return <AppInfoContext.Provider value={info}>{children}</AppInfoContext.Provider>;
}

/** main's app:info; null while it is asked. */
export const useAppInfo = (): AppInfo | null => useContext(AppInfoContext);
