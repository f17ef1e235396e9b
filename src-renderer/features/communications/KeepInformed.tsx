import { Alert, Chip } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { updateOwed } from '../../../src-shared/domain/deadlines';
import { useCaseRules } from '../../app/case-rules';
import { useNow } from '../../app/clock';
import { useFormat } from '../../app/format';
import { useSettings } from '../../app/settings-context';

/** "Keep the complainant informed": when they last heard from us (the case's informedAt), and whether that is too long ago. */
function useKeepInformed(record: CaseRecord) {
  const { calendar } = useCaseRules();
  const days = useSettings().settings.keepInformedBusinessDays;
  const now = useNow();
  // informedAt is the receipt itself until an update is sent.
  const last = record.informedAt === record.receivedAt ? null : record.informedAt;
  return { last, overdue: updateOwed(record, now.toISOString(), calendar, days), days };
}

export function KeepInformedNotice({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  const state = useKeepInformed(record);
  const when = state.last
    ? t('resolution.comms.lastUpdate', { date: format.dateTime(state.last) })
    : t('resolution.comms.neverUpdated');
  return (
    <Alert
      severity={state.overdue ? 'warning' : 'info'}
      role="status"
      aria-label={t('resolution.comms.keepInformed')}
    >
      {when} {state.overdue ? t('resolution.comms.overdue', { days: state.days }) : ''}
    </Alert>
  );
}

/** A chip for the case header, shown only while an update is owed (the same words as the Cases list). */
export function KeepInformedChip({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const state = useKeepInformed(record);
  return state.overdue ? <Chip label={t('cases.updateOwed')} color="warning" variant="outlined" /> : null;
}
