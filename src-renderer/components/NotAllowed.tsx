import { Typography, type SxProps, type Theme } from '@mui/material';
import type { Permission } from '../../src-shared/domain/permissions';

/**
 * Where an action is hidden from this person, the rule's own words say who can do it, so the
 * screen shows why nothing is offered instead of an empty hole. Nothing when they may.
 */
export function NotAllowed({ permission, sx }: { permission: Permission; sx?: SxProps<Theme> }) {
  if (permission.ok) return null;
  return (
    <Typography variant="body2" color="text.secondary" {...(sx ? { sx } : {})}>
      {permission.message}
    </Typography>
  );
}
