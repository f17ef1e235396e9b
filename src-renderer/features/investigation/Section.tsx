import { Paper, Stack, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { errorText } from '../../api/error-text';

/** One part of the investigation workspace: a named region with its heading. */
export function Section({
  id,
  title,
  intro,
  badge,
  children,
}: {
  id: string;
  title: string;
  intro?: string;
  badge?: ReactNode;
  children: ReactNode;
}) {
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby={`${id}-heading`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: intro ? 0.5 : 2 }}>
        <Typography variant="h6" component="h2" id={`${id}-heading`}>
          {title}
        </Typography>
        {badge}
      </Stack>
      {intro && (
        <Typography color="text.secondary" sx={{ mb: 2 }}>
          {intro}
        </Typography>
      )}
      <Stack spacing={2}>{children}</Stack>
    </Paper>
  );
}

/** The message of anything thrown, for an Alert beside the form. */
export const messageOf = (error: unknown) => errorText(error);
