import { Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { activeDeadlines, deadlineState, timeLeft } from '../../../src-shared/domain/deadlines';
import { useCaseRules } from '../../app/case-rules';
import { useSettings } from '../../app/settings-context';

/** "3 business days left", "Due soon", "Overdue by 2 business days": colour and words, never colour alone. */
export function DeadlineChip({
  dueAt,
  now,
  size = 'small',
}: {
  dueAt: string;
  now: Date;
  size?: 'small' | 'medium';
}) {
  const { t } = useTranslation();
  const { calendar } = useCaseRules();
  const { dueSoonBusinessDays } = useSettings().settings;
  const state = deadlineState(dueAt, now, calendar, dueSoonBusinessDays);
  const left = timeLeft(dueAt, now, calendar);
  const label =
    state === 'overdue'
      ? t('case.overdueBy', { count: Math.max(1, -left.businessDays) })
      : left.calendarDays === 0
        ? t('case.dueToday')
        : t('case.timeLeft', { count: left.businessDays });
  const color = state === 'overdue' ? 'error' : state === 'due-soon' ? 'warning' : 'success';
  return (
    <Chip size={size} color={color} variant={state === 'on-track' ? 'outlined' : 'filled'} label={label} />
  );
}

/** Once no deadline is left to meet: whether the final response line was met or missed. */
export function FinalOutcomeChip({ record, now }: { record: CaseRecord; now: Date }) {
  const { t } = useTranslation();
  const { final } = activeDeadlines(record, now);
  if (final.outcome === 'open' || final.outcome === 'not-needed') return null;
  const color = final.outcome === 'met' ? 'success' : 'error';
  return (
    <Chip size="small" variant="outlined" color={color} label={t(`case.finalOutcome.${final.outcome}`)} />
  );
}
