// Says which attachments of the imported e-mails could not be kept, so the officer never takes the
// evidence for whole. It stays until the e-mails are saved or removed, or the officer closes it.
import { Alert, Button, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import type { ImportedEmail } from '../../../src-shared/ipc/channels/email';
import { leftOutFiles } from './import-email';

export function LeftOutWarning({
  mails,
  onSeen,
}: {
  mails: readonly Pick<ImportedEmail, 'subject' | 'leftOut'>[];
  /** Offers "I’ve noted it", which hides the warning; without it the warning stays while shown. */
  onSeen?: () => void;
}) {
  const { t } = useTranslation();
  const withLeftOut = mails.filter((m) => m.leftOut.length > 0);
  if (withLeftOut.length === 0) return null;
  const count = withLeftOut.reduce((n, m) => n + m.leftOut.length, 0);
  return (
    <Alert
      severity="warning"
      action={
        onSeen && (
          <Button color="inherit" size="small" onClick={onSeen} sx={{ whiteSpace: 'nowrap' }}>
            {t('email.leftOutSeen')}
          </Button>
        )
      }
    >
      {withLeftOut.map((m, i) => (
        <Typography variant="body2" key={i}>
          {t('email.leftOut', {
            count: m.leftOut.length,
            subject: m.subject.trim() || t('email.noSubject'),
            files: leftOutFiles(m.leftOut),
          })}
        </Typography>
      ))}
      <Typography variant="body2" sx={{ mt: 0.5 }}>
        {t('email.leftOutHelp', { count })}
      </Typography>
    </Alert>
  );
}
