import AddIcon from '@mui/icons-material/Add';
import LightbulbIcon from '@mui/icons-material/Lightbulb';
import {
  Button,
  Link as MuiLink,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { NotAllowed } from '../../components/NotAllowed';
import { PageHeader } from '../../components/PageHeader';
import { listImprovements } from '../../db/improvements';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';

/** The improvement register: every recorded improvement, most recently changed first. */
export function ImprovementsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const rows = useLiveQuery(() => listImprovements(getDb()), []);
  const editing = useCurrentUser().can('improvements.edit');
  const newButton = editing.ok ? (
    <Button component={Link} to="/improvements/new" variant="contained" startIcon={<AddIcon />}>
      {t('improvements.new')}
    </Button>
  ) : (
    <NotAllowed permission={editing} />
  );
  const day = (d: string) => (d ? format.day(d) : '—');
  return (
    <>
      <PageHeader title={t('improvements.title')} subtitle={t('improvements.subtitle')} actions={newButton} />
      {rows && rows.length === 0 && (
        <EmptyState
          icon={<LightbulbIcon />}
          title={t('improvements.emptyTitle')}
          body={t('improvements.emptyBody')}
          action={editing.ok && newButton}
        />
      )}
      {rows && rows.length > 0 && (
        <Paper sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('improvements.listLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('improvements.fields.title')}</TableCell>
                <TableCell>{t('improvements.fields.status')}</TableCell>
                <TableCell>{t('improvements.fields.owner')}</TableCell>
                <TableCell>{t('improvements.fields.dueDate')}</TableCell>
                <TableCell>{t('improvements.fields.rootCauses')}</TableCell>
                <TableCell align="right">{t('improvements.columns.cases')}</TableCell>
                <TableCell>{t('improvements.columns.changeDate')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.id} hover>
                  <TableCell component="th" scope="row">
                    <MuiLink component={Link} to={`/improvements/${r.id}`}>
                      {r.title}
                    </MuiLink>
                  </TableCell>
                  <TableCell>{t(`improvements.status.${r.status}`)}</TableCell>
                  <TableCell>{r.owner?.name ?? '—'}</TableCell>
                  <TableCell>{day(r.dueDate)}</TableCell>
                  <TableCell>{r.rootCauses.join(', ') || '—'}</TableCell>
                  <TableCell align="right">{format.number(r.caseIds.length)}</TableCell>
                  <TableCell>{day(r.changeDate)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      )}
    </>
  );
}
