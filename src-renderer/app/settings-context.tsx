import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { defaultSettings, type Settings, type SettingsPatch } from '../../src-shared/domain/settings';
import { api, call } from '../api/client';

interface SettingsState {
  settings: Settings;
  loaded: boolean;
  /** Saves a change through the main process; throws ApiError (with its field) when refused. */
  update: (patch: SettingsPatch) => Promise<Settings>;
  /** Takes settings main has just put in force (after a damaged file was settled). */
  replace: (next: Settings) => void;
}

const SettingsContext = createContext<SettingsState | null>(null);

export function SettingsProvider({ children }: { children: ReactNode }) {
  const [settings, setSettings] = useState<Settings>(defaultSettings);
  const [loaded, setLoaded] = useState(false);

  useEffect(() => {
    let alive = true;
    call(api().settings.get())
      .then((value) => alive && setSettings(value))
      .catch((error: unknown) => console.error('Could not read settings', error))
      .finally(() => alive && setLoaded(true));
    return () => {
      alive = false;
    };
  }, []);

  const update = useCallback(async (patch: SettingsPatch) => {
    const next = await call(api().settings.set(patch));
    setSettings(next);
    return next;
  }, []);

  return (
    <SettingsContext.Provider value={{ settings, loaded, update, replace: setSettings }}>
      {children}
    </SettingsContext.Provider>
  );
}

export function useSettings(): SettingsState {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings outside SettingsProvider');
  return value;
}
