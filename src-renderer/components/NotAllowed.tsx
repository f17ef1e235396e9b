import { Typography, type SxProps, type Theme } from '@mui/material';
import type { Permission } from '../../src-shared/domain/permissions';

/**
 * Where an action is hidden from this person, the rule's own words say who can do it, so the
 * screen shows why nothing is offered instead of an empty hole. Nothing when they may, nor for an
 * anonymised case: its page says that once, above its tabs (AnonymisedNotice), not in every panel.
 */
export function NotAllowed({ permission, sx }: { permission: Permission; sx?: SxProps<Theme> }) {
  if (permission.ok || pageSaysWhy(permission)) return null;
  return (
    <Typography variant="body2" color="text.secondary" {...(sx ? { sx } : {})}>
      {permission.message}
    </Typography>
  );
}

/** Is this a refusal the page explains itself, once, rather than each panel (an anonymised case)? */
export const pageSaysWhy = (permission: Permission): boolean =>
  !permission.ok && permission.code === 'anonymised';
