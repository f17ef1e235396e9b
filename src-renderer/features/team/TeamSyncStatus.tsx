// The top bar's word on team sync: nothing in single-desk mode; else online (with the time of the
// last sync, which the offline chip and every other state's tooltip also give once known), held
// until this desk's promotion (under way, or not started), catching up n of N changes (joining, or
// back after days; then building the return figures and the search index for the cases taken in),
// syncing n changes, offline (n waiting), paused while this desk's disk is full (n waiting), a
// button to the conflicts waiting, and one to the sync notices (refused evidence files, clashing
// references).
import CloudDoneIcon from '@mui/icons-material/CloudDone';
import CloudOffIcon from '@mui/icons-material/CloudOff';
import CloudSyncIcon from '@mui/icons-material/CloudSync';
import InfoOutlinedIcon from '@mui/icons-material/InfoOutlined';
import PauseCircleIcon from '@mui/icons-material/PauseCircle';
import WarningAmberIcon from '@mui/icons-material/WarningAmber';
import { Box, Button, Chip, Tooltip } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../app/format';
import { minutesLeft } from '../../app/time-left';
import { getDb } from '../../db/schema';
import { syncNoticeCount } from '../../db/sync-notices';
import { ConflictDialog } from './ConflictDialog';
import { SyncNoticesDialog } from './SyncNoticesDialog';
import { useTeamSync } from './use-team-sync';

/** What a long pull is doing: taking in the changes, then (a join) building the return figures and the search index. */
const catchingUpLabel = {
  changes: 'team.sync.catchingUp',
  returns: 'team.sync.buildingReturns',
  search: 'team.sync.buildingSearch',
} as const;

export function TeamSyncStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const status = useTeamSync();
  const [choosing, setChoosing] = useState(false);
  const [reading, setReading] = useState(false);
  const notices = useLiveQuery(() => syncNoticeCount(getDb()), [], 0);
  if (status.mode === 'single') return null;
  const time = status.lastSyncedAt ? format.dateTime(status.lastSyncedAt) : '';
  // Every state's tooltip says when the desk last synced, once it has (the time survives a restart).
  const hint = (text: string) => (time ? `${text} ${t('team.sync.lastSynced', { time })}`.trim() : text);
  // "… · about 9 minutes left", once the stage's pace says.
  const withTimeLeft = (label: string, ms: number | null | undefined) => {
    if (ms == null) return label;
    const minutes = minutesLeft(ms);
    const left = minutes
      ? t('team.sync.left', { count: minutes, formatted: format.number(minutes) })
      : t('team.sync.leftUnderMinute');
    return `${label} · ${left}`;
  };
  const chip =
    status.phase === 'held' ? (
      <Tooltip title={hint(t(`team.sync.held.${status.heldFor ?? 'promotion'}Hint`))}>
        <Chip
          icon={<CloudSyncIcon />}
          color="info"
          role="status"
          label={t(`team.sync.held.${status.heldFor ?? 'promotion'}`, { count: status.waiting })}
        />
      </Tooltip>
    ) : status.phase === 'paused' ? (
      <Tooltip title={hint(t('team.sync.pausedHint'))}>
        <Chip
          icon={<PauseCircleIcon />}
          color="error"
          role="status"
          label={t('team.sync.paused', { count: status.waiting })}
        />
      </Tooltip>
    ) : status.phase === 'offline' ? (
      <Tooltip title={hint(t('team.sync.offlineHint', { message: status.message ?? '' }))}>
        <Chip
          icon={<CloudOffIcon />}
          color="warning"
          role="status"
          label={
            time
              ? t('team.sync.offlineSynced', { count: status.waiting, time })
              : t('team.sync.offline', { count: status.waiting })
          }
        />
      </Tooltip>
    ) : status.phase === 'syncing' && status.catchingUp ? (
      <Tooltip title={hint(t('team.sync.catchingUpHint'))}>
        <Chip
          icon={<CloudSyncIcon />}
          role="status"
          sx={{ color: 'inherit', borderColor: 'currentColor', '& .MuiChip-icon': { color: 'inherit' } }}
          variant="outlined"
          label={withTimeLeft(
            t(catchingUpLabel[status.catchingUp.stage ?? 'changes'], {
              done: format.number(status.catchingUp.done),
              total: format.number(status.catchingUp.total),
            }),
            status.catchingUp.leftMs,
          )}
        />
      </Tooltip>
    ) : status.phase === 'syncing' && status.waiting > 0 ? (
      <Tooltip title={hint('')}>
        <Chip
          icon={<CloudSyncIcon />}
          role="status"
          sx={{ color: 'inherit', borderColor: 'currentColor' }}
          variant="outlined"
          label={t('team.sync.syncing', { count: status.waiting })}
        />
      </Tooltip>
    ) : (
      <Tooltip title={time ? t('team.sync.onlineHint', { time }) : ''}>
        <Chip
          icon={<CloudDoneIcon />}
          role="status"
          sx={{ color: 'inherit', borderColor: 'currentColor', '& .MuiChip-icon': { color: 'inherit' } }}
          variant="outlined"
          label={time ? t('team.sync.online', { time }) : t('team.sync.onlineNever')}
        />
      </Tooltip>
    );
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mr: 1 }}>
      {chip}
      {status.conflicts > 0 && (
        <Button
          color="inherit"
          variant="outlined"
          size="small"
          startIcon={<WarningAmberIcon />}
          onClick={() => setChoosing(true)}
        >
          {t('team.sync.conflicts', { count: status.conflicts })}
        </Button>
      )}
      {notices > 0 && (
        <Button
          color="inherit"
          variant="outlined"
          size="small"
          startIcon={<InfoOutlinedIcon />}
          onClick={() => setReading(true)}
        >
          {t('team.notices.button', { count: notices })}
        </Button>
      )}
      {choosing && <ConflictDialog onClose={() => setChoosing(false)} />}
      {reading && <SyncNoticesDialog onClose={() => setReading(false)} />}
    </Box>
  );
}
