// Restricted cases on screen: the chip that marks one, the manager's action to restrict or lift,
// and the audit line each opening of a restricted case leaves.
import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import { Button, Chip, Tooltip, Typography } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject, type ActingPerson } from '../../../src-shared/domain/permissions';
import { ReasonDialog } from '../../components/ReasonDialog';
import { recordRestrictedView, setCaseRestricted } from '../../db/restricted';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';

/** "Restricted", with a lock, on a restricted case (nothing on any other). */
export function RestrictedChip({
  record,
  size = 'medium',
}: {
  record: CaseRecord;
  size?: 'small' | 'medium';
}) {
  const { t } = useTranslation();
  if (!record.restricted) return null;
  return (
    <Tooltip title={t('case.restrictedTip')}>
      <Chip icon={<LockIcon />} label={t('case.restricted')} color="error" variant="outlined" size={size} />
    </Tooltip>
  );
}

/** "Restrict access…" or "Lift restriction…", for those the rules let decide who sees the case. */
export function RestrictionAction({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { actor, can } = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (!can('case.restrict', { case: caseSubject(record) }).ok) return null;
  const lifting = !!record.restricted;
  return (
    <>
      <Button
        startIcon={lifting ? <LockOpenIcon /> : <LockIcon />}
        color={lifting ? 'inherit' : 'error'}
        onClick={() => setOpen(true)}
      >
        {lifting ? t('case.lift') : t('case.restrict')}
      </Button>
      {open && (
        <ReasonDialog
          title={lifting ? t('case.liftTitle') : t('case.restrictTitle')}
          confirmLabel={lifting ? t('case.liftConfirm') : t('case.restrictConfirm')}
          extra={<Typography>{lifting ? t('case.liftIntro') : t('case.restrictIntro')}</Typography>}
          onConfirm={(reason) =>
            setCaseRestricted(getDb(), record.id, { restricted: !lifting, reason }, actor).then(
              () => undefined,
            )
          }
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}

/**
 * Writes one "viewed" line to the trail of a restricted case the viewer has open: once per opening
 * of its page (and per person), not on each render nor when its tabs change, nor twice under
 * React's strict mode, which runs effects twice.
 */
export function useRestrictedViewRecord(
  record: CaseRecord | null | undefined,
  seen: boolean,
  viewer: ActingPerson,
): void {
  const recorded = useRef<string | null>(null);
  const caseId = record?.restricted && seen ? record.id : null;
  useEffect(() => {
    const key = caseId && `${caseId}:${viewer.id}`;
    if (!key || recorded.current === key) return;
    recorded.current = key;
    recordRestrictedView(getDb(), caseId, viewer).catch((e: unknown) =>
      console.error('Could not record the view of a restricted case', e),
    );
  }, [caseId, viewer]);
}
