import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  FormControl,
  FormControlLabel,
  FormHelperText,
  Switch,
} from '@mui/material';
import { useId, useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../src-shared/domain/accounts';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useSchemaForm } from '../../components/schema-form';
import { messageOf } from '../investigation/Section';
import { FormDialog } from './FormDialog';
import {
  accountChanges,
  editValuesOf,
  EditPersonSchema,
  personStatus,
  turnsOff,
  type EditPersonValues,
} from './people';
import { PersonFields } from './PersonFields';
import { updatePerson } from './use-people';

/**
 * Changes a person's name, roles, approval limit, and whether their account is turned off (asked
 * once more before it is sent); ends a lockout at once. Main refuses what would leave the office
 * without an administrator, or turn off one's own account: the refusal shows beside the field.
 */
export function EditPersonDialog({
  account,
  onChanged,
  onClose,
}: {
  account: Account;
  /** After a change main accepted; `closed` when the dialog closed with it. */
  onChanged: (account: Account, closed: boolean) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const form = useSchemaForm<EditPersonValues, EditPersonValues>(EditPersonSchema, {
    defaultValues: editValuesOf(account),
  });
  const { control } = form;
  const switchId = useId();
  // The confirmation of "Turn off" answers the save that is waiting for it.
  const [pendingAnswer, setPendingAnswer] = useState<((yes: boolean) => void) | null>(null);
  const answer = (yes: boolean) => {
    pendingAnswer?.(yes);
    setPendingAnswer(null);
  };
  const confirmTurningOff = () => new Promise<boolean>((resolve) => setPendingAnswer(() => resolve));

  const submit = form.submit(async (values) => {
    const changes = accountChanges(account, values);
    if (!changes) return onClose();
    if (turnsOff(changes) && !(await confirmTurningOff())) return;
    onChanged(await updatePerson(changes), true);
  });

  const [unlockError, setUnlockError] = useState<string | null>(null);
  const [unlocking, setUnlocking] = useState(false);
  const unlock = async () => {
    setUnlocking(true);
    setUnlockError(null);
    try {
      onChanged(await updatePerson({ id: account.id, unlock: true }), false);
    } catch (e) {
      setUnlockError(messageOf(e));
    } finally {
      setUnlocking(false);
    }
  };
  const status = personStatus(account, now);

  return (
    <>
      <FormDialog
        id="edit-person"
        title={t('accounts.editDialog.title', { name: account.name })}
        submitLabel={t('accounts.editDialog.submit')}
        form={form}
        onSubmit={submit}
        onClose={onClose}
        intro={
          status.kind === 'locked' && (
            <Alert
              severity="warning"
              action={
                <Button color="inherit" size="small" onClick={() => void unlock()} disabled={unlocking}>
                  {t('accounts.editDialog.unlock')}
                </Button>
              }
            >
              {t('accounts.editDialog.lockedUntil', { time: format.dateTime(status.until) })}
              {unlockError && <div>{unlockError}</div>}
            </Alert>
          )
        }
      >
        <PersonFields control={control} />
        <Controller
          name="disabled"
          control={control}
          render={({ field, fieldState }) => (
            <FormControl error={!!fieldState.error}>
              <FormControlLabel
                label={t('accounts.fields.turnedOff')}
                control={
                  <Switch
                    checked={!!field.value}
                    onChange={(e) => field.onChange(e.target.checked)}
                    onBlur={field.onBlur}
                    slotProps={{
                      input: {
                        ref: field.ref,
                        'aria-describedby': `${switchId}-help`,
                        'aria-invalid': !!fieldState.error,
                      },
                    }}
                  />
                }
              />
              <FormHelperText id={`${switchId}-help`}>
                {fieldState.error?.message ?? t('accounts.fields.turnedOffHelp')}
              </FormHelperText>
            </FormControl>
          )}
        />
      </FormDialog>
      <Dialog
        open={pendingAnswer !== null}
        onClose={() => answer(false)}
        aria-labelledby="confirm-off-title"
        aria-describedby="confirm-off-body"
      >
        <DialogTitle id="confirm-off-title">
          {t('accounts.editDialog.confirmOffTitle', { name: account.name })}
        </DialogTitle>
        <DialogContent>
          <DialogContentText id="confirm-off-body">
            {t('accounts.editDialog.confirmOffBody', { name: account.name })}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => answer(false)} autoFocus>
            {t('common.cancel')}
          </Button>
          <Button color="error" variant="contained" onClick={() => answer(true)}>
            {t('accounts.editDialog.confirmOff')}
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
