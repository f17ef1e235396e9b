// Retention on a case's page: the legal-hold and anonymised chips, why an anonymised case offers no
// changes, and a manager's action to place or lift a legal hold (with a reason, audited).
import GavelIcon from '@mui/icons-material/Gavel';
import { Alert, Button, Chip, Tooltip, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { useFormat } from '../../app/format';
import { ReasonDialog } from '../../components/ReasonDialog';
import { setLegalHold } from '../../db/retention';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';

/** "Legal hold" on a held case, "Anonymised" on one whose personal details were removed. */
export function RetentionChips({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <>
      {record.legalHold && (
        <Tooltip title={t('retention.hold.tip', { reason: record.legalHold.reason })}>
          <Chip icon={<GavelIcon />} label={t('retention.hold.chip')} color="warning" variant="outlined" />
        </Tooltip>
      )}
      {record.anonymised && (
        <Tooltip title={t('retention.anonymisedTip', { date: format.date(record.anonymised.at) })}>
          <Chip label={t('retention.anonymised')} variant="outlined" />
        </Tooltip>
      )}
    </>
  );
}

/**
 * Why an anonymised case offers nothing to change: said once, above the tabs. The permission rules
 * refuse every change to it, and the panels that would say so for each action stay quiet.
 */
export function AnonymisedNotice({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!record.anonymised) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      {t('retention.anonymisedNotice', { date: format.date(record.anonymised.at) })}
    </Alert>
  );
}

/** "Place legal hold…" or "Lift legal hold", for those the rules let decide. */
export function LegalHoldAction({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const { actor, can } = useCurrentUser();
  const [open, setOpen] = useState(false);
  if (!can('case.legal-hold', { case: caseSubject(record) }).ok) return null;
  const lifting = !!record.legalHold;
  return (
    <>
      <Button startIcon={<GavelIcon />} color={lifting ? 'inherit' : 'warning'} onClick={() => setOpen(true)}>
        {lifting ? t('retention.hold.lift') : t('retention.hold.place')}
      </Button>
      {open && (
        <ReasonDialog
          title={lifting ? t('retention.hold.liftTitle') : t('retention.hold.placeTitle')}
          confirmLabel={lifting ? t('retention.hold.liftConfirm') : t('retention.hold.placeConfirm')}
          extra={
            <Typography>
              {lifting ? t('retention.hold.liftIntro') : t('retention.hold.placeIntro')}
            </Typography>
          }
          onConfirm={(reason) =>
            setLegalHold(getDb(), record.id, { hold: !lifting, reason }, actor).then(() => undefined)
          }
          onClose={() => setOpen(false)}
        />
      )}
    </>
  );
}
