import { Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { formatMoney } from '../../../src-shared/domain/templates';
import { useSettings } from '../../app/settings-context';
import { useViewer } from '../users/use-viewer';
import { useSimilar } from './hooks';

/** The fairness aid: what other cases with the same category and root cause received. */
export function FairnessPanel({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { locale } = useSettings().settings;
  const similar = useSimilar(record, useViewer());
  const money = (amount: number, currency: string) => formatMoney({ amount, currency }, locale);
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="fairness-heading">
      <Typography variant="h6" component="h2" id="fairness-heading" gutterBottom>
        {t('resolution.fairness.title')}
      </Typography>
      {similar && similar.caseCount === 0 && (
        <Typography color="text.secondary">{t('resolution.fairness.none')}</Typography>
      )}
      {similar && similar.caseCount > 0 && (
        <>
          <Typography color="text.secondary" sx={{ mb: 1 }}>
            {t('resolution.fairness.intro', { count: similar.caseCount })}
          </Typography>
          <Table size="small" aria-labelledby="fairness-heading">
            <TableHead>
              <TableRow>
                <TableCell>{t('resolution.proposal.type')}</TableCell>
                <TableCell>{t('cases.title')}</TableCell>
                <TableCell>{t('resolution.proposal.amount')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {similar.remedies.map((r) => (
                <TableRow key={r.type}>
                  <TableCell>{t(`resolution.remedy.${r.type}`)}</TableCell>
                  <TableCell>{t('resolution.fairness.cases', { count: r.cases })}</TableCell>
                  <TableCell>
                    {r.money
                      .map((m) =>
                        t('resolution.fairness.range', {
                          min: money(m.min, m.currency),
                          max: money(m.max, m.currency),
                          median: money(m.median, m.currency),
                        }),
                      )
                      .join('; ') || '—'}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
    </Paper>
  );
}
