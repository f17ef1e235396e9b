import { Alert, Snackbar, type AlertColor } from '@mui/material';
import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

interface Notice {
  id: number;
  message: string;
  severity: AlertColor;
}
type Notify = (message: string, severity?: AlertColor) => void;

const NotifyContext = createContext<Notify>(() => undefined);

/** Snackbar notifications: `useNotify()('Saved', 'success')`. */
export function NotificationsProvider({ children }: { children: ReactNode }) {
  const [notice, setNotice] = useState<Notice | null>(null);
  // Each notice its own key, so it gets a fresh Snackbar and the whole time on screen. Not the clock:
  // two notices in one millisecond (or under a stopped clock) shared the first one's closing timer.
  const lastId = useRef(0);
  const notify = useCallback<Notify>((message, severity = 'info') => {
    lastId.current += 1;
    setNotice({ id: lastId.current, message, severity });
  }, []);
  const value = useMemo(() => notify, [notify]);
  return (
    <NotifyContext.Provider value={value}>
      {children}
      <Snackbar
        key={notice?.id}
        open={!!notice}
        autoHideDuration={notice?.severity === 'error' ? null : 5000}
        onClose={(_e, reason) => reason !== 'clickaway' && setNotice(null)}
        // Bottom left and narrow: a notice never covers a dialog's buttons (bottom right of a centred dialog).
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
        sx={{ maxWidth: { sm: 420 } }}
      >
        {notice ? (
          <Alert
            severity={notice.severity}
            variant="filled"
            onClose={() => setNotice(null)}
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
