import { createTheme, type Theme } from '@mui/material/styles';

export function buildTheme(mode: 'light' | 'dark'): Theme {
  return createTheme({
    palette: {
      mode,
      primary: { main: mode === 'light' ? '#1f4e79' : '#8ab4f8' },
      secondary: { main: mode === 'light' ? '#7a3e9d' : '#d0a8e8' },
    },
    shape: { borderRadius: 8 },
    typography: { fontFamily: 'system-ui, "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif' },
  });
}
