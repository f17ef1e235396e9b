import IosShareIcon from '@mui/icons-material/IosShare';
import { Button } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { errorText } from '../../api/error-text';
import { useNotify } from '../../app/notifications';
import { useCurrentUser } from '../users/current-user';
import { exportBundle } from './bundle-flow';

/**
 * Signs the cases into one bundle file (the app asks where to save it). On a case, `label` is left
 * out; for the Cases list's selection it says how many.
 */
export function ExportBundleButton({
  caseIds,
  label,
  variant = 'outlined',
}: {
  caseIds: readonly string[];
  label?: string;
  variant?: 'outlined' | 'contained' | 'text';
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const result = await exportBundle(caseIds, actor);
      notify(
        t('bundle.export.saved', {
          file: result.file,
          count: caseIds.length,
          evidence: t('bundle.export.evidenceFiles', { count: result.evidenceFiles }),
        }),
        'success',
      );
    } catch (e) {
      notify(errorText(e), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant={variant} startIcon={<IosShareIcon />} onClick={() => void run()} disabled={busy}>
      {busy ? t('bundle.export.busy') : (label ?? t('bundle.export.button'))}
    </Button>
  );
}

/** "Export bundle…" on a case, for those who may export it. */
export function CaseBundleButton({ record }: { record: CaseRecord }) {
  if (!useCurrentUser().can('report.case-export', { case: caseSubject(record) }).ok) return null;
  return <ExportBundleButton caseIds={[record.id]} />;
}
