import {
  Box,
  Checkbox,
  FormControl,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
} from '@mui/material';
import { useId } from 'react';
import { Controller, type Control, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { ACCOUNT_ROLES, type AccountRole } from '../../../src-shared/domain/accounts';
import { officeCurrency } from '../../../src-shared/domain/money';
import { useSettings } from '../../app/settings-context';
import { FormMoney, FormText } from '../../components/FormFields';

/** Name, roles and approval limit: the fields the add and edit dialogs share. */
export interface PersonFieldValues extends FieldValues {
  name: string;
  roles: AccountRole[];
  approvalLimit: number | null;
}

export function PersonFields<T extends PersonFieldValues, TOut>({
  control,
  autoFocus,
}: {
  control: Control<T, unknown, TOut>;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  return (
    <>
      <FormText
        control={control}
        name={'name' as Path<T>}
        label={t('accounts.fields.name')}
        helperText={t('accounts.fields.nameHelp')}
        required
        autoFocus={autoFocus}
        autoComplete="off"
      />
      <RolesField control={control} name={'roles' as Path<T>} />
      <FormMoney
        control={control}
        name={'approvalLimit' as Path<T>}
        nullable
        label={t('accounts.fields.approvalLimit', { currency: officeCurrency(settings) })}
        helperText={t('accounts.fields.approvalLimitHelp')}
      />
    </>
  );
}

/**
 * The roles as a group of checkboxes, each with a line saying what it allows. The group's error
 * (none chosen, or main's "needs an administrator") shows beneath it; a failed submit focuses the
 * first box.
 */
function RolesField<T extends FieldValues, TOut>({
  control,
  name,
}: {
  control: Control<T, unknown, TOut>;
  name: Path<T>;
}) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <Controller
      name={name}
      control={control}
      render={({ field, fieldState }) => {
        const chosen = (field.value ?? []) as AccountRole[];
        const toggle = (role: AccountRole, on: boolean) =>
          field.onChange(ACCOUNT_ROLES.filter((r) => (r === role ? on : chosen.includes(r))));
        return (
          <FormControl component="fieldset" error={!!fieldState.error} required>
            <FormLabel component="legend">{t('accounts.fields.roles')}</FormLabel>
            <FormGroup
              aria-invalid={!!fieldState.error}
              aria-describedby={fieldState.error ? `${id}-error` : undefined}
            >
              {ACCOUNT_ROLES.map((role, i) => (
                <Box key={role}>
                  <FormControlLabel
                    label={t(`role.${role}`)}
                    control={
                      <Checkbox
                        checked={chosen.includes(role)}
                        onChange={(e) => toggle(role, e.target.checked)}
                        onBlur={field.onBlur}
                        slotProps={{
                          input: {
                            ref: i === 0 ? field.ref : undefined,
                            'aria-describedby': `${id}-${role}`,
                          },
                        }}
                      />
                    }
                  />
                  <FormHelperText id={`${id}-${role}`} error={false} sx={{ mt: -0.75, ml: 4, mb: 0.5 }}>
                    {t(`accounts.roleHelp.${role}`)}
                  </FormHelperText>
                </Box>
              ))}
            </FormGroup>
            {fieldState.error && (
              <FormHelperText id={`${id}-error`}>{fieldState.error.message}</FormHelperText>
            )}
          </FormControl>
        );
      }}
    />
  );
}
