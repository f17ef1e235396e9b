// The e-mail part of the New complaint page: import, what was filled in from which mail, and the
// files that become evidence once the complaint is saved.
import AttachFileIcon from '@mui/icons-material/AttachFile';
import { Alert, Chip, Stack, Typography } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { evidenceFromEmails, senderOf } from '../../../src-shared/domain/email-import';
import type { ImportedEmail } from '../../../src-shared/ipc/channels/email';
import { useFormat } from '../../app/format';
import { fileSize } from '../investigation/upload';
import { EmailImport } from './EmailImport';
import { describeMailFiles } from './import-email';
import { LeftOutWarning } from './LeftOutWarning';

export function IntakeFromEmail({
  imported,
  session,
  onImported,
  onRemove,
}: {
  imported: readonly ImportedEmail[];
  /** The unsaved complaint's intake session (see importEmailFile). */
  session: string;
  onImported: (mails: ImportedEmail[]) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const first = imported[0];
  const files = evidenceFromEmails(imported, describeMailFiles);
  return (
    <Stack spacing={1}>
      <EmailImport session={session} onImported={onImported} />
      {first && (
        <Alert severity="info" onClose={onRemove} slotProps={{ closeButton: { title: t('email.remove') } }}>
          <Typography variant="body2">
            {t('email.prefilled', { subject: first.subject || t('email.noSubject'), from: senderOf(first) })}
          </Typography>
          {imported.length > 1 && (
            <Typography variant="body2">
              {t('email.prefilledMore', { count: imported.length - 1 })}
            </Typography>
          )}
          <Typography variant="body2" sx={{ mt: 1, fontWeight: 600 }} id="email-evidence-title">
            {t('email.evidenceTitle')}
          </Typography>
          <Stack
            component="ul"
            direction="row"
            aria-labelledby="email-evidence-title"
            sx={{ flexWrap: 'wrap', gap: 1, listStyle: 'none', p: 0, m: 0, mt: 0.5 }}
          >
            {files.map((f) => (
              <li key={f.sha256}>
                <Chip
                  size="small"
                  icon={<AttachFileIcon />}
                  label={`${f.name} (${fileSize(f.size, format.number)})`}
                />
              </li>
            ))}
          </Stack>
        </Alert>
      )}
      {/* Until the complaint is saved or the e-mails removed: the evidence listed above is not whole. */}
      <LeftOutWarning mails={imported} />
    </Stack>
  );
}
