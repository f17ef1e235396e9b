import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppInfo } from '../../app/app-info';
import { getDb } from '../../db/schema';
import { isTrainingDatabase, markTrainingDatabase } from '../../db/training-mark';
import { ProfileBar } from './ProfileBar';

/**
 * Marks a training profile's database as one, and notices such a database opened as the live
 * profile (a folder copied, a marker lost): then every screen says so instead of TRAINING.
 */
export function TrainingDatabaseCheck() {
  const { t } = useTranslation();
  const info = useAppInfo();
  const [liveHoldsTraining, setLiveHoldsTraining] = useState(false);
  useEffect(() => {
    if (!info) return;
    const db = getDb();
    const done =
      info.profile === 'training'
        ? markTrainingDatabase(db)
        : isTrainingDatabase(db).then(setLiveHoldsTraining);
    done.catch((error: unknown) => console.error('Could not check the database’s profile', error));
  }, [info]);
  if (!liveHoldsTraining) return null;
  return (
    <ProfileBar label={t('training.liveHoldsTrainingLabel')} color="#b3261e">
      {t('training.liveHoldsTraining')}
    </ProfileBar>
  );
}
