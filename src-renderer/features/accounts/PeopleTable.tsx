import {
  Button,
  Chip,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { Account } from '../../../src-shared/domain/accounts';
import { formatMoney, officeCurrency } from '../../../src-shared/domain/money';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { personStatus } from './people';

/** Everyone who has an account, turned-off people too (the history still names them). */
export function PeopleTable({
  accounts,
  youId,
  onEdit,
  onResetPassword,
}: {
  accounts: readonly Account[];
  /** The signed-in administrator, marked "(you)". */
  youId: string;
  onEdit: (account: Account) => void;
  onResetPassword: (account: Account) => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const now = useNow();
  const { settings } = useSettings();
  const currency = officeCurrency(settings);
  const limit = (amount: number | null) =>
    amount === null ? t('accounts.people.noApprovals') : formatMoney({ amount, currency }, settings.locale);
  const status = (account: Account) => {
    const s = personStatus(account, now);
    if (s.kind === 'locked') {
      return (
        <Chip
          size="small"
          color="warning"
          label={t('accounts.status.locked', { time: format.dateTime(s.until) })}
        />
      );
    }
    return s.kind === 'off' ? (
      <Chip size="small" label={t('accounts.status.off')} />
    ) : (
      <Chip size="small" color="success" variant="outlined" label={t('accounts.status.active')} />
    );
  };
  return (
    <Paper sx={{ overflowX: 'auto' }}>
      <Table size="small" aria-label={t('accounts.people.label')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('accounts.people.name')}</TableCell>
            <TableCell>{t('accounts.people.roles')}</TableCell>
            <TableCell align="right">{t('accounts.people.approvalLimit')}</TableCell>
            <TableCell>{t('accounts.people.status')}</TableCell>
            <TableCell>{t('accounts.people.passwordChanged')}</TableCell>
            <TableCell align="right">{t('accounts.people.actions')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {accounts.map((account) => (
            <TableRow key={account.id} hover>
              <TableCell component="th" scope="row">
                <Typography
                  variant="body2"
                  component="span"
                  color={account.disabled ? 'text.secondary' : undefined}
                >
                  {account.name}
                </Typography>
                {account.id === youId && (
                  <Typography variant="body2" component="span" color="text.secondary">
                    {' '}
                    {t('accounts.you')}
                  </Typography>
                )}
              </TableCell>
              <TableCell>
                <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
                  {account.roles.map((role) => (
                    <Chip key={role} size="small" variant="outlined" label={t(`role.${role}`)} />
                  ))}
                </Stack>
              </TableCell>
              <TableCell align="right">{limit(account.approvalLimit)}</TableCell>
              <TableCell>{status(account)}</TableCell>
              <TableCell>{format.date(account.passwordChangedAt)}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Button
                  size="small"
                  onClick={() => onEdit(account)}
                  aria-label={t('accounts.people.editLabel', { name: account.name })}
                >
                  {t('accounts.people.edit')}
                </Button>
                <Button
                  size="small"
                  onClick={() => onResetPassword(account)}
                  aria-label={t('accounts.people.resetPasswordLabel', { name: account.name })}
                >
                  {t('accounts.people.resetPassword')}
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Paper>
  );
}
