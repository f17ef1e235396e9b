import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import {
  activeDeadlines,
  deadlineLines,
  isUntouched,
  type DeadlineLine,
} from '../../../src-shared/domain/deadlines';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';
import { DeadlineChip } from './DeadlineChip';

function Line({ line, now }: { line: DeadlineLine; now: Date }) {
  const { t } = useTranslation();
  const format = useFormat();
  const met = line.outcome === 'met' || line.outcome === 'missed';
  return (
    // Wraps, so the outcome drops under the date in a narrow column rather than being cut off.
    <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', py: 0.5, flexWrap: 'wrap' }}>
      <Typography sx={{ minWidth: 180 }} color="text.secondary">
        {t(`case.deadlineLine.${line.key}`)}
      </Typography>
      <Typography sx={{ minWidth: 170 }}>{format.dateTime(line.dueAt)}</Typography>
      {met && line.metAt ? (
        <Chip
          size="small"
          variant="outlined"
          color={line.outcome === 'met' ? 'success' : 'error'}
          label={t(`case.outcome.${line.outcome}`, {
            by: t(`letterKind.${line.metBy ?? 'other'}`),
            when: format.dateTime(line.metAt),
          })}
        />
      ) : line.outcome === 'not-needed' ? (
        <Chip size="small" variant="outlined" label={t('case.outcome.not-needed')} />
      ) : (
        <DeadlineChip dueAt={line.dueAt} now={now} />
      )}
    </Stack>
  );
}

/** A date that is not a deadline to meet (a window, or a line a holding reply would open). */
function InfoLine({ label, at }: { label: string; at: string }) {
  const format = useFormat();
  return (
    <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', py: 0.5, flexWrap: 'wrap' }}>
      <Typography sx={{ minWidth: 180 }} color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ minWidth: 170 }} color="text.secondary">
        {format.dateTime(at)}
      </Typography>
    </Stack>
  );
}

/** The regulatory clock: it runs from the received date and never pauses; letters sent meet it. */
export function DeadlinesPanel({ record, now }: { record: CaseRecord; now: Date }) {
  const { t } = useTranslation();
  const { calendar } = useCaseRules();
  const { untouchedBusinessDays } = useSettings().settings;
  const open = record.open === 1;
  const untouched = open && isUntouched(record.lastActivityAt, now, calendar, untouchedBusinessDays);
  const active = activeDeadlines(record, now);
  const extendedNotLive = active.final.key === 'final' && record.deadlines.extendedFinalDue;
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
        {deadlineLines(active).map((line) => (
          <Line key={`${line.key}-${line.dueAt}`} line={line} now={now} />
        ))}
        {extendedNotLive && active.final.metAt === null && (
          <InfoLine label={t('case.extendedIfHolding')} at={record.deadlines.extendedFinalDue!} />
        )}
        {active.summaryResolutionUntil && open && active.final.metAt === null && (
          <InfoLine label={t('case.summaryResolutionUntil')} at={active.summaryResolutionUntil} />
        )}
      </Box>
    </Paper>
  );
}
