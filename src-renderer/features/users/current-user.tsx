import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
  Divider,
  List,
  ListItemButton,
  ListItemText,
  Stack,
  Typography,
} from '@mui/material';
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  actorFromUser,
  may,
  type Action,
  type ActingPerson,
  type Permission,
  type Subject,
} from '../../../src-shared/domain/permissions';
import { NewUserSchema, ROLES, type NewUserInput, type UserRecord } from '../../../src-shared/domain/users';
import { FormSelect, FormText } from '../../components/FormFields';
import { useSchemaForm } from '../../components/schema-form';
import { useUsers } from '../../db/hooks';
import { getDb } from '../../db/schema';
import { createUser } from '../../db/users';

const CURRENT_USER_KEY = 'redress.currentUserId';

interface CurrentUserState {
  user: UserRecord;
  /** Who is acting: the audit trail names them, the permission rules ask about their roles. */
  actor: ActingPerson;
  /** May the current user do this (to this case)? The one question every screen asks. */
  can: (action: Action, subject?: Subject) => Permission;
  switchUser: () => void;
}
const CurrentUserContext = createContext<CurrentUserState | null>(null);

/**
 * Who is acting. Until sign-in exists, people choose themselves from the local user list
 * (or add themselves on first run); every audit entry names that person.
 */
export function CurrentUserProvider({ children }: { children: ReactNode }) {
  const users = useUsers();
  const [currentId, setCurrentId] = useState<string | null>(() => localStorage.getItem(CURRENT_USER_KEY));
  const choose = useCallback((id: string | null) => {
    if (id) localStorage.setItem(CURRENT_USER_KEY, id);
    else localStorage.removeItem(CURRENT_USER_KEY);
    setCurrentId(id);
  }, []);

  if (users === undefined) return null; // still loading
  const user = users.find((u) => u.id === currentId);
  if (!user) return <WhoAreYouDialog users={users} onChosen={choose} />;
  const actor: ActingPerson = { ...actorFromUser(user), name: user.name };
  return (
    <CurrentUserContext.Provider
      value={{
        user,
        actor,
        can: (action, subject) => may(actor, action, subject),
        switchUser: () => choose(null),
      }}
    >
      {children}
    </CurrentUserContext.Provider>
  );
}

export function useCurrentUser(): CurrentUserState {
  const value = useContext(CurrentUserContext);
  if (!value) throw new Error('useCurrentUser outside CurrentUserProvider');
  return value;
}

function WhoAreYouDialog({ users, onChosen }: { users: UserRecord[]; onChosen: (id: string) => void }) {
  const { t } = useTranslation();
  const {
    control,
    submit: submitWith,
    refusal,
    formState,
  } = useSchemaForm(NewUserSchema, {
    defaultValues: { name: '', role: 'officer' } satisfies NewUserInput,
  });
  const submit = submitWith(async (values) => {
    const user = await createUser(getDb(), values);
    onChosen(user.id);
  });

  return (
    <Dialog open aria-labelledby="who-title" maxWidth="xs" fullWidth>
      <DialogTitle id="who-title">{t('users.whoTitle')}</DialogTitle>
      <form onSubmit={submit} noValidate>
        <DialogContent>
          <DialogContentText sx={{ mb: 2 }}>{t('users.whoIntro')}</DialogContentText>
          {users.length > 0 && (
            <>
              <Typography variant="subtitle2" component="h2">
                {t('users.choose')}
              </Typography>
              <List dense aria-label={t('users.choose')}>
                {users.map((u) => (
                  <ListItemButton key={u.id} onClick={() => onChosen(u.id)}>
                    <ListItemText primary={u.name} secondary={t(`role.${u.role}`)} />
                  </ListItemButton>
                ))}
              </List>
              <Divider sx={{ my: 2 }} />
              <Typography variant="subtitle2" component="h2" sx={{ mb: 1 }}>
                {t('users.addNew')}
              </Typography>
            </>
          )}
          <Stack spacing={2}>
            <FormText control={control} name="name" label={t('users.name')} required autoFocus />
            <FormSelect
              control={control}
              name="role"
              label={t('users.role')}
              required
              options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            />
            {refusal && <Typography color="error">{refusal}</Typography>}
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button type="submit" variant="contained" disabled={formState.isSubmitting}>
            {t('users.continue')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
