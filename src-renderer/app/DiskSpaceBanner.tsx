// The banner that says the disk is nearly full, on every screen of the app, and the poll of main
// that keeps the database's write guard (db/disk-guard.ts) told. Asked every few seconds: a
// statfs is cheap, and a disk can fill fast (an import, a large evidence file, another program).
import { Alert, AlertTitle } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { diskSpaceLevel, type DiskSpace } from '../../src-shared/domain/disk-space';
import { api, call } from '../api/client';
import { setDiskSpace } from '../db/disk-guard';
import { useFormat } from './format';

const POLL_MS = 5000;

export function DiskSpaceBanner() {
  const { t } = useTranslation();
  const format = useFormat();
  const [space, setSpace] = useState<DiskSpace | null>(null);
  useEffect(() => {
    let stopped = false;
    const ask = () =>
      call(api().app.diskSpace()).then(
        (answer) => {
          if (stopped) return;
          setDiskSpace(answer);
          setSpace(answer);
        },
        // Main could not read the disk: nothing is known, so nothing is refused or shown.
        () => undefined,
      );
    void ask();
    const timer = window.setInterval(() => void ask(), POLL_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, []);
  const level = space ? diskSpaceLevel(space) : 'ok';
  if (!space || level === 'ok') return null;
  const mb = format.number(Math.floor(space.freeBytes / (1024 * 1024)));
  return (
    <Alert
      severity={level === 'critical' ? 'error' : 'warning'}
      role={level === 'critical' ? 'alert' : 'status'}
      sx={{ mb: 2 }}
    >
      <AlertTitle>{t(`disk.${level}.title`, { mb })}</AlertTitle>
      {t(`disk.${level}.body`)}
    </Alert>
  );
}
