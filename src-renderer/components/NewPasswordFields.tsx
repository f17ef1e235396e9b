import type { Control, FieldValues, Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { FormText } from './FormFields';

/** A new password and its confirmation (fields `password` and `confirm`), never filled in by the browser. */
export function NewPasswordFields<T extends FieldValues, TOut>({
  control,
  label,
  helperText,
  autoFocus,
}: {
  control: Control<T, unknown, TOut>;
  label: string;
  helperText: string;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <>
      <FormText
        control={control}
        name={'password' as Path<T>}
        type="password"
        label={label}
        helperText={helperText}
        autoComplete="new-password"
        required
        autoFocus={autoFocus}
      />
      <FormText
        control={control}
        name={'confirm' as Path<T>}
        type="password"
        label={t('session.confirmPassword')}
        autoComplete="new-password"
        required
      />
    </>
  );
}
