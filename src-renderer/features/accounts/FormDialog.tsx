import { Alert, Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack } from '@mui/material';
import type { BaseSyntheticEvent, ReactNode } from 'react';
import type { FieldValues } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { SchemaForm } from '../../components/schema-form';

/**
 * A dialog holding one form: its fields, a refusal that names no field (above the buttons), Cancel
 * and the submit button. Escape or Cancel closes it; Enter in a field submits.
 */
export function FormDialog<TForm extends FieldValues, TOut>({
  id,
  title,
  intro,
  submitLabel,
  form,
  onSubmit,
  onClose,
  children,
}: {
  id: string;
  title: string;
  intro?: ReactNode;
  submitLabel: string;
  form: SchemaForm<TForm, TOut>;
  onSubmit: (e?: BaseSyntheticEvent) => Promise<void>;
  onClose: () => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <Dialog open onClose={onClose} aria-labelledby={`${id}-title`} fullWidth maxWidth="sm">
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {intro}
            {children}
            {form.refusal && <Alert severity="error">{form.refusal}</Alert>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="submit" variant="contained" disabled={form.formState.isSubmitting}>
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
