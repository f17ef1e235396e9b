import {
  Alert,
  Box,
  LinearProgress,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TablePagination,
  TableRow,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { Section } from '../investigation/Section';
import { useSecurityLog } from './use-people';
import { RetryAlert } from '../../components/RetryAlert';

const PAGE_SIZES = [25, 50, 100];

/** The security log, newest first, a page at a time. `version` changes reload it. */
export function SecurityLogSection({ version }: { version: number }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [pageIndex, setPageIndex] = useState(0);
  const [pageSize, setPageSize] = useState(PAGE_SIZES[0]!);
  const { page, error, loading, retry } = useSecurityLog(pageIndex * pageSize, pageSize, version);
  return (
    <Section id="security-log" title={t('accounts.log.title')} intro={t('accounts.log.intro')}>
      {page && page.unreadable > 0 && (
        <Alert severity="warning">
          {t('accounts.log.unreadable', {
            count: page.unreadable,
            formattedCount: format.number(page.unreadable),
          })}
        </Alert>
      )}
      {error && <RetryAlert message={t('accounts.log.loadFailed', { message: error })} onRetry={retry} />}
      {loading && <LinearProgress aria-label={t('common.loading')} />}
      {page && (
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" aria-label={t('accounts.log.label')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('accounts.log.time')}</TableCell>
                <TableCell>{t('accounts.log.event')}</TableCell>
                <TableCell>{t('accounts.log.who')}</TableCell>
                <TableCell>{t('accounts.log.whose')}</TableCell>
                <TableCell>{t('accounts.log.detail')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {page.entries.length === 0 && (
                <TableRow>
                  <TableCell colSpan={5}>{t('accounts.log.empty')}</TableCell>
                </TableRow>
              )}
              {page.entries.map((entry, i) => (
                // Lines have no id; a time and a place in the page tell them apart.
                <TableRow key={`${entry.time}-${i}`}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(entry.time)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{t(`accounts.events.${entry.event}`)}</TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>
                    {entry.actor?.name ?? t('accounts.log.nobody')}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{entry.subject?.name ?? '—'}</TableCell>
                  <TableCell>{entry.detail ?? ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <TablePagination
            component="div"
            count={page.total}
            page={pageIndex}
            onPageChange={(_e, next) => setPageIndex(next)}
            rowsPerPage={pageSize}
            rowsPerPageOptions={PAGE_SIZES}
            onRowsPerPageChange={(e) => {
              setPageSize(Number(e.target.value));
              setPageIndex(0);
            }}
            labelRowsPerPage={t('accounts.log.rowsPerPage')}
            labelDisplayedRows={({ from, to, count }) =>
              t('accounts.log.shown', {
                from: format.number(from),
                to: format.number(to),
                total: format.number(count),
              })
            }
            getItemAriaLabel={(type) => t(`accounts.log.${type}Page`)}
          />
        </Box>
      )}
    </Section>
  );
}
