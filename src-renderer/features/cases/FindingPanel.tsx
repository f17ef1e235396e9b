import { Box, Button, Paper, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { caseSubject } from '../../../src-shared/domain/permissions';
import { useCurrentUser } from '../users/current-user';
import { caseTabPath } from './case-tabs-path';

/**
 * The investigation's conclusion at a glance. It is recorded in one place only, the Investigation
 * tab's root-cause form (classification from the office's list, rationale, recurrence), so the
 * overview shows it and links there rather than offering a second, looser editor.
 */
export function FindingPanel({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const rationale = record.findingDetail?.rationale;
  const recording = useCurrentUser().can('investigation.edit', { case: caseSubject(record) });
  return (
    <Paper sx={{ p: 3 }} component="section" aria-labelledby="finding-heading">
      <Typography variant="h6" component="h2" id="finding-heading" gutterBottom>
        {t('case.findings')}
      </Typography>
      <Box
        component="dl"
        sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 3, rowGap: 1, m: 0 }}
      >
        <Typography component="dt" color="text.secondary">
          {t('case.finding')}
        </Typography>
        <Typography component="dd" sx={{ m: 0 }}>
          {record.finding ? t(`finding.${record.finding}`) : t('case.notYet')}
        </Typography>
        <Typography component="dt" color="text.secondary">
          {t('case.rootCause')}
        </Typography>
        <Typography component="dd" sx={{ m: 0 }}>
          {record.rootCause || t('case.notYet')}
        </Typography>
        {rationale && (
          <>
            <Typography component="dt" color="text.secondary">
              {t('case.findingRationale')}
            </Typography>
            <Typography component="dd" sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
              {rationale}
            </Typography>
          </>
        )}
      </Box>
      {recording.ok && (
        <Button
          component={Link}
          to={caseTabPath(record.id, 'investigation')}
          sx={{ mt: 2 }}
          variant="outlined"
        >
          {record.finding ? t('case.findingChange') : t('case.findingRecord')}
        </Button>
      )}
    </Paper>
  );
}
