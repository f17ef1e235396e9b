import { createTheme, type Theme } from '@mui/material/styles';

export function buildTheme(mode: 'light' | 'dark'): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'light' ? '#1f4e79' : '#8ab4f8' },
      secondary: { main: mode === 'light' ? '#7a3e9d' : '#d0a8e8' },
      // MUI's light orange carries white text at 3.1:1; this amber keeps chips and badges at 5:1 (WCAG AA).
      ...(mode === 'light' ? { warning: { main: '#b45309' } } : {}),
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
  });
}
