import { Link as MuiLink, Typography } from '@mui/material';
import { useLiveQuery } from 'dexie-react-hooks';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CaseRecord } from '../../../src-shared/domain/case';
import { complainantCases } from '../../db/complainants';
import { getDb } from '../../db/schema';
import { useViewer } from '../users/use-viewer';

/** On a case: how many other cases the same person has, and the way to their complainant record. */
export function ComplainantLink({ record }: { record: CaseRecord }) {
  const { t } = useTranslation();
  const viewer = useViewer();
  const others = useLiveQuery(
    async () => (await complainantCases(getDb(), record, viewer)).cases.length - 1,
    [record, viewer],
  );
  if (others === undefined) return null;
  return (
    <Typography variant="body2" sx={{ mt: 2 }}>
      {others > 0 ? t('complainant.otherCases', { count: others }) : t('complainant.noOtherCases')}
      {' — '}
      <MuiLink component={Link} to={`/complainants/${record.id}`}>
        {t('complainant.open')}
      </MuiLink>
    </Typography>
  );
}
