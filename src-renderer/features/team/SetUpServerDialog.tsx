import { CircularProgress, DialogContentText, Stack, Typography } from '@mui/material';
import { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { TeamSetUpInputSchema, type TeamSetUpResult } from '../../../src-shared/ipc/channels/team';
import { api, call } from '../../api/client';
import { FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { FormDialog } from '../accounts/FormDialog';
import type { TeamConnectionInput } from './team-connection';

interface OwnerForm {
  ownerUser: string;
  ownerPassword: string;
}

const OwnerSchema = TeamSetUpInputSchema.pick({ ownerUser: true, ownerPassword: true });

/**
 * Settings → Team server: Redress's tables created (or brought up to date) on the server the form
 * names, as the database's owner, whose password is typed here for this once and never kept.
 */
export function SetUpServerDialog({
  connection,
  onDone,
  onClose,
}: {
  /** Where, and the service account to grant: the connection form's values as they are now. */
  connection: TeamConnectionInput;
  onDone: (result: TeamSetUpResult) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const form = useSchemaForm<OwnerForm, z.output<typeof OwnerSchema>>(OwnerSchema, {
    defaultValues: { ownerUser: '', ownerPassword: '' },
  });
  const { password: _servicePassword, ...where } = connection;
  const submit = form.submit(async (owner) => {
    onDone(await call(api().team.setUpServer({ ...where, ...owner })));
  });
  return (
    <FormDialog
      id="team-set-up"
      title={t('team.setUp.title')}
      intro={<DialogContentText>{t('team.setUp.intro', { ...where })}</DialogContentText>}
      submitLabel={t('team.setUp.submit')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
    >
      <FormText
        control={form.control}
        name="ownerUser"
        label={t('team.setUp.ownerUser')}
        required
        autoFocus
      />
      <FormText
        control={form.control}
        name="ownerPassword"
        type="password"
        autoComplete="off"
        label={t('team.setUp.ownerPassword')}
        required
      />
      {form.formState.isSubmitting && (
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
          <CircularProgress size={20} aria-hidden />
          <Typography>{t('team.setUp.working')}</Typography>
        </Stack>
      )}
    </FormDialog>
  );
}
