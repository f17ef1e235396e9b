import { Alert, Button, Chip, Paper, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSla, slaLineState, type SlaLine } from '../../../src-shared/domain/case-sla';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { useCaseRules } from '../../app/case-rules';
import { useFormat } from '../../app/format';
import { useNotify } from '../../app/notifications';
import { ReasonDialog } from '../../components/ReasonDialog';
import { pauseSla, resumeSla } from '../../db/cases';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { DeadlineChip } from './DeadlineChip';

const DAY_MS = 86_400_000;

/** The office's own service targets for this severity; they pause while waiting on the complainant. */
export function SlaPanel({ record, now }: { record: CaseRecord; now: Date }) {
  const { t } = useTranslation();
  const format = useFormat();
  const notify = useNotify();
  const { actor, can } = useCurrentUser();
  const pausing = can('case.edit', { case: caseSubject(record) });
  const rules = useCaseRules();
  const [asking, setAsking] = useState(false);
  const sla = caseSla(record, rules.slaTargets[record.severity], rules.calendar, now);
  const openPause = record.slaPauses.find((p) => !p.to);

  /** Where a target stands, as a chip: met or missed, closed without it, paused, or time left. */
  const standing = (l: SlaLine) => {
    const state = slaLineState(l, record.closedAt);
    if (state === 'met' || state === 'missed')
      return (
        <Chip
          size="small"
          variant="outlined"
          color={state === 'met' ? 'success' : 'error'}
          label={`${t(`case.${state}`)} — ${format.dateTime(l.metAt!)}`}
        />
      );
    // Closed without it: the clock stopped at closure; unmet only if it had fallen due by then.
    if (state === 'unmet' || state === 'unneeded')
      return (
        <Chip
          size="small"
          variant="outlined"
          color={state === 'unmet' ? 'error' : 'default'}
          label={t(`sla.${state}Closed`, { when: format.dateTime(record.closedAt!) })}
        />
      );
    return sla.paused ? (
      <Chip size="small" label={t('sla.pausedChip')} />
    ) : (
      <DeadlineChip dueAt={l.dueAt} now={now} />
    );
  };
  const line = (label: string, l: SlaLine | null) =>
    l && (
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', py: 0.5, flexWrap: 'wrap' }}>
        <Typography sx={{ minWidth: 210 }} color="text.secondary">
          {label}
        </Typography>
        <Typography sx={{ minWidth: 190 }}>{format.dateTime(l.dueAt)}</Typography>
        {standing(l)}
      </Stack>
    );

  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="sla-heading">
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1, flexWrap: 'wrap' }} useFlexGap>
        <Typography variant="h6" component="h2" id="sla-heading">
          {t('sla.title')}
        </Typography>
        <Typography color="text.secondary">
          — {t('sla.forSeverity', { severity: t(`severity.${record.severity}`) })}
        </Typography>
        <span style={{ flexGrow: 1 }} />
        {record.open === 1 &&
          pausing.ok &&
          (openPause ? (
            <Button
              size="small"
              variant="outlined"
              onClick={() =>
                void resumeSla(getDb(), record.id, actor).catch((e: Error) => notify(e.message, 'error'))
              }
            >
              {t('sla.resume')}
            </Button>
          ) : (
            <Button size="small" onClick={() => setAsking(true)}>
              {t('sla.pause')}
            </Button>
          ))}
      </Stack>
      {openPause && (
        <Alert severity="info" sx={{ mb: 1 }}>
          {t('sla.pausedSince', { when: format.dateTime(openPause.from), reason: openPause.reason })}
        </Alert>
      )}
      {line(t('sla.firstResponse'), sla.firstResponse)}
      {line(t('sla.nextUpdate'), sla.nextUpdate)}
      {line(t('sla.resolution'), sla.resolution)}
      {sla.pausedMs > 0 && (
        <Typography variant="body2" color="text.secondary" sx={{ mt: 1 }}>
          {t('sla.pausedTotal', { days: format.number(Math.round((sla.pausedMs / DAY_MS) * 10) / 10) })}
        </Typography>
      )}
      {asking && (
        <ReasonDialog
          title={t('sla.pauseTitle')}
          confirmLabel={t('sla.pause')}
          onConfirm={(reason) => pauseSla(getDb(), record.id, reason, actor).then(() => undefined)}
          onClose={() => setAsking(false)}
        />
      )}
    </Paper>
  );
}
