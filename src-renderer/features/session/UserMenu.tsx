import AccountCircleIcon from '@mui/icons-material/AccountCircle';
import { Button, Divider, ListItemText, Menu, MenuItem } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { defaultSecurityPolicy, type SecurityPolicy } from '../../../src-shared/domain/accounts';
import { api, call } from '../../api/client';
import { useCurrentUser } from '../users/current-user';
import { ChangePasswordDialog } from './ChangePasswordDialog';

/** The signed-in person in the app bar: their roles, their password, lock and sign out. */
export function UserMenu() {
  const { t } = useTranslation();
  const { user, lock, signOut } = useCurrentUser();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const [changing, setChanging] = useState(false);
  const [policy, setPolicy] = useState<SecurityPolicy>(defaultSecurityPolicy);
  useEffect(() => {
    if (!changing) return;
    call(api().auth.status())
      .then((s) => setPolicy(s.policy))
      .catch(() => undefined);
  }, [changing]);
  const close = () => setAnchor(null);
  const roles = user.roles.map((r) => t(`role.${r}`)).join(', ');
  return (
    <>
      <Button
        color="inherit"
        size="small"
        startIcon={<AccountCircleIcon />}
        onClick={(e) => setAnchor(e.currentTarget)}
        aria-haspopup="menu"
        aria-expanded={anchor ? 'true' : undefined}
        aria-controls={anchor ? 'user-menu' : undefined}
      >
        {t('users.signedInAs', { name: user.name })}
      </Button>
      <Menu id="user-menu" anchorEl={anchor} open={!!anchor} onClose={close}>
        <MenuItem disabled>
          <ListItemText primary={user.name} secondary={roles} />
        </MenuItem>
        <Divider />
        <MenuItem
          onClick={() => {
            close();
            setChanging(true);
          }}
        >
          {t('session.changePassword')}…
        </MenuItem>
        <MenuItem
          onClick={() => {
            close();
            lock();
          }}
        >
          <ListItemText primary={t('session.lock')} secondary={t('session.lockShortcut')} />
        </MenuItem>
        <MenuItem
          onClick={() => {
            close();
            void signOut();
          }}
        >
          {t('session.signOut')}
        </MenuItem>
      </Menu>
      {changing && (
        <ChangePasswordDialog name={user.name} policy={policy} onClose={() => setChanging(false)} />
      )}
    </>
  );
}
