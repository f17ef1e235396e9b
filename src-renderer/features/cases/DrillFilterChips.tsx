import { Chip, Stack } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CaseQuery } from '../../db/case-query';

/** The filters only a dashboard link sets (no field of their own): shown, and removable one by one. */
export function DrillFilterChips({
  filters,
  onRemove,
}: {
  filters: Omit<CaseQuery, 'sort'>;
  onRemove: (param: string) => void;
}) {
  const { t } = useTranslation();
  const chips: [string, string][] = [];
  if (filters.product !== undefined)
    chips.push(['product', `${t('dashboard.product')}: ${filters.product || t('dashboard.noProduct')}`]);
  if (filters.rootCause) chips.push(['rootCause', `${t('dashboard.rootCause')}: ${filters.rootCause}`]);
  if (filters.finding)
    chips.push(['finding', `${t('dashboard.finding')}: ${t(`finding.${filters.finding}`)}`]);
  if (filters.open !== undefined)
    chips.push(['open', t(filters.open ? 'dashboard.openOnly' : 'dashboard.closedOnly')]);
  if (filters.complainantKey)
    chips.push(['complainant', `${t('dashboard.complainant')}: ${filters.complainantKey}`]);
  if (filters.drill) chips.push(['drill', filters.drill.label || t('returns.screen.drillGone')]);
  if (chips.length === 0) return null;
  return (
    <Stack
      direction="row"
      spacing={1}
      useFlexGap
      sx={{ flexWrap: 'wrap', mb: 2 }}
      aria-label={t('dashboard.drillFilters')}
    >
      {chips.map(([param, label]) => (
        <Chip key={param} label={label} onDelete={() => onRemove(param)} />
      ))}
    </Stack>
  );
}
