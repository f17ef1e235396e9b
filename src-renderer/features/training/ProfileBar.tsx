import ScienceIcon from '@mui/icons-material/Science';
import { Box, GlobalStyles } from '@mui/material';
import type { ReactNode } from 'react';

/** Room kept at the foot of every page, so the bar never hides the last line of one. */
const BAR_HEIGHT = 36;

/**
 * A bar across the foot of the window, over everything (dialogs too): what kind of data this is.
 * A landmark with a name, so a screen reader finds it among the page's regions.
 */
export function ProfileBar({
  label,
  color,
  children,
}: {
  label: string;
  color: string;
  children: ReactNode;
}) {
  return (
    <>
      <GlobalStyles styles={{ body: { paddingBottom: BAR_HEIGHT } }} />
      <Box
        component="aside"
        aria-label={label}
        sx={{
          position: 'fixed',
          left: 0,
          right: 0,
          bottom: 0,
          minHeight: BAR_HEIGHT,
          zIndex: (theme) => theme.zIndex.tooltip + 1,
          bgcolor: color,
          color: '#fff',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          gap: 1,
          px: 2,
          fontWeight: 700,
          letterSpacing: '0.03em',
          textAlign: 'center',
        }}
      >
        <ScienceIcon fontSize="small" aria-hidden />
        {children}
      </Box>
    </>
  );
}
