import { Box, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';

export function PageHeader({
  title,
  subtitle,
  actions,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <Stack direction="row" spacing={2} sx={{ mb: 3, alignItems: 'center', justifyContent: 'space-between' }}>
      <Box sx={{ minWidth: 0 }}>
        <Typography variant="h5" component="h1">
          {title}
        </Typography>
        {subtitle && <Typography color="text.secondary">{subtitle}</Typography>}
      </Box>
      {/* Buttons keep their words on one line and their row its width, up to two thirds of the
          header: beyond that they wrap as a row, never word by word. */}
      {actions && (
        <Stack
          direction="row"
          spacing={1}
          useFlexGap
          sx={{
            flexShrink: 0,
            maxWidth: '65%',
            flexWrap: 'wrap',
            justifyContent: 'flex-end',
            '& .MuiButton-root': { whiteSpace: 'nowrap' },
          }}
        >
          {actions}
        </Stack>
      )}
    </Stack>
  );
}
