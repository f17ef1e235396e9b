import PersonAddIcon from '@mui/icons-material/PersonAdd';
import { Alert, AlertTitle, Box, Button, CircularProgress, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../src-shared/domain/accounts';
import { useNotify } from '../../app/notifications';
import { PageHeader } from '../../components/PageHeader';
import { useCurrentUser } from '../users/current-user';
import { AddPersonDialog } from './AddPersonDialog';
import { EditPersonDialog } from './EditPersonDialog';
import { PeopleTable } from './PeopleTable';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { SecurityLogSection } from './SecurityLogSection';
import { SecuritySettingsSection } from './SecuritySettingsSection';
import { usePeople } from './use-people';
import { RetryAlert } from '../../components/RetryAlert';

export interface AccountsPageProps {
  /** Called after a person was added or changed, or their password reset. */
  onPeopleChanged?: () => void;
}

/**
 * People and access: the office's accounts, its security settings and its security log. For
 * administrators only; main refuses anyone else's calls as well.
 */
export function AccountsPage(props: AccountsPageProps) {
  const { t } = useTranslation();
  const { can } = useCurrentUser();
  const permission = can('users.manage');
  if (!permission.ok) {
    return (
      <>
        <PageHeader title={t('accounts.title')} />
        <Alert severity="warning">
          <AlertTitle>{t('accounts.refusedTitle')}</AlertTitle>
          {permission.message}
        </Alert>
      </>
    );
  }
  return <PeopleAndAccess {...props} />;
}

type Open = { kind: 'add' } | { kind: 'edit'; id: string } | { kind: 'reset'; id: string } | null;

function PeopleAndAccess({ onPeopleChanged }: AccountsPageProps) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const { accounts, policy, error, reload } = usePeople();
  const [open, setOpen] = useState<Open>(null);
  // Bumped after every change, so the security log shows the lines it made.
  const [logVersion, setLogVersion] = useState(0);
  const close = () => setOpen(null);
  const changed = (message: string, keepOpen = false) => {
    if (!keepOpen) close();
    notify(message, 'success');
    setLogVersion((v) => v + 1);
    onPeopleChanged?.();
    void reload();
  };
  const find = (id: string): Account | undefined => accounts?.find((a) => a.id === id);
  const editing = open?.kind === 'edit' ? find(open.id) : undefined;
  const resetting = open?.kind === 'reset' ? find(open.id) : undefined;
  // Only the team server gives accounts a version: then they are the office's, shared by every desk.
  const onTeamServer = accounts?.some((a) => a.version !== undefined) ?? false;

  const addButton = (
    <Button
      variant="contained"
      startIcon={<PersonAddIcon />}
      onClick={() => setOpen({ kind: 'add' })}
      disabled={!policy}
    >
      {t('accounts.add')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('accounts.title')} subtitle={t('accounts.subtitle')} actions={addButton} />
      <Stack spacing={3}>
        <Box component="section" aria-labelledby="people-heading">
          <Typography variant="h6" component="h2" id="people-heading" sx={{ mb: 1 }}>
            {t('accounts.people.heading')}
          </Typography>
          {error && (
            <RetryAlert
              sx={{ mb: 2 }}
              message={t('accounts.loadFailed', { message: error })}
              onRetry={() => void reload()}
            />
          )}
          {!accounts && !error && (
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }} role="status">
              <CircularProgress size={20} aria-hidden />
              <Typography>{t('common.loading')}</Typography>
            </Stack>
          )}
          {onTeamServer && (
            <Alert severity="info" sx={{ mb: 2 }}>
              {t('accounts.people.onTeamServer')}
            </Alert>
          )}
          {accounts && (
            <PeopleTable
              accounts={accounts}
              youId={actor.id}
              onEdit={(a) => setOpen({ kind: 'edit', id: a.id })}
              onResetPassword={(a) => setOpen({ kind: 'reset', id: a.id })}
            />
          )}
        </Box>
        {policy && (
          <SecuritySettingsSection
            policy={policy}
            onTeamServer={onTeamServer}
            onSaved={() => {
              setLogVersion((v) => v + 1);
              // The idle lock follows the new minutes at once.
              onPeopleChanged?.();
              void reload();
            }}
          />
        )}
        <SecurityLogSection version={logVersion} />
      </Stack>

      {open?.kind === 'add' && policy && (
        <AddPersonDialog
          policy={policy}
          onClose={close}
          onAdded={(a) => changed(t('accounts.addDialog.added', { name: a.name }))}
        />
      )}
      {editing && (
        <EditPersonDialog
          key={editing.id}
          account={editing}
          onClose={close}
          onChanged={(a, closed) =>
            changed(
              t(closed ? 'accounts.editDialog.saved' : 'accounts.editDialog.unlocked', { name: a.name }),
              !closed,
            )
          }
        />
      )}
      {resetting && policy && (
        <ResetPasswordDialog
          account={resetting}
          policy={policy}
          onClose={close}
          onReset={(a) => changed(t('accounts.resetDialog.done', { name: a.name }))}
        />
      )}
    </>
  );
}
