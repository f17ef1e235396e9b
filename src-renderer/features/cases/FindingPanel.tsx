import { Button, MenuItem, Paper, Stack, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FINDINGS, type CaseRecord, type Finding } from '../../../src-shared/domain/case';
import { useNotify } from '../../app/notifications';
import { recordFinding } from '../../db/cases';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';

/** The investigation's conclusion: required (by default) before a resolution is proposed. */
export function FindingPanel({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const [finding, setFinding] = useState<Finding | ''>(record.finding ?? '');
  const [rootCause, setRootCause] = useState(record.rootCause);
  const dirty = finding !== (record.finding ?? '') || rootCause !== record.rootCause;
  const save = () =>
    recordFinding(getDb(), record.id, { finding: finding || null, rootCause }, actor).then(
      () => notify(t('case.saved'), 'success'),
      (e: Error) => notify(e.message, 'error'),
    );
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="finding-heading">
      <Typography variant="h6" component="h2" id="finding-heading" gutterBottom>
        {t('case.findings')}
      </Typography>
      <Stack spacing={2}>
        <TextField
          select
          label={t('case.finding')}
          value={finding}
          onChange={(e) => setFinding(e.target.value as Finding | '')}
        >
          <MenuItem value="">{t('case.notYet')}</MenuItem>
          {FINDINGS.map((f) => (
            <MenuItem key={f} value={f}>
              {t(`finding.${f}`)}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          label={t('case.rootCause')}
          value={rootCause}
          onChange={(e) => setRootCause(e.target.value)}
          helperText={t('case.rootCauseHelp')}
          multiline
        />
        <div>
          <Button variant="outlined" disabled={!dirty} onClick={() => void save()}>
            {t('common.save')}
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
