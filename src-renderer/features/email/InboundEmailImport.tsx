// E-mails dropped on a case's communications log (or chosen with "Import e-mail…"): each is
// recorded as an inbound contact, its files as the case's evidence.
import { Box } from '@mui/material';
import { useTranslation } from 'react-i18next';
import { evidenceFromEmails, inboundContactFromEmail } from '../../../src-shared/domain/email-import';
import type { ImportedEmail } from '../../../src-shared/ipc/channels/email';
import { useNotify } from '../../app/notifications';
import { recordInboundEmail } from '../../db/email';
import { getDb } from '../../db/schema';
import { useCurrentUser } from '../users/current-user';
import { EmailImport } from './EmailImport';
import { describeMailFiles, mailWords } from './import-email';

export function InboundEmailImport({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const { actor } = useCurrentUser();
  const record = async (mails: ImportedEmail[]) => {
    for (const mail of mails) {
      const files = evidenceFromEmails([mail], describeMailFiles);
      const now = new Date();
      await recordInboundEmail(
        getDb(),
        caseId,
        inboundContactFromEmail(mail, now, mailWords()),
        files,
        actor,
        now,
      );
      notify(t('email.recorded', { count: files.length }), 'success');
    }
  };
  return (
    <Box sx={{ mb: 2 }}>
      <EmailImport onImported={record} />
    </Box>
  );
}
