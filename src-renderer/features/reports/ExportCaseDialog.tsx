import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  FormGroup,
  FormHelperText,
  FormLabel,
  Stack,
  Typography,
} from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { CASE_REPORT_SECTIONS, type CaseReportSection } from '../../../src-shared/ipc/channels/reports';
import { useNotify } from '../../app/notifications';
import { useSettings } from '../../app/settings-context';
import { useCurrentUser } from '../users/current-user';
import type { RedactionChoice } from '../../../src-shared/reports/redaction-review';
import { caseReportFileName, exportCasePdf } from './export-case';
import { ExportStatus } from './ExportStatus';
import { RedactionReviewDialog } from './RedactionReviewDialog';
import { errorText } from '../../api/error-text';

/** The "Export PDF" button of the case page and its dialog: sections, redaction, audit appendix. */
export function ExportCaseButton({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!useCurrentUser().can('report.case-export', { case: caseSubject(record) }).ok) return null;
  return (
    <>
      <Button variant="outlined" startIcon={<PictureAsPdfIcon />} onClick={() => setOpen(true)}>
        {t('reports.case.button')}
      </Button>
      {open && <ExportCaseDialog record={record} onClose={() => setOpen(false)} />}
    </>
  );
}

function ExportCaseDialog({ record, onClose }: { record: CaseRecord; onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { settings } = useSettings();
  const { user, actor } = useCurrentUser();
  const [sections, setSections] = useState<Set<CaseReportSection>>(new Set(CASE_REPORT_SECTIONS));
  const [redact, setRedact] = useState(false);
  const [includeAudit, setIncludeAudit] = useState(true);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const toggle = (s: CaseReportSection) =>
    setSections((prev) => {
      const next = new Set(prev);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });

  const [reviewing, setReviewing] = useState(false);
  const options = { sections: CASE_REPORT_SECTIONS.filter((s) => sections.has(s)), redact, includeAudit };
  const ctx = { settings, actorName: user.name, actor, viewer: actor, now: new Date(), t };

  const proceed = () => {
    if (sections.size === 0) return setError(t('reports.case.noSections'));
    setError(null);
    // A redacted copy is reviewed before it is built: what goes, what stays, for whom and why.
    if (redact) setReviewing(true);
    else void run();
  };

  const run = async (choice?: RedactionChoice) => {
    setBusy(true);
    setError(null);
    try {
      const result = await exportCasePdf(
        record.id,
        options,
        { kind: 'ask', suggestedName: caseReportFileName(record.reference, redact) },
        ctx,
        choice,
      );
      if (result.saved) {
        notify(t('reports.case.saved', { path: result.path, pages: result.pages }), 'success');
        onClose();
      } else {
        notify(t('reports.case.cancelled'), 'info');
      }
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby="export-case-title"
      maxWidth="sm"
      fullWidth
    >
      <DialogTitle id="export-case-title">{t('reports.case.title')}</DialogTitle>
      <DialogContent>
        <Stack spacing={2}>
          <Typography color="text.secondary">{t('reports.case.intro')}</Typography>
          <FormGroup aria-labelledby="export-sections-label">
            <FormLabel id="export-sections-label">{t('reports.case.sections')}</FormLabel>
            <Stack sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' } }}>
              {CASE_REPORT_SECTIONS.map((s) => (
                <FormControlLabel
                  key={s}
                  control={<Checkbox checked={sections.has(s)} onChange={() => toggle(s)} disabled={busy} />}
                  label={t(`reports.case.sectionNames.${s}`)}
                />
              ))}
            </Stack>
          </FormGroup>
          <FormControlLabel
            control={
              <Checkbox
                checked={includeAudit}
                onChange={(e) => setIncludeAudit(e.target.checked)}
                disabled={busy}
              />
            }
            label={t('reports.case.includeAudit')}
          />
          <div>
            <FormControlLabel
              control={
                <Checkbox checked={redact} onChange={(e) => setRedact(e.target.checked)} disabled={busy} />
              }
              label={t('reports.case.redact')}
            />
            <FormHelperText sx={{ mt: 0 }}>{t('reports.case.redactHelp')}</FormHelperText>
          </div>
          <ExportStatus busy={busy} error={error} />
        </Stack>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {t('common.cancel')}
        </Button>
        <Button variant="contained" onClick={proceed} disabled={busy}>
          {t('reports.case.export')}
        </Button>
      </DialogActions>
      {reviewing && (
        <RedactionReviewDialog
          caseId={record.id}
          options={options}
          ctx={ctx}
          busy={busy}
          error={error}
          onBack={() => setReviewing(false)}
          onExport={(choice) => void run(choice)}
        />
      )}
    </Dialog>
  );
}
