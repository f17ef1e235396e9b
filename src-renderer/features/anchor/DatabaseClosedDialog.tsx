// The browser closed the case database under the app: Chromium does so when a write fails on a
// full disk (tests/e2e/desk-disk-full.spec.ts). Nothing can be saved until it is open again, and
// the database it opens next may have lost its data, so the app waits for the person: they free
// space, then open it again, and the census gate checks what it holds before anything is written.
// A dialog over the screen, not a screen instead of it: what is typed in the forms behind stays.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/error-text';
import { openDatabaseAgain } from '../../db/database-closed';
import { getDb } from '../../db/schema';

export function DatabaseClosedDialog({ onOpened }: { onOpened: () => void }) {
  const { t } = useTranslation();
  const [opening, setOpening] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const openAgain = async () => {
    setOpening(true);
    setProblem(null);
    try {
      await openDatabaseAgain(getDb());
      onOpened();
    } catch (e) {
      setProblem(errorText(e));
    } finally {
      setOpening(false);
    }
  };
  return (
    <Dialog open aria-labelledby="database-closed-title" aria-describedby="database-closed-text">
      <DialogTitle id="database-closed-title">{t('anchor.closed.title')}</DialogTitle>
      <DialogContent>
        <DialogContentText id="database-closed-text">{t('anchor.closed.body')}</DialogContentText>
        {problem && (
          <Alert severity="error" sx={{ mt: 2 }}>
            {t('anchor.closed.stillClosed', { message: problem })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button variant="contained" onClick={() => void openAgain()} disabled={opening}>
          {opening ? t('anchor.closed.opening') : t('anchor.closed.open')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
