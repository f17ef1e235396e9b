import { Alert, AlertTitle, Box, Button, Stack } from '@mui/material';
import { Component, type ErrorInfo, type ReactNode } from 'react';
import i18n from '../i18n';

interface Props {
  children: ReactNode;
  onGoHome?: () => void;
}
interface State {
  error: Error | null;
}

/** Shows what went wrong on one screen and keeps the rest of the app (the menu) usable. */
export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('Screen failed', error, info.componentStack);
  }

  override render(): ReactNode {
    const { error } = this.state;
    if (!error) return this.props.children;
    const t = i18n.t.bind(i18n);
    return (
      <Box sx={{ p: 3 }}>
        <Alert severity="error" role="alert">
          <AlertTitle>{t('error.title')}</AlertTitle>
          <p>{t('error.body')}</p>
          <Box component="pre" sx={{ whiteSpace: 'pre-wrap', fontSize: 13 }}>
            {error.message}
          </Box>
          <Stack direction="row" spacing={1}>
            <Button variant="outlined" color="inherit" onClick={() => this.setState({ error: null })}>
              {t('common.tryAgain')}
            </Button>
            {this.props.onGoHome && (
              <Button
                color="inherit"
                onClick={() => {
                  this.setState({ error: null });
                  this.props.onGoHome?.();
                }}
              >
                {t('error.goToCases')}
              </Button>
            )}
          </Stack>
        </Alert>
      </Box>
    );
  }
}
