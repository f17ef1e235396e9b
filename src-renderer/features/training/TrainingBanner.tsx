import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../app/app-info';
import { ProfileBar } from './ProfileBar';

/** Deep purple: unlike any of the app's own colours, and white on it reads at 9:1. */
export const TRAINING_COLOUR = '#5b1a86';

/** "TRAINING" on every screen of a training profile, from setup and sign-in on. */
export function TrainingBanner() {
  const { t } = useTranslation();
  const info = useAppInfo();
  if (info?.profile !== 'training') return null;
  return (
    <ProfileBar label={t('training.bannerLabel')} color={TRAINING_COLOUR}>
      {t('training.banner')}
    </ProfileBar>
  );
}
