import AssessmentIcon from '@mui/icons-material/Assessment';
import DashboardIcon from '@mui/icons-material/Dashboard';
import DescriptionIcon from '@mui/icons-material/Description';
import { Button } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyState } from '../../components/EmptyState';
import { PageHeader } from '../../components/PageHeader';

const ICONS = { dashboard: <DashboardIcon />, templates: <DescriptionIcon />, reports: <AssessmentIcon /> };

/** Screens whose features are not built yet say what they will hold and where to go meanwhile. */
export function PlaceholderPage({ kind }: { kind: 'dashboard' | 'templates' | 'reports' }) {
  const { t } = useTranslation();
  return (
    <>
      <PageHeader title={t(`placeholder.${kind}Title`)} />
      <EmptyState
        icon={ICONS[kind]}
        title={t(`placeholder.${kind}Title`)}
        body={t(`placeholder.${kind}Body`)}
        action={
          <Button component={Link} to="/cases" variant="outlined">
            {t('nav.cases')}
          </Button>
        }
      />
    </>
  );
}
