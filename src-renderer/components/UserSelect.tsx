import { MenuItem, TextField, type SxProps, type Theme } from '@mui/material';
import type { Ref } from 'react';
import { Controller, type Control, type FieldPath, type FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Actor } from '../../src-shared/domain/case';
import type { UserRecord } from '../../src-shared/domain/users';

type UserSelectProps = Parameters<typeof UserSelect>[0];

/** UserSelect bound to a form field that holds the colleague chosen as { id, name }, or null for nobody. */
export function FormUserSelect<T extends FieldValues, TOut>({
  control,
  name,
  users,
  ...props
}: { control: Control<T, unknown, TOut>; name: FieldPath<T> } & Omit<
  UserSelectProps,
  'value' | 'onChange' | 'onBlur' | 'inputRef' | 'error' | 'disabled'
>) {
  return (
    <Controller
      control={control}
      name={name}
      render={({ field, fieldState }) => (
        <UserSelect
          {...props}
          users={users}
          value={(field.value as Actor | null)?.id ?? ''}
          onChange={(id) => {
            const u = users.find((x) => x.id === id);
            field.onChange(u ? { id: u.id, name: u.name } : null);
          }}
          onBlur={field.onBlur}
          inputRef={field.ref}
          disabled={!!field.disabled}
          error={fieldState.error?.message}
        />
      )}
    />
  );
}

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
  disabled = false,
  sx,
  error,
  inputRef,
  onBlur,
}: {
  label: string;
  users: readonly UserRecord[];
  value: string;
  onChange: (id: string) => void;
  noneLabel?: string;
  showRole?: boolean;
  required?: boolean;
  disabled?: boolean;
  sx?: SxProps<Theme>;
  /** A refusal to show beneath the select (a form's error for this field). */
  error?: string;
  inputRef?: Ref<unknown>;
  onBlur?: () => void;
}) {
  const { t } = useTranslation();
  return (
    <TextField
      select
      label={label}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      required={required}
      disabled={disabled}
      sx={sx}
      error={!!error}
      helperText={error}
      inputRef={inputRef}
      onBlur={onBlur}
    >
      {noneLabel !== undefined && <MenuItem value="">{noneLabel}</MenuItem>}
      {/* Turned-off people are not offered, but one already chosen still shows by name. */}
      {users
        .filter((u) => !u.disabled || u.id === value)
        .map((u) => (
          <MenuItem key={u.id} value={u.id}>
            {showRole ? `${u.name} — ${u.roles.map((r) => t(`role.${r}`)).join(', ')}` : u.name}
          </MenuItem>
        ))}
    </TextField>
  );
}
