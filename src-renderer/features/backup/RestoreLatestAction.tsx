// The database-loss screen's "Restore from the latest backup": a button that opens the restore of
// the newest backup in the folder. The screen may still hold some cases (a database found smaller
// than main knew), so the restore treats them as data to keep: it confirms and backs them up first.
import { Button } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RestoreActionProps } from '../anchor/restore-action';
import { RestoreLatestDialog } from './RestoreLatestDialog';

export function RestoreLatestAction(_props: RestoreActionProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="contained" onClick={() => setOpen(true)}>
        {t('anchor.loss.restoreTitle')}
      </Button>
      {open && <RestoreLatestDialog replacing onClose={() => setOpen(false)} />}
    </>
  );
}
