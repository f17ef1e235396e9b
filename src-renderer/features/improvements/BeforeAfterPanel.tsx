import { Alert, Box, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BeforeAfter } from '../../../src-shared/analytics/before-after';
import type { ImprovementRecord } from '../../../src-shared/domain/improvements';
import { officeDayStart } from '../../../src-shared/domain/office-time';
import { useFormat, useOfficeZone } from '../../app/format';
import { getAnalytics } from '../../analytics/analytics-client';
import { ComboChart, PALETTE } from '../dashboard/ComboChart';
import { useDataVersion } from '../../db/hooks';
import { useViewer } from '../users/use-viewer';

/** For a completed improvement: did complaints of its causes or categories fall after the change? */
export function BeforeAfterPanel({ improvement }: { improvement: ImprovementRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { timeZone } = useOfficeZone();
  const version = useDataVersion();
  const viewer = useViewer();
  const [result, setResult] = useState<BeforeAfter | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { rootCauses, categories, changeDate } = improvement;
  const linked = rootCauses.length + categories.length > 0;
  const key = JSON.stringify([rootCauses, categories, changeDate, timeZone]);

  useEffect(() => {
    if (!linked || !changeDate || version === undefined) return;
    let alive = true;
    getAnalytics()
      .beforeAfter(
        {
          rootCauses,
          categories,
          changeMs: Date.parse(officeDayStart(changeDate, timeZone)),
          now: Date.now(),
          timeZone,
        },
        viewer,
      )
      .then(
        (r) => alive && setResult(r),
        (e: Error) => alive && setError(e.message),
      );
    return () => {
      alive = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, version, linked, viewer]);

  if (!linked) return <Alert severity="info">{t('improvements.beforeAfter.nothingLinked')}</Alert>;
  if (error) return <Alert severity="error">{error}</Alert>;
  if (!result) return null;
  if (result.windowDays === 0) return <Alert severity="info">{t('improvements.beforeAfter.tooSoon')}</Alert>;
  const change =
    result.changePct === null ? '—' : `${result.changePct > 0 ? '+' : ''}${format.number(result.changePct)}%`;
  return (
    <Box component="section" aria-labelledby="before-after-heading">
      <Typography variant="h6" component="h2" id="before-after-heading">
        {t('improvements.beforeAfter.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t('improvements.beforeAfter.hint', {
          days: result.windowDays,
          date: format.day(changeDate),
        })}
      </Typography>
      <Stack
        direction="row"
        spacing={4}
        sx={{ mb: 2 }}
        role="group"
        aria-label={t('improvements.beforeAfter.title')}
      >
        {(
          [
            ['before', format.number(result.before)],
            ['after', format.number(result.after)],
            ['change', change],
          ] as const
        ).map(([k, v]) => (
          <div key={k}>
            <Typography variant="overline" component="p">
              {t(`improvements.beforeAfter.${k}`)}
            </Typography>
            <Typography variant="h5" component="p" data-testid={`before-after-${k}`}>
              {v}
            </Typography>
          </div>
        ))}
      </Stack>
      <ComboChart
        title={t('improvements.beforeAfter.byMonth')}
        rows={result.months}
        label={(r) => r.key}
        firstColumn={t('improvements.beforeAfter.month')}
        series={[
          {
            key: 'before',
            label: t('improvements.beforeAfter.before'),
            color: PALETTE[9]!,
            kind: 'bar',
            stackId: 's',
            value: (r) => r.before,
          },
          {
            key: 'after',
            label: t('improvements.beforeAfter.after'),
            color: PALETTE[2]!,
            kind: 'bar',
            stackId: 's',
            value: (r) => r.after,
          },
        ]}
      />
    </Box>
  );
}
