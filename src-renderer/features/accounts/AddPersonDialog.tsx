import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, SecurityPolicy } from '../../../src-shared/domain/accounts';
import { useSchemaForm } from '../../components/schema-form';
import { FormDialog } from './FormDialog';
import { NewPasswordFields } from '../../components/NewPasswordFields';
import { addPersonSchema, emptyPerson, type AddPersonForm } from './people';
import { PersonFields } from './PersonFields';
import { addPerson } from './use-people';

/**
 * Adds a person with their roles and an initial password. What can be checked here is checked
 * before anything is sent (the passwords match and meet the office's rules for this name); main's
 * refusals (a name already taken) show beside their field, with everything typed kept.
 */
export function AddPersonDialog({
  policy,
  onAdded,
  onClose,
}: {
  policy: SecurityPolicy;
  onAdded: (account: Account) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const schema = useMemo(() => addPersonSchema(policy, t('session.mismatch')), [policy, t]);
  const form = useSchemaForm<AddPersonForm, AddPersonForm>(schema, { defaultValues: emptyPerson() });
  const { control } = form;
  const submit = form.submit(async ({ name, roles, approvalLimit, password }) => {
    onAdded(await addPerson({ name, roles, approvalLimit, password }));
  });
  return (
    <FormDialog
      id="add-person"
      title={t('accounts.addDialog.title')}
      submitLabel={t('accounts.addDialog.submit')}
      form={form}
      onSubmit={submit}
      onClose={onClose}
    >
      <PersonFields control={control} autoFocus />
      <NewPasswordFields
        control={control}
        label={t('accounts.fields.initialPassword')}
        helperText={t('accounts.fields.initialPasswordHelp', { min: policy.minPasswordLength })}
      />
    </FormDialog>
  );
}
