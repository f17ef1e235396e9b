import { MenuItem, TextField, type SxProps, type Theme } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { UserRecord } from '../../src-shared/domain/users';

/**
 * Choosing a colleague (an owner, an assignee) by id. With `noneLabel`, '' stands for nobody;
 * `showRole` adds each person's role, where it matters who may do what.
 */
export function UserSelect({
  label,
  users,
  value,
  onChange,
  noneLabel,
  showRole = false,
  required = false,
  sx,
}: {
  label: string;
  users: readonly UserRecord[];
  value: string;
  onChange: (id: string) => void;
  noneLabel?: string;
  showRole?: boolean;
  required?: boolean;
  sx?: SxProps<Theme>;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required={required}
      sx={sx}
    >
      {noneLabel !== undefined && <MenuItem value="">{noneLabel}</MenuItem>}
      {users.map((u) => (
        <MenuItem key={u.id} value={u.id}>
          {showRole ? `${u.name} — ${t(`role.${u.role}`)}` : u.name}
        </MenuItem>
      ))}
    </TextField>
  );
}
