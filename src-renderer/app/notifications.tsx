import CloseIcon from '@mui/icons-material/Close';
import { Alert, Button, IconButton, Snackbar, type AlertColor } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { arrive, dismiss, EMPTY_QUEUE, type NoticeQueue, type QueuedNotice } from './notice-queue';

/** A button on the notice (e.g. "Open New complaint"), which also closes it. */
export interface NoticeAction {
  label: string;
  run: () => void;
}
interface Notice extends QueuedNotice {
  action?: NoticeAction;
}
type Notify = (message: string, severity?: AlertColor, action?: NoticeAction) => void;

const NotifyContext = createContext<Notify>(() => undefined);

/** Snackbar notifications: `useNotify()('Saved', 'success')`. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  // One notice at a time, the newest; one waiting for the person comes back after (notice-queue.ts).
  const [queue, setQueue] = useState<NoticeQueue<Notice>>(EMPTY_QUEUE);
  const notice = queue.shown;
  const close = useCallback(() => setQueue(dismiss), []);
  // Each notice its own key, so it gets a fresh Snackbar and the whole time on screen. Not the clock:
  // two notices in one millisecond (or under a stopped clock) shared the first one's closing timer.
  const lastId = useRef(0);
  const notify = useCallback<Notify>((message, severity = 'info', action) => {
    lastId.current += 1;
    const sticky = severity === 'error' || !!action;
    setQueue((q) => arrive(q, { id: lastId.current, message, severity, sticky, ...(action && { action }) }));
  }, []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Snackbar
        key={notice?.id}
        open={!!notice}
        // An error, or a notice with something to do, stays until closed.
        autoHideDuration={notice?.sticky ? null : 5000}
        onClose={(_e, reason) => reason !== 'clickaway' && close()}
        // Bottom left and narrow: a notice never covers a dialog's buttons (bottom right of a centred dialog).
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        sx={{ maxWidth: { sm: 420 } }}
      >
        {notice ? (
          <Alert
            severity={notice.severity}
            variant="filled"
            onClose={close}
            action={
              // With an action, Alert shows no close button of its own.
              notice.action && (
                <>
                  <Button
                    color="inherit"
                    size="small"
                    sx={{ whiteSpace: 'nowrap' }}
                    onClick={() => {
                      close();
                      notice.action!.run();
                    }}
                  >
                    {notice.action.label}
                  </Button>
                  <IconButton color="inherit" size="small" aria-label={t('common.close')} onClick={close}>
                    <CloseIcon fontSize="small" />
                  </IconButton>
                </>
              )
            }
            sx={{ width: '100%', overflowWrap: 'anywhere' }}
          >
            {notice.message}
          </Alert>
        ) : undefined}
      </Snackbar>
    </NotifyContext.Provider>
  );
}

export const useNotify = (): Notify => useContext(NotifyContext);
