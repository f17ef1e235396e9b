import { Button } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, call } from '../../api/client';
import { useNotify } from '../../app/notifications';
import { errorText } from '../../api/error-text';

/**
 * "Add a backup file…": the system's open dialog brings a file into the backup folder. Only in the
 * desktop app; the browser harness has no such dialog.
 */
export function AddBackupFileButton({ onAdded }: { onAdded: (file: string) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const [electron, setElectron] = useState(false);
  useEffect(() => {
    call(api().app.info()).then(
      (info) => setElectron(info.runtime === 'electron'),
      () => setElectron(false),
    );
  }, []);
  if (!electron) return null;
  const add = async () => {
    try {
      const { file } = await call(api().backup.addFile());
      if (!file) return;
      notify(t('backup.list.added', { file }), 'success');
      onAdded(file);
    } catch (e) {
      notify(errorText(e), 'error');
    }
  };
  return (
    <Button variant="outlined" onClick={() => void add()}>
      {t('backup.list.add')}
    </Button>
  );
}
