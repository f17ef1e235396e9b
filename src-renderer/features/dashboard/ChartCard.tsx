import ContentCopyIcon from '@mui/icons-material/ContentCopy';
import TableChartIcon from '@mui/icons-material/TableChart';
import {
  Box,
  Button,
  Link as MuiLink,
  Paper,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useTheme,
} from '@mui/material';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useNotify } from '../../app/notifications';
import { copyChartImage } from './copy-image';

export interface TableCellValue {
  text: string;
  /** Cases list URL for exactly the cases this number counts. */
  href?: string;
}

export interface ChartTable {
  columns: string[];
  rows: TableCellValue[][];
}

/** A dashboard chart's frame: title, the chart or an empty message, its numbers as a table, and copy. */
export function ChartCard({
  title,
  subtitle,
  empty,
  table,
  children,
  wide,
}: {
  title: string;
  subtitle?: string;
  empty: boolean;
  table: ChartTable;
  children: ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  const theme = useTheme();
  const notify = useNotify();
  const id = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  const [showTable, setShowTable] = useState(false);

  const copy = () => {
    if (!chartRef.current) return;
    copyChartImage(chartRef.current, theme.palette.background.paper).then(
      () => notify(t('dashboard.copied', { title }), 'success'),
      (e: Error) => notify(e.message, 'error'),
    );
  };

  return (
    <Paper
      component="section"
      aria-labelledby={`${id}-title`}
      sx={{ p: 2, gridColumn: wide ? { xs: 'span 1', lg: 'span 2' } : undefined, minWidth: 0 }}
      data-chart={title}
    >
      <Stack direction="row" sx={{ alignItems: 'flex-start', justifyContent: 'space-between', gap: 1 }}>
        <div>
          <Typography variant="subtitle1" component="h2" id={`${id}-title`} sx={{ fontWeight: 600 }}>
            {title}
          </Typography>
          {subtitle && (
            <Typography variant="body2" color="text.secondary">
              {subtitle}
            </Typography>
          )}
        </div>
        {!empty && (
          <Stack direction="row" spacing={0.5} sx={{ flexShrink: 0 }}>
            <Button
              size="small"
              startIcon={<TableChartIcon />}
              aria-pressed={showTable}
              aria-label={t('dashboard.showTable', { title })}
              onClick={() => setShowTable((v) => !v)}
            >
              {t('dashboard.table')}
            </Button>
            <Button
              size="small"
              startIcon={<ContentCopyIcon />}
              aria-label={t('dashboard.copyImage', { title })}
              onClick={copy}
            >
              {t('dashboard.copy')}
            </Button>
          </Stack>
        )}
      </Stack>
      {empty ? (
        <Box role="status" sx={{ py: 6, textAlign: 'center' }}>
          <Typography>{t('dashboard.emptyTitle')}</Typography>
          <Typography variant="body2" color="text.secondary">
            {t('dashboard.emptyBody')}
          </Typography>
        </Box>
      ) : (
        <>
          <Box ref={chartRef} sx={{ height: 260, mt: 1 }} aria-hidden={showTable}>
            {children}
          </Box>
          {showTable && (
            <Box sx={{ overflowX: 'auto', mt: 1 }}>
              <Table size="small" aria-label={t('dashboard.tableOf', { title })}>
                <TableHead>
                  <TableRow>
                    {table.columns.map((c) => (
                      <TableCell key={c} scope="col">
                        {c}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {table.rows.map((row, i) => (
                    <TableRow key={i}>
                      {row.map((cell, j) => (
                        <TableCell
                          key={j}
                          component={j === 0 ? 'th' : 'td'}
                          scope={j === 0 ? 'row' : undefined}
                        >
                          {cell.href ? (
                            <MuiLink component={Link} to={cell.href}>
                              {cell.text}
                            </MuiLink>
                          ) : (
                            cell.text
                          )}
                        </TableCell>
                      ))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </>
      )}
    </Paper>
  );
}
