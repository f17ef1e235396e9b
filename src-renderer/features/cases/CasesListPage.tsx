import AddIcon from '@mui/icons-material/Add';
import FolderOpenIcon from '@mui/icons-material/FolderOpen';
import {
  Button,
  Chip,
  Link as MuiLink,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
} from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useFormat } from '../../app/format';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';
import { listCasesNewestFirst, NEWEST_PAGE_SIZE } from '../../db/cases';
import { useCaseCount } from '../../db/hooks';
import { getDb } from '../../db/schema';

export function CasesListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const format = useFormat();
  const total = useCaseCount();
  // Live: a newly logged case appears at once. "Load more" widens the window by one page.
  const [pages, setPages] = useState(1);
  const limit = pages * NEWEST_PAGE_SIZE;
  const rows = useLiveQuery(() => listCasesNewestFirst(getDb(), undefined, limit), [limit]);
  const hasMore = rows?.length === limit;

  const newButton = (
    <Button component={Link} to="/cases/new" variant="contained" startIcon={<AddIcon />}>
      {t('cases.newComplaint')}
    </Button>
  );

  return (
    <>
      <PageHeader
        title={t('cases.title')}
        subtitle={total !== undefined ? t('cases.count', { count: total, formattedCount: format.number(total) }) : ' '}
        actions={newButton}
      />
      {rows && rows.length === 0 ? (
        <EmptyState icon={<FolderOpenIcon />} title={t('cases.emptyTitle')} body={t('cases.emptyBody')} action={newButton} />
      ) : (
        <TableContainer component={Paper}>
          <Table size="small" aria-label={t('cases.listLabel')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('cases.columns.reference')}</TableCell>
                <TableCell>{t('cases.columns.complainant')}</TableCell>
                <TableCell>{t('cases.columns.channel')}</TableCell>
                <TableCell>{t('cases.columns.status')}</TableCell>
                <TableCell>{t('cases.columns.received')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(rows ?? []).map((c) => (
                <TableRow
                  key={c.id}
                  hover
                  sx={{ cursor: 'pointer' }}
                  onClick={() => void navigate(`/cases/${c.id}`)}
                >
                  <TableCell>
                    <MuiLink component={Link} to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()} underline="hover">
                      {c.reference}
                    </MuiLink>
                  </TableCell>
                  <TableCell>{c.complainant.name}</TableCell>
                  <TableCell>{t(`channel.${c.channel}`)}</TableCell>
                  <TableCell>
                    <Chip size="small" label={t(`status.${c.status}`)} />
                  </TableCell>
                  <TableCell>{format.dateTime(c.receivedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {hasMore && rows && (
        <Button sx={{ mt: 2 }} onClick={() => setPages((p) => p + 1)}>
          {t('common.loadMore')}
        </Button>
      )}
    </>
  );
}
