import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { isUntouched } from '../../../src-shared/domain/deadlines';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { DeadlineChip } from './DeadlineChip';

function Line({
  label,
  at,
  met,
  pending,
  now,
}: {
  label: string;
  at: string;
  met: string | null;
  pending: boolean;
  now: Date;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <Stack direction="row" spacing={2} sx={{ alignItems: 'center', py: 0.5 }}>
      <Typography sx={{ minWidth: 210 }} color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ minWidth: 190 }}>{format.dateTime(at)}</Typography>
      {met ? (
        <Chip
          size="small"
          variant="outlined"
          color={met <= at ? 'success' : 'error'}
          label={`${met <= at ? t('case.met') : t('case.missed')} — ${format.dateTime(met)}`}
        />
      ) : pending ? (
        <DeadlineChip dueAt={at} now={now} />
      ) : null}
    </Stack>
  );
}

/** The regulatory clock: it runs from the received date and never pauses. */
export function DeadlinesPanel({ record, now }: { record: CaseRecord; now: Date }) {
  const { t } = useTranslation();
  const { calendar } = useCaseRules();
  const { untouchedBusinessDays } = useSettings().settings;
  const { deadlines } = record;
  const open = record.open === 1;
  const untouched = open && isUntouched(record.lastActivityAt, now, calendar, untouchedBusinessDays);
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="deadlines-heading">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h6" component="h2" id="deadlines-heading">
          {t('case.deadlines')}
        </Typography>
        <Typography color="text.secondary">— {t(`regime.${record.regime}`)}</Typography>
        {untouched && (
          <Chip size="small" color="warning" label={t('case.untouched', { count: untouchedBusinessDays })} />
        )}
      </Stack>
      <Box>
        <Line
          label={t('case.acknowledgeDue')}
          at={deadlines.acknowledgeDue}
          met={record.acknowledgedAt}
          pending={open}
          now={now}
        />
        <Line
          label={t('case.finalResponseDue')}
          at={deadlines.finalResponseDue}
          met={record.closedAt}
          pending={open}
          now={now}
        />
        {deadlines.extendedFinalDue && (
          <Line
            label={t('case.extendedFinalDue')}
            at={deadlines.extendedFinalDue}
            met={null}
            pending={false}
            now={now}
          />
        )}
        {deadlines.summaryResolutionUntil && open && (
          <Line
            label={t('case.summaryResolutionUntil')}
            at={deadlines.summaryResolutionUntil}
            met={null}
            pending={false}
            now={now}
          />
        )}
      </Box>
    </Paper>
  );
}
